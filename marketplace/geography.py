"""French geography for addresses and "near you" ranking.

Associations and providers give a French postcode long before (if ever) a geocoded address: this module turns
that postcode into a department, a region and approximate coordinates without any network call, database table
or third-party package, so it can be used in forms, serializers, migrations and tests alike.

Coordinates are those of each department's prefecture (about 0.01° accurate): a department-scale approximation,
not a geocoder.
"""

import math
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

EARTH_RADIUS_KM = 6371.0


class Region(models.TextChoices):
    """The 18 regions since the 2016 reform: 13 in metropolitan France and 5 overseas (single-department) ones.

    Values are ASCII slugs so that they can be stored, used in URLs and filters, and survive a relabelling.
    """

    AUVERGNE_RHONE_ALPES = "auvergne-rhone-alpes", _("Auvergne-Rhône-Alpes")
    BOURGOGNE_FRANCHE_COMTE = "bourgogne-franche-comte", _("Bourgogne-Franche-Comté")
    BRETAGNE = "bretagne", _("Bretagne")
    CENTRE_VAL_DE_LOIRE = "centre-val-de-loire", _("Centre-Val de Loire")
    CORSE = "corse", _("Corse")
    GRAND_EST = "grand-est", _("Grand Est")
    HAUTS_DE_FRANCE = "hauts-de-france", _("Hauts-de-France")
    ILE_DE_FRANCE = "ile-de-france", _("Île-de-France")
    NORMANDIE = "normandie", _("Normandie")
    NOUVELLE_AQUITAINE = "nouvelle-aquitaine", _("Nouvelle-Aquitaine")
    OCCITANIE = "occitanie", _("Occitanie")
    PAYS_DE_LA_LOIRE = "pays-de-la-loire", _("Pays de la Loire")
    PROVENCE_ALPES_COTE_D_AZUR = "provence-alpes-cote-d-azur", _("Provence-Alpes-Côte d'Azur")
    GUADELOUPE = "guadeloupe", _("Guadeloupe")
    MARTINIQUE = "martinique", _("Martinique")
    GUYANE = "guyane", _("Guyane")
    LA_REUNION = "la-reunion", _("La Réunion")
    MAYOTTE = "mayotte", _("Mayotte")


@dataclass(frozen=True)
class Department:
    """A department and its prefecture's coordinates (latitude, longitude in decimal degrees, WGS 84).

    Frozen because the table below is shared, module-level reference data.
    """

    code: str
    name: str
    region: Region
    latitude: float
    longitude: float

    @property
    def coordinates(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)


_ARA = Region.AUVERGNE_RHONE_ALPES
_BFC = Region.BOURGOGNE_FRANCHE_COMTE
_BRE = Region.BRETAGNE
_CVL = Region.CENTRE_VAL_DE_LOIRE
_COR = Region.CORSE
_GES = Region.GRAND_EST
_HDF = Region.HAUTS_DE_FRANCE
_IDF = Region.ILE_DE_FRANCE
_NOR = Region.NORMANDIE
_NAQ = Region.NOUVELLE_AQUITAINE
_OCC = Region.OCCITANIE
_PDL = Region.PAYS_DE_LA_LOIRE
_PAC = Region.PROVENCE_ALPES_COTE_D_AZUR

