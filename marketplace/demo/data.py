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


# --- Profiles ----------------------------------------------------------------
# What the organisations tell about themselves (the "profiles" seeder turns
# these into AssociationProfile and ProviderProfile rows). Values of the enums
# below are those of the model choices in `marketplace.models.profiles`; the
# tests check that they stay in step.


class LegalForm(StrEnum):
    LOI_1901 = "loi_1901"
    ALSACE_MOSELLE = "alsace_moselle"
    FOUNDATION_RUP = "fondation_rup"
    PUBLIC_LIBRARY = "bibliotheque_collectivite"


class FieldOfAction(StrEnum):
    CULTURE = "culture"
    SOCIAL = "social"
    HEALTH = "health"
    EDUCATION = "education"
    ENVIRONMENT = "environment"
    SPORT = "sport"
    HUMANITARIAN = "humanitarian"
    YOUTH = "youth"
    EMPLOYMENT = "employment"
    HOUSING = "housing"


@dataclass(frozen=True)
class AssociationDetails:
    """The hand-written part of an association's profile; identifiers, team and address are derived."""

    field_of_action: FieldOfAction
    description: str
    legal_form: LegalForm = LegalForm.LOI_1901
    # Alsace-Moselle associations are entered in the register of the local court instead of declared.
    tribunal_registration: str = ""


F = FieldOfAction

