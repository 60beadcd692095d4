"""Initial managed taxonomy of digital skills (domains and skills), as plain Python data.

Why the data lives here rather than in a fixture or in the migration itself:

* A data migration loads it once to create the initial ``Domain``/``Skill`` rows; the demo seeder
  reuses it so demo data always matches production. After that first load the database is the
  source of truth: staff edit labels, synonyms and ordering in the admin, and later edits to this
  file are *not* re-applied automatically (write a new data migration for that).
* Keeping it free of Django imports means it can be imported from migrations (which must not
  depend on the current models), from the seeder and from plain tests without a database.

Slugs are stable identifiers: saved searches, provider profiles, project requests and search
synonyms refer to them. Never rename or reuse a slug; change the labels instead, and retire a skill
by deactivating it in the admin.

Synonyms are what people actually type (French first, then English), lower-case, used to build the
search engine's synonym sets. The first synonym of each skill is its most common French phrasing.
They must not contain commas or ``=>``, which the synonym file format reserves.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DomainSeed:
    slug: str
    label_fr: str
    label_en: str


@dataclass(frozen=True)
class SkillSeed:
    slug: str
    domain: str
    label_fr: str
    label_en: str
    synonyms: tuple[str, ...]


DOMAINS: tuple[DomainSeed, ...] = (
    DomainSeed("website-cms", "Site internet et CMS", "Website & CMS"),
    DomainSeed("ecommerce-donations", "E-commerce et dons en ligne", "E-commerce & online donations"),
    DomainSeed("crm-members", "CRM et gestion des adhérents", "CRM & member management"),
    DomainSeed("cloud-collaboration", "Cloud et outils collaboratifs", "Cloud & collaboration"),
    DomainSeed("cybersecurity-gdpr", "Cybersécurité et RGPD", "Cybersecurity & GDPR"),
    DomainSeed("data-dashboards", "Données et tableaux de bord", "Data & dashboards"),
    DomainSeed("networks-hardware", "Réseaux et matériel", "Networks & hardware"),
    DomainSeed(
        "digital-communication",
        "Communication digitale et réseaux sociaux",
        "Digital communication & social media",
    ),
    DomainSeed("training-inclusion", "Formation et inclusion numérique", "Training & digital inclusion"),
    DomainSeed("accessibility", "Accessibilité numérique", "Digital accessibility"),
    DomainSeed("software-development", "Développement logiciel", "Software development"),
)


SKILLS: tuple[SkillSeed, ...] = (
    # --- Site internet et CMS -------------------------------------------------------------------
    SkillSeed(
        "site-vitrine",
        "website-cms",
        "Site vitrine",
        "Showcase website",
        ("site internet", "site web", "site vitrine", "website", "présence en ligne"),
    ),
    SkillSeed(
        "wordpress",
        "website-cms",
        "WordPress",
        "WordPress",
        ("site wordpress", "wordpress", "wp", "thème wordpress", "extension wordpress"),
    ),
    SkillSeed(
        "drupal",
        "website-cms",
        "Drupal",
        "Drupal",
        ("site drupal", "drupal"),
    ),
    SkillSeed(
        "site-sans-code",
        "website-cms",
        "Site sans code (Wix, Squarespace, Jimdo)",
        "No-code website builders (Wix, Squarespace, Jimdo)",
        ("site sans code", "wix", "squarespace", "jimdo", "no-code"),
    ),
    SkillSeed(
        "refonte-site",
        "website-cms",
        "Refonte de site internet",
        "Website redesign",
        ("refonte de site", "refonte du site internet", "nouveau site", "website redesign", "redesign"),
    ),
    SkillSeed(
        "hebergement-web",
        "website-cms",
        "Hébergement web",
        "Web hosting",
        ("hébergement web", "hébergeur", "hébergement du site", "web hosting", "hosting"),
    ),
    SkillSeed(
        "nom-de-domaine",
        "website-cms",
        "Nom de domaine et DNS",
        "Domain name & DNS",
        ("nom de domaine", "adresse du site", "dns", "domain name"),
    ),
    SkillSeed(
        "maintenance-site",
        "website-cms",
        "Maintenance de site internet",
        "Website maintenance",
        ("maintenance du site", "mises à jour du site", "site piraté", "website maintenance"),
    ),
    SkillSeed(
        "referencement-seo",
        "website-cms",
        "Référencement naturel (SEO)",
        "Search engine optimisation (SEO)",
        ("référencement", "référencement naturel", "seo", "visibilité sur google", "search engine optimization"),
    ),
    # --- E-commerce et dons en ligne ------------------------------------------------------------
    SkillSeed(
        "dons-en-ligne",
        "ecommerce-donations",
        "Dons en ligne",
        "Online donations",
        ("don en ligne", "formulaire de don", "collecte", "crowdfunding", "donation", "online donation"),
    ),
    SkillSeed(
        "helloasso",
        "ecommerce-donations",
        "HelloAsso",
        "HelloAsso",
        ("helloasso", "hello asso", "formulaire helloasso"),
    ),
    SkillSeed(
        "financement-participatif",
        "ecommerce-donations",
        "Financement participatif (Ulule, KissKissBankBank)",
        "Crowdfunding campaigns (Ulule, KissKissBankBank)",
        ("financement participatif", "cagnotte en ligne", "ulule", "kisskissbankbank", "crowdfunding"),
    ),
    SkillSeed(
        "recus-fiscaux",
        "ecommerce-donations",
        "Reçus fiscaux automatisés",
        "Automated tax receipts",
        ("reçu fiscal", "reçus fiscaux", "cerfa", "tax receipt"),
    ),
    SkillSeed(
        "adhesions-en-ligne",
        "ecommerce-donations",
        "Adhésions et cotisations en ligne",
        "Online membership sign-up & dues",
        ("adhésion en ligne", "cotisation en ligne", "paiement des cotisations", "online membership"),
    ),
    SkillSeed(
        "billetterie",
        "ecommerce-donations",
        "Billetterie en ligne",
        "Online ticketing",
        ("billetterie", "inscription à un événement", "vente de billets", "ticketing", "event registration"),
    ),
    SkillSeed(
        "boutique-en-ligne",
        "ecommerce-donations",
        "Boutique en ligne",
        "Online shop",
        ("boutique en ligne", "vente en ligne", "e-commerce", "ecommerce", "online shop"),
    ),
    SkillSeed(
        "woocommerce",
        "ecommerce-donations",
        "WooCommerce",
        "WooCommerce",
        ("woocommerce", "boutique wordpress", "woo commerce"),
    ),
    SkillSeed(
        "paiement-en-ligne",
        "ecommerce-donations",
        "Paiement en ligne (Stripe, PayPal, SEPA)",
        "Online payments (Stripe, PayPal, SEPA)",
        ("paiement en ligne", "prélèvement sepa", "stripe", "paypal", "terminal de paiement", "online payment"),
    ),
    # --- CRM et gestion des adhérents ------------------------------------------------------------
    SkillSeed(
        "crm-associatif",
        "crm-members",
        "CRM associatif",
        "Nonprofit CRM",
        ("crm associatif", "crm", "base de contacts", "gestion des contacts", "nonprofit crm"),
    ),
    SkillSeed(
        "gestion-des-adherents",
        "crm-members",
        "Gestion des adhérents",
        "Member management",
        ("gestion des adhérents", "fichier des adhérents", "base adhérents", "member management", "membership"),
    ),
    SkillSeed(
        "salesforce-nonprofit",
        "crm-members",
        "Salesforce Nonprofit Cloud",
        "Salesforce Nonprofit Cloud",
        ("salesforce", "salesforce nonprofit", "nonprofit cloud", "npsp"),
    ),
    SkillSeed(
        "civicrm",
        "crm-members",
        "CiviCRM",
        "CiviCRM",
        ("civicrm", "civi crm"),
    ),
    SkillSeed(
        "assoconnect",
        "crm-members",
        "AssoConnect",
        "AssoConnect",
        ("assoconnect", "asso connect"),
    ),
    SkillSeed(
        "erp-libre",
        "crm-members",
        "Progiciel de gestion libre (Dolibarr, Odoo)",
        "Open-source ERP (Dolibarr, Odoo)",
        ("progiciel de gestion", "dolibarr", "odoo", "erp", "comptabilité associative"),
    ),
    SkillSeed(
        "emailing",
        "crm-members",
        "E-mailing et campagnes d’e-mails",
        "Email marketing campaigns",
        ("emailing", "e-mailing", "campagne d'e-mails", "mailchimp", "brevo", "email marketing"),
    ),
    SkillSeed(
        "gestion-des-benevoles",
        "crm-members",
        "Gestion des bénévoles",
        "Volunteer management",
        ("gestion des bénévoles", "planning des bénévoles", "bénévolat", "volunteer management"),
    ),
    SkillSeed(
        "gestion-des-donateurs",
        "crm-members",
        "Gestion et fidélisation des donateurs",
        "Donor management & retention",
        ("gestion des donateurs", "fidélisation des donateurs", "fichier donateurs", "donor management"),
    ),
    # --- Cloud et outils collaboratifs -----------------------------------------------------------
    SkillSeed(
        "microsoft-365",
        "cloud-collaboration",
        "Microsoft 365",
        "Microsoft 365",
        ("microsoft 365", "office 365", "o365", "m365"),
    ),
    SkillSeed(
        "google-workspace",
        "cloud-collaboration",
        "Google Workspace",
        "Google Workspace",
        ("google workspace", "g suite", "gmail", "google drive", "google for nonprofits"),
    ),
    SkillSeed(
        "nextcloud",
        "cloud-collaboration",
        "Nextcloud",
        "Nextcloud",
        ("nextcloud", "cloud libre", "owncloud", "alternative à google drive"),
    ),
    SkillSeed(
        "sharepoint-teams",
        "cloud-collaboration",
        "SharePoint et Teams",
        "SharePoint & Teams",
        ("teams", "sharepoint", "microsoft teams", "intranet"),
    ),
    SkillSeed(
        "migration-cloud",
        "cloud-collaboration",
        "Migration vers le cloud",
        "Cloud migration",
        ("migration vers le cloud", "passage au cloud", "migration cloud", "cloud migration"),
    ),
    SkillSeed(
        "messagerie",
        "cloud-collaboration",
        "Messagerie professionnelle",
        "Business email",
        ("messagerie", "adresse e-mail", "boîte mail", "e-mail professionnel", "business email"),
    ),
    SkillSeed(
        "visioconference",
        "cloud-collaboration",
        "Visioconférence",
        "Video conferencing",
        ("visioconférence", "visio", "réunion à distance", "zoom", "jitsi", "video conferencing"),
    ),
    SkillSeed(
        "partage-documents",
        "cloud-collaboration",
        "Partage de fichiers et gestion documentaire",
        "File sharing & document management",
        ("partage de fichiers", "gestion documentaire", "serveur de fichiers", "drive", "file sharing"),
    ),
    # --- Cybersécurité et RGPD -------------------------------------------------------------------
    SkillSeed(
        "audit-securite",
        "cybersecurity-gdpr",
        "Audit de sécurité",
        "Security audit",
        ("audit de sécurité", "audit cybersécurité", "test d'intrusion", "pentest", "security audit"),
    ),
    SkillSeed(
        "rgpd-conformite",
        "cybersecurity-gdpr",
        "RGPD et mise en conformité",
        "GDPR compliance",
        ("rgpd", "mise en conformité rgpd", "protection des données", "dpo", "gdpr"),
    ),
    SkillSeed(
        "politique-confidentialite",
        "cybersecurity-gdpr",
        "Mentions légales, confidentialité et cookies",
        "Legal notice, privacy policy & cookies",
        ("politique de confidentialité", "mentions légales", "bandeau cookies", "cookies", "privacy policy"),
    ),
    SkillSeed(
        "sauvegarde",
        "cybersecurity-gdpr",
        "Sauvegarde et restauration des données",
        "Backup & recovery",
        ("sauvegarde", "sauvegarde externalisée", "restauration des données", "plan de reprise", "backup"),
    ),
    SkillSeed(
        "sensibilisation-phishing",
        "cybersecurity-gdpr",
        "Sensibilisation au phishing",
        "Phishing awareness",
        ("sensibilisation au phishing", "hameçonnage", "faux e-mails", "arnaques en ligne", "phishing"),
    ),
    SkillSeed(
        "gestion-mots-de-passe",
        "cybersecurity-gdpr",
        "Gestion des mots de passe",
        "Password management",
        (
            "gestion des mots de passe",
            "gestionnaire de mots de passe",
            "double authentification",
            "bitwarden",
            "keepass",
            "password manager",
        ),
    ),
    SkillSeed(
        "securisation-postes",
        "cybersecurity-gdpr",
        "Sécurisation des postes et antivirus",
        "Endpoint security & antivirus",
        ("antivirus", "sécurisation des postes", "pare-feu", "mises à jour de sécurité", "endpoint security"),
    ),
    SkillSeed(
        "reponse-incident",
        "cybersecurity-gdpr",
        "Réponse à incident et rançongiciel",
        "Incident response & ransomware",
        ("cyberattaque", "piratage", "rançongiciel", "incident de sécurité", "ransomware"),
    ),
    # --- Données et tableaux de bord -------------------------------------------------------------
    SkillSeed(
        "tableaux-de-bord",
        "data-dashboards",
        "Tableaux de bord",
        "Dashboards",
        ("tableau de bord", "indicateurs", "reporting", "kpi", "dashboard"),
    ),
    SkillSeed(
        "power-bi",
        "data-dashboards",
        "Power BI",
        "Power BI",
        ("power bi", "powerbi", "microsoft power bi"),
    ),
    SkillSeed(
        "looker-studio",
        "data-dashboards",
        "Looker Studio",
        "Looker Studio",
        ("looker studio", "google data studio", "data studio"),
    ),
    SkillSeed(
        "tableur-avance",
        "data-dashboards",
        "Tableur avancé (Excel, LibreOffice Calc, Google Sheets)",
        "Advanced spreadsheets (Excel, LibreOffice Calc, Google Sheets)",
        ("tableur", "excel", "tableau croisé dynamique", "google sheets", "libreoffice calc", "spreadsheet"),
    ),
    SkillSeed(
        "base-de-donnees-sans-code",
        "data-dashboards",
        "Base de données sans code (Airtable, Grist)",
        "No-code databases (Airtable, Grist)",
        ("base de données", "airtable", "grist", "notion", "no-code database"),
    ),
    SkillSeed(
        "migration-donnees",
        "data-dashboards",
        "Migration de données",
        "Data migration",
        ("migration de données", "reprise de données", "import de données", "data migration"),
    ),
    SkillSeed(
        "automatisation",
        "data-dashboards",
        "Automatisation des tâches (Zapier, n8n, Make)",
        "Workflow automation (Zapier, n8n, Make)",
        ("automatisation", "zapier", "n8n", "make.com", "integromat", "workflow automation"),
    ),
    SkillSeed(
        "mesure-impact",
        "data-dashboards",
        "Mesure d’impact social",
        "Social impact measurement",
        ("mesure d'impact", "impact social", "évaluation d'impact", "rapport d'activité", "impact measurement"),
    ),
    # --- Réseaux et matériel ---------------------------------------------------------------------
    SkillSeed(
        "reseau-wifi",
        "networks-hardware",
        "Réseau et Wi-Fi",
        "Networking & Wi-Fi",
        ("réseau", "wifi", "wi-fi", "box internet", "câblage", "network"),
    ),
    SkillSeed(
        "parc-informatique",
        "networks-hardware",
        "Gestion du parc informatique",
        "IT asset management & support",
        ("parc informatique", "maintenance informatique", "infogérance", "support informatique", "it support"),
    ),
    SkillSeed(
        "installation-postes",
        "networks-hardware",
        "Installation et configuration des postes",
        "Workstation setup",
        ("installation d'ordinateurs", "configuration des postes", "installation de logiciels", "workstation setup"),
    ),
    SkillSeed(
        "materiel-reconditionne",
        "networks-hardware",
        "Matériel reconditionné",
        "Refurbished hardware",
        ("matériel reconditionné", "ordinateur reconditionné", "don de matériel", "reconditionnement", "refurbished"),
    ),
    SkillSeed(
        "serveur-nas",
        "networks-hardware",
        "Serveur et NAS",
        "Servers & NAS",
        ("serveur", "nas", "serveur local", "synology", "server"),
    ),
    SkillSeed(
        "telephonie",
        "networks-hardware",
        "Téléphonie et standard",
        "Telephony & switchboard",
        ("téléphonie", "standard téléphonique", "téléphonie ip", "voip", "telephony"),
    ),
    SkillSeed(
        "impression",
        "networks-hardware",
        "Imprimantes et solutions d’impression",
        "Printers & printing",
        ("imprimante", "photocopieur", "impression", "printer"),
    ),
    SkillSeed(
        "numerique-responsable",
        "networks-hardware",
        "Numérique responsable",
        "Sustainable IT",
        ("numérique responsable", "sobriété numérique", "écoconception", "green it", "sustainable it"),
    ),
    # --- Communication digitale et réseaux sociaux -----------------------------------------------
    SkillSeed(
        "reseaux-sociaux",
        "digital-communication",
        "Gestion des réseaux sociaux",
        "Social media management",
        ("réseaux sociaux", "community management", "facebook", "instagram", "linkedin", "social media"),
    ),
    SkillSeed(
        "strategie-communication",
        "digital-communication",
        "Stratégie de communication digitale",
        "Digital communication strategy",
        (
            "stratégie de communication",
            "communication digitale",
            "communication numérique",
            "plan de communication",
            "digital strategy",
        ),
    ),
    SkillSeed(
        "newsletter",
        "digital-communication",
        "Newsletter",
        "Newsletter",
        ("newsletter", "lettre d'information", "infolettre", "bulletin"),
    ),
    SkillSeed(
        "graphisme-canva",
        "digital-communication",
        "Graphisme et Canva",
        "Graphic design & Canva",
        ("graphisme", "canva", "logo", "charte graphique", "affiche", "graphic design"),
    ),
    SkillSeed(
        "video",
        "digital-communication",
        "Vidéo et montage",
        "Video production & editing",
        ("vidéo", "montage vidéo", "tournage", "film", "video"),
    ),
    SkillSeed(
        "podcast",
        "digital-communication",
        "Podcast et audio",
        "Podcasting & audio",
        ("podcast", "audio", "webradio", "podcasting"),
    ),
    SkillSeed(
        "redaction-web",
        "digital-communication",
        "Rédaction web",
        "Web copywriting",
        ("rédaction web", "rédaction de contenus", "blog", "copywriting"),
    ),
    SkillSeed(
        "publicite-en-ligne",
        "digital-communication",
        "Publicité en ligne et Google Ad Grants",
        "Online advertising & Google Ad Grants",
        ("publicité en ligne", "google ad grants", "google ads", "campagne sponsorisée", "online advertising"),
    ),
    # --- Formation et inclusion numérique --------------------------------------------------------
    SkillSeed(
        "formation-bureautique",
        "training-inclusion",
        "Formation bureautique",
        "Office software training",
        ("formation bureautique", "formation word", "formation excel", "bureautique", "office training"),
    ),
    SkillSeed(
        "formation-outils-collaboratifs",
        "training-inclusion",
        "Formation aux outils collaboratifs",
        "Collaboration tools training",
        (
            "formation aux outils collaboratifs",
            "formation teams",
            "formation google workspace",
            "collaboration training",
        ),
    ),
    SkillSeed(
        "formation-cybersecurite",
        "training-inclusion",
        "Formation à la cybersécurité",
        "Cybersecurity training",
        ("formation cybersécurité", "hygiène numérique", "bonnes pratiques de sécurité", "security training"),
    ),
    SkillSeed(
        "formation-reseaux-sociaux",
        "training-inclusion",
        "Formation aux réseaux sociaux",
        "Social media training",
        ("formation réseaux sociaux", "formation community management", "social media training"),
    ),
    SkillSeed(
        "inclusion-numerique",
        "training-inclusion",
        "Inclusion numérique",
        "Digital inclusion",
        ("inclusion numérique", "médiation numérique", "fracture numérique", "illectronisme", "digital inclusion"),
    ),
    SkillSeed(
        "demarches-en-ligne",
        "training-inclusion",
        "Accompagnement aux démarches en ligne",
        "Help with online administrative procedures",
        ("démarches en ligne", "démarches administratives", "aidants connect", "e-administration"),
    ),
    SkillSeed(
        "accompagnement-changement",
        "training-inclusion",
        "Accompagnement au changement",
        "Change management",
        ("accompagnement au changement", "conduite du changement", "adoption des outils", "change management"),
    ),
    SkillSeed(
        "diagnostic-numerique",
        "training-inclusion",
        "Diagnostic et stratégie numérique",
        "Digital maturity assessment & strategy",
        ("diagnostic numérique", "audit numérique", "maturité numérique", "schéma directeur", "digital assessment"),
    ),
    # --- Accessibilité numérique -----------------------------------------------------------------
    SkillSeed(
        "accessibilite-rgaa",
        "accessibility",
        "Accessibilité RGAA",
        "RGAA accessibility compliance",
        ("accessibilité", "rgaa", "wcag", "conformité accessibilité", "accessibility"),
    ),
    SkillSeed(
        "audit-accessibilite",
        "accessibility",
        "Audit d’accessibilité",
        "Accessibility audit",
        ("audit d'accessibilité", "audit rgaa", "déclaration d'accessibilité", "accessibility audit"),
    ),
    SkillSeed(
        "falc",
        "accessibility",
        "Facile à lire et à comprendre (FALC)",
        "Easy-to-read content (FALC)",
        ("falc", "facile à lire et à comprendre", "langage simplifié", "easy to read"),
    ),
    SkillSeed(
        "documents-accessibles",
        "accessibility",
        "Documents accessibles (PDF, traitement de texte)",
        "Accessible documents (PDF, word processing)",
        ("documents accessibles", "pdf accessible", "accessible documents"),
    ),
    SkillSeed(
        "sous-titrage",
        "accessibility",
        "Sous-titrage et transcription",
        "Captioning & transcription",
        ("sous-titrage", "sous-titres", "transcription", "langue des signes", "captions"),
    ),
    SkillSeed(
        "conception-inclusive",
        "accessibility",
        "Conception inclusive",
        "Inclusive design",
        ("conception inclusive", "design inclusif", "ux accessible", "inclusive design"),
    ),
    SkillSeed(
        "formation-accessibilite",
        "accessibility",
        "Formation à l’accessibilité numérique",
        "Digital accessibility training",
        ("formation accessibilité", "sensibilisation au handicap", "accessibility training"),
    ),
    # --- Développement logiciel ------------------------------------------------------------------
    SkillSeed(
        "developpement-web",
        "software-development",
        "Développement web sur mesure",
        "Custom web development",
        ("développement web", "développement sur mesure", "application web", "django", "web development"),
    ),
    SkillSeed(
        "application-mobile",
        "software-development",
        "Application mobile",
        "Mobile app",
        ("application mobile", "appli", "ios", "android", "mobile app"),
    ),
    SkillSeed(
        "outil-metier",
        "software-development",
        "Outil métier sur mesure",
        "Custom business software",
        ("outil métier", "logiciel sur mesure", "application métier", "custom software"),
    ),
    SkillSeed(
        "api-integrations",
        "software-development",
        "API et intégrations",
        "APIs & integrations",
        ("api", "intégration", "connecteur", "interconnexion", "webhook", "integration"),
    ),
    SkillSeed(
        "logiciels-libres",
        "software-development",
        "Logiciels libres",
        "Free & open-source software",
        ("logiciel libre", "open source", "open-source", "foss"),
    ),
    SkillSeed(
        "ux-ui-design",
        "software-development",
        "Design UX/UI",
        "UX/UI design",
        ("ergonomie", "maquettes", "ux design", "ui design", "prototype", "user experience"),
    ),
    SkillSeed(
        "maintenance-applicative",
        "software-development",
        "Maintenance applicative",
        "Application maintenance",
        ("maintenance applicative", "tierce maintenance applicative", "tma", "correctifs", "application maintenance"),
    ),
    SkillSeed(
        "cartographie",
        "software-development",
        "Cartographie interactive",
        "Interactive maps",
        ("carte interactive", "cartographie", "openstreetmap", "sig", "interactive map"),
    ),
    SkillSeed(
        "intelligence-artificielle",
        "software-development",
        "Intelligence artificielle et chatbots",
        "AI & chatbots",
        ("intelligence artificielle", "ia", "chatbot", "agent conversationnel", "ai"),
    ),
)
