"""Error pages speak the visitor's language, keep the site's layout and say what to do next."""

import pytest
from django.test import Client, override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.error_urls")]


def _get(path: str, language: str):
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = language
    return client.get(path)


@pytest.mark.parametrize(
    ("path", "status", "french", "english"),
    [
        ("/cette-page-n-existe-pas/", 404, "Page introuvable", "Page not found"),
        ("/essai/interdit/", 403, "Accès refusé", "Access denied"),
        ("/essai/panne/", 500, "Erreur du serveur", "Server error"),
        ("/essai/base-injoignable/", 503, "Service momentanément indisponible", "Service temporarily unavailable"),
    ],
)
def test_error_pages_in_both_languages(path, status, french, english):
    with override_settings(DEBUG=False):
        in_french = _get(path, "fr")
        in_english = _get(path, "en")

    assert in_french.status_code == in_english.status_code == status
    assert f"<h1>{french}</h1>" in in_french.content.decode()
    assert f"<h1>{english}</h1>" in in_english.content.decode()
    assert 'href="/">' in in_french.content.decode()  # a way back home
    assert '<main id="main"' in in_english.content.decode()  # the site's layout, skip link target included


def test_api_errors_answer_in_json():
    response = Client().get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response.json()["message"]


def test_the_server_error_page_still_renders_when_the_menus_cannot_be_read(monkeypatch):
    """A 500 often comes from the database: the page must not fail again while drawing the menus."""
    from django.db import DatabaseError

    import cms.navigation

    def unavailable(language):
        raise DatabaseError("the database is gone")

    monkeypatch.setattr(cms.navigation, "_home_children", unavailable)
    with override_settings(DEBUG=False):
        response = _get("/essai/panne/", "fr")

    assert response.status_code == 500
    assert "Erreur du serveur" in response.content.decode()


def test_the_site_icon_is_found_where_browsers_look_for_it():
    response = Client().get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    assert '<link rel="icon" href="/static/favicon.svg"' in Client().get("/compte/connexion/").content.decode()