# Keyed by association name; every entry of ASSOCIATIONS has one (a test checks it).
ASSOCIATION_DETAILS: dict[str, AssociationDetails] = {
    "Les Restos du Quartier — Lyon": AssociationDetails(
        F.SOCIAL,
        "Repas chauds et paniers solidaires pour les habitants du 7e arrondissement, préparés et servis par une "
        "centaine de bénévoles. Nous voulons simplifier nos inscriptions et l'organisation de nos tournées.",
    ),
    "Union sportive de Saint-Pierre-de-Chartreuse": AssociationDetails(
        F.SPORT,
        "Club omnisports de village : ski de fond, trail et football, pour les enfants comme pour les adultes "
        "du massif.",
    ),
    "Maison des familles du Puy-en-Velay": AssociationDetails(
        F.SOCIAL,
        "Un lieu d'accueil pour les parents et leurs enfants : ateliers, permanences et sorties familiales.",
    ),
    "Réseau alpin d'éducation à l'environnement": AssociationDetails(
        F.ENVIRONMENT,
        "Réseau d'animateurs nature qui conçoit des sorties et des outils pédagogiques sur la montagne et le "
        "climat pour les écoles de Haute-Savoie.",
    ),
    "Amicale laïque de Cluny": AssociationDetails(
        F.YOUTH,
        "Activités culturelles et sportives, soutien scolaire et fête de l'école : l'éducation populaire au cœur "
        "du Clunisois.",
    ),
    "Épicerie solidaire du Grand Dijon": AssociationDetails(
        F.SOCIAL,
        "Une épicerie où les familles aux revenus modestes font leurs courses à 20 % du prix, accompagnées par "
        "des conseillères en économie sociale et familiale.",
    ),
    "Théâtre de l'Étoile — Besançon": AssociationDetails(
        F.CULTURE,
        "Compagnie et lieu de création théâtrale, avec des ateliers pour les amateurs et une saison jeune public.",
    ),
    "Cercle celtique Ar Vro Gerne": AssociationDetails(
        F.CULTURE,
        "Danses, costumes et musique de Cornouaille : nous transmettons le patrimoine breton et défilons chaque "
        "été aux Fêtes de Cornouaille.",
    ),
    "Sauveteurs bénévoles de Paimpol": AssociationDetails(
        F.HUMANITARIAN,
        "Station de sauvetage en mer animée par des bénévoles formés, qui portent secours aux plaisanciers et aux "
        "pêcheurs de la baie de Paimpol.",
    ),
    "Rennes Insertion Numérique": AssociationDetails(
        F.EMPLOYMENT,
        "Chantier d'insertion qui reconditionne des ordinateurs et forme au numérique des personnes éloignées de "
        "l'emploi.",
    ),
    "Festival des arts de la rue de Chinon": AssociationDetails(
        F.CULTURE,
        "Trois jours de spectacles gratuits dans les rues de Chinon chaque mois de juillet, préparés toute "
        "l'année par une équipe de bénévoles.",
    ),
    "Secours mutuel du Berry": AssociationDetails(
        F.SOCIAL,
        "Aide d'urgence, accompagnement administratif et visites à domicile pour les personnes isolées du Cher.",
    ),
    "Foyer des jeunes travailleurs de Tours": AssociationDetails(
        F.HOUSING,
        "Logement et accompagnement de 250 jeunes en formation ou en premier emploi, au cœur de Tours.",
    ),
    "A Muntagnola — randonnée en Corse": AssociationDetails(
        F.SPORT,
        "Randonnées accompagnées et entretien des sentiers autour de Corte, pour les marcheurs de tous niveaux.",
    ),
    "Handi Sport Aiacciu": AssociationDetails(
        F.SPORT,
        "Sport adapté pour les personnes en situation de handicap : basket fauteuil, natation et voile.",
    ),
    "Cercle de lecture de la Krutenau": AssociationDetails(
        F.CULTURE,
        "Club de lecture de quartier et bibliothèque de rue, avec des lectures à voix haute en français et en "
        "alsacien.",
        LegalForm.ALSACE_MOSELLE,
        "Tribunal judiciaire de Strasbourg, volume 85, folio 12",
    ),
    "Maison des solidarités de Metz": AssociationDetails(
        F.SOCIAL,
        "Accueil de jour, domiciliation et accompagnement social pour les personnes sans domicile de "
        "l'agglomération messine.",
        LegalForm.ALSACE_MOSELLE,
        "Tribunal judiciaire de Metz, volume 142, folio 37",
    ),
    "Les Compagnons du vignoble champenois": AssociationDetails(
        F.CULTURE,
        "Sauvegarde du patrimoine viticole champenois : visites de caves anciennes, restauration de loges de "
        "vigne et conférences.",
    ),
    "Société de musique l'Harmonie de Colmar": AssociationDetails(
        F.CULTURE,
        "Orchestre d'harmonie amateur plus que centenaire, avec une école de musique pour les jeunes.",
        LegalForm.ALSACE_MOSELLE,
        "Tribunal judiciaire de Colmar, volume 21, folio 48",
    ),
    "Entraide roubaisienne": AssociationDetails(
        F.SOCIAL,
        "Aide alimentaire, accompagnement des familles dans leurs démarches et ateliers d'accès aux droits à Roubaix.",
    ),
    "Les Ateliers du Beffroi": AssociationDetails(
        F.CULTURE,
        "Ateliers d'arts plastiques et de création numérique pour les enfants et les adultes des quartiers de Lille.",
    ),
    "Football féminin amiénois": AssociationDetails(
        F.SPORT,
        "Club de football 100 % féminin, des U7 aux seniors, engagé pour la place des filles dans le sport.",
    ),
    "Fédération nationale des jardins partagés": AssociationDetails(
        F.ENVIRONMENT,
        "Fédération de plus de 600 jardins partagés : nous outillons les collectifs de jardiniers et défendons "
        "la nature en ville.",
    ),
    "Alphabétisation Montreuil": AssociationDetails(
        F.EDUCATION,
        "Cours de français et d'alphabétisation pour adultes, animés par des formatrices et des bénévoles, du "
        "lundi au samedi.",
    ),
    "Réseau national d'aide aux aidants": AssociationDetails(
        F.HEALTH,
        "Écoute, formation et répit pour les proches aidants : une ligne téléphonique nationale et des groupes "
        "de parole dans chaque région.",
    ),
    "Fondation Horizons solidaires": AssociationDetails(
        F.HUMANITARIAN,
        "Fondation reconnue d'utilité publique qui finance et accompagne des projets de solidarité "
        "internationale et de lutte contre l'exclusion.",
        LegalForm.FOUNDATION_RUP,
    ),
    "Boxe éducative de Saint-Denis": AssociationDetails(
        F.SPORT,
        "La boxe éducative comme école du respect : entraînements, soutien scolaire et sorties pour les jeunes "
        "de Saint-Denis.",
    ),
    "Les Amis de la tapisserie de Bayeux": AssociationDetails(
        F.CULTURE,
        "Conférences, visites et publications autour de la tapisserie de Bayeux et de l'histoire normande.",
    ),
    "Caen Cyclo Solidaire": AssociationDetails(
        F.ENVIRONMENT,
        "Atelier vélo participatif : réparation, récupération de vélos et remise en selle pour tous les Caennais.",
    ),
    "Habitat et Partage Rouen": AssociationDetails(
        F.HOUSING,
        "Logements d'insertion et accompagnement vers un logement durable pour les familles de la métropole "
        "rouennaise.",
    ),
    "Bordeaux Accueil Réfugiés": AssociationDetails(
        F.HUMANITARIAN,
        "Accueil, cours de français et accompagnement juridique des personnes réfugiées à Bordeaux.",
    ),
    "Comité des fêtes de Saint-Émilion": AssociationDetails(
        F.CULTURE,
        "Fêtes de village, vide-greniers et marché de Noël : nous faisons vivre Saint-Émilion toute l'année.",
    ),
    "Les Sentiers du Limousin": AssociationDetails(
        F.SPORT,
        "Balisage et entretien de 400 km de sentiers en Haute-Vienne, et une sortie découverte chaque dimanche.",
    ),
    "Pelote basque paloise": AssociationDetails(
        F.SPORT,
        "Club de pelote basque : main nue, pala et cesta punta, pour les jeunes et les adultes.",
    ),
    "Toulouse Entraide Numérique": AssociationDetails(
        F.SOCIAL,
        "Permanences d'aide aux démarches en ligne et ateliers d'initiation au numérique dans les quartiers "
        "toulousains.",
    ),
    "Union des randonneurs du Quercy": AssociationDetails(
        F.SPORT,
        "Randonnées chaque semaine sur les causses et dans les vallées du Lot, et entretien des chemins avec les "
        "communes.",
    ),
    "Mission jeunes Montpellier Méditerranée": AssociationDetails(
        F.EMPLOYMENT,
        "Accompagnement des 16-25 ans vers l'emploi et la formation : orientation, logement, santé et mobilité.",
    ),
    "Nantes Solidarité Seniors": AssociationDetails(
        F.SOCIAL,
        "Visites de convivialité et ateliers pour rompre l'isolement des personnes âgées nantaises.",
    ),
    "Orchestre des jeunes d'Angers": AssociationDetails(
        F.CULTURE,
        "Orchestre symphonique de 80 musiciens de 12 à 25 ans, en concert chaque saison en Anjou.",
    ),
    "Le Mans Basket Loisirs": AssociationDetails(
        F.SPORT,
        "Basket loisir et mixte pour adultes, sans compétition et dans la bonne humeur.",
    ),
    "Les Paniers du Panier": AssociationDetails(
        F.ENVIRONMENT,
        "Paniers de légumes de producteurs locaux et cuisine partagée dans le quartier du Panier, à Marseille.",
    ),
    "Voile pour tous — Nice": AssociationDetails(
        F.SPORT,
        "Initiation à la voile pour les enfants des quartiers et les personnes en situation de handicap, sur des "
        "bateaux adaptés.",
    ),
    "Bibliothèque associative de Digne-les-Bains": AssociationDetails(
        F.CULTURE,
        "Bibliothèque ouverte à tous, tenue par des bénévoles avec le soutien de la commune : prêt de livres, "
        "heure du conte et portage à domicile.",
        LegalForm.PUBLIC_LIBRARY,
    ),
    "Gwoka Lakou Pointe-à-Pitre": AssociationDetails(
        F.CULTURE,
        "Transmission du gwoka, musique et danse traditionnelles de Guadeloupe : cours de tambour et lewoz "
        "chaque mois.",
    ),
    "Madinina Numérique": AssociationDetails(
        F.EDUCATION,
        "Ateliers et médiation numérique pour les habitants et les associations de Martinique.",
    ),
    "Les Jardins créoles de Saint-Denis": AssociationDetails(
        F.ENVIRONMENT,
        "Jardins partagés et transmission des savoirs sur les plantes lontan de La Réunion.",
    ),
    "Guyane Éducation Fleuve": AssociationDetails(
        F.EDUCATION,
        "Soutien scolaire et activités éducatives pour les enfants des communes du fleuve Maroni.",
    ),
    "Mayotte Jeunesse Avenir": AssociationDetails(
        F.YOUTH,
        "Accueil de loisirs, accompagnement scolaire et projets citoyens pour les jeunes de Mamoudzou.",
    ),
}