# (code, name, region, prefecture latitude, prefecture longitude); the prefecture is named in the comment.
_DEPARTMENT_ROWS = [
    ("01", "Ain", _ARA, 46.2052, 5.2255),  # Bourg-en-Bresse
    ("02", "Aisne", _HDF, 49.5641, 3.6199),  # Laon
    ("03", "Allier", _ARA, 46.5660, 3.3330),  # Moulins
    ("04", "Alpes-de-Haute-Provence", _PAC, 44.0925, 6.2356),  # Digne-les-Bains
    ("05", "Hautes-Alpes", _PAC, 44.5594, 6.0786),  # Gap
    ("06", "Alpes-Maritimes", _PAC, 43.7102, 7.2620),  # Nice
    ("07", "Ardèche", _ARA, 44.7353, 4.5992),  # Privas
    ("08", "Ardennes", _GES, 49.7620, 4.7263),  # Charleville-Mézières
    ("09", "Ariège", _OCC, 42.9653, 1.6070),  # Foix
    ("10", "Aube", _GES, 48.2973, 4.0744),  # Troyes
    ("11", "Aude", _OCC, 43.2130, 2.3491),  # Carcassonne
    ("12", "Aveyron", _OCC, 44.3506, 2.5750),  # Rodez
    ("13", "Bouches-du-Rhône", _PAC, 43.2965, 5.3698),  # Marseille
    ("14", "Calvados", _NOR, 49.1829, -0.3707),  # Caen
    ("15", "Cantal", _ARA, 44.9264, 2.4400),  # Aurillac
    ("16", "Charente", _NAQ, 45.6484, 0.1562),  # Angoulême
    ("17", "Charente-Maritime", _NAQ, 46.1603, -1.1511),  # La Rochelle
    ("18", "Cher", _CVL, 47.0810, 2.3988),  # Bourges
    ("19", "Corrèze", _NAQ, 45.2671, 1.7706),  # Tulle
    ("2A", "Corse-du-Sud", _COR, 41.9192, 8.7386),  # Ajaccio
    ("2B", "Haute-Corse", _COR, 42.6973, 9.4509),  # Bastia
    ("21", "Côte-d'Or", _BFC, 47.3220, 5.0415),  # Dijon
    ("22", "Côtes-d'Armor", _BRE, 48.5142, -2.7603),  # Saint-Brieuc
    ("23", "Creuse", _NAQ, 46.1716, 1.8717),  # Guéret
    ("24", "Dordogne", _NAQ, 45.1843, 0.7213),  # Périgueux
    ("25", "Doubs", _BFC, 47.2378, 6.0241),  # Besançon
    ("26", "Drôme", _ARA, 44.9334, 4.8924),  # Valence
    ("27", "Eure", _NOR, 49.0241, 1.1508),  # Évreux
    ("28", "Eure-et-Loir", _CVL, 48.4439, 1.4890),  # Chartres
    ("29", "Finistère", _BRE, 47.9960, -4.1024),  # Quimper
    ("30", "Gard", _OCC, 43.8367, 4.3601),  # Nîmes
    ("31", "Haute-Garonne", _OCC, 43.6047, 1.4442),  # Toulouse
    ("32", "Gers", _OCC, 43.6465, 0.5855),  # Auch
    ("33", "Gironde", _NAQ, 44.8378, -0.5792),  # Bordeaux
    ("34", "Hérault", _OCC, 43.6108, 3.8767),  # Montpellier
    ("35", "Ille-et-Vilaine", _BRE, 48.1173, -1.6778),  # Rennes
    ("36", "Indre", _CVL, 46.8103, 1.6913),  # Châteauroux
    ("37", "Indre-et-Loire", _CVL, 47.3941, 0.6848),  # Tours
    ("38", "Isère", _ARA, 45.1885, 5.7245),  # Grenoble
    ("39", "Jura", _BFC, 46.6745, 5.5558),  # Lons-le-Saunier
    ("40", "Landes", _NAQ, 43.8902, -0.4999),  # Mont-de-Marsan
    ("41", "Loir-et-Cher", _CVL, 47.5861, 1.3359),  # Blois
    ("42", "Loire", _ARA, 45.4397, 4.3872),  # Saint-Étienne
    ("43", "Haute-Loire", _ARA, 45.0434, 3.8858),  # Le Puy-en-Velay
    ("44", "Loire-Atlantique", _PDL, 47.2184, -1.5536),  # Nantes
    ("45", "Loiret", _CVL, 47.9030, 1.9093),  # Orléans
    ("46", "Lot", _OCC, 44.4475, 1.4419),  # Cahors
    ("47", "Lot-et-Garonne", _NAQ, 44.2033, 0.6163),  # Agen
    ("48", "Lozère", _OCC, 44.5181, 3.5008),  # Mende
    ("49", "Maine-et-Loire", _PDL, 47.4784, -0.5632),  # Angers
    ("50", "Manche", _NOR, 49.1157, -1.0906),  # Saint-Lô
    ("51", "Marne", _GES, 48.9566, 4.3631),  # Châlons-en-Champagne
    ("52", "Haute-Marne", _GES, 48.1113, 5.1392),  # Chaumont
    ("53", "Mayenne", _PDL, 48.0707, -0.7734),  # Laval
    ("54", "Meurthe-et-Moselle", _GES, 48.6921, 6.1844),  # Nancy
    ("55", "Meuse", _GES, 48.7727, 5.1600),  # Bar-le-Duc
    ("56", "Morbihan", _BRE, 47.6582, -2.7608),  # Vannes
    ("57", "Moselle", _GES, 49.1193, 6.1757),  # Metz
    ("58", "Nièvre", _BFC, 46.9909, 3.1590),  # Nevers
    ("59", "Nord", _HDF, 50.6292, 3.0573),  # Lille
    ("60", "Oise", _HDF, 49.4295, 2.0807),  # Beauvais
    ("61", "Orne", _NOR, 48.4329, 0.0913),  # Alençon
    ("62", "Pas-de-Calais", _HDF, 50.2910, 2.7775),  # Arras
    ("63", "Puy-de-Dôme", _ARA, 45.7772, 3.0870),  # Clermont-Ferrand
    ("64", "Pyrénées-Atlantiques", _NAQ, 43.2951, -0.3708),  # Pau
    ("65", "Hautes-Pyrénées", _OCC, 43.2328, 0.0781),  # Tarbes
    ("66", "Pyrénées-Orientales", _OCC, 42.6887, 2.8948),  # Perpignan
    ("67", "Bas-Rhin", _GES, 48.5734, 7.7521),  # Strasbourg
    ("68", "Haut-Rhin", _GES, 48.0794, 7.3585),  # Colmar
    ("69", "Rhône", _ARA, 45.7640, 4.8357),  # Lyon
    ("70", "Haute-Saône", _BFC, 47.6197, 6.1544),  # Vesoul
    ("71", "Saône-et-Loire", _BFC, 46.3069, 4.8287),  # Mâcon
    ("72", "Sarthe", _PDL, 48.0061, 0.1996),  # Le Mans
    ("73", "Savoie", _ARA, 45.5646, 5.9178),  # Chambéry
    ("74", "Haute-Savoie", _ARA, 45.8992, 6.1294),  # Annecy
    ("75", "Paris", _IDF, 48.8566, 2.3522),  # Paris
    ("76", "Seine-Maritime", _NOR, 49.4432, 1.0999),  # Rouen
    ("77", "Seine-et-Marne", _IDF, 48.5421, 2.6554),  # Melun
    ("78", "Yvelines", _IDF, 48.8049, 2.1204),  # Versailles
    ("79", "Deux-Sèvres", _NAQ, 46.3237, -0.4588),  # Niort
    ("80", "Somme", _HDF, 49.8941, 2.2958),  # Amiens
    ("81", "Tarn", _OCC, 43.9289, 2.1464),  # Albi
    ("82", "Tarn-et-Garonne", _OCC, 44.0176, 1.3550),  # Montauban
    ("83", "Var", _PAC, 43.1242, 5.9280),  # Toulon
    ("84", "Vaucluse", _PAC, 43.9493, 4.8055),  # Avignon
    ("85", "Vendée", _PDL, 46.6705, -1.4260),  # La Roche-sur-Yon
    ("86", "Vienne", _NAQ, 46.5802, 0.3404),  # Poitiers
    ("87", "Haute-Vienne", _NAQ, 45.8336, 1.2611),  # Limoges
    ("88", "Vosges", _GES, 48.1724, 6.4496),  # Épinal
    ("89", "Yonne", _BFC, 47.7982, 3.5738),  # Auxerre
    ("90", "Territoire de Belfort", _BFC, 47.6380, 6.8628),  # Belfort
    ("91", "Essonne", _IDF, 48.6243, 2.4286),  # Évry-Courcouronnes
    ("92", "Hauts-de-Seine", _IDF, 48.8924, 2.2071),  # Nanterre
    ("93", "Seine-Saint-Denis", _IDF, 48.9086, 2.4397),  # Bobigny
    ("94", "Val-de-Marne", _IDF, 48.7904, 2.4556),  # Créteil
    ("95", "Val-d'Oise", _IDF, 49.0364, 2.0761),  # Cergy (the prefecture's seat; Pontoise is the legal chef-lieu)
    ("971", "Guadeloupe", Region.GUADELOUPE, 15.9985, -61.7261),  # Basse-Terre
    ("972", "Martinique", Region.MARTINIQUE, 14.6161, -61.0588),  # Fort-de-France
    ("973", "Guyane", Region.GUYANE, 4.9224, -52.3135),  # Cayenne
    ("974", "La Réunion", Region.LA_REUNION, -20.8821, 55.4507),  # Saint-Denis
    ("976", "Mayotte", Region.MAYOTTE, -12.7806, 45.2279),  # Mamoudzou
]

