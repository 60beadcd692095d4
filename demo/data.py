"""Static French demo data: organisations, places, people and the documented demo logins.

Kept as plain Python (no model imports) so that the README, tests and other
packages' seeders can read it without touching the database, and so that a
later feature extends the demo by adding a field or a line here rather than by
writing new random generators. Everything is fictional; any resemblance to a
real organisation is a coincidence of common French words.

Order matters: the seeder derives owners' names from each entry's position, so
new entries go at the end of a list to keep existing demo accounts unchanged.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

# Published in the README and printed by the command: not a secret.
DEMO_PASSWORD = "demo-passerelle-2026"
# The demo staff account's authenticator key (the admin needs a second factor), in the README as base32
# (OBQXG43FOJSWY3DFFVSGK3LPFUZGMYJB) to add to any authenticator app. Public like the password.
DEMO_STAFF_TOTP_KEY = b"passerelle-demo-2fa!".hex()

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


# --- Projects ----------------------------------------------------------------
# The projects the "projects" seeder (`demo.projects`) posts for the
# demo associations, in every state of their life, with the quotes providers
# sent and the reviews both sides left. Values are those of the model choices
# (`ProjectType`, `ProjectState`, `ProposalState`); the tests check that they
# stay in step. Dates are not written here: the seeder places every event
# relative to the day it runs, so a published project is always still open.


@dataclass(frozen=True)
class QuoteSeed:
    """A provider's quote on a demo project.

    `provider` names a demo provider; left empty, the seeder picks a verified
    provider whose skills match the project and who works where it takes
    place. `versions` is how many versions the quote went through (the seeder
    picks 1 to 3 when it is 0). `reason` is what the association answered when
    it declined this quote itself; without one, a quote on an awarded, cancelled
    or expired project is declined with the reason the services give.
    """

    state: str
    provider: str = ""
    versions: int = 0
    reason: str = ""


@dataclass(frozen=True)
class ReviewSeed:
    """One side's review of the other once the project was delivered; the reviewed side may have answered."""

    by: str  # "association" or "provider"
    scores: tuple[int, int, int, int]  # quality, communication, deadlines, value for money
    comment: str
    response: str = ""


@dataclass(frozen=True)
class ProjectSeed:
    """A demo project, as the association wrote it, and what became of it.

    Keyed by association and title: the seeder never posts the same title twice
    for an association. `budget_euros` is (minimum, maximum), either may be
    None, and None altogether means "je ne sais pas". `skills` defaults to the
    ones the guided form suggests for the type. `days_ago` says how many days
    ago a published or closed project was published, or a draft written; 0
    lets the seeder choose (it places the other states from their latest
    step). `created_by` is a demo login's email (the association's owner
    otherwise).
    """

    association: str
    title: str
    project_type: str
    state: str
    description: str
    answers: dict = field(default_factory=dict, hash=False)
    skills: tuple[str, ...] = ()
    budget_euros: tuple[int | None, int | None] | None = None
    quotes: tuple[QuoteSeed, ...] = ()
    invited: tuple[str, ...] = ()
    invited_only: bool = False
    remote_ok: bool = True
    reviews: tuple[ReviewSeed, ...] = ()
    created_by: str = ""
    days_ago: int = 0
    # A cancelled project: why, and whether it was still a draft then.
    reason: str = ""
    cancelled_as_draft: bool = False
    # A published project whose answer deadline the association pushed back by this many days.
    deadline_extended_by: int = 0
    # Invited providers who declined the invitation, with the reason they gave: (name, reason).
    declined: tuple[tuple[str, str], ...] = ()


Q = QuoteSeed
_ANS = DEMO_PROVIDER.name
_RESTOS = DEMO_ASSOCIATION.name
_VOLUNTEER = "benevole@demo.test"

