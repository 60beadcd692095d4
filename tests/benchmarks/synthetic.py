"""A synthetic French marketplace with known answers, to measure search and matching.

Each generated organisation and project has LATENT attributes chosen first (a provider's real specialties, a
project's real need, place and budget) and text written from them afterwards, the way people write: synonyms,
vague words, missing accents, typos, keyword stuffing, skills left unticked. Relevance grades come from the
latent attributes only, never from the text, so plain full-text search is imperfect while a matcher that
detects skills, and weighs place, budget, verification and rating, can do clearly better.

Grades, for one project and one provider:

* 3: verified, its specialties cover the whole need, reachable (the project's region is one it serves, or
  both accept remote work) and affordable (`DAYS_OF_WORK` days at its lowest day rate, and its minimum
  project size, fit within the project's maximum budget; an unknown budget fits);
* 2: covers the need but exactly one of place and budget is off;
* 1: a specialty in the domain of a needed skill (adjacent), or covering the need with place and budget off;
* 0: otherwise, and always for unverified providers.

Pure functions of a `random.Random`: the same seed gives the same file, byte for byte. Only `write_marketplace`
touches the disk; it streams lines so 100,000 providers fit in little memory.
"""

import json
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from marketplace.geography import region_for_postcode
from marketplace.taxonomy_data import SKILLS

DAYS_OF_WORK = 3
SKILL_BY_SLUG = {skill.slug: skill for skill in SKILLS}
SKILL_BIT = {skill.slug: 1 << index for index, skill in enumerate(SKILLS)}
DOMAIN_SKILLS: dict[str, tuple[str, ...]] = {}
for _skill in SKILLS:
    DOMAIN_SKILLS.setdefault(_skill.domain, ())
    DOMAIN_SKILLS[_skill.domain] += (_skill.slug,)
DOMAIN_MASK = {domain: sum(SKILL_BIT[slug] for slug in slugs) for domain, slugs in DOMAIN_SKILLS.items()}

# --- Places ---------------------------------------------------------------------------------------------------------

# Real communes, one of their postcodes and approximate town-centre coordinates; the weight says how many
# organisations a big city holds compared with a small town.
_COMMUNES = (
    ("Paris", "75011", 48.857, 2.380, 6),
    ("Paris", "75018", 48.892, 2.348, 5),
    ("Paris", "75013", 48.829, 2.356, 5),
    ("Montreuil", "93100", 48.861, 2.443, 3),
    ("Saint-Denis", "93200", 48.936, 2.357, 2),
    ("Versailles", "78000", 48.805, 2.130, 2),
    ("Nanterre", "92000", 48.892, 2.207, 2),
    ("Créteil", "94000", 48.790, 2.455, 2),
    ("Évry-Courcouronnes", "91000", 48.629, 2.441, 1),
    ("Cergy", "95000", 49.036, 2.076, 1),
    ("Meaux", "77100", 48.960, 2.879, 1),
    ("Argenteuil", "95100", 48.947, 2.248, 1),
    ("Vitry-sur-Seine", "94400", 48.787, 2.392, 1),
    ("Lyon", "69003", 45.760, 4.850, 4),
    ("Lyon", "69007", 45.745, 4.840, 3),
    ("Villeurbanne", "69100", 45.767, 4.880, 2),
    ("Grenoble", "38000", 45.188, 5.724, 3),
    ("Saint-Étienne", "42000", 45.440, 4.387, 2),
    ("Clermont-Ferrand", "63000", 45.778, 3.087, 2),
    ("Annecy", "74000", 45.899, 6.129, 2),
    ("Chambéry", "73000", 45.564, 5.918, 1),
    ("Valence", "26000", 44.933, 4.892, 1),
    ("Bourg-en-Bresse", "01000", 46.205, 5.226, 1),
    ("Aurillac", "15000", 44.926, 2.440, 1),
    ("Le Puy-en-Velay", "43000", 45.043, 3.886, 1),
    ("Vichy", "03200", 46.128, 3.426, 1),
    ("Dijon", "21000", 47.322, 5.041, 2),
    ("Besançon", "25000", 47.238, 6.024, 2),
    ("Mâcon", "71000", 46.307, 4.829, 1),
    ("Auxerre", "89000", 47.798, 3.574, 1),
    ("Nevers", "58000", 46.991, 3.159, 1),
    ("Belfort", "90000", 47.638, 6.863, 1),
    ("Chalon-sur-Saône", "71100", 46.781, 4.854, 1),
    ("Rennes", "35000", 48.117, -1.678, 3),
    ("Brest", "29200", 48.390, -4.486, 2),
    ("Quimper", "29000", 47.996, -4.102, 1),
    ("Vannes", "56000", 47.658, -2.761, 1),
    ("Lorient", "56100", 47.748, -3.370, 1),
    ("Saint-Brieuc", "22000", 48.514, -2.760, 1),
    ("Saint-Malo", "35400", 48.649, -2.026, 1),
    ("Tours", "37000", 47.394, 0.685, 2),
    ("Orléans", "45000", 47.903, 1.909, 2),
    ("Bourges", "18000", 47.081, 2.399, 1),
    ("Blois", "41000", 47.586, 1.336, 1),
    ("Chartres", "28000", 48.444, 1.489, 1),
    ("Châteauroux", "36000", 46.810, 1.691, 1),
    ("Ajaccio", "20000", 41.919, 8.739, 1),
    ("Bastia", "20200", 42.697, 9.451, 1),
    ("Corte", "20250", 42.306, 9.150, 1),
    ("Strasbourg", "67000", 48.573, 7.752, 3),
    ("Metz", "57000", 49.119, 6.176, 2),
    ("Nancy", "54000", 48.692, 6.184, 2),
    ("Reims", "51100", 49.258, 4.032, 2),
    ("Mulhouse", "68100", 47.750, 7.336, 1),
    ("Colmar", "68000", 48.079, 7.358, 1),
    ("Troyes", "10000", 48.297, 4.074, 1),
    ("Charleville-Mézières", "08000", 49.762, 4.726, 1),
    ("Épinal", "88000", 48.172, 6.450, 1),
    ("Lille", "59000", 50.629, 3.057, 4),
    ("Roubaix", "59100", 50.690, 3.181, 2),
    ("Amiens", "80000", 49.894, 2.296, 2),
    ("Arras", "62000", 50.291, 2.778, 1),
    ("Dunkerque", "59140", 51.034, 2.377, 1),
    ("Beauvais", "60000", 49.430, 2.081, 1),
    ("Saint-Quentin", "02100", 49.848, 3.287, 1),
    ("Calais", "62100", 50.951, 1.858, 1),
    ("Valenciennes", "59300", 50.358, 3.523, 1),
    ("Rouen", "76000", 49.443, 1.100, 2),
    ("Caen", "14000", 49.183, -0.371, 2),
    ("Le Havre", "76600", 49.494, 0.108, 2),
    ("Cherbourg-en-Cotentin", "50100", 49.640, -1.616, 1),
    ("Évreux", "27000", 49.024, 1.151, 1),
    ("Alençon", "61000", 48.433, 0.091, 1),
    ("Dieppe", "76200", 49.923, 1.078, 1),
    ("Bordeaux", "33000", 44.838, -0.579, 4),
    ("Limoges", "87000", 45.834, 1.261, 2),
    ("Poitiers", "86000", 46.580, 0.340, 2),
    ("La Rochelle", "17000", 46.160, -1.151, 2),
    ("Pau", "64000", 43.295, -0.371, 1),
    ("Bayonne", "64100", 43.493, -1.475, 1),
    ("Angoulême", "16000", 45.648, 0.156, 1),
    ("Périgueux", "24000", 45.184, 0.721, 1),
    ("Niort", "79000", 46.324, -0.459, 1),
    ("Mont-de-Marsan", "40000", 43.890, -0.500, 1),
    ("Agen", "47000", 44.203, 0.616, 1),
    ("Brive-la-Gaillarde", "19100", 45.159, 1.533, 1),
    ("Toulouse", "31000", 43.605, 1.444, 4),
    ("Montpellier", "34000", 43.611, 3.877, 3),
    ("Nîmes", "30000", 43.837, 4.360, 2),
    ("Perpignan", "66000", 42.699, 2.895, 2),
    ("Albi", "81000", 43.929, 2.148, 1),
    ("Béziers", "34500", 43.344, 3.216, 1),
    ("Carcassonne", "11000", 43.213, 2.349, 1),
    ("Tarbes", "65000", 43.233, 0.078, 1),
    ("Rodez", "12000", 44.351, 2.575, 1),
    ("Cahors", "46000", 44.448, 1.441, 1),
    ("Figeac", "46100", 44.609, 2.032, 1),
    ("Montauban", "82000", 44.018, 1.355, 1),
    ("Auch", "32000", 43.646, 0.586, 1),
    ("Foix", "09000", 42.965, 1.607, 1),
    ("Mende", "48000", 44.518, 3.501, 1),
    ("Nantes", "44000", 47.218, -1.554, 4),
    ("Angers", "49000", 47.478, -0.563, 2),
    ("Le Mans", "72000", 48.006, 0.199, 2),
    ("Saint-Nazaire", "44600", 47.273, -2.214, 1),
    ("La Roche-sur-Yon", "85000", 46.671, -1.426, 1),
    ("Laval", "53000", 48.070, -0.770, 1),
    ("Cholet", "49300", 47.060, -0.879, 1),
    ("Marseille", "13001", 43.300, 5.381, 4),
    ("Marseille", "13013", 43.350, 5.435, 2),
    ("Nice", "06000", 43.710, 7.262, 3),
    ("Toulon", "83000", 43.124, 5.928, 2),
    ("Aix-en-Provence", "13100", 43.530, 5.447, 2),
    ("Avignon", "84000", 43.949, 4.806, 1),
    ("Gap", "05000", 44.559, 6.079, 1),
    ("Digne-les-Bains", "04000", 44.092, 6.236, 1),
    ("Cannes", "06400", 43.552, 7.017, 1),
    ("Arles", "13200", 43.677, 4.631, 1),
    ("Pointe-à-Pitre", "97110", 16.241, -61.533, 1),
    ("Les Abymes", "97139", 16.271, -61.504, 1),
    ("Fort-de-France", "97200", 14.616, -61.059, 1),
    ("Le Lamentin", "97232", 14.613, -60.999, 1),
    ("Cayenne", "97300", 4.922, -52.313, 1),
    ("Saint-Denis", "97400", -20.882, 55.451, 1),
    ("Saint-Pierre", "97410", -21.339, 55.478, 1),
    ("Mamoudzou", "97600", -12.781, 45.228, 1),
)