# Addresses are "<number> <street>", the street picked from the association's position.
STREETS: tuple[str, ...] = (
    "rue de la République", "avenue Jean-Jaurès", "place de la Mairie", "rue Victor-Hugo", "rue Pasteur",
    "boulevard Gambetta", "rue de la Paix", "rue des Écoles", "chemin des Vignes", "rue du Général-de-Gaulle",
    "impasse des Tilleuls", "rue Jules-Ferry", "allée des Marronniers", "rue de la Gare", "quai des Bateliers",
    "rue Louise-Michel", "place du Marché", "rue Simone-Veil", "avenue de la Libération", "rue des Artisans",
)  # fmt: skip


@dataclass(frozen=True)
class ProviderCategoryProfile:
    """What providers of one category say and offer; each provider picks from it deterministically.

    Texts are templates: `{name}`, `{city}` ("depuis {city}"), `{at_city}` ("à Lyon", "au Mans"),
    `{in_region}` ("en Bretagne", "dans le Grand Est") and, for people working alone, `{person}` and `{title}`.
    Portfolio entries are (title, description) templates naming a demo association: `{association}` and the
    `{at_city}` of that association.
    """

    legal_suffix: str
    presentation: str
    person_presentation: str
    services: str
    core_skills: tuple[str, ...]
    more_skills: tuple[str, ...]
    tools: tuple[str, ...]
    day_rate_euros: tuple[int, int]
    min_project_euros: tuple[int, ...]
    discount_percent: tuple[int, int]
    team_size: tuple[int, int]
    certifications: tuple[str, ...] = ()
    optional_certifications: tuple[str, ...] = ()
    # Remote-first providers serve every region; the others their own and its neighbours.
    remote_first: bool = False
    portfolio: tuple[tuple[str, str], ...] = ()


