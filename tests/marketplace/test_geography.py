"""Postcode to department/region lookup and distances: pure functions, no database."""

import pytest

from marketplace.geography import (
    DEPARTMENTS,
    Region,
    approximate_coordinates,
    department_for_postcode,
    distance_km,
    is_valid_postcode,
    region_for_postcode,
)

INVALID_POSTCODES = ["7500", "ABCDE", "00100", "98000", "１２３４５", "", "750011", " 7501", "97500", "97133", "20500"]


def test_there_are_101_departments_keyed_by_their_code():
    assert len(DEPARTMENTS) == 101
    assert all(code == department.code for code, department in DEPARTMENTS.items())
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= DEPARTMENTS.keys()
    assert "20" not in DEPARTMENTS
    assert "975" not in DEPARTMENTS


def test_every_region_has_a_department():
    assert len(Region) == 18
    assert {department.region for department in DEPARTMENTS.values()} == set(Region)


def test_coordinates_are_plausible():
    for department in DEPARTMENTS.values():
        if len(department.code) == 2:
            # Metropolitan France, Corsica included.
            assert 41 < department.latitude < 51.2, department
            assert -5 < department.longitude < 9.6, department
        else:
            assert -21.5 < department.latitude < 16.6, department


def test_region_labels_are_the_official_names():
    assert Region.AUVERGNE_RHONE_ALPES.label == "Auvergne-Rhône-Alpes"
    assert Region.PROVENCE_ALPES_COTE_D_AZUR.label == "Provence-Alpes-Côte d'Azur"
    assert Region("ile-de-france").label == "Île-de-France"
    assert Region.LA_REUNION == "la-reunion"


@pytest.mark.parametrize(
    ("postcode", "code", "name", "region"),
    [
        ("69001", "69", "Rhône", Region.AUVERGNE_RHONE_ALPES),
        ("75011", "75", "Paris", Region.ILE_DE_FRANCE),
        ("13001", "13", "Bouches-du-Rhône", Region.PROVENCE_ALPES_COTE_D_AZUR),
        ("67000", "67", "Bas-Rhin", Region.GRAND_EST),
        ("01000", "01", "Ain", Region.AUVERGNE_RHONE_ALPES),
        ("20000", "2A", "Corse-du-Sud", Region.CORSE),
        ("20137", "2A", "Corse-du-Sud", Region.CORSE),
        ("20200", "2B", "Haute-Corse", Region.CORSE),
        ("20600", "2B", "Haute-Corse", Region.CORSE),
        ("97100", "971", "Guadeloupe", Region.GUADELOUPE),
        ("97200", "972", "Martinique", Region.MARTINIQUE),
        ("97300", "973", "Guyane", Region.GUYANE),
        ("97400", "974", "La Réunion", Region.LA_REUNION),
        ("97600", "976", "Mayotte", Region.MAYOTTE),
    ],
)
def test_department_and_region_for_postcode(postcode, code, name, region):
    department = department_for_postcode(postcode)
    assert department is not None
    assert (department.code, department.name, department.region) == (code, name, region)
    assert region_for_postcode(postcode) == region
    assert approximate_coordinates(postcode) == (department.latitude, department.longitude)
    assert is_valid_postcode(postcode)


@pytest.mark.parametrize("postcode", INVALID_POSTCODES)
def test_invalid_postcodes(postcode):
    assert department_for_postcode(postcode) is None
    assert region_for_postcode(postcode) is None
    assert approximate_coordinates(postcode) is None
    assert not is_valid_postcode(postcode)


@pytest.mark.parametrize("value", [None, 75011, b"75011"])
def test_non_strings_are_not_postcodes(value):
    assert not is_valid_postcode(value)


def test_distances_between_prefectures():
    paris = approximate_coordinates("75001")
    lyon = approximate_coordinates("69001")
    marseille = approximate_coordinates("13001")
    assert 380 < distance_km(paris, lyon) < 400
    assert 650 < distance_km(paris, marseille) < 670
    assert distance_km(paris, lyon) == pytest.approx(distance_km(lyon, paris))
    assert distance_km(paris, paris) == 0


def test_distance_between_antipodes_is_half_the_circumference():
    assert distance_km((0.0, 0.0), (0.0, 180.0)) == pytest.approx(6371 * 3.141592653589793)