PROJECTS: tuple[ProjectSeed, ...] = (
    # --- Les Restos du Quartier (asso@demo.test): one project in each step of the story.
    ProjectSeed(
        _RESTOS,
        "Un outil pour organiser les tournées de livraison des paniers",
        "other",
        "draft",
        "Chaque samedi, une quinzaine de bénévoles livrent des paniers aux personnes qui ne peuvent plus se "
        "déplacer. Aujourd'hui, Martine prépare les tournées à la main dans un tableur et envoie tout par SMS la "
        "veille au soir.\n\nOn aimerait un outil simple : la liste des adresses du jour, découpée en tournées, que "
        "chaque bénévole ouvre sur son téléphone, avec un bouton « livré ». À relire au prochain conseil "
        "d'administration avant de publier.",
        skills=("outil-metier", "gestion-des-benevoles", "cartographie"),
        created_by=_VOLUNTEER,
        days_ago=3,
    ),
    ProjectSeed(
        _RESTOS,
        "Refonte de notre site internet",
        "website",
        "published",
        "Notre site a été fait il y a dix ans par un bénévole qui a déménagé depuis, et plus personne ne sait le "
        "mettre à jour. Les horaires des distributions sont faux une semaine sur deux.\n\nNous voulons un site "
        "simple : qui nous sommes, les horaires et les lieux de distribution, comment devenir bénévole, et un "
        "bouton pour faire un don. Il doit être lisible sur téléphone et par les personnes malvoyantes, et deux "
        "ou trois bénévoles doivent pouvoir le modifier sans aide.",
        answers={
            "pages": 12,
            "content_ready": "unsure",
            "languages": ["fr"],
            "accessibility": "yes",
            "hosting": "have",
            "donations": "yes",
        },
        budget_euros=(3000, 6000),
        quotes=(
            Q("shortlisted", "Pixels & Cie", versions=2),
            Q("submitted", "Camille Roux, développeuse web", versions=1),
            Q("submitted", "Web en Bourgogne", versions=1),
        ),
        created_by=_VOLUNTEER,
        days_ago=12,
    ),
    ProjectSeed(
        _RESTOS,
        "Équiper notre local de postes reconditionnés",
        "hardware",
        "in_progress",
        "Suite à notre diagnostic numérique, nous remplaçons les vieux ordinateurs du local, qui mettent dix "
        "minutes à démarrer. Il nous faut huit postes pour l'accueil, les inscriptions et la logistique, "
        "installés avec une suite bureautique et une sauvegarde automatique. Du reconditionné nous va très bien, "
        "c'est même ce que nous préférons.",
        answers={"computers": 8, "sites": 1, "refurbished": "yes"},
        budget_euros=(3000, 5000),
        quotes=(Q("accepted", _ANS, versions=2), Q("declined"), Q("declined")),
        invited=(_ANS,),
        remote_ok=False,
    ),
    ProjectSeed(
        _RESTOS,
        "Diagnostic numérique de l'association",
        "other",
        "closed",
        "Nos outils se sont empilés au fil des années : des tableurs partagés par e-mail, trois adresses Gmail, "
        "des ordinateurs donnés par des particuliers. Avant de dépenser quoi que ce soit, nous voulons un regard "
        "extérieur sur ce qui marche, ce qui ne marche pas, et par quoi commencer. Restitution attendue devant le "
        "conseil d'administration.",
        skills=("diagnostic-numerique", "accompagnement-changement", "parc-informatique"),
        budget_euros=(800, 1500),
        quotes=(
            Q("accepted", _ANS, versions=1),
            Q(
                "declined",
                "Emma Duval, consultante en transformation numérique",
                versions=1,
                reason="Nous préférons quelqu'un qui puisse venir rencontrer les bénévoles sur place, à Lyon.",
            ),
        ),
        reviews=(
            ReviewSeed(
                "association",
                (5, 5, 4, 5),
                "L'équipe a passé deux matinées avec nos bénévoles, sans jargon et avec beaucoup de patience. Le "
                "rapport est clair, nous nous en sommes servis pour notre demande de subvention. Un petit retard "
                "sur la restitution, vite rattrapé.",
                "Merci à toute l'équipe des Restos pour l'accueil ! Au plaisir de vous accompagner pour la suite.",
            ),
            ReviewSeed(
                "provider",
                (5, 5, 5, 4),
                "Une association très bien organisée : les bénévoles avaient préparé la liste de leurs outils et se "
                "sont rendus disponibles. Les décisions ont été prises rapidement après la restitution.",
            ),
        ),
        days_ago=250,
    ),
    # --- Atelier Numérique Solidaire (presta@demo.test): invited, quoting, working and reviewed.
    ProjectSeed(
        "Épicerie solidaire du Grand Dijon",
        "Renouveler les ordinateurs de l'accueil et de la caisse",
        "hardware",
        "published",
        "Nos deux sites (Dijon centre et Chenôve) tournent avec des ordinateurs de 2014 qui plantent pendant le "
        "passage en caisse, devant les familles. Nous cherchons six postes reconditionnés, installés et reliés à "
        "notre logiciel de caisse, et quelqu'un à appeler quand ça ne marche pas. Nous avons invité des "
        "structures de l'économie sociale et solidaire que nous connaissons.",
        answers={"computers": 6, "sites": 2, "refurbished": "yes"},
        budget_euros=(2500, 4000),
        invited=(_ANS, "Touraine Informatique Solidaire", "Champagne Numérique Solidaire"),
        invited_only=True,
        quotes=(
            Q("submitted", "Champagne Numérique Solidaire", versions=1),
            Q("submitted", "Touraine Informatique Solidaire", versions=2),
        ),
        remote_ok=False,
        days_ago=6,
    ),
    ProjectSeed(
        "Maison des familles du Puy-en-Velay",
        "Faire le point sur notre informatique avant de changer le matériel",
        "other",
        "published",
        "Nous avons obtenu une petite aide de la CAF pour renouveler notre matériel, mais nous ne savons pas par "
        "où commencer. Quatre salariées et une vingtaine de bénévoles partagent deux ordinateurs et une "
        "imprimante capricieuse. Nous aimerions un état des lieux et des conseils concrets, adaptés à notre "
        "budget, avant d'acheter quoi que ce soit.",
        skills=("diagnostic-numerique", "parc-informatique", "accompagnement-changement"),
        budget_euros=(None, 1500),
        quotes=(Q("submitted", _ANS, versions=2), Q("submitted"), Q("withdrawn")),
        invited=(_ANS,),
        days_ago=9,
    ),
    ProjectSeed(
        "Amicale laïque de Cluny",
        "Une salle informatique pour l'aide aux devoirs",
        "hardware",
        "closed",
        "Le soutien scolaire du mercredi accueille une trentaine d'enfants, et beaucoup n'ont pas d'ordinateur à "
        "la maison. La mairie nous prête une salle : il nous faut cinq ordinateurs reconditionnés, une "
        "imprimante et un contrôle parental simple, que les bénévoles sauront gérer.",
        answers={"computers": 5, "sites": 1, "refurbished": "yes"},
        budget_euros=(1500, 2500),
        quotes=(Q("accepted", _ANS, versions=1), Q("declined")),
        invited=(_ANS,),
        reviews=(
            ReviewSeed(
                "association",
                (5, 4, 5, 5),
                "Matériel livré et installé en une matinée, avec un petit guide imprimé pour les bénévoles. Les "
                "enfants s'en servent tous les mercredis. Un prix vraiment adapté à une petite association.",
            ),
            ReviewSeed(
                "provider",
                (5, 4, 5, 5),
                "Accueil chaleureux et salle prête le jour de l'installation. Merci pour le café !",
            ),
        ),
        remote_ok=False,
        days_ago=320,
    ),
    # --- Open for quotes.
    ProjectSeed(
        "Fédération nationale des jardins partagés",
        "Réunir les contacts de nos 600 jardins dans un seul outil",
        "crm",
        "published",
        "Chaque délégation régionale tient son propre tableur de jardins, de référents et d'adhérents, et le "
        "siège garde un vieux fichier Access que plus personne n'ose ouvrir. Résultat : des doublons, des "
        "adhésions oubliées et des newsletters envoyées à des gens partis depuis longtemps.\n\nNous cherchons un "
        "outil de gestion des adhérents partagé entre le siège et les régions, la reprise de nos fichiers, et une "
        "formation pour les salariés et les référents bénévoles.",
        answers={
            "contacts": 4200,
            "current_tool": "Un tableur par région et un vieux fichier Access au siège",
            "emailing": "yes",
        },
        skills=("crm-associatif", "gestion-des-adherents", "migration-donnees", "emailing", "civicrm"),
        budget_euros=(8000, 15000),
        invited=("Thomas Girard, intégrateur CRM associatif",),
        quotes=(
            Q("shortlisted", "Thomas Girard, intégrateur CRM associatif", versions=3),
            Q("submitted", "Sarah Benali, intégratrice CRM", versions=1),
            Q(
                "declined",
                "Coopérative francilienne du logiciel libre",
                versions=1,
                reason="Nous cherchons un outil prêt à l'emploi plutôt qu'un développement sur mesure.",
            ),
        ),
        days_ago=18,
        deadline_extended_by=10,
    ),
    ProjectSeed(
        "Réseau national d'aide aux aidants",
        "Audit de sécurité de notre ligne d'écoute et de nos fichiers",
        "security",
        "published",
        "Notre ligne d'écoute reçoit chaque jour des confidences sur la santé des aidants et de leurs proches. "
        "Après l'attaque subie par une association voisine, le bureau veut savoir où nous en sommes : postes des "
        "écoutants, accès à distance, sauvegardes et registre RGPD. Nous n'avons invité que des prestataires "
        "recommandés par notre fédération.",
        answers={"computers": 45, "personal_data": "yes", "incident": "no"},
        budget_euros=(5000, 9000),
        invited=("Bastion Cybersécurité", "Antoine Lefebvre, expert cybersécurité", "Cotentin Cyber"),
        invited_only=True,
        quotes=(
            Q("submitted", "Bastion Cybersécurité", versions=2),
            Q("shortlisted", "Antoine Lefebvre, expert cybersécurité", versions=1),
        ),
        days_ago=10,
    ),
    ProjectSeed(
        "Festival des arts de la rue de Chinon",
        "Dons en ligne et vente de t-shirts pour le festival",
        "donations",
        "published",
        "Le festival est gratuit et le restera. Pour boucler le budget, nous voulons permettre aux spectateurs de "
        "faire un don en ligne (avec reçu fiscal) et de commander le t-shirt de l'édition avant l'été. Notre site "
        "existe déjà, il faudrait y ajouter tout ça sans le refaire.",
        answers={"what": ["donations", "shop"], "tax_receipts": "yes", "existing_site": "yes"},
        budget_euros=(1000, 2500),
        quotes=(Q("submitted"), Q("submitted")),
        days_ago=4,
    ),
    ProjectSeed(
        "Toulouse Entraide Numérique",
        "Former nos bénévoles à l'accompagnement aux démarches en ligne",
        "training",
        "published",
        "Nos permanences reçoivent de plus en plus de personnes perdues devant les sites de la CAF, d'Ameli ou de "
        "France Travail. Nos nouveaux bénévoles veulent bien aider, mais ne savent pas jusqu'où aller : faut-il "
        "prendre le mot de passe de la personne ? Remplir à sa place ? Nous cherchons une formation pratique, "
        "sur place, avec des mises en situation.",
        answers={
            "people": 18,
            "topic": "Accompagner les usagers sur les sites de la CAF, d'Ameli et de France Travail sans faire à "
            "leur place",
            "format": "onsite",
        },
        skills=("formation-bureautique", "accompagnement-changement", "demarches-en-ligne", "inclusion-numerique"),
        budget_euros=(1200, 2500),
        quotes=(Q("submitted"), Q("submitted")),
        days_ago=7,
    ),
    ProjectSeed(
        "Orchestre des jeunes d'Angers",
        "Un site pour présenter l'orchestre et inscrire les jeunes musiciens",
        "website",
        "published",
        "Aujourd'hui, les familles nous trouvent par le bouche-à-oreille et les inscriptions se font sur papier à "
        "la rentrée. Nous voudrions un site qui présente l'orchestre, les concerts de la saison et les "
        "auditions, avec un formulaire de pré-inscription. Nous ne savons pas du tout combien ça coûte : vos "
        "conseils sont les bienvenus.",
        answers={"pages": 8, "content_ready": "no", "languages": ["fr"], "hosting": "unsure", "donations": "no"},
        days_ago=2,
    ),
    ProjectSeed(
        "Bordeaux Accueil Réfugiés",
        "Passer à Nextcloud pour partager nos dossiers en sécurité",
        "cloud",
        "published",
        "Nos juristes et nos bénévoles échangent les dossiers des personnes accompagnées par clé USB et par "
        "e-mail, ce qui nous inquiète. Nous voulons un espace de partage hébergé en France, avec des droits "
        "d'accès par équipe. Nous avons invité des coopératives du logiciel libre.",
        answers={"target": "nextcloud", "users": 25, "mail_migration": "no"},
        budget_euros=(2000, 4500),
        invited=(
            "Garonne Coop Numérique",
            "Occitanie Logiciels Libres",
            "Hugo Fabre, administrateur systèmes",
            "Pyrénées Numérique Solidaire",
        ),
        invited_only=True,
        declined=(
            (
                "Pyrénées Numérique Solidaire",
                "Merci de votre confiance : notre équipe est prise jusqu'à la fin du trimestre, nous ne pourrions "
                "pas démarrer à temps.",
            ),
        ),
        quotes=(
            Q("shortlisted", "Garonne Coop Numérique", versions=2),
            Q("submitted", "Occitanie Logiciels Libres", versions=1),
            Q("withdrawn", "Hugo Fabre, administrateur systèmes", versions=1),
        ),
        days_ago=15,
    ),
    ProjectSeed(
        "Habitat et Partage Rouen",
        "Un tableau de bord pour suivre nos logements et les familles accompagnées",
        "data",
        "published",
        "Chaque fin d'année, il nous faut une semaine pour compter les familles logées, la durée des séjours et "
        "les sorties vers un logement durable, pour nos financeurs. Les chiffres sont dans trois tableurs "
        "différents. Nous voulons un tableau de bord mis à jour chaque mois, lisible par le conseil "
        "d'administration.",
        answers={
            "sources": "Trois tableurs : les logements, les familles et le suivi social",
            "audience": "Le conseil d'administration et nos financeurs (métropole, département)",
        },
        budget_euros=(4000, 8000),
        quotes=(Q("submitted", "Emma Duval, consultante en transformation numérique", versions=1), Q("submitted")),
        days_ago=5,
    ),
    ProjectSeed(
        "Madinina Numérique",
        "Former nos médiateurs à Canva et aux réseaux sociaux",
        "training",
        "published",
        "Nos six médiateurs numériques animent des ateliers dans les communes, mais nos affiches et nos "
        "publications ne donnent pas envie. Nous cherchons deux journées de formation pour apprendre à faire des "
        "visuels simples et à publier régulièrement, en Martinique ou à distance.",
        answers={"people": 8, "topic": "Créer des visuels sur Canva et animer nos pages Facebook", "format": "either"},
        skills=("formation-reseaux-sociaux", "graphisme-canva", "formation-outils-collaboratifs"),
        budget_euros=(1200, 2500),
        quotes=(Q("submitted", "Madinina Formation Digitale", versions=1),),
        days_ago=8,
    ),
    # --- Awarded: the association chose a quote, work has not started yet.
    ProjectSeed(
        "Foyer des jeunes travailleurs de Tours",
        "Un site clair avec les logements disponibles",
        "website",
        "awarded",
        "Les jeunes qui cherchent un logement nous appellent pour savoir s'il reste de la place, parce que notre "
        "site ne le dit pas. Nous voulons un site en français et en anglais (nous accueillons des apprentis "
        "européens), avec les logements disponibles, les tarifs et le dossier de candidature en ligne.",
        answers={
            "pages": 20,
            "content_ready": "no",
            "languages": ["fr", "en"],
            "accessibility": "yes",
            "hosting": "need",
            "donations": "no",
        },
        budget_euros=(6000, 12000),
        quotes=(
            Q("accepted", versions=2),
            Q("declined"),
            Q("declined", reason="Budget trop élevé pour nous cette année."),
        ),
    ),
    ProjectSeed(
        "Handi Sport Aiacciu",
        "Une collecte en ligne pour un voilier adapté",
        "donations",
        "awarded",
        "Nous voulons acheter un voilier adapté aux personnes en fauteuil, pour naviguer dans le golfe d'Ajaccio. "
        "Il manque 12 000 €. Nous n'avons pas de site : il nous faut une page de collecte avec reçus fiscaux, "
        "facile à partager, et des conseils pour faire connaître la campagne.",
        answers={"what": ["donations"], "tax_receipts": "yes", "existing_site": "no"},
        skills=("dons-en-ligne", "helloasso", "financement-participatif", "site-vitrine"),
        budget_euros=(800, 2000),
        quotes=(Q("accepted"), Q("declined")),
    ),
    ProjectSeed(
        "Nantes Solidarité Seniors",
        "Un fichier partagé pour organiser nos visites",
        "crm",
        "awarded",
        "Nos 90 bénévoles rendent visite chaque semaine à 600 personnes âgées isolées. Le planning est dans un "
        "classeur au local et dans un tableur envoyé par e-mail, jamais à jour. Il nous faut un fichier "
        "partagé des personnes visitées et des bénévoles, accessible aux coordinatrices de quartier.",
        answers={
            "contacts": 650,
            "current_tool": "Un classeur papier et un tableur partagé par e-mail",
            "emailing": "no",
        },
        skills=("crm-associatif", "gestion-des-benevoles", "migration-donnees", "civicrm"),
        budget_euros=(4000, 8000),
        quotes=(Q("accepted", "Coop Atlantique Informatique", versions=2), Q("declined"), Q("declined")),
    ),
    ProjectSeed(
        "Mission jeunes Montpellier Méditerranée",
        "Mise en conformité RGPD des dossiers des jeunes accompagnés",
        "security",
        "awarded",
        "Nous suivons 3 000 jeunes par an et leurs dossiers contiennent des informations sur leur santé, leur "
        "logement et leur situation familiale. Un ordinateur portable a été volé le mois dernier. Nous voulons "
        "un audit, un registre des traitements à jour et des règles simples pour les conseillers.",
        answers={"computers": 60, "personal_data": "yes", "incident": "yes"},
        budget_euros=(6000, 10000),
        quotes=(Q("accepted", versions=1), Q("declined"), Q("declined")),
    ),
    # --- In progress.
    ProjectSeed(
        "Rennes Insertion Numérique",
        "Passer notre messagerie et nos documents sur Microsoft 365",
        "cloud",
        "in_progress",
        "Nous bénéficions de l'offre Microsoft pour les associations mais nous n'avons jamais pris le temps de "
        "migrer : les salariés en insertion et les encadrants utilisent encore des adresses personnelles. Il "
        "faut créer les comptes, migrer les e-mails de l'ancien hébergeur et former tout le monde.",
        answers={"target": "microsoft-365", "users": 35, "mail_migration": "yes"},
        budget_euros=(3000, 6000),
        quotes=(Q("accepted", "Lorient Numérique Inclusif", versions=2), Q("declined")),
    ),
    ProjectSeed(
        "Les Ateliers du Beffroi",
        "Un site avec la programmation de nos ateliers et les inscriptions",
        "website",
        "in_progress",
        "Nous publions la programmation de nos ateliers sur Facebook et nous prenons les inscriptions par "
        "téléphone. Nous voulons un site vivant, avec un agenda des ateliers que l'équipe remplit elle-même et "
        "des inscriptions en ligne. Les textes et les photos sont prêts.",
        answers={
            "pages": 15,
            "content_ready": "yes",
            "languages": ["fr"],
            "accessibility": "unsure",
            "hosting": "need",
            "donations": "no",
        },
        budget_euros=(4000, 7000),
        quotes=(Q("accepted", "Picardie Web Services", versions=1), Q("declined"), Q("declined")),
    ),
    ProjectSeed(
        "Fondation Horizons solidaires",
        "Des tableaux de bord pour suivre les projets que nous finançons",
        "data",
        "in_progress",
        "Nous soutenons chaque année une centaine de projets, et leurs rapports arrivent sous toutes les formes. "
        "Nos chargés de mission passent des jours à recopier des chiffres. Nous voulons un formulaire de rapport "
        "commun et des tableaux de bord pour le conseil d'administration et nos mécènes.",
        answers={
            "sources": "Les rapports des associations soutenues, saisis dans des tableurs Excel",
            "audience": "Le conseil d'administration, les chargés de mission et nos mécènes",
        },
        budget_euros=(9000, 15000),
        quotes=(Q("accepted", "Emma Duval, consultante en transformation numérique", versions=3), Q("declined")),
    ),
    ProjectSeed(
        "Les Paniers du Panier",
        "Vendre nos paniers de légumes en ligne",
        "donations",
        "in_progress",
        "Les commandes de paniers arrivent par SMS, sur un cahier et sur WhatsApp, et il y a toujours des "
        "oublis le jeudi. Nous voulons que les adhérents commandent et paient leur panier sur notre site, et "
        "renouvellent leur adhésion au même endroit.",
        answers={"what": ["shop", "memberships"], "tax_receipts": "no", "existing_site": "yes"},
        skills=("boutique-en-ligne", "paiement-en-ligne", "adhesions-en-ligne", "woocommerce", "helloasso"),
        budget_euros=(1500, 3500),
        quotes=(Q("accepted", "Studio Garrigue", versions=2), Q("declined")),
    ),
    # --- Delivered: the provider says it is done, the association has not closed it yet.
    ProjectSeed(
        "Entraide roubaisienne",
        "Wifi et ordinateurs pour l'espace d'accès aux droits",
        "hardware",
        "delivered",
        "Notre espace d'accès aux droits reçoit les habitants pour leurs démarches en ligne, mais le wifi ne "
        "passe pas dans la salle du fond et les deux ordinateurs en libre accès sont hors d'usage. Il nous faut "
        "quatre postes, une borne wifi et une imprimante, installés pour un usage public.",
        answers={"computers": 4, "sites": 1, "refurbished": "yes"},
        budget_euros=(2000, 3500),
        quotes=(Q("accepted", "Inclusion Numérique du Nord", versions=1), Q("declined")),
        reviews=(
            ReviewSeed(
                "association",
                (5, 5, 4, 5),
                "Installation propre et rapide, et des postes bien protégés pour le public. Le technicien a pris "
                "le temps d'expliquer aux bénévoles comment redémarrer la borne wifi.",
            ),
        ),
        remote_ok=False,
    ),
    ProjectSeed(
        "Théâtre de l'Étoile — Besançon",
        "Nouveau site avec la saison et la billetterie",
        "website",
        "delivered",
        "Notre site actuel ne s'affiche pas sur téléphone et la billetterie renvoie vers trois outils différents. "
        "Nous voulons un site qui mette en valeur la saison et les ateliers amateurs, avec la billetterie "
        "intégrée, que l'équipe de deux permanents puisse tenir à jour.",
        answers={
            "pages": 25,
            "content_ready": "yes",
            "languages": ["fr"],
            "accessibility": "yes",
            "hosting": "need",
            "donations": "yes",
        },
        skills=("site-vitrine", "wordpress", "hebergement-web", "accessibilite-rgaa", "billetterie"),
        budget_euros=(5000, 9000),
        quotes=(Q("accepted", "Web en Bourgogne", versions=2), Q("declined"), Q("declined")),
    ),
    ProjectSeed(
        "Guyane Éducation Fleuve",
        "Former nos animateurs aux tablettes et aux outils bureautiques",
        "training",
        "delivered",
        "Nos animateurs interviennent dans des villages du Maroni où la connexion est rare. Nous avons reçu des "
        "tablettes et des ordinateurs, et il faut apprendre à préparer les séances hors connexion et à les "
        "utiliser avec les enfants. Formation à distance, en petits groupes, aux horaires de Cayenne.",
        answers={
            "people": 14,
            "topic": "Préparer des séances hors connexion avec LibreOffice et les tablettes",
            "format": "online",
        },
        budget_euros=(1500, 3000),
        quotes=(Q("accepted", versions=1), Q("declined")),
    ),
    # --- Closed, with reviews both ways.
    ProjectSeed(
        "Alphabétisation Montreuil",
        "Initiation à l'ordinateur pour nos formatrices bénévoles",
        "training",
        "closed",
        "Nos formatrices bénévoles sont à l'aise avec les apprenants, beaucoup moins avec l'ordinateur. Nous "
        "voulons une formation sur les bases : ranger ses fichiers, écrire un e-mail avec une pièce jointe, "
        "animer une visio et imprimer les supports de cours.",
        answers={
            "people": 12,
            "topic": "Les bases : fichiers, e-mails, visioconférence et impression",
            "format": "onsite",
        },
        budget_euros=(1000, 2000),
        quotes=(Q("accepted", "Formations Clés du Numérique", versions=1), Q("declined")),
        reviews=(
            ReviewSeed(
                "association",
                (5, 5, 5, 4),
                "La formatrice a su mettre tout le monde à l'aise, même les plus inquiètes. Les fiches pratiques "
                "sont affichées dans la salle des formatrices.",
                "Merci ! C'était un plaisir de former une équipe aussi motivée.",
            ),
            ReviewSeed(
                "provider",
                (5, 5, 4, 5),
                "Salle bien équipée et groupe très assidu. Une séance a dû être décalée, prévenue à temps.",
            ),
        ),
    ),
    ProjectSeed(
        "Sauveteurs bénévoles de Paimpol",
        "Sauvegardes et mots de passe de la station",
        "security",
        "closed",
        "Un virus a chiffré l'ordinateur de la station l'hiver dernier et nous avons perdu deux ans de comptes "
        "rendus d'intervention. Nous voulons des sauvegardes qui marchent, des mots de passe rangés ailleurs que "
        "sur un post-it, et une soirée de sensibilisation pour les équipages.",
        answers={"computers": 6, "personal_data": "yes", "incident": "yes"},
        budget_euros=(1500, 3000),
        quotes=(Q("accepted", "Armor Sécurité Informatique", versions=2), Q("declined")),
        reviews=(
            ReviewSeed(
                "association",
                (5, 4, 4, 4),
                "Du sérieux : les sauvegardes tournent et nous avons testé une restauration ensemble. La soirée de "
                "sensibilisation a beaucoup plu aux équipages. Le devis était un peu au-dessus de nos moyens.",
                "Merci pour ce retour. Nous avons appliqué la remise maximale possible ; n'hésitez pas à nous "
                "appeler pour le point annuel.",
            ),
            ReviewSeed(
                "provider",
                (5, 5, 5, 5),
                "Une équipe de bénévoles très réactive, qui a appliqué les recommandations dès la première semaine.",
            ),
        ),
    ),
    ProjectSeed(
        "Voile pour tous — Nice",
        "Un site accessible pour réserver les sorties en mer",
        "website",
        "closed",
        "Nous accueillons des enfants des quartiers et des personnes en situation de handicap sur des bateaux "
        "adaptés. Les réservations se font par téléphone, aux heures où le club est ouvert. Nous voulons un site "
        "vraiment accessible, en français et en anglais, avec un calendrier des sorties et un bouton de don.",
        answers={
            "pages": 8,
            "content_ready": "yes",
            "languages": ["fr", "en"],
            "accessibility": "yes",
            "hosting": "need",
            "donations": "yes",
        },
        budget_euros=(3000, 5000),
        quotes=(Q("accepted", "Agence Azur Pixel", versions=2), Q("declined"), Q("declined")),
        reviews=(
            ReviewSeed(
                "association",
                (4, 3, 2, 4),
                "Le site est beau et nos adhérents malvoyants le trouvent facile à utiliser. En revanche, il a été "
                "livré avec six semaines de retard, juste après le début de la saison, et il fallait souvent "
                "relancer pour avoir des nouvelles.",
                "Vous avez raison sur le retard, nous avions sous-estimé les tests avec vos adhérents. Nous avons "
                "depuis revu notre organisation. Merci pour votre patience.",
            ),
            ReviewSeed(
                "provider",
                (4, 4, 4, 5),
                "Des bénévoles passionnés et des tests avec les adhérents qui nous ont beaucoup appris.",
            ),
        ),
    ),
    ProjectSeed(
        "Les Compagnons du vignoble champenois",
        "Gérer nos adhérents et les cotisations sans tableur",
        "crm",
        "closed",
        "Le trésorier tient le fichier des 380 adhérents dans un tableur et relance les cotisations à la main, "
        "une par une. Nous voulons un outil où chaque adhérent paie en ligne, reçoit son reçu, et où le bureau "
        "voit qui est à jour.",
        answers={"contacts": 380, "current_tool": "Un fichier Excel tenu par le trésorier", "emailing": "yes"},
        budget_euros=(2000, 4000),
        quotes=(Q("accepted", "Thomas Girard, intégrateur CRM associatif", versions=1), Q("declined")),
        invited=("Thomas Girard, intégrateur CRM associatif",),
        reviews=(
            ReviewSeed(
                "association",
                (5, 5, 5, 5),
                "Thomas a repris notre fichier sans rien perdre et le trésorier a retrouvé ses soirées. La campagne "
                "de cotisations de cette année s'est faite en trois semaines au lieu de trois mois.",
            ),
            ReviewSeed(
                "provider",
                (5, 4, 5, 5),
                "Un bureau disponible et des données bien tenues, ce qui a rendu la reprise facile.",
            ),
        ),
    ),
    ProjectSeed(
        "Secours mutuel du Berry",
        "Partager nos documents entre nos trois permanences",
        "cloud",
        "closed",
        "Nos permanences de Bourges, Vierzon et Saint-Amand travaillent chacune sur leurs propres dossiers, et "
        "les documents circulent par clé USB. Nous voulons un espace de partage sécurisé, de préférence libre et "
        "hébergé en France, pour la douzaine de personnes qui accompagnent les familles.",
        answers={"target": "nextcloud", "users": 12, "mail_migration": "no"},
        budget_euros=(1500, 3000),
        quotes=(Q("accepted", "SCOP Octets Libres", versions=1), Q("declined")),
        reviews=(
            ReviewSeed(
                "association",
                (4, 5, 4, 5),
                "L'espace de partage fonctionne bien et la coopérative a pris le temps de former chaque "
                "permanence. Quelques soucis de synchronisation au début, réglés en deux jours.",
            ),
            ReviewSeed(
                "provider",
                (4, 5, 5, 5),
                "Des échanges simples et chaleureux avec les trois équipes.",
            ),
        ),
    ),
    # --- Cancelled.
    ProjectSeed(
        "Comité des fêtes de Saint-Émilion",
        "Un petit site pour le marché de Noël",
        "website",
        "cancelled",
        "Chaque année, les exposants et les visiteurs nous demandent les horaires et le plan du marché de Noël. "
        "Trois pages suffiraient : le programme, la liste des exposants et l'accès.",
        answers={"pages": 3, "content_ready": "yes", "languages": ["fr"], "hosting": "unsure", "donations": "no"},
        budget_euros=(None, 800),
        quotes=(Q("declined"),),
        reason="Une bénévole de l'association a finalement créé le site elle-même.",
    ),
    ProjectSeed(
        "Football féminin amiénois",
        "Adhésions en ligne pour la nouvelle saison",
        "donations",
        "cancelled",
        "Les inscriptions de septembre se font sur papier, avec des chèques, et le trésorier passe ses soirées à "
        "tout recopier. Nous voudrions que les familles inscrivent leurs filles et paient en ligne.",
        answers={"what": ["memberships"], "tax_receipts": "no", "existing_site": "yes"},
        budget_euros=(500, 1200),
        quotes=(Q("declined"), Q("withdrawn")),
        reason="La ligue nous impose finalement son propre outil d'inscription.",
    ),
    ProjectSeed(
        "Pelote basque paloise",
        "Un ordinateur et une imprimante pour le club-house",
        "hardware",
        "cancelled",
        "Pour imprimer les feuilles de match et les licences, nous avons besoin d'un ordinateur et d'une "
        "imprimante au club-house, rien de plus.",
        answers={"computers": 1, "sites": 1, "refurbished": "yes"},
        budget_euros=(None, 600),
        remote_ok=False,
        reason="Le parent d'un joueur nous a donné un ordinateur et une imprimante.",
        cancelled_as_draft=True,
    ),
    # --- Expired: the answer deadline passed without an award.
    ProjectSeed(
        "Cercle celtique Ar Vro Gerne",
        "Numériser nos archives de costumes et de photos",
        "other",
        "expired",
        "Nous gardons des centaines de photos de costumes et de défilés depuis les années 1950, dans des boîtes "
        "à chaussures. Nous voudrions les numériser, les classer et les partager avec les autres cercles, avant "
        "que les anciens qui les reconnaissent ne soient plus là.",
        skills=("partage-documents", "base-de-donnees-sans-code"),
    ),
    ProjectSeed(
        "Union des randonneurs du Quercy",
        "Une carte interactive de nos randonnées",
        "website",
        "expired",
        "Nous avons tracé une trentaine de boucles sur les causses et dans la vallée du Célé. Nous voudrions les "
        "montrer sur une carte, avec la fiche de chaque randonnée à télécharger.",
        answers={
            "pages": 30,
            "content_ready": "yes",
            "languages": ["fr"],
            "accessibility": "unsure",
            "hosting": "have",
            "donations": "no",
        },
        skills=("site-vitrine", "cartographie", "wordpress"),
        budget_euros=(1000, 2000),
        quotes=(Q("declined"),),
    ),
    ProjectSeed(
        "Société de musique l'Harmonie de Colmar",
        "Apprendre à animer notre page Facebook",
        "training",
        "expired",
        "Nos concerts sont de moins en moins suivis par les jeunes. Quatre musiciens volontaires voudraient "
        "apprendre à publier nos concerts et nos répétitions sur Facebook et Instagram.",
        answers={"people": 4, "topic": "Publier nos concerts sur Facebook et Instagram", "format": "onsite"},
        skills=("formation-reseaux-sociaux", "reseaux-sociaux"),
        budget_euros=(300, 600),
        quotes=(Q("declined"),),
    ),
    # --- Other drafts.
    ProjectSeed(
        "Caen Cyclo Solidaire",
        "Adhésions et dons en ligne pour l'atelier vélo",
        "donations",
        "draft",
        "L'adhésion à l'atelier coûte 10 € par an et se paie en liquide. Nous voudrions la proposer en ligne, "
        "avec la possibilité d'ajouter un don. Nous attendons la vérification de l'association pour publier.",
        answers={"what": ["memberships", "donations"], "tax_receipts": "yes", "existing_site": "no"},
    ),
    ProjectSeed(
        "Les Jardins créoles de Saint-Denis",
        "Un site pour partager les savoirs sur les plantes lontan",
        "website",
        "draft",
        "Les anciens du quartier connaissent les usages des plantes lontan, et nous voulons garder une trace de "
        "ces savoirs : une fiche par plante, avec des photos et des enregistrements en créole.",
        answers={
            "pages": 10,
            "content_ready": "no",
            "languages": ["fr", "other"],
            "accessibility": "unsure",
            "hosting": "need",
        },
        budget_euros=(1500, 3000),
    ),
    ProjectSeed(
        "Bibliothèque associative de Digne-les-Bains",
        "Un poste public et une imprimante pour les lecteurs",
        "hardware",
        "draft",
        "Des lecteurs nous demandent souvent d'imprimer un billet de train ou une attestation. Nous voudrions "
        "installer deux ordinateurs en libre accès et une imprimante, avec un usage simple et sécurisé.",
        answers={"computers": 2, "sites": 1, "refurbished": "yes"},
        budget_euros=(None, 1200),
        remote_ok=False,
    ),
)