@dataclass(frozen=True)
class Commune:
    name: str
    postcode: str
    region: str
    latitude: float
    longitude: float


COMMUNES = tuple(Commune(name, pc, str(region_for_postcode(pc)), lat, lon) for name, pc, lat, lon, _w in _COMMUNES)
COMMUNE_WEIGHTS = tuple(row[4] for row in _COMMUNES)
REGIONS = tuple(sorted({commune.region for commune in COMMUNES}))
REGION_BIT = {region: 1 << index for index, region in enumerate(REGIONS)}

NEIGHBOURS = {
    "auvergne-rhone-alpes": (
        "bourgogne-franche-comte",
        "centre-val-de-loire",
        "nouvelle-aquitaine",
        "occitanie",
        "provence-alpes-cote-d-azur",
    ),
    "bourgogne-franche-comte": ("auvergne-rhone-alpes", "centre-val-de-loire", "grand-est", "ile-de-france"),
    "bretagne": ("pays-de-la-loire", "normandie"),
    "centre-val-de-loire": (
        "ile-de-france",
        "normandie",
        "pays-de-la-loire",
        "nouvelle-aquitaine",
        "auvergne-rhone-alpes",
        "bourgogne-franche-comte",
    ),
    "corse": ("provence-alpes-cote-d-azur",),
    "grand-est": ("hauts-de-france", "ile-de-france", "bourgogne-franche-comte"),
    "hauts-de-france": ("normandie", "ile-de-france", "grand-est"),
    "ile-de-france": ("hauts-de-france", "grand-est", "bourgogne-franche-comte", "centre-val-de-loire", "normandie"),
    "normandie": ("hauts-de-france", "ile-de-france", "centre-val-de-loire", "pays-de-la-loire", "bretagne"),
    "nouvelle-aquitaine": ("pays-de-la-loire", "centre-val-de-loire", "auvergne-rhone-alpes", "occitanie"),
    "occitanie": ("nouvelle-aquitaine", "auvergne-rhone-alpes", "provence-alpes-cote-d-azur"),
    "pays-de-la-loire": ("bretagne", "normandie", "centre-val-de-loire", "nouvelle-aquitaine"),
    "provence-alpes-cote-d-azur": ("auvergne-rhone-alpes", "occitanie", "corse"),
}


def pick_commune(rng: random.Random) -> Commune:
    return rng.choices(COMMUNES, weights=COMMUNE_WEIGHTS)[0]


def _jitter(rng: random.Random, commune: Commune) -> tuple[float, float]:
    return round(commune.latitude + rng.uniform(-0.03, 0.03), 5), round(commune.longitude + rng.uniform(-0.03, 0.03), 5)


# --- Words ----------------------------------------------------------------------------------------------------------

