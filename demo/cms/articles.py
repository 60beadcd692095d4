"""The demo resource centre's articles: short real guides, written for small French associations.

Each entry: slug (the idempotency key), title, themes, format, level,
audiences, provider skills, the demo offers and trainings to go further (their
slugs in `offers.py`), intro, and a body in a compact notation turned into
blocks by `seed._body`: ("h", title), ("h3", title), ("p", html), ("tip"|"info"|"warning", title, html),
("quote", text, who), ("faq", [(question, html answer)]).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ArticleSeed:
    slug: str
    title: str
    themes: tuple[str, ...]
    format: str
    level: str
    intro: str
    body: tuple
    audiences: tuple[str, ...] = ("tous-publics",)
    skills: tuple[str, ...] = ()
    author: str = "L'équipe Passerelle"
    offers: tuple[str, ...] = ()
    trainings: tuple[str, ...] = ()


ARTICLES = [
    ArticleSeed(
        "microsoft-365-associations",
        "Microsoft 365 pour les associations : ce qui est offert et comment l'obtenir",
        ("collaboration-cloud",),
        "guide",
        "beginner",
        "Les associations éligibles peuvent obtenir des licences Microsoft 365 gratuites ou à prix réduit. "
        "Voici les offres, les conditions et les étapes pour les activer sans se tromper.",
        (
            ("h", "Les offres à connaître"),
            (
                "p",
                "<p>Microsoft propose aux associations éligibles <b>Business Premium</b> gratuit dans la limite de "
                "10 licences, puis des licences à prix réduit. Business Basic reste gratuit pour 300 comptes. "
                "Chaque compte donne accès à Outlook, Teams, OneDrive (1 To) et aux applications Office en ligne.</p>",
            ),
            ("h", "Vérifier son éligibilité"),
            (
                "p",
                "<p>L'association doit être à but non lucratif, enregistrée (numéro RNA ou SIREN) et accepter la "
                "politique de non-discrimination de Microsoft. La validation passe par le portail "
                "« Microsoft Nonprofits » et prend de quelques jours à deux semaines.</p>",
            ),
            (
                "tip",
                "Préparez vos justificatifs",
                "<p>Gardez sous la main les statuts, le récépissé de déclaration "
                "et une adresse e-mail au nom de domaine de l'association.</p>",
            ),
            ("h", "Migrer sans perdre de données"),
            (
                "p",
                "<p>Commencez par un inventaire : boîtes mail, fichiers partagés, agendas. Migrez d'abord un petit "
                "groupe pilote, puis le reste de l'équipe. Prévoyez une courte formation à Teams et OneDrive.</p>",
            ),
            (
                "faq",
                [
                    (
                        "Les bénévoles peuvent-ils avoir un compte ?",
                        "<p>Oui, avec des licences Business Basic "
                        "gratuites, à condition de les désactiver à leur départ.</p>",
                    )
                ],
            ),
        ),
        audiences=("dirigeants", "salaries"),
        skills=("microsoft-365", "migration-cloud", "formation-outils-collaboratifs"),
        offers=("microsoft-365-business-premium",),
        trainings=("microsoft-365-au-quotidien",),
    ),
    ArticleSeed(
        "registre-rgpd-association",
        "Tenir le registre RGPD de son association en une après-midi",
        ("donnees-rgpd",),
        "guide",
        "beginner",
        "Le registre des traitements est la pièce centrale de la conformité RGPD. Même une petite association "
        "peut le rédiger simplement, traitement par traitement.",
        (
            ("h", "À quoi sert le registre"),
            (
                "p",
                "<p>Il recense les traitements de données personnelles : fichier des adhérents, dons, newsletter, "
                "bénévoles. Pour chacun : la finalité, les données collectées, qui y accède, la durée de "
                "conservation et les mesures de sécurité.</p>",
            ),
            ("h", "Les traitements habituels d'une association"),
            (
                "p",
                "<ul><li>Gestion des adhésions et cotisations</li><li>Dons et reçus fiscaux</li>"
                "<li>Communication (newsletter, réseaux sociaux)</li><li>Gestion des bénévoles</li></ul>",
            ),
            (
                "info",
                "Modèle de la CNIL",
                "<p>La CNIL publie un modèle de registre simplifié, adapté aux petites "
                "structures : partez de lui plutôt que d'une page blanche.</p>",
            ),
            ("h", "Fixer des durées de conservation"),
            (
                "p",
                "<p>Exemple : les données d'un adhérent sont conservées pendant l'adhésion puis trois ans ; les "
                "justificatifs de dons, six ans pour le contrôle fiscal.</p>",
            ),
        ),
        audiences=("dirigeants", "benevoles"),
        skills=("rgpd-conformite", "politique-confidentialite"),
    ),
    ArticleSeed(
        "sauvegardes-regle-3-2-1",
        "Sauvegardes : appliquer la règle 3-2-1 dans une petite association",
        ("cybersecurite", "equipement"),
        "guide",
        "beginner",
        "Un ordinateur volé, un rançongiciel ou une fausse manipulation : sans sauvegarde, des années de travail "
        "disparaissent. La règle 3-2-1 protège vos données à peu de frais.",
        (
            ("h", "La règle 3-2-1"),
            (
                "p",
                "<p><b>3</b> copies de vos données, sur <b>2</b> supports différents, dont <b>1</b> hors des "
                "locaux (un service en ligne ou un disque conservé ailleurs).</p>",
            ),
            ("h", "Que sauvegarder ?"),
            (
                "p",
                "<p>La comptabilité, le fichier des adhérents, les documents administratifs et les photos de "
                "l'association. Les logiciels se réinstallent, vos données non.</p>",
            ),
            (
                "warning",
                "Tester la restauration",
                "<p>Une sauvegarde jamais restaurée n'est qu'un espoir. Essayez "
                "de récupérer un fichier une fois par trimestre.</p>",
            ),
            ("h", "Automatiser"),
            (
                "p",
                "<p>Un NAS ou un service cloud avec synchronisation et historique de versions évite d'y penser. "
                "Désignez une personne responsable et notez la procédure.</p>",
            ),
        ),
        skills=("sauvegarde", "serveur-nas"),
    ),
    ArticleSeed(
        "helloasso-collecte-en-ligne",
        "Lancer sa collecte de dons en ligne avec HelloAsso",
        ("collecte-de-fonds",),
        "tutorial",
        "beginner",
        "HelloAsso permet de recevoir dons, adhésions et paiements de billetterie sans frais pour l'association. "
        "Pas à pas, de la création du compte au premier reçu fiscal.",
        (
            ("h", "Créer le compte de l'association"),
            (
                "p",
                "<p>Inscrivez l'association avec son numéro RNA ou SIREN, puis ajoutez un RIB et les justificatifs "
                "demandés. Les versements sont bloqués tant que le compte n'est pas validé.</p>",
            ),
            ("h", "Créer un formulaire de don"),
            (
                "p",
                "<p>Choisissez un titre concret (« Financez 50 repas solidaires »), une image, des montants "
                "suggérés et activez l'émission automatique des reçus fiscaux si l'association y est habilitée.</p>",
            ),
            (
                "tip",
                "Le modèle économique",
                "<p>HelloAsso se finance par une contribution volontaire proposée aux "
                "donateurs : expliquez-le dans votre page pour éviter les surprises.</p>",
            ),
            ("h", "Faire connaître la collecte"),
            (
                "p",
                "<p>Partagez le lien dans votre newsletter, sur les réseaux sociaux et affichez un QR code lors "
                "de vos événements.</p>",
            ),
        ),
        audiences=("benevoles", "dirigeants"),
        skills=("helloasso", "dons-en-ligne", "recus-fiscaux"),
    ),
    ArticleSeed(
        "canva-visuels-association",
        "Créer des visuels professionnels avec Canva",
        ("communication",),
        "tutorial",
        "beginner",
        "Affiches, publications pour les réseaux sociaux, flyers : Canva offre sa version Pro aux associations. "
        "Quelques règles simples suffisent pour des visuels cohérents.",
        (
            ("h", "Obtenir Canva pour les associations"),
            (
                "p",
                "<p>Le programme Canva pour les organisations à but non lucratif donne accès gratuitement aux "
                "fonctionnalités Pro pour jusqu'à 50 membres, après vérification de l'association.</p>",
            ),
            ("h", "Créer un kit de marque"),
            (
                "p",
                "<p>Enregistrez le logo, deux ou trois couleurs et deux polices : tout le monde produit ensuite "
                "des visuels cohérents, même les nouveaux bénévoles.</p>",
            ),
            ("h", "Penser accessibilité"),
            (
                "p",
                "<p>Contraste suffisant entre le texte et le fond, texte court, et toujours une description "
                "alternative quand vous publiez l'image.</p>",
            ),
        ),
        audiences=("benevoles",),
        skills=("graphisme-canva", "reseaux-sociaux"),
    ),
    ArticleSeed(
        "accessibilite-rgaa-site",
        "Rendre le site de l'association accessible : les bases du RGAA",
        ("accessibilite", "communication"),
        "guide",
        "intermediate",
        "Un site accessible se lit au clavier, avec un lecteur d'écran ou en grossissant le texte. Le RGAA donne "
        "le cadre ; voici les premiers critères à vérifier.",
        (
            ("h", "Pourquoi s'en préoccuper"),
            (
                "p",
                "<p>Une personne sur cinq vit avec un handicap. Un site accessible est aussi plus lisible pour "
                "tout le monde et mieux référencé.</p>",
            ),
            ("h", "Les vérifications prioritaires"),
            (
                "p",
                "<ul><li>Chaque image informative a une alternative textuelle.</li><li>Les contrastes sont "
                "suffisants (4,5:1 pour le texte).</li><li>Tout se fait au clavier, avec un focus visible.</li>"
                "<li>Les titres sont structurés (h1, h2, h3).</li><li>Les formulaires ont des étiquettes.</li></ul>",
            ),
            (
                "info",
                "Déclaration d'accessibilité",
                "<p>Les associations soumises à l'obligation doivent publier "
                "une déclaration indiquant le taux de conformité et un moyen de contact.</p>",
            ),
            ("h", "Se faire accompagner"),
            ("p", "<p>Un audit par un expert donne la liste des non-conformités et un plan d'action.</p>"),
        ),
        skills=("accessibilite-rgaa", "audit-accessibilite"),
    ),
    ArticleSeed(
        "mots-de-passe-gestionnaire",
        "Mots de passe : passer au gestionnaire et à la double authentification",
        ("cybersecurite",),
        "guide",
        "beginner",
        "Un mot de passe réutilisé suffit à compromettre la messagerie de l'association. Gestionnaire de mots "
        "de passe et double authentification règlent l'essentiel de la sécurité des comptes.",
        (
            ("h", "Un mot de passe par service"),
            (
                "p",
                "<p>Les fuites de données sont fréquentes : un mot de passe réutilisé ouvre toutes les portes. "
                "Utilisez des phrases de passe longues et uniques.</p>",
            ),
            ("h", "Le gestionnaire de mots de passe"),
            (
                "p",
                "<p>Bitwarden, KeePassXC ou le gestionnaire de votre suite bureautique retiennent tout pour vous. "
                "Les coffres partagés évitent de s'envoyer des mots de passe par e-mail.</p>",
            ),
            ("h", "Activer la double authentification"),
            (
                "p",
                "<p>Sur la messagerie, la banque et les réseaux sociaux, un code reçu sur le téléphone bloque "
                "la plupart des intrusions.</p>",
            ),
            (
                "warning",
                "Départ d'un bénévole",
                "<p>Changez les mots de passe partagés et retirez ses accès le jour même.</p>",
            ),
        ),
        audiences=("benevoles", "salaries"),
        skills=("gestion-mots-de-passe", "formation-cybersecurite"),
    ),
    ArticleSeed(
        "reconnaitre-phishing",
        "Reconnaître un e-mail de phishing en cinq indices",
        ("cybersecurite",),
        "tutorial",
        "beginner",
        "Faux président qui demande un virement urgent, fausse facture, faux colis : l'hameçonnage vise aussi "
        "les associations. Cinq indices pour le repérer avant de cliquer.",
        (
            ("h", "Les cinq indices"),
            (
                "p",
                "<ol><li>Une urgence ou une menace.</li><li>Une adresse d'expéditeur qui ne correspond pas.</li>"
                "<li>Un lien dont l'adresse réelle est étrange (survolez-le).</li><li>Une demande de paiement "
                "ou d'identifiants.</li><li>Des fautes ou un ton inhabituel.</li></ol>",
            ),
            ("h", "Que faire en cas de doute"),
            (
                "p",
                "<p>Ne cliquez pas, contactez l'expéditeur par un autre moyen et signalez le message sur "
                "signal-spam.fr. Si vous avez saisi un mot de passe, changez-le immédiatement.</p>",
            ),
            (
                "quote",
                "Le jour où notre trésorière a reçu un faux mail du président, on a compris qu'il fallait "
                "former tout le bureau.",
                "Président d'une association sportive",
            ),
        ),
        audiences=("benevoles", "salaries", "dirigeants"),
        skills=("sensibilisation-phishing",),
    ),
    ArticleSeed(
        "tableur-suivi-adherents",
        "Bien utiliser un tableur pour suivre ses adhérents",
        ("gestion-organisation",),
        "tutorial",
        "beginner",
        "Avant un logiciel dédié, un tableur bien construit suffit souvent pour suivre adhérents et cotisations. "
        "Structure, filtres et partage : les bonnes pratiques.",
        (
            ("h", "Une ligne par personne, une colonne par information"),
            (
                "p",
                "<p>Nom, prénom, e-mail, date d'adhésion, montant, mode de paiement. Pas de cellules fusionnées ni "
                "de couleurs porteuses d'information : le tableur doit pouvoir être trié et filtré.</p>",
            ),
            ("h", "Filtres, validation et tableaux croisés"),
            (
                "p",
                "<p>Les listes déroulantes évitent les fautes de frappe, les filtres retrouvent les cotisations "
                "impayées et un tableau croisé dynamique compte les adhérents par an.</p>",
            ),
            ("h", "Partager sans risque"),
            (
                "p",
                "<p>Un fichier en ligne partagé (LibreOffice, Excel ou Google Sheets) évite les versions multiples. "
                "Limitez l'accès aux personnes qui en ont besoin : ce sont des données personnelles.</p>",
            ),
            (
                "tip",
                "Quand passer à un CRM ?",
                "<p>Au-delà de quelques centaines de membres ou si plusieurs personnes "
                "modifient le fichier en même temps.</p>",
            ),
        ),
        audiences=("benevoles",),
        skills=("tableur-avance", "formation-bureautique"),
    ),
    ArticleSeed(
        "choisir-crm-associatif",
        "Choisir un CRM associatif : la méthode en quatre étapes",
        ("gestion-organisation", "donnees-rgpd"),
        "guide",
        "intermediate",
        "Adhérents, donateurs, bénévoles, partenaires : un CRM rassemble vos contacts et leur histoire. "
        "Pour bien le choisir, partez de vos usages, pas des fonctionnalités.",
        (
            ("h", "Lister ses usages"),
            (
                "p",
                "<p>Adhésions en ligne ? Reçus fiscaux ? Envoi de newsletters ? Gestion d'événements ? "
                "Classez les besoins en indispensables et souhaitables.</p>",
            ),
            ("h", "Comparer trois solutions"),
            (
                "p",
                "<p>AssoConnect, CiviCRM, Salesforce Nonprofit ou un outil sans code : demandez une démonstration "
                "avec vos propres cas et vérifiez l'hébergement des données en Europe.</p>",
            ),
            ("h", "Calculer le coût complet"),
            (
                "p",
                "<p>Abonnement, migration des données, formation et temps d'administration. Un outil gratuit "
                "mais complexe coûte souvent plus cher en temps bénévole.</p>",
            ),
            ("h", "Préparer la migration"),
            ("p", "<p>Nettoyez votre fichier actuel (doublons, contacts inactifs) avant d'importer.</p>"),
        ),
        audiences=("dirigeants", "salaries"),
        skills=("crm-associatif", "gestion-des-adherents", "migration-donnees"),
    ),
    ArticleSeed(
        "newsletter-association",
        "Réussir la newsletter de son association",
        ("communication",),
        "guide",
        "beginner",
        "La newsletter reste le canal le plus fidèle pour garder le lien avec adhérents et donateurs. "
        "Fréquence, contenu, outil et consentement.",
        (
            ("h", "Un rythme tenable"),
            (
                "p",
                "<p>Mieux vaut une lettre mensuelle régulière qu'une lettre hebdomadaire abandonnée au bout de "
                "trois numéros.</p>",
            ),
            ("h", "Des contenus utiles"),
            ("p", "<p>Une actualité, un appel à bénévoles, un événement, un remerciement chiffré aux donateurs.</p>"),
            (
                "info",
                "Consentement",
                "<p>Les adhérents peuvent recevoir des informations liées à leur adhésion ; "
                "pour le reste, recueillez un consentement et proposez toujours un lien de désinscription.</p>",
            ),
        ),
        skills=("emailing", "newsletter"),
    ),
    ArticleSeed(
        "reseaux-sociaux-strategie",
        "Quels réseaux sociaux pour son association ?",
        ("communication",),
        "guide",
        "beginner",
        "Être partout épuise les bénévoles. Choisissez un ou deux réseaux selon votre public et tenez un "
        "calendrier simple.",
        (
            ("h", "Où est votre public ?"),
            (
                "p",
                "<p>Facebook pour les habitants d'un territoire, Instagram pour les plus jeunes et le visuel, "
                "LinkedIn pour les partenaires et mécènes.</p>",
            ),
            ("h", "Un calendrier éditorial"),
            (
                "p",
                "<p>Deux publications par semaine, préparées à l'avance, valent mieux qu'une présence improvisée.</p>",
            ),
        ),
        audiences=("benevoles",),
        skills=("reseaux-sociaux", "strategie-communication"),
    ),
    ArticleSeed(
        "materiel-reconditionne",
        "S'équiper en ordinateurs reconditionnés",
        ("equipement",),
        "guide",
        "beginner",
        "Un ordinateur reconditionné coûte deux à trois fois moins cher qu'un neuf et réduit l'empreinte "
        "environnementale. Ce qu'il faut vérifier avant d'acheter.",
        (
            ("h", "Les critères techniques"),
            (
                "p",
                "<p>Pour la bureautique : 8 Go de mémoire, un disque SSD et un processeur de moins de six ans. "
                "Exigez une garantie d'au moins un an.</p>",
            ),
            ("h", "Où acheter"),
            (
                "p",
                "<p>Les structures de l'économie sociale et solidaire reconditionnent et proposent des tarifs "
                "associatifs, avec effacement certifié des données.</p>",
            ),
            ("tip", "Et le vieux matériel ?", "<p>Effacez les données et confiez-le à une filière de réemploi.</p>"),
        ),
        skills=("materiel-reconditionne", "parc-informatique"),
    ),
    ArticleSeed(
        "visioconference-outils",
        "Organiser des réunions à distance efficaces",
        ("collaboration-cloud",),
        "guide",
        "beginner",
        "Assemblées générales, conseils d'administration, réunions de bénévoles : la visioconférence est devenue "
        "un outil courant. Choisir l'outil et animer sans perdre personne.",
        (
            ("h", "Choisir l'outil"),
            (
                "p",
                "<p>Teams, Google Meet, Jitsi ou BigBlueButton : privilégiez celui que vos membres savent déjà "
                "utiliser et qui fonctionne depuis un navigateur.</p>",
            ),
            ("h", "Animer"),
            (
                "p",
                "<p>Un ordre du jour envoyé avant, un animateur, un secrétaire de séance et des pauses toutes "
                "les heures.</p>",
            ),
            (
                "info",
                "Assemblée générale à distance",
                "<p>Vérifiez que vos statuts l'autorisent et prévoyez un moyen de vote fiable.</p>",
            ),
        ),
        skills=("visioconference",),
    ),
    ArticleSeed(
        "partage-documents-cloud",
        "Partager ses documents dans le cloud sans perdre le contrôle",
        ("collaboration-cloud", "cybersecurite"),
        "tutorial",
        "intermediate",
        "Des dossiers partagés bien organisés évitent les pièces jointes en série et les versions perdues. "
        "Arborescence, droits d'accès et départs de bénévoles.",
        (
            ("h", "Une arborescence simple"),
            (
                "p",
                "<p>Un dossier par activité (administratif, comptabilité, communication, projets), nommé de la même "
                "façon pour tout le monde.</p>",
            ),
            ("h", "Des droits par groupe"),
            (
                "p",
                "<p>Donnez les accès à des groupes (bureau, bénévoles) plutôt qu'à des personnes : un départ se "
                "gère en une seule action.</p>",
            ),
            (
                "warning",
                "Comptes personnels",
                "<p>Les documents de l'association ne doivent pas dépendre du compte personnel d'un bénévole.</p>",
            ),
        ),
        skills=("partage-documents", "nextcloud", "google-workspace"),
    ),
    ArticleSeed(
        "google-workspace-associations",
        "Google Workspace pour les associations : l'offre et ses limites",
        ("collaboration-cloud",),
        "guide",
        "beginner",
        "Google propose gratuitement Workspace aux associations éligibles. Ce qui est inclus, la procédure "
        "et les points de vigilance sur les données.",
        (
            ("h", "Ce qui est inclus"),
            (
                "p",
                "<p>Gmail avec le nom de domaine de l'association, Drive, Agenda, Meet et Docs, pour un nombre "
                "illimité de comptes dans l'édition gratuite.</p>",
            ),
            ("h", "La procédure"),
            (
                "p",
                "<p>Inscription à Google pour les associations, vérification par un partenaire, puis activation "
                "de Workspace et configuration du nom de domaine.</p>",
            ),
            (
                "info",
                "RGPD",
                "<p>Les données peuvent être hébergées hors de l'Union européenne : mentionnez-le dans "
                "votre registre et votre politique de confidentialité.</p>",
            ),
        ),
        skills=("google-workspace", "migration-cloud"),
    ),
    ArticleSeed(
        "site-internet-sans-code",
        "Créer le site de son association sans coder",
        ("communication",),
        "tutorial",
        "beginner",
        "Un site simple présente l'association, ses actions et comment la soutenir. Les outils sans code "
        "permettent de le faire vivre entre bénévoles.",
        (
            ("h", "Les pages indispensables"),
            (
                "p",
                "<p>Qui sommes-nous, nos actions, agenda, nous soutenir (adhésion, don, bénévolat), contact, "
                "mentions légales.</p>",
            ),
            ("h", "Choisir l'outil"),
            (
                "p",
                "<p>WordPress avec un thème simple, ou un outil sans code : l'important est que plusieurs "
                "personnes sachent le mettre à jour.</p>",
            ),
        ),
        skills=("site-sans-code", "wordpress", "site-vitrine"),
    ),
    ArticleSeed(
        "webinaire-cybersecurite-replay",
        "Replay : la cybersécurité expliquée aux bénévoles",
        ("cybersecurite",),
        "webinar",
        "beginner",
        "Le replay de notre webinaire d'une heure : les menaces qui visent les associations et les dix réflexes "
        "à adopter, avec les questions des participants.",
        (
            ("h", "Au programme"),
            (
                "p",
                "<p>Les rançongiciels et l'hameçonnage, la sécurité des comptes, les sauvegardes, la mise à jour "
                "des postes et le réflexe en cas d'incident.</p>",
            ),
            (
                "faq",
                [
                    (
                        "Faut-il un antivirus payant ?",
                        "<p>Non, l'antivirus intégré à Windows suffit s'il est à jour.</p>",
                    ),
                    (
                        "Que faire après un piratage ?",
                        "<p>Changez les mots de passe, prévenez vos contacts et signalez "
                        "l'incident sur cybermalveillance.gouv.fr.</p>",
                    ),
                ],
            ),
        ),
        audiences=("benevoles",),
        skills=("formation-cybersecurite", "reponse-incident"),
        author="Intervenant : Karim Benali",
    ),
    ArticleSeed(
        "webinaire-rgpd-replay",
        "Replay : le RGPD en pratique pour les associations",
        ("donnees-rgpd",),
        "webinar",
        "intermediate",
        "Le replay de notre webinaire sur le RGPD : registre, droits des personnes, sous-traitants et "
        "violations de données, illustrés par des cas réels d'associations.",
        (
            ("h", "Au programme"),
            (
                "p",
                "<p>Les principes du RGPD, le registre des traitements, l'information des personnes, les "
                "contrats avec les prestataires et la gestion d'une violation de données.</p>",
            ),
            (
                "quote",
                "Le RGPD n'est pas une montagne : c'est surtout du bon sens écrit noir sur blanc.",
                "Intervenante du webinaire",
            ),
        ),
        audiences=("dirigeants",),
        skills=("rgpd-conformite",),
        author="Intervenante : Sophie Garnier",
    ),
    ArticleSeed(
        "etude-de-cas-banque-alimentaire",
        "Étude de cas : une épicerie solidaire passe au cloud",
        ("collaboration-cloud", "equipement"),
        "case_study",
        "intermediate",
        "Douze bénévoles, trois ordinateurs vieillissants et des fichiers sur une clé USB : comment une épicerie "
        "solidaire a modernisé ses outils en trois mois.",
        (
            ("h", "Le point de départ"),
            ("p", "<p>Des fichiers éparpillés, des doublons, aucune sauvegarde et un accès impossible à distance.</p>"),
            ("h", "Ce qui a été fait"),
            (
                "p",
                "<p>Activation de Microsoft 365 pour les associations, migration des fichiers vers SharePoint, "
                "deux ordinateurs reconditionnés et une formation de deux heures.</p>",
            ),
            ("h", "Les résultats"),
            (
                "p",
                "<p>Plus de clé USB, des plannings partagés et deux heures gagnées par semaine pour la "
                "coordinatrice.</p>",
            ),
            ("quote", "On n'imaginait pas que ce serait aussi simple une fois accompagnés.", "Coordinatrice bénévole"),
        ),
        skills=("microsoft-365", "sharepoint-teams"),
    ),
    ArticleSeed(
        "etude-de-cas-club-sportif-billetterie",
        "Étude de cas : un club sportif dématérialise adhésions et billetterie",
        ("collecte-de-fonds", "gestion-organisation"),
        "case_study",
        "beginner",
        "Trois cents licenciés, des chèques à encaisser et des fiches papier : le passage aux adhésions en ligne "
        "a changé la saison d'un club de basket.",
        (
            ("h", "Le besoin"),
            (
                "p",
                "<p>Réduire le temps passé par le trésorier à la rentrée et suivre les paiements en "
                "plusieurs fois.</p>",
            ),
            ("h", "La solution"),
            (
                "p",
                "<p>Un formulaire d'adhésion en ligne avec paiement fractionné, une billetterie pour le tournoi "
                "annuel et un export vers le tableur du trésorier.</p>",
            ),
            ("h", "Le bilan"),
            ("p", "<p>90 % des adhésions en ligne dès la première saison et des relances automatiques.</p>"),
        ),
        skills=("adhesions-en-ligne", "billetterie"),
    ),
    ArticleSeed(
        "barometre-numerique-associations",
        "Baromètre : où en est le numérique dans les associations ?",
        ("gestion-organisation", "equipement"),
        "study",
        "intermediate",
        "Équipement, compétences, usages, freins : la synthèse des grandes tendances observées dans les études "
        "sur le numérique associatif et ce qu'elles impliquent pour votre structure.",
        (
            ("h", "Des usages qui progressent"),
            (
                "p",
                "<p>La plupart des associations utilisent désormais la messagerie, le partage de fichiers et les "
                "réseaux sociaux ; les outils de gestion (CRM, comptabilité) restent moins répandus.</p>",
            ),
            ("h", "Des freins persistants"),
            (
                "p",
                "<p>Le manque de temps, de compétences et de budget reviennent en tête, avant la méfiance envers "
                "les outils.</p>",
            ),
            ("h", "Ce que cela implique"),
            (
                "p",
                "<p>Former les équipes et choisir peu d'outils, bien maîtrisés, pèse plus que la quantité "
                "d'équipement.</p>",
            ),
        ),
        audiences=("dirigeants",),
        skills=("diagnostic-numerique",),
        author="Observatoire Passerelle",
    ),
    ArticleSeed(
        "etude-cybersecurite-associations",
        "Étude : les associations face aux cyberattaques",
        ("cybersecurite",),
        "study",
        "advanced",
        "Les associations sont de plus en plus visées par l'hameçonnage et les rançongiciels. Ce que disent "
        "les signalements et les mesures les plus efficaces au regard de leur coût.",
        (
            ("h", "Les attaques les plus fréquentes"),
            (
                "p",
                "<p>Hameçonnage, piratage de comptes de messagerie et de réseaux sociaux, fraude au président, "
                "puis rançongiciels sur les structures employeuses.</p>",
            ),
            ("h", "Les mesures les plus rentables"),
            (
                "p",
                "<p>Double authentification, sauvegardes hors ligne, mises à jour automatiques et sensibilisation "
                "régulière : quatre mesures qui évitent la majorité des incidents.</p>",
            ),
        ),
        audiences=("dirigeants", "salaries"),
        skills=("audit-securite", "securisation-postes"),
        author="Observatoire Passerelle",
    ),
    ArticleSeed(
        "documents-accessibles",
        "Produire des documents accessibles (Word, PDF)",
        ("accessibilite",),
        "tutorial",
        "intermediate",
        "Rapport d'activité, convocation à l'assemblée générale, plaquette : un document bien structuré se lit "
        "avec un lecteur d'écran. Les réglages à connaître dans votre traitement de texte.",
        (
            ("h", "Utiliser les styles de titres"),
            ("p", "<p>Titre 1, Titre 2… plutôt que du gras agrandi : la structure devient navigable.</p>"),
            ("h", "Images et tableaux"),
            ("p", "<p>Ajoutez un texte de remplacement aux images et des en-têtes aux tableaux simples.</p>"),
            ("h", "Exporter en PDF balisé"),
            (
                "p",
                "<p>Cochez l'option « PDF balisé » ou « accessibilité » à l'export, puis vérifiez avec le "
                "vérificateur intégré.</p>",
            ),
        ),
        skills=("documents-accessibles", "falc"),
    ),
    ArticleSeed(
        "recus-fiscaux-dons",
        "Reçus fiscaux : les règles à connaître avant d'en émettre",
        ("collecte-de-fonds",),
        "guide",
        "intermediate",
        "Émettre des reçus fiscaux engage l'association. Éligibilité, mentions obligatoires, dématérialisation "
        "et déclaration annuelle des montants.",
        (
            ("h", "Qui peut émettre des reçus ?"),
            (
                "p",
                "<p>Les organismes d'intérêt général à gestion désintéressée, dont l'activité n'est pas réservée "
                "à un cercle restreint. En cas de doute, le rescrit fiscal sécurise la situation.</p>",
            ),
            ("h", "Les mentions obligatoires"),
            (
                "p",
                "<p>Utilisez le modèle Cerfa ou un reçu reprenant toutes ses mentions : identité du donateur, "
                "montant, date, forme et nature du don.</p>",
            ),
            (
                "warning",
                "Déclaration annuelle",
                "<p>Les montants des dons ouvrant droit à réduction d'impôt doivent "
                "être déclarés chaque année à l'administration fiscale.</p>",
            ),
        ),
        audiences=("dirigeants",),
        skills=("recus-fiscaux",),
    ),
    ArticleSeed(
        "mises-a-jour-postes",
        "Mettre à jour ses ordinateurs : le geste de sécurité le plus simple",
        ("cybersecurite", "equipement"),
        "tutorial",
        "beginner",
        "La plupart des attaques exploitent des failles déjà corrigées. Activer les mises à jour automatiques "
        "prend cinq minutes par poste.",
        (
            ("h", "Système et navigateur"),
            ("p", "<p>Activez les mises à jour automatiques de Windows, macOS ou Linux, et du navigateur.</p>"),
            ("h", "Les logiciels oubliés"),
            ("p", "<p>Lecteur PDF, suite bureautique, extensions : supprimez ce qui ne sert plus.</p>"),
            ("info", "Fin de support", "<p>Un système qui ne reçoit plus de mises à jour doit être remplacé.</p>"),
        ),
        skills=("securisation-postes", "installation-postes"),
    ),
    ArticleSeed(
        "migrer-vers-microsoft-365",
        "Migrer la messagerie et les fichiers de l'association vers Microsoft 365",
        ("collaboration-cloud",),
        "guide",
        "intermediate",
        "Boîtes mail chez le fournisseur d'accès, fichiers sur une clé USB ou dans le Drive personnel d'un bénévole : "
        "passer à Microsoft 365 remet tout au nom de l'association. Les étapes d'une migration réussie, "
        "du premier inventaire à la coupure de l'ancien service.",
        (
            ("h", "Avant de commencer : l'inventaire"),
            (
                "p",
                "<p>Listez les <b>boîtes mail</b> (personnelles et partagées comme contact@ ou tresorerie@), leur "
                "taille et leur fournisseur actuel, les <b>fichiers</b> et l'endroit où ils se trouvent, les "
                "<b>agendas</b> et les <b>listes de diffusion</b>. Notez aussi qui détient les accès au nom de "
                "domaine : sans lui, la migration s'arrête au milieu.</p>",
            ),
            (
                "tip",
                "Faites le ménage d'abord",
                "<p>Archivez les dossiers des projets terminés et supprimez les doublons avant de migrer : "
                "chaque gigaoctet en moins raccourcit la bascule.</p>",
            ),
            ("h", "Préparer l'espace Microsoft 365"),
            (
                "p",
                "<p>Une fois les licences obtenues (voir l'offre associée ci-dessous), ajoutez le nom de domaine de "
                "l'association dans le centre d'administration et prouvez qu'il vous appartient par un "
                "enregistrement DNS. Créez ensuite les comptes, attribuez les licences et créez les boîtes "
                "partagées, qui ne consomment pas de licence.</p>",
            ),
            (
                "warning",
                "Deux administrateurs, pas un",
                "<p>Désignez deux comptes administrateurs protégés par la double authentification, dont un membre "
                "du bureau : le départ d'un bénévole ne doit pas bloquer l'association.</p>",
            ),
            ("h", "Migrer la messagerie"),
            (
                "p",
                "<p>Depuis Gmail ou un hébergeur en IMAP, l'outil de migration d'Exchange Online copie les messages "
                "boîte par boîte pendant que l'ancienne messagerie fonctionne encore. Depuis des fichiers PST "
                "d'Outlook, utilisez l'import du centre de conformité. Lancez d'abord un <b>groupe pilote</b> de "
                "deux ou trois personnes.</p>",
            ),
            ("h3", "Le jour de la bascule"),
            (
                "p",
                "<p>Modifiez l'enregistrement MX du domaine pour que le courrier arrive dans Microsoft 365, ajoutez "
                "les enregistrements SPF, DKIM et DMARC, puis lancez une dernière synchronisation des messages "
                "reçus entre-temps. Prévenez l'équipe la veille : un vendredi soir laisse le week-end pour "
                "vérifier.</p>",
            ),
            ("h", "Migrer les fichiers"),
            (
                "p",
                "<p>Les fichiers communs vont dans un site <b>SharePoint</b> par activité (bureau, comptabilité, "
                "communication), relié à une équipe Teams ; les documents de travail personnels dans "
                "<b>OneDrive</b>. L'outil Migration Manager copie les dossiers d'un serveur ou d'un Drive en "
                "gardant les dates. Reprenez l'arborescence simple décidée pendant l'inventaire.</p>",
            ),
            (
                "info",
                "RGPD",
                "<p>Mettez à jour votre registre des traitements : hébergeur, localisation des données "
                "(Microsoft propose un stockage dans l'Union européenne) et personnes ayant accès.</p>",
            ),
            ("h", "Accompagner l'équipe"),
            (
                "p",
                "<p>Une migration réussie techniquement peut échouer si personne ne sait où trouver ses fichiers. "
                "Prévoyez une courte formation à Teams et OneDrive et une fiche d'une page : où ranger quoi, "
                "comment partager, à qui demander de l'aide.</p>",
            ),
            ("h", "Après la migration"),
            (
                "p",
                "<p>Gardez l'ancien service en lecture seule un mois, le temps de vérifier que rien ne manque, puis "
                "résiliez-le. Désactivez les comptes des personnes parties et convertissez leur boîte en boîte "
                "partagée si l'association doit garder les messages.</p>",
            ),
            (
                "faq",
                [
                    (
                        "Combien de temps faut-il prévoir ?",
                        "<p>Pour une association de 10 à 20 comptes, comptez deux à quatre semaines entre "
                        "l'inventaire et la résiliation de l'ancien service, dont une journée pour la bascule.</p>",
                    ),
                    (
                        "Faut-il un prestataire ?",
                        "<p>Pas toujours. Au-delà de quelques comptes, ou si le nom de domaine est mal documenté, "
                        "un prestataire vérifié de l'annuaire évite les messages perdus et les journées sans "
                        "courriel.</p>",
                    ),
                ],
            ),
        ),
        audiences=("dirigeants", "salaries", "benevoles"),
        skills=("migration-cloud", "microsoft-365", "sharepoint-teams", "formation-outils-collaboratifs"),
        offers=("microsoft-365-business-premium",),
        trainings=("microsoft-365-au-quotidien",),
    ),
]