PROVIDER_CATEGORY_PROFILES: dict[ProviderCategory, ProviderCategoryProfile] = {
    P.WEB_AGENCY: ProviderCategoryProfile(
        legal_suffix="SARL",
        presentation=(
            "{name} conçoit des sites internet sobres, accessibles et faciles à mettre à jour pour les associations "
            "{in_region}. L'équipe, installée {at_city}, forme vos bénévoles pour qu'ils restent autonomes."
        ),
        person_presentation="",
        services=(
            "Création et refonte de sites internet (WordPress, Drupal)\n"
            "Formulaires de dons et d'adhésion reliés à HelloAsso\n"
            "Hébergement, maintenance et mises à jour de sécurité\n"
            "Référencement naturel et accessibilité (RGAA)"
        ),
        core_skills=("site-vitrine", "wordpress", "refonte-site"),
        more_skills=(
            "drupal",
            "hebergement-web",
            "nom-de-domaine",
            "maintenance-site",
            "referencement-seo",
            "ux-ui-design",
            "accessibilite-rgaa",
            "helloasso",
            "dons-en-ligne",
            "woocommerce",
        ),  # fmt: skip
        tools=("WordPress", "Drupal", "Figma", "HelloAsso", "Matomo", "Gutenberg", "WooCommerce", "Canva"),
        day_rate_euros=(400, 750),
        min_project_euros=(1500, 2000, 3000, 5000),
        discount_percent=(5, 20),
        team_size=(3, 15),
        optional_certifications=("numerique_responsable",),
        portfolio=(
            (
                "Refonte du site internet",
                "Nouveau site sous WordPress pour « {association} », mis à jour par les bénévoles.",
            ),
            ("Site vitrine et formulaire d'adhésion", "Site vitrine et adhésions en ligne pour « {association} »."),
            ("Page de dons en ligne", "Campagne de dons reliée à HelloAsso pour « {association} »."),
        ),
    ),
    P.FREELANCER: ProviderCategoryProfile(
        legal_suffix="",
        presentation="",
        person_presentation=(
            "J'exerce comme {title} {at_city} et j'accompagne des associations de toute la France, surtout à "
            "distance. Je privilégie les logiciels libres et des solutions que votre équipe peut reprendre."
        ),
        services=(
            "Développement d'outils sur mesure et d'intégrations\n"
            "Reprise et maintenance d'applications existantes\n"
            "Conseil et accompagnement de projet"
        ),
        core_skills=("developpement-web",),
        more_skills=("api-integrations", "outil-metier", "maintenance-applicative", "logiciels-libres"),
        tools=("Python", "Django", "PostgreSQL", "Git"),
        day_rate_euros=(350, 600),
        min_project_euros=(500, 1000, 1500),
        discount_percent=(10, 30),
        team_size=(1, 1),
        remote_first=True,
        portfolio=(
            (
                "Mission pour « {association} »",
                "Mission de quelques semaines {at_city}, menée avec l'équipe de l'association.",
            ),
            ("Accompagnement de projet", "Cadrage et suivi d'un projet numérique de « {association} »."),
        ),
    ),
    P.IT_COOPERATIVE: ProviderCategoryProfile(
        legal_suffix="SCOP SARL",
        presentation=(
            "{name} est une coopérative de salariés spécialisée dans le logiciel libre, installée {at_city}. Nous "
            "hébergeons et développons les outils des associations {in_region}, sans dépendance à un éditeur."
        ),
        person_presentation="",
        services=(
            "Hébergement Nextcloud et messagerie souveraine\n"
            "Développement d'applications libres sur mesure\n"
            "Migration vers des outils libres et formation des équipes\n"
            "Infogérance et sauvegardes"
        ),
        core_skills=("logiciels-libres", "nextcloud", "developpement-web"),
        more_skills=(
            "hebergement-web",
            "messagerie",
            "migration-cloud",
            "sauvegarde",
            "civicrm",
            "erp-libre",
            "api-integrations",
            "maintenance-applicative",
            "numerique-responsable",
            "serveur-nas",
        ),  # fmt: skip
        tools=("Nextcloud", "Linux", "Docker", "Django", "PostgreSQL", "Dolibarr", "CiviCRM", "Proxmox"),
        day_rate_euros=(400, 650),
        min_project_euros=(1000, 2000, 3000),
        discount_percent=(10, 25),
        team_size=(4, 20),
        optional_certifications=("esus", "numerique_responsable"),
        portfolio=(
            ("Migration vers Nextcloud", "Documents et agendas de « {association} » migrés vers un Nextcloud hébergé."),
            ("Gestion des adhérents libre", "Mise en place de CiviCRM pour « {association} »."),
            ("Intranet des bénévoles", "Développement d'un intranet libre pour les bénévoles de « {association} »."),
        ),
    ),
    P.SOLIDARITY_IT_FIRM: ProviderCategoryProfile(
        legal_suffix="SAS",
        presentation=(
            "{name} est une entreprise solidaire d'utilité sociale qui équipe et accompagne les associations "
            "{in_region}. Nous employons des personnes en parcours d'insertion et proposons des tarifs adaptés aux "
            "petites structures."
        ),
        person_presentation="",
        services=(
            "Diagnostic numérique de votre association\n"
            "Ordinateurs reconditionnés, installation et maintenance du parc\n"
            "Mise en place de Microsoft 365 ou Google Workspace pour associations\n"
            "Formation des salariés et des bénévoles"
        ),
        core_skills=("diagnostic-numerique", "parc-informatique", "materiel-reconditionne"),
        more_skills=(
            "microsoft-365",
            "google-workspace",
            "installation-postes",
            "sauvegarde",
            "inclusion-numerique",
            "formation-outils-collaboratifs",
            "reseau-wifi",
            "numerique-responsable",
            "accompagnement-changement",
        ),  # fmt: skip
        tools=("Microsoft 365", "Google Workspace", "Windows", "Linux", "GLPI", "Nextcloud"),
        day_rate_euros=(300, 550),
        min_project_euros=(0, 300, 500, 1000),
        discount_percent=(20, 30),
        team_size=(5, 30),
        certifications=("esus",),
        optional_certifications=("numerique_responsable", "microsoft_nonprofit", "google_nonprofit"),
        portfolio=(
            ("Équipement du local", "Dix postes reconditionnés installés et sécurisés pour « {association} »."),
            ("Passage à Microsoft 365", "Comptes, messagerie et partage de documents pour « {association} »."),
            ("Diagnostic numérique", "État des lieux et plan d'action numérique de « {association} »."),
        ),
    ),
    P.CYBERSECURITY: ProviderCategoryProfile(
        legal_suffix="SAS",
        presentation=(
            "{name} protège les associations et leurs données : audit, sauvegardes, sensibilisation et mise en "
            "conformité RGPD. Nous intervenons {in_region} et à distance, depuis {city}."
        ),
        person_presentation=(
            "J'exerce comme {title} {at_city} : je réalise des audits de sécurité adaptés aux moyens des "
            "associations et j'aide vos équipes à adopter les bons réflexes."
        ),
        services=(
            "Audit de sécurité et plan d'action priorisé\n"
            "Mise en conformité RGPD et registre des traitements\n"
            "Sensibilisation au hameçonnage des salariés et bénévoles\n"
            "Aide en cas d'incident ou de piratage"
        ),
        core_skills=("audit-securite", "rgpd-conformite", "sensibilisation-phishing"),
        more_skills=(
            "sauvegarde",
            "gestion-mots-de-passe",
            "securisation-postes",
            "reponse-incident",
            "politique-confidentialite",
            "formation-cybersecurite",
        ),  # fmt: skip
        tools=("Bitwarden", "Veeam", "Microsoft Defender", "Wazuh", "pfSense", "KeePassXC"),
        day_rate_euros=(600, 950),
        min_project_euros=(1000, 2500, 4000),
        discount_percent=(0, 20),
        team_size=(2, 12),
        optional_certifications=("expertcyber",),
        portfolio=(
            ("Audit de sécurité", "Audit des postes et des comptes de « {association} », avec un plan d'action."),
            (
                "Mise en conformité RGPD",
                "Registre des traitements et politique de confidentialité de « {association} ».",
            ),
            ("Sensibilisation au hameçonnage", "Ateliers pour les bénévoles de « {association} »."),
        ),
    ),
    P.TRAINING: ProviderCategoryProfile(
        legal_suffix="SARL",
        presentation=(
            "{name} forme les salariés et les bénévoles des associations aux outils numériques, en présentiel "
            "{in_region} ou à distance. Nos formations peuvent être financées par votre OPCO."
        ),
        person_presentation=(
            "Je suis {title} {at_city} : j'anime des formations courtes et concrètes pour les équipes "
            "associatives, à partir de vos propres documents et de vos outils."
        ),
        services=(
            "Formations bureautique et outils collaboratifs\n"
            "Initiation aux réseaux sociaux et à la communication\n"
            "Sensibilisation à la cybersécurité\n"
            "Accompagnement au changement lors d'un nouvel outil"
        ),
        core_skills=("formation-bureautique", "formation-outils-collaboratifs"),
        more_skills=(
            "formation-reseaux-sociaux",
            "formation-cybersecurite",
            "accompagnement-changement",
            "inclusion-numerique",
            "demarches-en-ligne",
            "formation-accessibilite",
            "graphisme-canva",
        ),  # fmt: skip
        tools=("Microsoft 365", "Google Workspace", "LibreOffice", "Canva", "Zoom", "Klaxoon"),
        day_rate_euros=(800, 1400),
        min_project_euros=(500, 800, 1200),
        discount_percent=(5, 25),
        team_size=(2, 8),
        certifications=("qualiopi",),
        optional_certifications=("datadock",),
        portfolio=(
            ("Formation aux outils collaboratifs", "Deux journées pour l'équipe de « {association} »."),
            ("Parcours bureautique des bénévoles", "Six demi-journées pour les bénévoles de « {association} »."),
        ),
    ),
    P.CRM_INTEGRATOR: ProviderCategoryProfile(
        legal_suffix="SAS",
        presentation=(
            "{name} met en place les outils de gestion des adhérents et des donateurs des associations, puis forme "
            "les équipes à leur usage."
        ),
        person_presentation=(
            "J'exerce comme {title} {at_city} et à distance : je choisis avec vous l'outil de gestion des "
            "adhérents et des dons qui vous convient, je le paramètre et je reprends vos données."
        ),
        services=(
            "Choix et paramétrage d'un CRM associatif\n"
            "Reprise des fichiers d'adhérents et de donateurs\n"
            "Reçus fiscaux et campagnes d'e-mailing\n"
            "Formation et assistance"
        ),
        core_skills=("crm-associatif", "gestion-des-adherents", "gestion-des-donateurs"),
        more_skills=(
            "salesforce-nonprofit",
            "civicrm",
            "assoconnect",
            "emailing",
            "recus-fiscaux",
            "migration-donnees",
            "helloasso",
            "automatisation",
        ),  # fmt: skip
        tools=("Salesforce Nonprofit Cloud", "CiviCRM", "AssoConnect", "HelloAsso", "Brevo", "Airtable"),
        day_rate_euros=(500, 800),
        min_project_euros=(1500, 2500, 4000),
        discount_percent=(5, 20),
        team_size=(1, 6),
        optional_certifications=("microsoft_nonprofit", "google_nonprofit"),
        remote_first=True,
        portfolio=(
            (
                "Mise en place d'un CRM",
                "Fichier des adhérents et des donateurs de « {association} » réunis dans un CRM.",
            ),
            ("Reçus fiscaux automatiques", "Reçus fiscaux envoyés automatiquement aux donateurs de « {association} »."),
        ),
    ),
}