# How providers word each skill, beyond the taxonomy's own labels and synonyms.
PROVIDER_WORDINGS: dict[str, tuple[str, ...]] = {
    "site-vitrine": ("sites vitrines", "création de sites internet", "sites web sur mesure", "votre présence en ligne"),
    "wordpress": ("WordPress", "sites sous WordPress", "thèmes et extensions WordPress"),
    "refonte-site": ("refonte de site", "modernisation de sites existants", "nouvelle version de votre site"),
    "referencement-seo": ("référencement naturel", "SEO", "visibilité sur Google"),
    "maintenance-site": ("maintenance et mises à jour de sites", "infogérance WordPress", "TMA de sites"),
    "hebergement-web": ("hébergement de sites", "hébergement en France", "serveurs web"),
    "dons-en-ligne": ("dons en ligne", "formulaires de don", "collecte de dons", "campagnes de collecte"),
    "helloasso": ("HelloAsso", "intégration HelloAsso", "billetteries et adhésions HelloAsso"),
    "adhesions-en-ligne": ("adhésions en ligne", "paiement des cotisations en ligne"),
    "crm-associatif": ("CRM associatif", "CRM", "base de contacts unique"),
    "gestion-des-adherents": ("gestion des adhérents", "fichier des adhérents", "suivi des membres"),
    "gestion-des-donateurs": ("fidélisation des donateurs", "gestion des donateurs", "relation donateurs"),
    "emailing": ("e-mailing", "campagnes Brevo ou Mailchimp", "emailings"),
    "microsoft-365": (
        "Microsoft 365",
        "migration vers Microsoft 365",
        "Office 365",
        "offre Microsoft pour les associations",
    ),
    "google-workspace": ("Google Workspace", "Google Workspace for Nonprofits", "Gmail et Google Drive"),
    "nextcloud": ("Nextcloud", "cloud libre Nextcloud", "alternative souveraine à Google Drive"),
    "migration-cloud": ("migration vers le cloud", "passage au cloud", "bascule des serveurs vers le cloud"),
    "rgpd-conformite": ("RGPD", "mise en conformité RGPD", "protection des données personnelles", "DPO externalisé"),
    "audit-securite": ("audit de sécurité", "audit cybersécurité", "tests d'intrusion"),
    "sauvegarde": ("sauvegardes", "sauvegarde externalisée", "plan de reprise d'activité"),
    "sensibilisation-phishing": ("sensibilisation au phishing", "ateliers anti-hameçonnage", "faux mails piégés"),
    "tableaux-de-bord": ("tableaux de bord", "indicateurs", "reporting"),
    "power-bi": ("Power BI", "rapports Power BI"),
    "parc-informatique": ("maintenance informatique", "infogérance du parc", "support informatique"),
    "reseau-wifi": ("réseau et Wi-Fi", "installation réseau", "wifi des locaux"),
    "materiel-reconditionne": ("ordinateurs reconditionnés", "matériel reconditionné", "réemploi informatique"),
    "reseaux-sociaux": ("réseaux sociaux", "community management", "Facebook et Instagram"),
    "strategie-communication": ("stratégie de communication", "communication digitale", "plan de communication"),
    "newsletter": ("newsletters", "lettre d'information"),
    "graphisme-canva": ("graphisme", "identité visuelle", "supports Canva"),
    "video": ("vidéo", "montage vidéo", "films institutionnels"),
    "formation-bureautique": ("formation bureautique", "formations Word et Excel", "formation des bénévoles"),
    "formation-outils-collaboratifs": (
        "formation aux outils collaboratifs",
        "prise en main de Teams",
        "formation des bénévoles au Drive",
    ),
    "formation-cybersecurite": ("formation à la cybersécurité", "hygiène numérique"),
    "inclusion-numerique": ("inclusion numérique", "médiation numérique"),
    "accompagnement-changement": ("accompagnement au changement", "conduite du changement"),
    "accessibilite-rgaa": ("accessibilité numérique", "RGAA", "sites accessibles"),
    "developpement-web": ("développement web", "applications web sur mesure", "Django et Symfony"),
    "application-mobile": ("applications mobiles", "applis iOS et Android"),
    "api-integrations": ("API", "connecteurs entre vos outils", "intégrations"),
    "automatisation": ("automatisation", "scénarios Zapier ou n8n", "automatisation des tâches répétitives"),
}

# How associations word a need: short, often vague; accents and typos are added afterwards.
PROJECT_WORDINGS: dict[str, tuple[str, ...]] = {
    "site-vitrine": (
        "un site internet simple",
        "un petit site web",
        "un site pour présenter nos activités",
        "une page internet pour l'association",
        "un site vitrine",
    ),
    "wordpress": ("un site WordPress", "reprendre notre WordPress", "un site sous wordpress que l'on peut modifier"),
    "refonte-site": ("refaire notre site internet", "un nouveau site, l'ancien est vieux", "moderniser notre site"),
    "referencement-seo": ("être mieux trouvés sur Google", "améliorer le référencement du site"),
    "dons-en-ligne": (
        "recevoir des dons en ligne",
        "pouvoir faire une collecte en ligne",
        "un bouton pour faire un don",
    ),
    "helloasso": ("relier HelloAsso à notre site", "mettre en place HelloAsso", "un formulaire helloasso"),
    "adhesions-en-ligne": ("que les adhérents paient leur cotisation en ligne", "les adhésions en ligne"),
    "billetterie": ("vendre les billets du festival en ligne", "une billetterie pour nos spectacles"),
    "crm-associatif": (
        "un outil pour gérer nos contacts",
        "un CRM adapté à une association",
        "centraliser nos contacts",
    ),
    "gestion-des-adherents": (
        "mieux gérer nos adhérents",
        "un logiciel pour le fichier des adhérents",
        "arrêter le fichier Excel des adhérents",
    ),
    "gestion-des-donateurs": ("suivre nos donateurs", "fidéliser nos donateurs"),
    "recus-fiscaux": ("envoyer les reçus fiscaux automatiquement", "faire les cerfa de dons plus vite"),
    "emailing": ("envoyer des mails à tous les adhérents", "des campagnes d'e-mails"),
    "microsoft-365": (
        "passer sur Microsoft 365",
        "migrer nos mails vers Office 365",
        "installer Microsoft 365 pour l'équipe",
    ),
    "google-workspace": (
        "passer à Google Workspace",
        "Gmail et Drive pour toute l'équipe",
        "Google Workspace gratuit pour les assos",
    ),
    "nextcloud": ("un cloud libre type Nextcloud", "partager nos fichiers sans Google"),
    "migration-cloud": ("passer au cloud", "arrêter notre vieux serveur et passer au cloud"),
    "rgpd-conformite": (
        "se mettre en conformité RGPD",
        "le RGPD pour nos fichiers d'adhérents",
        "protéger les données de nos bénéficiaires",
    ),
    "audit-securite": ("un audit de sécurité informatique", "vérifier si nos ordis sont bien protégés"),
    "sauvegarde": ("sauvegarder nos données", "mettre en place des sauvegardes", "ne plus perdre nos fichiers"),
    "sensibilisation-phishing": ("sensibiliser les bénévoles aux arnaques par mail", "former l'équipe au phishing"),
    "formation-bureautique": ("former les bénévoles à Word et Excel", "une formation bureautique"),
    "formation-outils-collaboratifs": (
        "former l'équipe aux outils collaboratifs",
        "apprendre à utiliser Teams et le Drive",
    ),
    "tableaux-de-bord": ("un tableau de bord de nos activités", "suivre nos indicateurs"),
    "power-bi": ("des rapports Power BI pour le CA",),
    "mesure-impact": ("mesurer notre impact social", "faire le rapport d'activité plus facilement"),
    "parc-informatique": (
        "quelqu'un pour s'occuper de nos ordinateurs",
        "la maintenance de nos postes",
        "nos ordis rament et tombent en panne",
    ),
    "reseau-wifi": ("installer le wifi dans nos locaux", "un réseau qui marche dans la salle"),
    "materiel-reconditionne": (
        "des ordinateurs reconditionnés pas chers",
        "équiper la salle avec du matériel reconditionné",
    ),
    "reseaux-sociaux": ("animer nos réseaux sociaux", "être plus présents sur Facebook et Instagram"),
    "newsletter": ("une newsletter mensuelle", "une lettre d'info pour nos membres"),
    "graphisme-canva": ("un nouveau logo et des affiches", "des visuels sur Canva"),
    "video": ("un petit film de présentation", "une vidéo pour notre campagne"),
    "accessibilite-rgaa": ("un site accessible aux personnes handicapées", "rendre notre site accessible"),
    "audit-accessibilite": ("un audit d'accessibilité de notre site",),
    "falc": ("traduire nos documents en FALC", "des documents faciles à lire"),
    "application-mobile": ("une appli mobile pour nos bénévoles", "une application pour smartphone"),
    "outil-metier": ("un outil sur mesure pour gérer les distributions", "un logiciel pour nos plannings"),
    "developpement-web": ("développer une plateforme en ligne", "une application web"),
    "automatisation": ("automatiser les tâches répétitives", "éviter les copier-coller entre nos outils"),
    "inclusion-numerique": ("aider nos publics éloignés du numérique", "des ateliers de médiation numérique"),
    "diagnostic-numerique": ("un diagnostic de notre informatique", "savoir par où commencer avec le numérique"),
}