DEPARTMENTS: dict[str, Department] = {row[0]: Department(*row) for row in _DEPARTMENT_ROWS}
"""The 101 departments, keyed by their official code ("01".."95", "2A", "2B", "971".."976")."""

# Saint-Barthélemy (97133) and Saint-Martin (97150) kept Guadeloupe's postcode prefix when they became overseas
# collectivities in 2007; they belong to no region, so they must not be counted as Guadeloupe.
_OVERSEAS_COLLECTIVITY_POSTCODES = frozenset({"97133", "97150"})


def _is_five_ascii_digits(value: object) -> bool:
    # str.isdigit() alone accepts non-ASCII digits such as "１２３４５" (fullwidth), which no postal service uses.
    return isinstance(value, str) and len(value) == 5 and value.isascii() and value.isdigit()


def department_for_postcode(postcode: str) -> Department | None:
    """The department a French postcode belongs to, or None when it is malformed or outside the 18 regions.

    A postcode's leading digits normally give its department, which is all the precision the marketplace needs;
    the rare communes whose postcode carries a neighbouring department's prefix are attributed to that neighbour.
    """
    if not _is_five_ascii_digits(postcode):
        return None
    if postcode.startswith(("97", "98")):
        # Overseas: the department code has three digits. 975 (Saint-Pierre-et-Miquelon), 977/978, 98x (Monaco is
        # 980xx, then the Pacific collectivities) are not in any region, hence not in DEPARTMENTS.
        if postcode in _OVERSEAS_COLLECTIVITY_POSTCODES:
            return None
        return DEPARTMENTS.get(postcode[:3])
    if postcode.startswith("20"):
        # Corsica is "20" in postcodes but 2A/2B as departments. Corse-du-Sud uses 20000-20199 and Haute-Corse
        # 20200-20299, so the third digit decides; Haute-Corse also uses 206xx (Bastia's second code 20600,
        # Furiani, Biguglia 20620). Any other 20xxx postcode does not exist.
        third = postcode[2]
        if third in "01":
            return DEPARTMENTS["2A"]
        if third in "26":
            return DEPARTMENTS["2B"]
        return None
    # "00xxx" and "96xxx" have no department: the lookup misses.
    return DEPARTMENTS.get(postcode[:2])


def region_for_postcode(postcode: str) -> Region | None:
    """The region of a postcode's department, for regional filters and statistics; None if unknown."""
    department = department_for_postcode(postcode)
    return department.region if department else None


def approximate_coordinates(postcode: str) -> tuple[float, float] | None:
    """(latitude, longitude) of the postcode's department prefecture, or None for an unknown postcode.

    A fallback when no geocoder is available (offline, rate-limited, or an address not yet geocoded): its error is
    up to a department's radius (a few tens of kilometres), which is good enough for "near you" ranking at
    department scale but not for precise distances.
    """
    department = department_for_postcode(postcode)
    return department.coordinates if department else None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (latitude, longitude) points, by the haversine formula.

    A spherical Earth (radius 6371 km) is off by at most about 0.5 % from the ellipsoid, which is far below the
    error of department-level coordinates, and needs no geodesy library.
    """
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    # Rounding can push h a hair above 1 for antipodal points, where asin would raise.
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def is_valid_postcode(value: object) -> bool:
    """Whether value looks like a postcode of a French department (five ASCII digits and a known department).

    This is a plausibility check for forms, not a lookup in La Poste's list: "75999" passes.
    """
    return _is_five_ascii_digits(value) and department_for_postcode(value) is not None
