"""The demo's partner offers and training catalogue, linked to billing's demo products by their code.

An offer whose product is not in billing's catalogue (yet) is still created,
without a product: its page then tells how to obtain it from the partner.
"""

OFFERS = [
    {
        "slug": "microsoft-365-business-premium",
        "title": "Microsoft 365 Business Premium pour les associations",
        "publisher": "Microsoft",
        "product": "microsoft-365-business-premium",
        "themes": ("collaboration-cloud", "cybersecurite"),
        "summary": "Messagerie, Teams, OneDrive et la sécurité avancée de Microsoft, gratuits jusqu'à 10 utilisateurs.",
        "details": "<p>Dix licences Business Premium données par Microsoft, puis des licences à tarif réduit. "
        "Passerelle s'occupe de l'activation et facture uniquement des frais de gestion annuels.</p>"
        "<ul><li>Exchange, Teams, SharePoint et OneDrive (1 To par personne)</li>"
        "<li>Word, Excel et PowerPoint installables sur 5 appareils</li>"
        "<li>Intune et Defender pour protéger les postes</li></ul>",
        "eligibility": "<p>Associations loi 1901 vérifiées, hors associations cultuelles et politiques. "
        "Un compte administrateur doit être désigné par le bureau.</p>",
    },
    {
        "slug": "google-workspace-nonprofits",
        "title": "Google Workspace for Nonprofits",
        "publisher": "Google",
        "product": "",
        "themes": ("collaboration-cloud",),
        "summary": "Gmail, Drive, Agenda et Meet gratuits pour toute l'équipe de l'association.",
        "details": "<p>L'édition gratuite de Google Workspace pour les associations, avec des remises sur les "
        "éditions Business et Enterprise.</p>",
        "eligibility": "<p>Associations vérifiées par Goodstack, le partenaire de Google. Passerelle vous "
        "accompagne dans la démarche.</p>",
        "how": "<p>Faites la demande depuis Google for Nonprofits, puis demandez un accompagnement à la "
        "migration à un prestataire de l'annuaire.</p>",
    },
    {
        "slug": "canva-pro",
        "title": "Canva Pro pour les associations",
        "publisher": "Canva",
        "product": "canva-pro-associations",
        "themes": ("communication",),
        "summary": "Tous les modèles, la charte graphique partagée et le travail à plusieurs sur les visuels.",
        "details": "<p>Canva Pro pour jusqu'à 50 personnes : kit de marque, suppression d'arrière-plan, "
        "planification des publications.</p>",
        "eligibility": "<p>Associations vérifiées ; une demande par association et par an.</p>",
    },
    {
        "slug": "antivirus-bitdefender",
        "title": "Antivirus et protection des postes",
        "publisher": "Bitdefender",
        "product": "bitdefender-gravityzone",
        "themes": ("cybersecurite",),
        "summary": "Une protection centralisée des ordinateurs de l'association, administrée en ligne.",
        "details": "<p>GravityZone Business Security : antivirus, pare-feu et console d'administration.</p>",
        "eligibility": "<p>Associations vérifiées, de 3 à 100 postes.</p>",
        "how": "<p>Commandez en boutique le nombre de postes à protéger : les clés d'activation s'affichent sur "
        "la page de la commande dès le paiement.</p>",
    },
    {
        "slug": "ordinateurs-portables-reconditionnes",
        "title": "Ordinateurs portables reconditionnés",
        "publisher": "Ateliers du Bocage",
        "product": "ordinateur-portable-reconditionne",
        "themes": ("equipement",),
        "summary": "Des portables professionnels reconditionnés en France par une entreprise d'insertion.",
        "details": "<p>Dell Latitude 14 pouces, processeur i5, 16 Go de mémoire, SSD de 256 Go, Windows 11 "
        "installé et garantie de 2 ans.</p>",
        "eligibility": "<p>Ouvert à toutes les organisations ; prix solidaires pour les associations vérifiées, "
        "dans la limite de 5 par an.</p>",
    },
    {
        "slug": "pack-site-internet",
        "title": "Pack support site internet",
        "publisher": "Prestataires vérifiés Passerelle",
        "product": "pack-support-site-web",
        "themes": ("communication",),
        "summary": "Dix heures d'un prestataire vérifié pour mettre à jour et faire évoluer votre site.",
        "details": "<p>Mises à jour de WordPress et des extensions, sauvegardes, petites évolutions, "
        "compte rendu à chaque intervention.</p>",
        "eligibility": "<p>Ouvert à toutes les organisations ; prix solidaire selon le budget de l'association.</p>",
    },
    {
        "slug": "audit-rgpd",
        "title": "Audit RGPD et plan d'action",
        "publisher": "Prestataires vérifiés Passerelle",
        "product": "audit-rgpd",
        "themes": ("donnees-rgpd",),
        "summary": "Un regard extérieur sur vos fichiers et un plan d'action priorisé pour vous mettre en conformité.",
        "details": "<p>Cartographie des traitements, registre, mentions d'information et durées de conservation.</p>",
        "eligibility": "<p>Associations vérifiées ; un audit par an.</p>",
    },
    {
        "slug": "bitwarden-teams",
        "title": "Gestionnaire de mots de passe Bitwarden",
        "publisher": "Bitwarden",
        "product": "bitwarden-teams",
        "themes": ("cybersecurite",),
        "summary": "Des coffres partagés pour les accès de l'association, à tarif associatif.",
        "details": "<p>Bitwarden Teams avec la remise associative de l'éditeur.</p>",
        "eligibility": "<p>Associations vérifiées ; jusqu'à 30 utilisateurs par an.</p>",
        "how": "<p>Commandez en boutique le nombre d'utilisateurs ; l'invitation dans l'organisation Bitwarden "
        "de votre association arrive sous deux jours ouvrés.</p>",
    },
    {
        "slug": "helloasso-collecte",
        "title": "Collecte de dons et adhésions en ligne",
        "publisher": "HelloAsso",
        "product": "",
        "themes": ("collecte-de-fonds",),
        "summary": "Des formulaires de don et d'adhésion sans commission pour l'association.",
        "details": "<p>Billetterie, adhésions, dons et boutique ; reçus fiscaux automatiques.</p>",
        "eligibility": "<p>Toutes les associations françaises.</p>",
        "how": "<p>Création du compte sur HelloAsso ; un tutoriel est disponible dans le centre de ressources.</p>",
    },
    {
        "slug": "adobe-express",
        "title": "Adobe Express et Acrobat pour les associations",
        "publisher": "Adobe",
        "product": "",
        "themes": ("communication", "accessibilite"),
        "summary": "Créer des visuels et des PDF accessibles, avec les remises associatives d'Adobe.",
        "details": "<p>Adobe Express Premium gratuit et Acrobat Pro à prix réduit.</p>",
        "eligibility": "<p>Associations vérifiées par le programme d'Adobe.</p>",
        "how": "<p>Demande auprès d'Adobe, avec l'aide de l'équipe Passerelle si besoin.</p>",
    },
]