# What associations write when they do not name the need at all.
VAGUE_BY_DOMAIN = {
    "website-cms": ("quelque chose pour internet", "notre présence sur le web"),
    "ecommerce-donations": ("récolter de l'argent plus facilement", "simplifier les paiements"),
    "crm-members": ("mieux nous organiser avec nos fichiers", "ranger nos listes de membres"),
    "cloud-collaboration": ("mieux travailler ensemble à distance", "partager nos documents"),
    "cybersecurity-gdpr": ("être plus tranquilles avec nos données", "la sécurité de l'informatique"),
    "data-dashboards": ("y voir plus clair dans nos chiffres", "mieux suivre notre activité"),
    "networks-hardware": ("régler nos soucis d'informatique", "du matériel qui marche"),
    "digital-communication": ("mieux communiquer", "nous faire connaître"),
    "training-inclusion": ("que les bénévoles soient plus à l'aise avec l'informatique", "de la formation"),
    "accessibility": ("que tout le monde puisse lire nos contenus",),
    "software-development": ("un outil adapté à notre fonctionnement",),
}
GENERIC_PROVIDER_SENTENCES = (
    "Nous travaillons avec des associations de toutes tailles, avec une écoute attentive.",
    "Des tarifs adaptés aux petites structures et un interlocuteur unique.",
    "Notre équipe intervient en présentiel ou à distance selon vos besoins.",
    "Nous croyons à un numérique utile, sobre et accessible.",
    "Devis gratuit sous 48 heures.",
    "Plus de {years} ans d'expérience au service de l'économie sociale et solidaire.",
    "Nous accompagnons aussi les collectivités et les petites entreprises.",
    "Accompagnement de A à Z, du cadrage à la mise en ligne.",
    "Une solution clé en main, sans jargon technique.",
)
SPECIALTY_SENTENCES = (
    "Nous réalisons {p} pour les associations.",
    "Spécialistes de {p}, nous vous accompagnons de bout en bout.",
    "Notre cœur de métier : {p}.",
    "On s'occupe aussi de {p}.",
    "{P} : conseil, mise en place et suivi.",
    "Expertise reconnue en {p}.",
    "Nous intervenons régulièrement sur {p}.",
)
NOISE_SENTENCES = (
    "Pour {p}, nous travaillons avec des partenaires de confiance.",
    "Nous pouvons vous orienter pour {p}.",
    "Nos clients nous demandent parfois {p} : nous savons vous conseiller.",
)
PROJECT_LEADS = (
    "on voudrait {p}",
    "nous aimerions {p}",
    "notre besoin : {p}",
    "il nous faudrait {p}",
    "le bureau souhaite {p}",
    "on cherche quelqu'un pour nous aider : {p}",
    "nous recherchons un prestataire pour {p}",
)
PROJECT_OPENINGS = (
    "",
    "Bonjour,",
    "Bonjour à tous,",
    "Nous sommes une petite association de {city}.",
    "Notre association compte une trentaine de bénévoles à {city}.",
    "Asso de quartier à {city}.",
    "Nous sommes une association loi 1901 qui intervient dans le {field}.",
)
PROJECT_CONTEXTS = (
    "",
    "",
    "pour présenter nos activités",
    "avant la rentrée de septembre",
    "notre budget est limité",
    "nous n'avons aucun salarié, que des bénévoles",
    "c'est urgent",
    "le CA a validé le projet",
    "nous avons une subvention pour ça",
    "on n'y connait rien",
)
PROJECT_CLOSINGS = ("", "", "Merci !", "Merci d'avance.", "Nous sommes disponibles le soir.", "Cordialement.")
TITLE_TEMPLATES = ("{P}", "Besoin d'aide : {p}", "{P} pour notre association", "Projet : {p}", "Recherche prestataire")