@dataclass(frozen=True)
class ProviderFocus:
    """What a provider working alone actually does, when its category is too broad to say it."""

    skills: tuple[str, ...]
    tools: tuple[str, ...]
    services: str


PROVIDER_FOCUS: dict[str, ProviderFocus] = {
    "Camille Roux, développeuse web": ProviderFocus(
        ("developpement-web", "wordpress", "api-integrations", "maintenance-site", "accessibilite-rgaa"),
        ("WordPress", "PHP", "JavaScript", "Git"),
        "Sites et extensions WordPress sur mesure\nIntégrations avec HelloAsso et vos outils\nMaintenance",
    ),
    "Mathieu Perrin, développeur Django": ProviderFocus(
        ("developpement-web", "outil-metier", "api-integrations", "logiciels-libres", "maintenance-applicative"),
        ("Python", "Django", "PostgreSQL", "Docker", "Git"),
        "Applications métier en Django\nAPI et intégrations\nReprise et maintenance d'applications existantes",
    ),
    "Julie Meyer, designer UX indépendante": ProviderFocus(
        ("ux-ui-design", "conception-inclusive", "audit-accessibilite", "accessibilite-rgaa", "falc"),
        ("Figma", "Miro", "Maze"),
        "Ateliers avec vos bénévoles et vos publics\nMaquettes et prototypes testés\nAudits d'accessibilité",
    ),
    "Lucas Marchand, développeur freelance": ProviderFocus(
        ("developpement-web", "application-mobile", "api-integrations", "cartographie"),
        ("JavaScript", "React", "Flutter", "Node.js"),
        "Applications web et mobiles\nCartes interactives\nIntégrations entre vos outils",
    ),
    "Emma Duval, consultante en transformation numérique": ProviderFocus(
        ("diagnostic-numerique", "accompagnement-changement", "automatisation", "google-workspace", "mesure-impact"),
        ("Google Workspace", "Notion", "Airtable", "Make"),
        "Diagnostic et feuille de route numérique\nChoix des outils et accompagnement au changement\n"
        "Automatisation des tâches répétitives",
    ),
    "Hugo Fabre, administrateur systèmes": ProviderFocus(
        ("serveur-nas", "sauvegarde", "reseau-wifi", "parc-informatique", "nextcloud", "securisation-postes"),
        ("Linux", "Proxmox", "Synology", "Nextcloud", "Ansible"),
        "Installation et supervision de serveurs et de NAS\nSauvegardes et réseau\nInfogérance à distance",
    ),
}

