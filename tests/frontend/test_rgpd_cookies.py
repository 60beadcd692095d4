"""No tracking cookie: a visitor and a member receive only the strictly necessary cookies, as the cookie page says."""

import pytest
from django.conf import settings

from ..factories import PASSWORD, MembershipFactory

VISITOR_PAGES = [
    "/",
    "/ressources/",
    "/ressources/recherche/?q=tableur",
    "/offres/",
    "/formations/",
    "/prestataires/",
    "/boutique/",
    "/cookies/",
    "/compte/connexion/",
    "/compte/inscription/",
    "/agenda/",
    "/faq/",
    "/compte/mot-de-passe/oublie/",
]
MEMBER_PAGES = [
    "/tableau-de-bord/",
    "/compte/profil/",
    "/compte/donnees/",
    "/compte/securite/",
    "/messages/",
    "/mon-organisation/",
    "/projets/",
    "/diagnostic/",
    "/cookies/",
]


def necessary() -> set[str]:
    return {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def _visit(client, paths) -> set[str]:
    received = set()
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, path
        received |= set(response.cookies)
    return received


@pytest.mark.django_db
def test_a_visitor_receives_only_strictly_necessary_cookies(client):
    received = _visit(client, VISITOR_PAGES)
    received |= set(client.post("/langue/", {"language": "en", "next": "/"}).cookies)
    assert received <= necessary(), received - necessary()
    assert settings.LANGUAGE_COOKIE_NAME in received  # the switcher's choice, the only thing kept for a visitor
    assert settings.SESSION_COOKIE_NAME not in received  # browsing sets no session


@pytest.mark.django_db
def test_a_signed_in_member_receives_only_strictly_necessary_cookies(client):
    member = MembershipFactory(user__email="membre@amis.test").user
    received = set(client.get("/compte/connexion/").cookies)
    response = client.post("/compte/connexion/", {"username": member.email, "password": PASSWORD})
    assert response.status_code == 302
    received |= set(response.cookies)
    received |= _visit(client, MEMBER_PAGES)
    assert settings.SESSION_COOKIE_NAME in received
    assert received <= necessary(), received - necessary()


@pytest.mark.django_db
def test_the_cookie_page_lists_them_and_is_linked_from_every_page(client):
    page = client.get("/cookies/").content.decode()
    assert "ne dépose aucun cookie de mesure d'audience" in page
    for name in necessary():
        assert f"<code>{name}</code>" in page
    assert '<a href="/cookies/" aria-current="page">Cookies</a>' in page
    assert 'href="/cookies/"' in client.get("/compte/connexion/").content.decode()

    english = client.get("/cookies/", headers={"accept-language": "en"}).content.decode()
    assert "sets no audience measurement" in english