ASSOCIATION_PATTERNS = (
    ("Les Amis {de_c}", "culture"),
    ("Club sportif {de_c}", "sport"),
    ("Comité des fêtes {de_c}", "culture"),
    ("Épicerie solidaire {de_c}", "social"),
    ("Jardins partagés {de_c}", "environment"),
    ("Maison des jeunes {de_c}", "youth"),
    ("Harmonie {de_c}", "culture"),
    ("Secours entraide {c}", "social"),
    ("Association des parents d'élèves {de_c}", "education"),
    ("{c} Insertion", "employment"),
    ("Refuge animalier {de_c}", "animals"),
    ("Ligue des droits {de_c}", "rights"),
    ("Théâtre amateur {de_c}", "culture"),
    ("{c} Solidarité Internationale", "humanitarian"),
    ("Accueil des migrants {de_c}", "humanitarian"),
    ("Cyclistes urbains {de_c}", "environment"),
    ("Aide à domicile {c}", "health"),
    ("Logement solidaire {c}", "housing"),
    ("Université populaire {de_c}", "education"),
    ("Ciné-club {de_c}", "culture"),
    ("Football féminin {de_c}", "sport"),
    ("Resto solidaire {c}", "social"),
)
FIELD_WORDS = {
    "culture": "domaine culturel",
    "sport": "sport",
    "social": "champ social",
    "environment": "domaine de l'environnement",
    "youth": "secteur jeunesse",
    "education": "domaine éducatif",
    "employment": "domaine de l'insertion",
    "animals": "domaine de la protection animale",
    "rights": "domaine des droits",
    "humanitarian": "domaine humanitaire",
    "health": "domaine de la santé",
    "housing": "domaine du logement",
}
BUDGET_BRACKETS = ("lt10k", "10k_50k", "50k_200k", "200k_1m", "1m_5m", "gt5m")
FIRST_NAMES = (
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Sarah",
    "Julie",
    "Emma",
    "Lucas",
    "Hugo",
    "Thomas",
    "Nicolas",
    "Mathieu",
    "Antoine",
    "Karim",
    "Yasmine",
    "Sophie",
    "Pierre",
    "Claire",
    "Olivier",
    "Nadia",
    "Julien",
    "Aurélie",
    "Mehdi",
    "Gwenaëlle",
    "Yann",
    "Marion",
    "Baptiste",
    "Élodie",
    "Fatou",
)
LAST_NAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Durand",
    "Lefebvre",
    "Moreau",
    "Garcia",
    "Roux",
    "Fournier",
    "Girard",
    "Benali",
    "Le Gall",
    "Meyer",
    "Perrin",
    "Fabre",
    "Marchand",
    "Duval",
    "Nguyen",
    "Diallo",
    "Lambert",
    "Bonnet",
    "Mercier",
    "Chevalier",
    "Rousseau",
    "Haddad",
    "Kerjean",
    "Da Silva",
    "Morel",
)
NAME_WORDS = (
    "Colibri",
    "Pixel",
    "Octet",
    "Lumen",
    "Horizon",
    "Sillage",
    "Boussole",
    "Hirondelle",
    "Passerelle",
    "Ricochet",
    "Trame",
    "Clairière",
    "Escale",
    "Sève",
    "Cairn",
    "Archipel",
    "Mistral",
    "Phare",
    "Alizé",
    "Ruche",
    "Canopée",
    "Grand Large",
    "Rivage",
    "Atelier",
    "Fil Rouge",
)


@dataclass(frozen=True)
class Archetype:
    """A kind of provider: how it names and presents itself, what it may specialise in, what it charges."""

    key: str
    names: tuple[str, ...]
    intros: tuple[str, ...]
    pool: tuple[str, ...]
    day_rate: tuple[int, int]
    remote: float
    certifications: tuple[str, ...]
    weight: int


ARCHETYPES = (
    Archetype(
        "agence_web",
        ("Agence {w}", "Studio {w}", "{w} Digital", "Atelier Web {city}", "{w} & Cie"),
        ("{name} est une agence web installée à {city} depuis {year}.", "Agence de création web basée à {city}."),
        (
            "site-vitrine",
            "wordpress",
            "refonte-site",
            "referencement-seo",
            "maintenance-site",
            "hebergement-web",
            "woocommerce",
            "boutique-en-ligne",
            "dons-en-ligne",
            "helloasso",
            "ux-ui-design",
            "site-sans-code",
            "drupal",
        ),
        (400, 750),
        0.5,
        ("numerique_responsable",),
        5,
    ),
    Archetype(
        "freelance_dev",
        ("{first} {last}, développeur·se web freelance", "{first} {last} — dev indépendant", "{first} {last} Web"),
        (
            "Freelance à {city}, j'accompagne les associations depuis {year}.",
            "Développeur·se indépendant·e, je travaille surtout à distance.",
        ),
        (
            "developpement-web",
            "wordpress",
            "api-integrations",
            "outil-metier",
            "application-mobile",
            "maintenance-applicative",
            "cartographie",
            "logiciels-libres",
            "site-vitrine",
            "intelligence-artificielle",
        ),
        (300, 650),
        0.85,
        (),
        4,
    ),
    Archetype(
        "esn",
        ("{city} Informatique Services", "ESN {w}", "{w} Informatique", "Informatique Solidaire {city}"),
        (
            "{name} est une ESN de proximité à {city}.",
            "Entreprise de services numériques, nous gérons l'informatique des petites structures.",
        ),
        (
            "parc-informatique",
            "installation-postes",
            "reseau-wifi",
            "serveur-nas",
            "materiel-reconditionne",
            "microsoft-365",
            "google-workspace",
            "sauvegarde",
            "securisation-postes",
            "telephonie",
            "impression",
            "messagerie",
            "migration-cloud",
        ),
        (350, 700),
        0.3,
        ("esus", "microsoft_nonprofit"),
        5,
    ),
    Archetype(
        "cooperative",
        ("SCOP {w}", "Coopérative {w}", "{w} Libre", "Coop {w} Numérique"),
        ("{name} est une coopérative (SCOP) du logiciel libre.", "Coopérative de salariés installée à {city}."),
        (
            "logiciels-libres",
            "nextcloud",
            "civicrm",
            "erp-libre",
            "hebergement-web",
            "developpement-web",
            "numerique-responsable",
            "migration-cloud",
            "messagerie",
            "visioconference",
        ),
        (400, 650),
        0.6,
        ("esus", "numerique_responsable"),
        3,
    ),
    Archetype(
        "cyber",
        ("{w} Cybersécurité", "{w} Sécurité Informatique", "{first} {last}, consultant·e cybersécurité", "Cyber {w}"),
        ("{name} protège les associations et leurs données.", "Cabinet de cybersécurité fondé en {year} à {city}."),
        (
            "audit-securite",
            "rgpd-conformite",
            "sensibilisation-phishing",
            "sauvegarde",
            "gestion-mots-de-passe",
            "reponse-incident",
            "politique-confidentialite",
            "securisation-postes",
            "formation-cybersecurite",
        ),
        (550, 900),
        0.6,
        ("expertcyber",),
        3,
    ),
    Archetype(
        "formation",
        ("{w} Formation", "Formations {w}", "{first} {last}, formatrice numérique", "Les Ateliers {w}"),
        ("{name} forme les salariés et bénévoles aux outils numériques.", "Organisme de formation basé à {city}."),
        (
            "formation-bureautique",
            "formation-outils-collaboratifs",
            "formation-reseaux-sociaux",
            "formation-cybersecurite",
            "inclusion-numerique",
            "demarches-en-ligne",
            "accompagnement-changement",
            "formation-accessibilite",
        ),
        (400, 900),
        0.5,
        ("qualiopi", "datadock"),
        3,
    ),
    Archetype(
        "crm",
        ("{w} CRM", "{first} {last}, intégrateur·rice CRM", "{w} Conseil", "Donateurs & Cie {w}"),
        (
            "{name} met en place les outils de gestion des adhérents et des dons.",
            "Intégrateur CRM pour le secteur associatif depuis {year}.",
        ),
        (
            "crm-associatif",
            "gestion-des-adherents",
            "gestion-des-donateurs",
            "salesforce-nonprofit",
            "civicrm",
            "assoconnect",
            "emailing",
            "recus-fiscaux",
            "migration-donnees",
            "helloasso",
            "adhesions-en-ligne",
            "dons-en-ligne",
        ),
        (450, 850),
        0.8,
        ("microsoft_nonprofit", "google_nonprofit"),
        3,
    ),
    Archetype(
        "communication",
        ("Agence {w} Communication", "{w} Com", "{first} {last}, community manager", "Studio {w} Créatif"),
        ("{name} est une agence de communication engagée.", "Nous aidons les associations à se faire entendre."),
        (
            "reseaux-sociaux",
            "strategie-communication",
            "newsletter",
            "graphisme-canva",
            "video",
            "podcast",
            "redaction-web",
            "publicite-en-ligne",
            "formation-reseaux-sociaux",
        ),
        (350, 700),
        0.6,
        (),
        4,
    ),
    Archetype(
        "data",
        ("{w} Data", "{first} {last}, consultant·e data", "{w} Analytics"),
        ("{name} aide les structures à exploiter leurs données.", "Consultant·e data indépendant·e à {city}."),
        (
            "tableaux-de-bord",
            "power-bi",
            "looker-studio",
            "tableur-avance",
            "base-de-donnees-sans-code",
            "migration-donnees",
            "automatisation",
            "mesure-impact",
        ),
        (450, 850),
        0.8,
        (),
        2,
    ),
    Archetype(
        "accessibilite",
        ("{w} Accessibilité", "{first} {last}, experte accessibilité", "Accès {w}"),
        ("{name} rend le numérique accessible à tous.", "Cabinet spécialisé en accessibilité numérique."),
        (
            "accessibilite-rgaa",
            "audit-accessibilite",
            "falc",
            "documents-accessibles",
            "sous-titrage",
            "conception-inclusive",
            "formation-accessibilite",
        ),
        (450, 850),
        0.7,
        (),
        1,
    ),
    Archetype(
        "cloud",
        ("{w} Cloud", "{w} Collaboratif", "{first} {last}, consultant·e Microsoft 365"),
        ("{name} accompagne le passage au cloud des associations.", "Intégrateur Microsoft 365 et Google Workspace."),
        (
            "microsoft-365",
            "google-workspace",
            "sharepoint-teams",
            "migration-cloud",
            "messagerie",
            "visioconference",
            "partage-documents",
            "formation-outils-collaboratifs",
        ),
        (400, 800),
        0.7,
        ("microsoft_nonprofit", "google_nonprofit"),
        3,
    ),
)
ARCHETYPE_WEIGHTS = tuple(archetype.weight for archetype in ARCHETYPES)