TRAININGS = [
    {
        "slug": "securiser-outils-numeriques",
        "title": "Sécuriser les outils numériques de l'association",
        "product": "formation-cybersecurite",
        "themes": ("cybersecurite",),
        "summary": "Une journée pour protéger les comptes, les postes et les données de l'association.",
        "objectives": "<ul><li>Repérer les risques courants (hameçonnage, rançongiciel)</li>"
        "<li>Mettre en place un gestionnaire de mots de passe et la double authentification</li>"
        "<li>Organiser les sauvegardes</li></ul>",
        "programme": (
            ("h", "Matin"),
            ("p", "<p>Les menaces qui visent les associations ; exercices sur de vrais courriels piégés.</p>"),
            ("h", "Après-midi"),
            ("p", "<p>Mise en place d'un coffre partagé et d'une règle de sauvegarde 3-2-1.</p>"),
        ),
        "prerequisites": "<p>Savoir utiliser un ordinateur et une messagerie.</p>",
        "duration": "1 jour (7 heures)",
        "certification": "Organisme certifié Qualiopi",
    },
    {
        "slug": "microsoft-365-au-quotidien",
        "title": "Microsoft 365 au quotidien",
        "product": "formation-microsoft-365",
        "themes": ("collaboration-cloud",),
        "summary": "Teams, OneDrive et SharePoint pour travailler à plusieurs sans perdre un fichier.",
        "objectives": "<ul><li>Organiser les fichiers partagés</li><li>Animer une équipe dans Teams</li></ul>",
        "programme": (("p", "<p>Deux demi-journées à distance, avec des exercices sur votre propre espace.</p>"),),
        "prerequisites": "<p>Disposer de licences Microsoft 365 actives.</p>",
        "duration": "2 demi-journées (7 heures)",
        "certification": "Organisme certifié Qualiopi",
    },
    {
        "slug": "rgpd-en-pratique",
        "title": "Le RGPD en pratique pour les associations",
        "product": "formation-rgpd",
        "themes": ("donnees-rgpd",),
        "summary": "Tenir son registre, informer les adhérents et répondre à leurs demandes.",
        "objectives": "<ul><li>Rédiger le registre des traitements</li><li>Fixer les durées de conservation</li></ul>",
        "programme": (("p", "<p>Une journée en atelier, à partir des fichiers de votre association.</p>"),),
        "prerequisites": "",
        "duration": "1 jour (7 heures)",
        "certification": "Organisme certifié Qualiopi",
    },
    {
        "slug": "canva-communication-visuelle",
        "title": "Créer ses visuels avec Canva",
        "product": "formation-canva",
        "themes": ("communication",),
        "summary": "Une charte simple et des modèles réutilisables pour les affiches et les réseaux sociaux.",
        "objectives": "<ul><li>Créer un kit de marque</li><li>Décliner un visuel pour chaque réseau</li></ul>",
        "programme": (("p", "<p>Trois heures en ligne, exercices sur les prochains événements de l'association.</p>"),),
        "prerequisites": "<p>Un compte Canva (gratuit ou Pro).</p>",
        "duration": "3 heures",
        "certification": "",
    },
    {
        "slug": "tableur-suivi-adherents",
        "title": "Suivre ses adhérents avec un tableur",
        "product": "formation-tableur",
        "themes": ("gestion-organisation",),
        "summary": "Construire un fichier d'adhérents fiable, filtrable et conforme au RGPD.",
        "objectives": "<ul><li>Structurer un tableau</li><li>Utiliser filtres et tableaux croisés</li></ul>",
        "programme": (("p", "<p>Une demi-journée à distance avec LibreOffice Calc ou Excel.</p>"),),
        "prerequisites": "",
        "duration": "1 demi-journée (3 h 30)",
        "certification": "",
    },
    {
        "slug": "documents-accessibles",
        "title": "Des documents et un site accessibles",
        "product": "formation-accessibilite",
        "themes": ("accessibilite", "communication"),
        "summary": "Rendre ses documents, e-mails et pages web lisibles par toutes et tous.",
        "objectives": "<ul><li>Connaître les bases du RGAA</li><li>Produire un PDF accessible</li></ul>",
        "programme": (("p", "<p>Une journée alternant démonstrations et corrections de vos documents.</p>"),),
        "prerequisites": "<p>Savoir utiliser un traitement de texte.</p>",
        "duration": "1 jour (7 heures)",
        "certification": "Organisme certifié Qualiopi",
    },
]