@dataclass(frozen=True)
class QuoteLineSeed:
    """A line a provider may put in a quote for a type of project.

    `kind` says how the seeder prices it: "days" at the provider's day rate, a
    "fixed" lump sum, or "units" (`count`, an answer of the project such as
    "computers" or a (low, high) range, times a price within `unit_euros`).
    `share` weighs the line within the quote's amount, for days and fixed sums.
    """

    label: str
    kind: str
    share: int = 0
    unit_euros: tuple[int, int] = (0, 0)
    count: str | tuple[int, int] = (1, 1)


L = QuoteLineSeed

# The first line of each type is in every quote; the seeder picks the others.
QUOTE_LINES: dict[str, tuple[QuoteLineSeed, ...]] = {
    "website": (
        L("Développement et intégration du site sous WordPress", "days", 35),
        L("Ateliers de cadrage avec vos bénévoles et arborescence", "days", 10),
        L("Maquettes graphiques de l'accueil et des pages types", "days", 15),
        L("Saisie et mise en forme des contenus existants", "days", 10),
        L("Formulaire de dons relié à HelloAsso", "fixed", 8),
        L("Vérification de l'accessibilité (RGAA) et corrections", "days", 10),
        L("Formation des bénévoles à la mise à jour du site (demi-journée)", "fixed", 6),
        L("Hébergement et mises à jour de sécurité (par mois)", "units", unit_euros=(15, 35), count=(12, 12)),
    ),
    "donations": (
        L("Paramétrage de la plateforme de paiement et des formulaires", "days", 30),
        L("Intégration des formulaires sur votre site", "days", 20),
        L("Reçus fiscaux automatiques : modèle et envoi", "fixed", 15),
        L("Page de campagne et visuels de collecte", "days", 20),
        L("Fiches produits et suivi des commandes", "days", 20),
        L("Formation de l'équipe (deux heures à distance)", "fixed", 8),
    ),
    "crm": (
        L("Paramétrage du CRM : fiches, cotisations et droits d'accès", "days", 35),
        L("Analyse de vos fichiers et choix de l'outil", "days", 15),
        L("Reprise des données existantes et dédoublonnage", "days", 25),
        L("Modèles d'e-mails et premier envoi aux adhérents", "days", 10),
        L("Formation des administrateurs et des bénévoles", "days", 10),
        L("Abonnement au logiciel (par mois)", "units", unit_euros=(20, 60), count=(12, 12)),
    ),
    "cloud": (
        L("Migration des e-mails et des documents", "days", 30),
        L("Audit de l'existant et plan de migration", "days", 15),
        L(
            "Création des comptes, des groupes et des espaces partagés (par utilisateur)",
            "units",
            unit_euros=(15, 30),
            count="users",
        ),
        L("Configuration des postes et des téléphones", "days", 15),
        L("Formation des utilisateurs (demi-journée)", "fixed", 10),
        L("Assistance pendant le premier mois", "fixed", 8),
    ),
    "security": (
        L("Audit des postes, des comptes et des sauvegardes", "days", 35),
        L("Registre des traitements RGPD et politique de confidentialité", "days", 25),
        L("Mise en place d'un gestionnaire de mots de passe", "fixed", 10),
        L("Sauvegarde externalisée et test de restauration", "days", 15),
        L("Atelier de sensibilisation au hameçonnage (deux heures)", "fixed", 10),
        L("Restitution et plan d'action priorisé", "days", 8),
    ),
    "data": (
        L("Conception des tableaux de bord", "days", 30),
        L("Recueil des besoins avec les équipes", "days", 15),
        L("Nettoyage et structuration des données", "days", 30),
        L("Automatisation de la mise à jour mensuelle", "days", 15),
        L("Formation et documentation", "fixed", 10),
    ),
    "hardware": (
        L("Ordinateur portable reconditionné, garanti deux ans", "units", unit_euros=(290, 420), count="computers"),
        L("Installation, paramétrage et transfert des données", "days", 30),
        L("Borne wifi professionnelle, posée et configurée", "units", unit_euros=(180, 260), count="sites"),
        L("Imprimante multifonction reconditionnée", "units", unit_euros=(220, 350)),
        L("Inventaire du parc et étiquetage", "fixed", 10),
        L("Contrat de maintenance (12 mois)", "fixed", 25),
    ),
    "training": (
        L("Journée de formation (groupe de 10 personnes au plus)", "days", 50),
        L("Préparation à partir de vos documents et de vos outils", "fixed", 15),
        L("Supports de formation et fiches pratiques", "fixed", 10),
        L("Classe virtuelle de suivi (deux heures)", "fixed", 10),
        L("Frais de déplacement", "fixed", 5),
    ),
    "other": (
        L("Entretiens avec l'équipe et état des lieux", "days", 30),
        L("Rapport et recommandations", "days", 25),
        L("Restitution au conseil d'administration", "fixed", 10),
        L("Accompagnement à la mise en œuvre", "days", 25),
        L("Ateliers avec les bénévoles", "days", 15),
    ),
}