# Needs associations post, and how often (a tuple of 1 or 2 skill slugs each).
NEEDS = (
    (("site-vitrine",), 10),
    (("refonte-site",), 6),
    (("wordpress",), 3),
    (("site-vitrine", "dons-en-ligne"), 5),
    (("dons-en-ligne",), 5),
    (("helloasso",), 4),
    (("adhesions-en-ligne",), 3),
    (("billetterie",), 2),
    (("crm-associatif",), 4),
    (("gestion-des-adherents",), 5),
    (("gestion-des-adherents", "emailing"), 2),
    (("gestion-des-donateurs", "recus-fiscaux"), 2),
    (("microsoft-365",), 5),
    (("google-workspace",), 4),
    (("migration-cloud", "microsoft-365"), 2),
    (("nextcloud",), 2),
    (("rgpd-conformite",), 5),
    (("audit-securite",), 3),
    (("sauvegarde",), 3),
    (("sensibilisation-phishing",), 2),
    (("formation-bureautique",), 3),
    (("formation-outils-collaboratifs",), 3),
    (("tableaux-de-bord",), 3),
    (("power-bi",), 1),
    (("mesure-impact",), 2),
    (("parc-informatique",), 4),
    (("reseau-wifi",), 2),
    (("materiel-reconditionne",), 2),
    (("reseaux-sociaux",), 4),
    (("newsletter",), 2),
    (("graphisme-canva",), 2),
    (("video",), 2),
    (("accessibilite-rgaa",), 2),
    (("audit-accessibilite",), 1),
    (("falc",), 1),
    (("application-mobile",), 2),
    (("outil-metier",), 2),
    (("developpement-web",), 2),
    (("referencement-seo",), 2),
    (("automatisation",), 1),
    (("inclusion-numerique",), 2),
    (("diagnostic-numerique",), 2),
)
NEED_WEIGHTS = tuple(weight for _need, weight in NEEDS)
TYPE_BY_DOMAIN = {
    "website-cms": "website",
    "ecommerce-donations": "donations",
    "crm-members": "crm",
    "cloud-collaboration": "cloud",
    "cybersecurity-gdpr": "security",
    "data-dashboards": "data",
    "networks-hardware": "hardware",
    "training-inclusion": "training",
}
STATES = (("published", 80), ("draft", 8), ("awarded", 5), ("in_progress", 4), ("closed", 3))


# --- Text noise -----------------------------------------------------------------------------------------------------


def strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def add_typo(rng: random.Random, text: str) -> str:
    """One typing slip in one longer word: a letter dropped, doubled or swapped with its neighbour."""
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) >= 6 and word.isalpha()]
    if not long_words:
        return text
    i = rng.choice(long_words)
    word = words[i]
    k = rng.randrange(1, len(word) - 2)
    slip = rng.randrange(3)
    if slip == 0:
        word = word[:k] + word[k + 1 :]
    elif slip == 1:
        word = word[:k] + word[k] + word[k:]
    else:
        word = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    words[i] = word
    return " ".join(words)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def of_place(name: str) -> str:
    """ "de Lyon", "d'Évry", "du Mans", "des Abymes"."""
    if name.startswith("Le "):
        return "du " + name.removeprefix("Le ")
    if name.startswith("Les "):
        return "des " + name.removeprefix("Les ")
    if strip_accents(name[:1]).lower() in "aeiouy":
        return "d'" + name
    return "de " + name


def _label_in_sentence(skill) -> str:
    # Brands keep their capital ("WordPress", "HelloAsso"): their French and English labels are the same.
    return skill.label_fr if skill.label_fr == skill.label_en else skill.label_fr[:1].lower() + skill.label_fr[1:]


def provider_wording(rng: random.Random, slug: str) -> str:
    skill = SKILL_BY_SLUG[slug]
    options = PROVIDER_WORDINGS.get(slug) or ()
    # The taxonomy lists French synonyms first and English ones last.
    french_synonyms = skill.synonyms[:2]
    return rng.choice((*options, *options, _label_in_sentence(skill), *french_synonyms))


def declared_label(rng: random.Random, slug: str) -> str:
    """A skill as someone ticks or types it in a form: label, synonym, slug, sometimes shouted or unaccented."""
    skill = SKILL_BY_SLUG[slug]
    label = rng.choice((skill.label_fr, skill.label_fr, skill.synonyms[0], rng.choice(skill.synonyms), skill.slug))
    roll = rng.random()
    if roll < 0.1:
        return label.upper()
    if roll < 0.25:
        return strip_accents(label).lower()
    return label


# --- Latent records -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderLatent:
    ref: str
    verified: bool
    specialties: int  # bit mask over SKILL_BIT
    served: int  # bit mask over REGION_BIT
    remote: bool
    cost_floor_eur: int  # what the smallest job costs: DAYS_OF_WORK days at the lowest rate, or the minimum project


