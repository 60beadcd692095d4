"""Static French demo data: organisations, places, people and the documented demo logins.

Kept as plain Python (no model imports) so that the README, tests and other
packages' seeders can read it without touching the database, and so that a
later feature extends the demo by adding a field or a line here rather than by
writing new random generators. Everything is fictional; any resemblance to a
real organisation is a coincidence of common French words.

Order matters: the seeder derives owners' names from each entry's position, so
new entries go at the end of a list to keep existing demo accounts unchanged.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

# Published in the README and printed by the command: not a secret.
DEMO_PASSWORD = "demo-passerelle-2026"

# Every demo address ends with this domain: `.test` is reserved (RFC 2606), so
# no demo email can ever reach a real mailbox.
DEMO_EMAIL_DOMAIN = "demo.test"


class Region(StrEnum):
    """The 13 metropolitan regions and the 5 overseas regions (régions d'outre-mer)."""

    AUVERGNE_RHONE_ALPES = "Auvergne-Rhône-Alpes"
    BOURGOGNE_FRANCHE_COMTE = "Bourgogne-Franche-Comté"
    BRETAGNE = "Bretagne"
    CENTRE_VAL_DE_LOIRE = "Centre-Val de Loire"
    CORSE = "Corse"
    GRAND_EST = "Grand Est"
    HAUTS_DE_FRANCE = "Hauts-de-France"
    ILE_DE_FRANCE = "Île-de-France"
    NORMANDIE = "Normandie"
    NOUVELLE_AQUITAINE = "Nouvelle-Aquitaine"
    OCCITANIE = "Occitanie"
    PAYS_DE_LA_LOIRE = "Pays de la Loire"
    PROVENCE_ALPES_COTE_D_AZUR = "Provence-Alpes-Côte d'Azur"
    GUADELOUPE = "Guadeloupe"
    MARTINIQUE = "Martinique"
    GUYANE = "Guyane"
    LA_REUNION = "La Réunion"
    MAYOTTE = "Mayotte"


OVERSEAS_REGIONS = (Region.GUADELOUPE, Region.MARTINIQUE, Region.GUYANE, Region.LA_REUNION, Region.MAYOTTE)
METROPOLITAN_REGIONS = tuple(region for region in Region if region not in OVERSEAS_REGIONS)


class BudgetBracket(StrEnum):
    """Annual budget of an association; solidarity prices will depend on it (not a model field yet)."""

    LT_10K = "lt10k"
    FROM_10K_TO_50K = "10k_50k"
    FROM_50K_TO_200K = "50k_200k"
    FROM_200K_TO_1M = "200k_1m"
    FROM_1M_TO_5M = "1m_5m"
    GT_5M = "gt5m"


class ProviderCategory(StrEnum):
    """What kind of digital provider an entry is, so matching demos show varied profiles."""

    WEB_AGENCY = "web_agency"
    FREELANCER = "freelancer"
    IT_COOPERATIVE = "it_cooperative"
    SOLIDARITY_IT_FIRM = "solidarity_it_firm"  # "ESN solidaire"
    CYBERSECURITY = "cybersecurity"
    TRAINING = "training"
    CRM_INTEGRATOR = "crm_integrator"


@dataclass(frozen=True)
class AssociationSeed:
    name: str
    city: str
    postcode: str
    region: Region
    budget_bracket: BudgetBracket

    kind: ClassVar[str] = "association"


@dataclass(frozen=True)
class ProviderSeed:
    name: str
    city: str
    postcode: str
    region: Region
    category: ProviderCategory

    kind: ClassVar[str] = "provider"


# Short aliases keep one entry per line in the tables below.
R = Region
B = BudgetBracket
P = ProviderCategory

# From a village sport club to a national federation, in every region.
# The first entry is the demo association run by asso@demo.test.
ASSOCIATIONS: tuple[AssociationSeed, ...] = (
    AssociationSeed("Les Restos du Quartier — Lyon", "Lyon", "69007", R.AUVERGNE_RHONE_ALPES, B.FROM_50K_TO_200K),
    AssociationSeed(
        "Union sportive de Saint-Pierre-de-Chartreuse",
        "Saint-Pierre-de-Chartreuse",
        "38380",
        R.AUVERGNE_RHONE_ALPES,
        B.LT_10K,
    ),
    AssociationSeed(
        "Maison des familles du Puy-en-Velay", "Le Puy-en-Velay", "43000", R.AUVERGNE_RHONE_ALPES, B.FROM_10K_TO_50K
    ),
    AssociationSeed(
        "Réseau alpin d'éducation à l'environnement", "Annecy", "74000", R.AUVERGNE_RHONE_ALPES, B.FROM_200K_TO_1M
    ),
    AssociationSeed("Amicale laïque de Cluny", "Cluny", "71250", R.BOURGOGNE_FRANCHE_COMTE, B.LT_10K),
    AssociationSeed(
        "Épicerie solidaire du Grand Dijon", "Dijon", "21000", R.BOURGOGNE_FRANCHE_COMTE, B.FROM_200K_TO_1M
    ),
    AssociationSeed(
        "Théâtre de l'Étoile — Besançon", "Besançon", "25000", R.BOURGOGNE_FRANCHE_COMTE, B.FROM_50K_TO_200K
    ),
    AssociationSeed("Cercle celtique Ar Vro Gerne", "Quimper", "29000", R.BRETAGNE, B.LT_10K),
    AssociationSeed("Sauveteurs bénévoles de Paimpol", "Paimpol", "22500", R.BRETAGNE, B.FROM_10K_TO_50K),
    AssociationSeed("Rennes Insertion Numérique", "Rennes", "35000", R.BRETAGNE, B.FROM_200K_TO_1M),
    AssociationSeed(
        "Festival des arts de la rue de Chinon", "Chinon", "37500", R.CENTRE_VAL_DE_LOIRE, B.FROM_50K_TO_200K
    ),
    AssociationSeed("Secours mutuel du Berry", "Bourges", "18000", R.CENTRE_VAL_DE_LOIRE, B.FROM_10K_TO_50K),
    AssociationSeed("Foyer des jeunes travailleurs de Tours", "Tours", "37000", R.CENTRE_VAL_DE_LOIRE, B.FROM_1M_TO_5M),
    AssociationSeed("A Muntagnola — randonnée en Corse", "Corte", "20250", R.CORSE, B.LT_10K),
    AssociationSeed("Handi Sport Aiacciu", "Ajaccio", "20000", R.CORSE, B.FROM_10K_TO_50K),
    # Registered association under the local law of Alsace-Moselle.
    AssociationSeed("Cercle de lecture de la Krutenau", "Strasbourg", "67000", R.GRAND_EST, B.LT_10K),
    AssociationSeed("Maison des solidarités de Metz", "Metz", "57000", R.GRAND_EST, B.FROM_200K_TO_1M),
    AssociationSeed("Les Compagnons du vignoble champenois", "Reims", "51100", R.GRAND_EST, B.FROM_10K_TO_50K),
    AssociationSeed("Société de musique l'Harmonie de Colmar", "Colmar", "68000", R.GRAND_EST, B.LT_10K),
    AssociationSeed("Entraide roubaisienne", "Roubaix", "59100", R.HAUTS_DE_FRANCE, B.FROM_200K_TO_1M),
    AssociationSeed("Les Ateliers du Beffroi", "Lille", "59000", R.HAUTS_DE_FRANCE, B.FROM_50K_TO_200K),
    AssociationSeed("Football féminin amiénois", "Amiens", "80000", R.HAUTS_DE_FRANCE, B.FROM_10K_TO_50K),
    AssociationSeed("Fédération nationale des jardins partagés", "Paris", "75011", R.ILE_DE_FRANCE, B.GT_5M),
    AssociationSeed("Alphabétisation Montreuil", "Montreuil", "93100", R.ILE_DE_FRANCE, B.FROM_50K_TO_200K),
    AssociationSeed("Réseau national d'aide aux aidants", "Paris", "75010", R.ILE_DE_FRANCE, B.FROM_1M_TO_5M),
    # A foundation recognised as being of public utility (fondation RUP).
    AssociationSeed("Fondation Horizons solidaires", "Paris", "75014", R.ILE_DE_FRANCE, B.GT_5M),
    AssociationSeed("Boxe éducative de Saint-Denis", "Saint-Denis", "93200", R.ILE_DE_FRANCE, B.FROM_10K_TO_50K),
    AssociationSeed("Les Amis de la tapisserie de Bayeux", "Bayeux", "14400", R.NORMANDIE, B.LT_10K),
    AssociationSeed("Caen Cyclo Solidaire", "Caen", "14000", R.NORMANDIE, B.FROM_10K_TO_50K),
    AssociationSeed("Habitat et Partage Rouen", "Rouen", "76000", R.NORMANDIE, B.FROM_1M_TO_5M),
    AssociationSeed("Bordeaux Accueil Réfugiés", "Bordeaux", "33000", R.NOUVELLE_AQUITAINE, B.FROM_200K_TO_1M),
    AssociationSeed("Comité des fêtes de Saint-Émilion", "Saint-Émilion", "33330", R.NOUVELLE_AQUITAINE, B.LT_10K),
    AssociationSeed("Les Sentiers du Limousin", "Limoges", "87000", R.NOUVELLE_AQUITAINE, B.FROM_10K_TO_50K),
    AssociationSeed("Pelote basque paloise", "Pau", "64000", R.NOUVELLE_AQUITAINE, B.LT_10K),
    AssociationSeed("Toulouse Entraide Numérique", "Toulouse", "31000", R.OCCITANIE, B.FROM_50K_TO_200K),
    AssociationSeed("Union des randonneurs du Quercy", "Figeac", "46100", R.OCCITANIE, B.LT_10K),
    AssociationSeed("Mission jeunes Montpellier Méditerranée", "Montpellier", "34000", R.OCCITANIE, B.FROM_1M_TO_5M),
    AssociationSeed("Nantes Solidarité Seniors", "Nantes", "44000", R.PAYS_DE_LA_LOIRE, B.FROM_200K_TO_1M),
    AssociationSeed("Orchestre des jeunes d'Angers", "Angers", "49000", R.PAYS_DE_LA_LOIRE, B.FROM_50K_TO_200K),
    AssociationSeed("Le Mans Basket Loisirs", "Le Mans", "72000", R.PAYS_DE_LA_LOIRE, B.LT_10K),
    AssociationSeed("Les Paniers du Panier", "Marseille", "13002", R.PROVENCE_ALPES_COTE_D_AZUR, B.FROM_50K_TO_200K),
    AssociationSeed("Voile pour tous — Nice", "Nice", "06300", R.PROVENCE_ALPES_COTE_D_AZUR, B.FROM_10K_TO_50K),
    # An associative public library.
    AssociationSeed(
        "Bibliothèque associative de Digne-les-Bains",
        "Digne-les-Bains",
        "04000",
        R.PROVENCE_ALPES_COTE_D_AZUR,
        B.LT_10K,
    ),
    AssociationSeed("Gwoka Lakou Pointe-à-Pitre", "Pointe-à-Pitre", "97110", R.GUADELOUPE, B.FROM_10K_TO_50K),
    AssociationSeed("Madinina Numérique", "Fort-de-France", "97200", R.MARTINIQUE, B.FROM_50K_TO_200K),
    AssociationSeed("Les Jardins créoles de Saint-Denis", "Saint-Denis", "97400", R.LA_REUNION, B.FROM_10K_TO_50K),
    AssociationSeed("Guyane Éducation Fleuve", "Cayenne", "97300", R.GUYANE, B.FROM_200K_TO_1M),
    AssociationSeed("Mayotte Jeunesse Avenir", "Mamoudzou", "97600", R.MAYOTTE, B.FROM_50K_TO_200K),
)

# Agencies, freelancers, cooperatives, "ESN solidaires", security consultants
# and trainers. The first entry is the demo provider run by presta@demo.test.
PROVIDERS: tuple[ProviderSeed, ...] = (
    ProviderSeed("Atelier Numérique Solidaire", "Lyon", "69001", R.AUVERGNE_RHONE_ALPES, P.SOLIDARITY_IT_FIRM),
    ProviderSeed("Pixels & Cie", "Villeurbanne", "69100", R.AUVERGNE_RHONE_ALPES, P.WEB_AGENCY),
    ProviderSeed("Camille Roux, développeuse web", "Grenoble", "38000", R.AUVERGNE_RHONE_ALPES, P.FREELANCER),
    ProviderSeed("Coopérative Libre Alpes", "Chambéry", "73000", R.AUVERGNE_RHONE_ALPES, P.IT_COOPERATIVE),
    ProviderSeed("Clermont Cyber Défense", "Clermont-Ferrand", "63000", R.AUVERGNE_RHONE_ALPES, P.CYBERSECURITY),
    ProviderSeed("Web en Bourgogne", "Dijon", "21000", R.BOURGOGNE_FRANCHE_COMTE, P.WEB_AGENCY),
    ProviderSeed("Franche-Comté Formation Numérique", "Besançon", "25000", R.BOURGOGNE_FRANCHE_COMTE, P.TRAINING),
    ProviderSeed(
        "Thomas Girard, intégrateur CRM associatif", "Auxerre", "89000", R.BOURGOGNE_FRANCHE_COMTE, P.CRM_INTEGRATOR
    ),
    ProviderSeed("SCOP Octets Libres", "Chalon-sur-Saône", "71100", R.BOURGOGNE_FRANCHE_COMTE, P.IT_COOPERATIVE),
    ProviderSeed("Breizh Web Coop", "Rennes", "35000", R.BRETAGNE, P.IT_COOPERATIVE),
    ProviderSeed("Armor Sécurité Informatique", "Saint-Brieuc", "22000", R.BRETAGNE, P.CYBERSECURITY),
    ProviderSeed("Studio Penn ar Bed", "Brest", "29200", R.BRETAGNE, P.WEB_AGENCY),
    ProviderSeed("Lorient Numérique Inclusif", "Lorient", "56100", R.BRETAGNE, P.SOLIDARITY_IT_FIRM),
    ProviderSeed("Gwenaëlle Le Gall, formatrice bureautique", "Vannes", "56000", R.BRETAGNE, P.TRAINING),
    ProviderSeed("Loire Digital", "Orléans", "45000", R.CENTRE_VAL_DE_LOIRE, P.WEB_AGENCY),
    ProviderSeed("Touraine Informatique Solidaire", "Tours", "37000", R.CENTRE_VAL_DE_LOIRE, P.SOLIDARITY_IT_FIRM),
    ProviderSeed("Mathieu Perrin, développeur Django", "Blois", "41000", R.CENTRE_VAL_DE_LOIRE, P.FREELANCER),
    ProviderSeed("Berry Formations", "Châteauroux", "36000", R.CENTRE_VAL_DE_LOIRE, P.TRAINING),
    ProviderSeed("Isula Web", "Bastia", "20200", R.CORSE, P.WEB_AGENCY),
    ProviderSeed("Corsica Cyber", "Ajaccio", "20000", R.CORSE, P.CYBERSECURITY),
    ProviderSeed("Alsace Libre Informatique", "Strasbourg", "67000", R.GRAND_EST, P.IT_COOPERATIVE),
    ProviderSeed("Lorraine Web Studio", "Nancy", "54000", R.GRAND_EST, P.WEB_AGENCY),
    ProviderSeed("Moselle Cyber Conseil", "Metz", "57000", R.GRAND_EST, P.CYBERSECURITY),
    ProviderSeed("Champagne Numérique Solidaire", "Reims", "51100", R.GRAND_EST, P.SOLIDARITY_IT_FIRM),
    ProviderSeed("Julie Meyer, designer UX indépendante", "Mulhouse", "68100", R.GRAND_EST, P.FREELANCER),
    ProviderSeed("Nord Coop Informatique", "Lille", "59000", R.HAUTS_DE_FRANCE, P.IT_COOPERATIVE),
    ProviderSeed("Picardie Web Services", "Amiens", "80000", R.HAUTS_DE_FRANCE, P.WEB_AGENCY),
    ProviderSeed("Inclusion Numérique du Nord", "Roubaix", "59100", R.HAUTS_DE_FRANCE, P.SOLIDARITY_IT_FIRM),
    ProviderSeed("Opale Formation Digitale", "Boulogne-sur-Mer", "62200", R.HAUTS_DE_FRANCE, P.TRAINING),
    ProviderSeed("Antoine Lefebvre, expert cybersécurité", "Arras", "62000", R.HAUTS_DE_FRANCE, P.CYBERSECURITY),
    ProviderSeed("Les Codeurs solidaires", "Paris", "75020", R.ILE_DE_FRANCE, P.SOLIDARITY_IT_FIRM),
    ProviderSeed("Agence Bel Ouvrage", "Paris", "75003", R.ILE_DE_FRANCE, P.WEB_AGENCY),
    ProviderSeed("Coopérative francilienne du logiciel libre", "Montreuil", "93100", R.ILE_DE_FRANCE, P.IT_COOPERATIVE),
    ProviderSeed("Bastion Cybersécurité", "Saint-Denis", "93200", R.ILE_DE_FRANCE, P.CYBERSECURITY),
    ProviderSeed("Formations Clés du Numérique", "Paris", "75012", R.ILE_DE_FRANCE, P.TRAINING),
    ProviderSeed("Sarah Benali, intégratrice CRM", "Versailles", "78000", R.ILE_DE_FRANCE, P.CRM_INTEGRATOR),
    ProviderSeed("Datagora", "Ivry-sur-Seine", "94200", R.ILE_DE_FRANCE, P.IT_COOPERATIVE),
    ProviderSeed("Normandie Web Factory", "Caen", "14000", R.NORMANDIE, P.WEB_AGENCY),
    ProviderSeed("Seine Informatique Solidaire", "Rouen", "76000", R.NORMANDIE, P.SOLIDARITY_IT_FIRM),
    ProviderSeed("Cotentin Cyber", "Cherbourg-en-Cotentin", "50100", R.NORMANDIE, P.CYBERSECURITY),
    ProviderSeed("Lucas Marchand, développeur freelance", "Le Havre", "76600", R.NORMANDIE, P.FREELANCER),
    ProviderSeed("Garonne Coop Numérique", "Bordeaux", "33000", R.NOUVELLE_AQUITAINE, P.IT_COOPERATIVE),
    ProviderSeed("Atlantique Web Agence", "La Rochelle", "17000", R.NOUVELLE_AQUITAINE, P.WEB_AGENCY),
    ProviderSeed("Limousin Formation Numérique", "Limoges", "87000", R.NOUVELLE_AQUITAINE, P.TRAINING),
    ProviderSeed("Pays basque Sécurité Informatique", "Bayonne", "64100", R.NOUVELLE_AQUITAINE, P.CYBERSECURITY),
    ProviderSeed(
        "Emma Duval, consultante en transformation numérique", "Poitiers", "86000", R.NOUVELLE_AQUITAINE, P.FREELANCER
    ),
    ProviderSeed("Occitanie Logiciels Libres", "Toulouse", "31000", R.OCCITANIE, P.IT_COOPERATIVE),
    ProviderSeed("Studio Garrigue", "Montpellier", "34000", R.OCCITANIE, P.WEB_AGENCY),
    ProviderSeed("Pyrénées Numérique Solidaire", "Perpignan", "66000", R.OCCITANIE, P.SOLIDARITY_IT_FIRM),
    ProviderSeed("Nîmes Formation Web", "Nîmes", "30000", R.OCCITANIE, P.TRAINING),
    ProviderSeed("Hugo Fabre, administrateur systèmes", "Albi", "81000", R.OCCITANIE, P.FREELANCER),
    ProviderSeed("Coop Atlantique Informatique", "Nantes", "44000", R.PAYS_DE_LA_LOIRE, P.IT_COOPERATIVE),
    ProviderSeed("Anjou Web", "Angers", "49000", R.PAYS_DE_LA_LOIRE, P.WEB_AGENCY),
    ProviderSeed("Vendée Cyber Protection", "La Roche-sur-Yon", "85000", R.PAYS_DE_LA_LOIRE, P.CYBERSECURITY),
    ProviderSeed("Manon Guérin, formatrice outils collaboratifs", "Le Mans", "72000", R.PAYS_DE_LA_LOIRE, P.TRAINING),
    ProviderSeed(
        "Massilia Numérique Solidaire", "Marseille", "13001", R.PROVENCE_ALPES_COTE_D_AZUR, P.SOLIDARITY_IT_FIRM
    ),
    ProviderSeed("Agence Azur Pixel", "Nice", "06000", R.PROVENCE_ALPES_COTE_D_AZUR, P.WEB_AGENCY),
    ProviderSeed("Provence Cyber Conseil", "Aix-en-Provence", "13100", R.PROVENCE_ALPES_COTE_D_AZUR, P.CYBERSECURITY),
    ProviderSeed("Avignon Coop Digitale", "Avignon", "84000", R.PROVENCE_ALPES_COTE_D_AZUR, P.IT_COOPERATIVE),
    ProviderSeed("Karukera Web", "Les Abymes", "97139", R.GUADELOUPE, P.WEB_AGENCY),
    ProviderSeed("Réunion Numérique Solidaire", "Saint-Pierre", "97410", R.LA_REUNION, P.SOLIDARITY_IT_FIRM),
    ProviderSeed("Madinina Formation Digitale", "Le Lamentin", "97232", R.MARTINIQUE, P.TRAINING),
)

DEMO_ASSOCIATION = ASSOCIATIONS[0]
DEMO_PROVIDER = PROVIDERS[0]

# People behind the organisations that have no documented login. The seeder
# picks a first and a last name from an organisation's position; the two
# lengths are coprime (41 and 43) so that no full name repeats.
FIRST_NAMES: tuple[str, ...] = (
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Jade", "Louise", "Emma", "Zoé",
    "Nathalie", "Isabelle", "Sylvie", "Christine", "Aïcha", "Fatou", "Mélanie", "Élodie", "Anaïs", "Margaux",
    "Lucas", "Hugo", "Thomas", "Nicolas", "Julien", "Maxime", "Antoine", "Karim", "Mehdi", "Yannick",
    "Pierre", "Philippe", "Laurent", "Olivier", "Stéphane", "Mamadou", "Gaël", "Loïc", "Théo", "Baptiste",
    "Jean-Marc",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Le Goff",
    "Benali", "Diallo", "Nguyen", "Haddad", "Rakotomalala", "Hoarau", "Payet", "Santoni", "Schmitt", "Muller",
    "Etcheverry", "Lebrun", "Fabre",
)  # fmt: skip


@dataclass(frozen=True)
class DemoLogin:
    """A documented demo account: the README and the command's output list these.

    `organisation` is the seed entry the account belongs to (None for platform
    staff) and `role` its membership role there ("owner", "admin", "member").
    """

    email: str
    first_name: str
    last_name: str
    description: str
    organisation: AssociationSeed | ProviderSeed | None = None
    role: str = ""
    is_staff: bool = False
    preferred_language: str = "fr"


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "asso@demo.test",
        "Amandine",
        "Morel",
        f"propriétaire de l'association « {DEMO_ASSOCIATION.name} »",
        DEMO_ASSOCIATION,
        "owner",
    ),
    DemoLogin(
        "benevole@demo.test",
        "Karim",
        "Haddad",
        f"bénévole, simple membre de « {DEMO_ASSOCIATION.name} »",
        DEMO_ASSOCIATION,
        "member",
    ),
    DemoLogin(
        "presta@demo.test",
        "Julien",
        "Castel",
        f"propriétaire du prestataire « {DEMO_PROVIDER.name} »",
        DEMO_PROVIDER,
        "owner",
    ),
    # Reads the site and receives emails in English, to show the translations.
    DemoLogin(
        "equipe@demo.test",
        "Léa",
        "Nguyen",
        f"administratrice de « {DEMO_PROVIDER.name} », interface en anglais",
        DEMO_PROVIDER,
        "admin",
        preferred_language="en",
    ),
    DemoLogin(
        "staff@demo.test",
        "Sophie",
        "Renaud",
        "équipe de la plateforme (superutilisateur), administration Wagtail sur /admin/",
        is_staff=True,
    ),
)