# What the provider writes with the first version of its quote: a greeting, its approach, then the terms.
QUOTE_GREETINGS: tuple[str, ...] = (
    "Bonjour, merci pour la présentation très claire de votre projet.",
    "Bonjour, votre projet nous parle beaucoup : nous accompagnons déjà plusieurs associations comme la vôtre.",
    "Bonjour et merci pour votre confiance.",
    "Bonjour, voici notre proposition après lecture attentive de votre besoin.",
)

QUOTE_APPROACHES: dict[str, str] = {
    "website": "Nous partirions de vos contenus actuels pour construire un site simple, que vos bénévoles pourront "
    "mettre à jour seuls.",
    "donations": "Nous nous appuyons sur HelloAsso, gratuit pour les associations, pour que vous n'ayez aucun "
    "frais de transaction.",
    "crm": "Nous commencerions par une journée avec vos équipes pour comprendre comment vous travaillez, avant "
    "de toucher à vos fichiers.",
    "cloud": "La migration se ferait un vendredi soir, pour que chacun retrouve ses e-mails et ses documents le "
    "lundi matin.",
    "security": "Nous proposons d'abord un état des lieux, puis des mesures simples classées par priorité, "
    "adaptées aux moyens d'une association.",
    "data": "Nous garderions vos outils actuels autant que possible, pour que vos équipes n'aient rien de "
    "nouveau à apprendre.",
    "hardware": "Tous les postes sont reconditionnés dans notre atelier, testés et garantis, avec une suite "
    "bureautique libre installée.",
    "training": "La formation part de vos propres documents et de vos outils, avec beaucoup de pratique et peu "
    "de théorie.",
    "other": "Nous prendrions le temps de rencontrer les salariés et les bénévoles avant de faire la moindre "
    "recommandation.",
}