@dataclass(frozen=True)
class AssociationLatent:
    ref: str
    commune: Commune
    field: str


@dataclass(frozen=True)
class ProjectLatent:
    ref: str
    need: tuple[str, ...]
    region: str
    remote_ok: bool
    budget_max_eur: int | None


def provider_record(rng: random.Random, index: int) -> tuple[dict, ProviderLatent]:
    """One provider: latent specialties first, then a name, a presentation and declared skills that reveal them only
    in part."""
    archetype = rng.choices(ARCHETYPES, weights=ARCHETYPE_WEIGHTS)[0]
    commune = pick_commune(rng)
    ref = f"P{index:06d}"
    count = rng.choice((2, 2, 3, 3, 3, 4, 5))
    # The first skills of a pool are the archetype's core: more often chosen.
    weights = [len(archetype.pool) - i + 2 for i in range(len(archetype.pool))]
    specialties: list[str] = []
    while len(specialties) < count:
        slug = rng.choices(archetype.pool, weights=weights)[0]
        if slug not in specialties:
            specialties.append(slug)
    if rng.random() < 0.15:  # a side specialty outside the archetype
        extra = rng.choice(SKILLS).slug
        if extra not in specialties:
            specialties.append(extra)
    first, last, word = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), rng.choice(NAME_WORDS)
    name = rng.choice(archetype.names).format(w=word, city=commune.name, first=first, last=last)
    verified = rng.random() < 0.86
    stuffer = rng.random() < 0.08
    remote_only = rng.random() < 0.06
    remote = remote_only or rng.random() < archetype.remote

    sentences = [rng.choice(archetype.intros).format(name=name, city=commune.name, year=rng.randint(2005, 2023))]
    templates = rng.sample(SPECIALTY_SENTENCES, k=len(SPECIALTY_SENTENCES))
    for slug, template in zip(specialties, templates, strict=False):
        if rng.random() < 0.72:
            phrase = provider_wording(rng, slug)
            sentences.append(template.format(p=phrase, P=_capitalise(phrase)))
    for _ in range(rng.choice((1, 1, 2, 3))):
        sentences.append(rng.choice(GENERIC_PROVIDER_SENTENCES).format(years=rng.randint(3, 25)))
    if rng.random() < 0.3:  # names a skill it does NOT practise: a trap for word matching
        other = rng.choice(SKILLS).slug
        if other not in specialties:
            sentences.append(rng.choice(NOISE_SENTENCES).format(p=provider_wording(rng, other)))
    if stuffer:
        keywords = {provider_wording(rng, rng.choice(SKILLS).slug) for _ in range(rng.randint(8, 14))}
        sentences.append("Mots-clés : " + ", ".join(sorted(keywords)) + ".")
    if remote_only:
        sentences.append("Nous travaillons 100 % à distance, partout en France.")
    body = sentences[1:]
    rng.shuffle(body)
    description = " ".join([sentences[0], *body])

    declared = [declared_label(rng, slug) for slug in specialties if rng.random() < 0.6]
    if rng.random() < 0.3:
        declared += [declared_label(rng, rng.choice(SKILLS).slug) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.03:
        declared.append(rng.choice(("Tricot numérique", "Conseil en transformation agile", "Growth hacking")))

    regions = [commune.region]
    if not remote_only and commune.region in NEIGHBOURS and rng.random() < 0.4:
        regions += rng.sample(NEIGHBOURS[commune.region], k=min(len(NEIGHBOURS[commune.region]), rng.randint(1, 2)))
    day_min = rng.randrange(archetype.day_rate[0], archetype.day_rate[1] + 1, 10)
    day_max = min(900, day_min + rng.randrange(0, 260, 10))
    day_min = min(day_min, day_max)
    min_project = rng.choice((0, 0, 300, 500, 800, 1000, 1500, 2000, 3000, 5000))
    reviews = rng.choice((0, 0, 1, 2, 3, 5, 8, 12, 20, 35, 60))
    rating = None
    if reviews:
        centre = 3.2 if stuffer else 4.3
        rating = round(min(5.0, max(1.0, rng.gauss(centre, 0.45))), 1)
    certifications = [c for c in archetype.certifications if rng.random() < 0.35]
    lat, lon = _jitter(rng, commune)
    record = {
        "kind": "provider",
        "ref": ref,
        "name": name,
        "description": description,
        "skills": declared,
        "regions": [] if remote_only else regions,
        "postcode": commune.postcode,
        "city": commune.name,
        "lat": lat,
        "lon": lon,
        "remote": remote,
        "day_rate_min": day_min,
        "day_rate_max": day_max,
        "min_project_eur": min_project,
        "solidarity_discount_pct": rng.choice((0, 0, 5, 10, 10, 15, 20, 25, 30)),
        "certifications": certifications,
        "rating": rating,
        "reviews": reviews,
        "verified": verified,
    }
    latent = ProviderLatent(
        ref=ref,
        verified=verified,
        specialties=sum(SKILL_BIT[slug] for slug in specialties),
        # Remote-only providers list no region; the import then records their own, and so does the grade.
        served=sum(REGION_BIT[region] for region in regions),
        remote=remote,
        cost_floor_eur=max(day_min * DAYS_OF_WORK, min_project),
    )
    return record, latent


def association_record(rng: random.Random, index: int) -> tuple[dict, AssociationLatent]:
    commune = pick_commune(rng)
    pattern, field_of_action = rng.choice(ASSOCIATION_PATTERNS)
    ref = f"A{index:06d}"
    lat, lon = _jitter(rng, commune)
    alsace_moselle = commune.postcode[:2] in ("57", "67", "68")
    record = {
        "kind": "association",
        "ref": ref,
        "name": pattern.format(c=commune.name, de_c=of_place(commune.name)),
        "legal_form": "alsace_moselle" if alsace_moselle else rng.choice(("loi_1901",) * 12 + ("fondation_rup",)),
        "postcode": commune.postcode,
        "city": commune.name,
        "region": commune.region,
        "lat": lat,
        "lon": lon,
        "budget_bracket": rng.choices(BUDGET_BRACKETS, weights=(30, 30, 20, 12, 6, 2))[0],
        "field": field_of_action,
        "verified": rng.random() < 0.85,
    }
    return record, AssociationLatent(ref=ref, commune=commune, field=field_of_action)


def _need_phrase(rng: random.Random, slug: str) -> str:
    options = PROJECT_WORDINGS.get(slug)
    if options:
        return rng.choice(options)
    return rng.choice((SKILL_BY_SLUG[slug].label_fr.lower(), SKILL_BY_SLUG[slug].synonyms[0]))


def project_record(rng: random.Random, index: int, association: AssociationLatent) -> tuple[dict, ProjectLatent]:
    """One project as an association writes it: short, sometimes vague, unaccented or mistyped."""
    if rng.random() < 0.1:
        need: tuple[str, ...] = (rng.choice(SKILLS).slug,)
    else:
        need = rng.choices(NEEDS, weights=NEED_WEIGHTS)[0][0]
    ref = f"J{index:06d}"
    domain = SKILL_BY_SLUG[need[0]].domain
    commune = association.commune
    vague = rng.random() < 0.15
    phrases = [rng.choice(VAGUE_BY_DOMAIN[domain]) if vague else _need_phrase(rng, need[0])]
    phrases += [_need_phrase(rng, slug) for slug in need[1:]]
    lead = rng.choice(PROJECT_LEADS).format(p=" et ".join(phrases))
    context = rng.choice(PROJECT_CONTEXTS)
    opening = rng.choice(PROJECT_OPENINGS).format(city=commune.name, field=FIELD_WORDS.get(association.field, "social"))
    description = " ".join(
        part
        for part in (opening, _capitalise(lead) + (f", {context}." if context else "."), rng.choice(PROJECT_CLOSINGS))
        if part
    )
    title_phrase = phrases[0]
    title = rng.choice(TITLE_TEMPLATES).format(p=title_phrase, P=_capitalise(title_phrase))[:160]
    if rng.random() < 0.35:
        description, title = strip_accents(description), strip_accents(title)
    if rng.random() < 0.25:
        description = add_typo(rng, description)
    if rng.random() < 0.3:
        description = description.lower()

    declared: list[str] = []
    if rng.random() < 0.55:
        declared = [declared_label(rng, slug) for slug in need]
        if rng.random() < 0.2:
            declared.append(declared_label(rng, rng.choice(DOMAIN_SKILLS[domain])))
    budget_max = None
    budget_min = None
    if rng.random() < 0.9:
        budget_max = rng.choice(
            (500, 800, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000, 10000, 12000, 15000, 20000)
        )
        if rng.random() < 0.7:
            budget_min = int(budget_max * rng.choice((0.3, 0.5, 0.6, 0.7)) // 100 * 100)
    remote_ok = rng.random() < 0.7
    state = rng.choices([s for s, _ in STATES], weights=[w for _, w in STATES])[0]
    record = {
        "kind": "project",
        "ref": ref,
        "association": association.ref,
        "type": TYPE_BY_DOMAIN.get(domain, "other"),
        "title": title,
        "description": description,
        "skills": declared,
        "budget_min_eur": budget_min,
        "budget_max_eur": budget_max,
        "postcode": commune.postcode,
        "city": commune.name,
        "lat": round(commune.latitude, 5),
        "lon": round(commune.longitude, 5),
        "remote_ok": remote_ok,
        "deadline": (date(2026, 3, 1) + timedelta(days=rng.randrange(0, 300))).isoformat(),
        "state": state,
    }
    latent = ProjectLatent(ref=ref, need=need, region=commune.region, remote_ok=remote_ok, budget_max_eur=budget_max)
    return record, latent


# --- Relevance ------------------------------------------------------------------------------------------------------


def relevance_grade(project: ProjectLatent, provider: ProviderLatent) -> int:
    """The grade (0..3) of one provider for one project, from latent attributes only (see the module's docstring)."""
    if not provider.verified:
        return 0
    need_mask = sum(SKILL_BIT[slug] for slug in project.need)
    covers = provider.specialties & need_mask == need_mask
    if not covers:
        adjacent = sum(DOMAIN_MASK[SKILL_BY_SLUG[slug].domain] for slug in set(project.need))
        return 1 if provider.specialties & adjacent else 0
    reachable = bool(provider.served & REGION_BIT[project.region]) or (provider.remote and project.remote_ok)
    affordable = project.budget_max_eur is None or provider.cost_floor_eur <= project.budget_max_eur
    return {2: 3, 1: 2, 0: 1}[reachable + affordable]


def relevance_labels(projects: list[ProjectLatent], providers: list[ProviderLatent]) -> dict[str, dict[str, int]]:
    """For each project, the grade of every provider that has one (absent means 0).

    Only verified providers with a specialty in a needed skill's domain can have a grade, so each project looks at
    the providers of its domains only: this keeps 100,000 providers × hundreds of projects to seconds.
    """
    by_domain: dict[str, list[ProviderLatent]] = {domain: [] for domain in DOMAIN_MASK}
    for provider in providers:
        if provider.verified:
            for domain, mask in DOMAIN_MASK.items():
                if provider.specialties & mask:
                    by_domain[domain].append(provider)
    labels = {}
    for project in projects:
        domains = dict.fromkeys(SKILL_BY_SLUG[slug].domain for slug in project.need)
        graded = {}
        for domain in domains:
            for provider in by_domain[domain]:
                if provider.ref not in graded:
                    graded[provider.ref] = relevance_grade(project, provider)
        labels[project.ref] = {ref: grade for ref, grade in sorted(graded.items()) if grade}
    return labels


# --- The whole marketplace ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedMarketplace:
    lines: int
    providers: list[ProviderLatent]
    associations: list[AssociationLatent]
    projects: list[ProjectLatent]


def marketplace_records(
    *, providers: int, associations: int, projects: int, seed: int, sink: list | None = None
) -> Iterator[dict]:
    """Every record of the import file in order: associations, providers, then projects.

    `sink`, a list, receives the latent attributes (`[providers, associations, projects]` lists) as records are
    produced, so a caller can stream the records and still compute the labels afterwards.
    """
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    latent_providers: list[ProviderLatent] = []
    latent_associations: list[AssociationLatent] = []
    latent_projects: list[ProjectLatent] = []
    if sink is not None:
        sink.extend((latent_providers, latent_associations, latent_projects))
    for index in range(1, associations + 1):
        record, latent = association_record(rng, index)
        latent_associations.append(latent)
        yield record
    for index in range(1, providers + 1):
        record, latent = provider_record(rng, index)
        latent_providers.append(latent)
        yield record
    if projects and not latent_associations:
        raise ValueError("projects need at least one association")
    for index in range(1, projects + 1):
        record, latent = project_record(rng, index, rng.choice(latent_associations))
        latent_projects.append(latent)
        yield record


def write_marketplace(
    *, out_dir: Path, providers: int, associations: int, projects: int, seed: int, label_projects: int | None = None
) -> GeneratedMarketplace:
    """Write `marketplace.jsonl` (the import format) and `labels.json` (grades) into `out_dir`.

    `label_projects` limits the labels to the first N projects (all when None): with 100,000 providers each project
    grades thousands of them, and a few hundred labelled queries are what an evaluation needs.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    sink: list = []
    count = 0
    with (out_dir / "marketplace.jsonl").open("w", encoding="utf-8") as out:
        for record in marketplace_records(
            providers=providers, associations=associations, projects=projects, seed=seed, sink=sink
        ):
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
            count += 1
    latent_providers, latent_associations, latent_projects = sink
    labelled = latent_projects if label_projects is None else latent_projects[:label_projects]
    labels = relevance_labels(labelled, latent_providers)
    with (out_dir / "labels.json").open("w", encoding="utf-8") as out:
        json.dump(labels, out, ensure_ascii=False, separators=(",", ":"))
    return GeneratedMarketplace(count, latent_providers, latent_associations, latent_projects)
