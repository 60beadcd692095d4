import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

from assessment.barometer import barometer, public_figures
from tests.factories import UserFactory
from tests.second_factor import verified_login

from .builders import association_member, build_version, take

pytestmark = pytest.mark.django_db

URL = reverse("assessment_barometer:index")


@pytest.fixture
def survey():
    """12 associations of 10-50 k€ (their latest result: equipment 100, the rest 0) and 3 of more than 5 M€."""
    version = build_version()
    for _ in range(12):
        member = association_member()
        take(member, version, default="Oui")
        take(member, version, {"equipment": "Oui"}, default="Non")
    for _ in range(3):
        take(association_member(budget_bracket="gt5m", field_of_action="sport"), version)
    return version


def test_groups_under_ten_show_no_figure(survey):
    data = barometer(dimension="budget_bracket")
    rows = {row.value: row for row in data.rows}
    assert set(rows) == {"10k_50k", "gt5m"}
    assert rows["10k_50k"].shown and rows["10k_50k"].count == 12
    assert rows["10k_50k"].cells == [100, 0, 0]
    assert not rows["gt5m"].shown and rows["gt5m"].cells == [] and rows["gt5m"].overall is None
    assert data.total.count == 15 and data.total.shown


def test_unknown_dimension_is_refused():
    with pytest.raises(ValueError):
        barometer(dimension="organisation")


def _staff(*, editor=True):
    user = UserFactory(is_staff=True)
    if editor:
        user.groups.add(Group.objects.get(name="Éditeurs"))
    return user


def test_staff_see_the_table_and_export_it_as_csv(client, survey):
    verified_login(client, _staff())
    page = client.get(URL, {"dimension": "budget_bracket"}).content.decode()
    assert "10 à 50 k€" in page and "moins de 10" in page
    response = client.get(URL, {"dimension": "field_of_action", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0][:3] == ["Domaine d'action", "Diagnostics", "Score global"]
    by_label = {row[0]: row for row in rows[1:]}
    assert by_label["Culture et patrimoine"][1:6] == ["12", "33", "100", "0", "0"]
    assert by_label["Sport"][1:] == ["< 10", "", "", "", ""]
    assert by_label["Toutes les associations"][1] == "15"


def test_an_unknown_grouping_falls_back_with_a_message(client, survey):
    verified_login(client, _staff())
    response = client.get(URL, {"dimension": "name"}, follow=True)
    assert response.status_code == 200
    assert "Regroupement inconnu" in response.content.decode()


def test_association_members_and_staff_without_the_permission_are_refused(client, survey):
    member = association_member()
    client.force_login(member.user)
    assert client.get(URL).status_code in (302, 403)
    verified_login(client, _staff(editor=False))
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "Culture" not in response.content.decode()


def test_the_home_page_figures_appear_only_from_ten_associations():
    version = build_version()
    for _ in range(9):
        take(association_member(), version, default="Non")
    assert public_figures() is None
    take(association_member(), version)
    cache.clear()  # the figures are cached for a few minutes
    figures = public_figures()
    assert figures.count == 10 and figures.overall == 10
    assert [title for title, _score in figures.axes] == ["Équipement et réseaux", "Outils collaboratifs", "Compétences"]


def test_the_cached_home_page_figures_follow_the_language_shown():
    from django.utils import translation

    version = build_version()
    for _ in range(10):
        take(association_member(), version)
    cache.clear()

    french = public_figures()
    with translation.override("en"):
        english = public_figures()

    assert french.axes[0][0] == "Équipement et réseaux"
    assert english.axes[0][0] == "Équipement et réseaux (en)"


def test_the_home_page_shows_the_barometer_once_there_are_enough_assessments(client):
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.url
    version = build_version()
    for _ in range(9):
        take(association_member(), version, default="Non")
    assert "baromètre du numérique associatif" not in client.get(home).content.decode()
    take(association_member(), version)
    cache.clear()
    page = client.get(home).content.decode()
    assert "Le baromètre du numérique associatif" in page
    assert "10 associations : score moyen de 10 sur 100" in page