PRO_BONO_DETAILS: tuple[str, ...] = (
    "Deux jours par trimestre offerts à une petite association",
    "Un diagnostic gratuit par mois pour les associations sans salarié",
    "Mécénat de compétences : une demi-journée par semaine",
    "Une mission bénévole par an, choisie avec la plateforme",
)


def in_region(region: Region) -> str:
    """ "en Bretagne", "dans le Grand Est", "à La Réunion": the region after a verb."""
    special = {
        Region.GRAND_EST: "dans le Grand Est",
        Region.HAUTS_DE_FRANCE: "dans les Hauts-de-France",
        Region.PAYS_DE_LA_LOIRE: "dans les Pays de la Loire",
        Region.LA_REUNION: "à La Réunion",
        Region.MAYOTTE: "à Mayotte",
    }
    return special.get(region, f"en {region.value}")


def at_city(city: str) -> str:
    """ "à Lyon", "au Mans", "aux Abymes"."""
    if city.startswith("Le "):
        return "au " + city.removeprefix("Le ")
    if city.startswith("Les "):
        return "aux " + city.removeprefix("Les ")
    return "à " + city


# --- Verification --------------------------------------------------------------
# Every organisation is verified, except these, which show the other states.
# The demo logins' organisations must stay verified (a test checks it).