QUOTE_DISCOUNT = "Notre remise solidaire de {percent} % est déjà déduite du total."
QUOTE_VAT_EXEMPT: dict[ProviderCategory, str] = {
    P.FREELANCER: "TVA non applicable, article 293 B du CGI.",
    P.TRAINING: "Formation exonérée de TVA (article 261-4-4° du CGI).",
}
QUOTE_CLOSINGS: tuple[str, ...] = (
    "Nous restons disponibles pour en parler au téléphone.",
    "Au plaisir d'échanger avec vous.",
    "N'hésitez pas si vous avez des questions.",
)

# What the provider writes with a new version, depending on what changed.
QUOTE_REVISED_FEWER_DAYS = (
    "Comme convenu lors de notre échange, nous avons revu le temps prévu pour « {label} » afin de tenir dans "
    "votre budget."
)
QUOTE_REVISED_WITHOUT = "Nouvelle version sans « {label} », que vous préférez prendre en charge vous-mêmes."
QUOTE_REVISED_WITH = "Nouvelle version avec « {label} », comme vous nous l'avez demandé."
QUOTE_REVISED_SCHEDULE = "Nouvelle version avec un calendrier ajusté à vos disponibilités."

QUOTE_MILESTONES: tuple[str, ...] = ("Réunion de lancement", "Point d'étape avec votre équipe", "Livraison")

# Reasons the services give when they decline the open quotes themselves.
DECLINED_OTHER_ACCEPTED = "Un autre devis a été retenu."
DECLINED_PROJECT_CANCELLED = "Projet annulé par l'association."
DECLINED_PROJECT_EXPIRED = "Le projet a expiré sans être attribué."