VERIFICATION_PENDING: tuple[str, ...] = (
    "Cercle de lecture de la Krutenau",
    "Boxe éducative de Saint-Denis",
    "Caen Cyclo Solidaire",
    "Le Mans Basket Loisirs",
    "Mayotte Jeunesse Avenir",
    "Corsica Cyber",
    "Julie Meyer, designer UX indépendante",
    "Datagora",
    "Nîmes Formation Web",
    "Karukera Web",
)

# Pending again after staff asked for something: the first request and its answer stay in the history.
VERIFICATION_RESUBMITTED: dict[str, str] = {
    "Caen Cyclo Solidaire": (
        "Les statuts transmis ne sont pas signés. Merci de déposer la version signée lors de votre dernière "
        "assemblée générale."
    ),
}

VERIFICATION_INFO_REQUESTED: dict[str, str] = {
    "Les Sentiers du Limousin": (
        "Le récépissé de déclaration en préfecture est incomplet : la deuxième page manque. Pouvez-vous déposer "
        "le document en entier ?"
    ),
    "Lucas Marchand, développeur freelance": (
        "Votre attestation d'assurance responsabilité civile professionnelle a expiré le 31 décembre. Merci d'en "
        "déposer une en cours de validité."
    ),
}

VERIFICATION_REJECTED: dict[str, str] = {
    "Vendée Cyber Protection": (
        "L'avis de situation SIRENE transmis concerne une autre entreprise que la vôtre et l'attestation "
        "d'assurance date de 2023. Vous pouvez déposer une nouvelle demande avec des documents à jour."
    ),
}

# What owners write to the team when they submit (most write nothing).
VERIFICATION_NOTES: tuple[str, ...] = (
    "",
    "",
    "Bonjour, vous trouverez nos statuts à jour et le récépissé de la préfecture. Merci !",
    "Merci pour votre aide : nous restons disponibles pour toute question.",
    "Notre trésorière peut vous transmettre d'autres pièces si besoin.",
)
