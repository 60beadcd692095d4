"""The home page and the error pages, in French first and in English."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_editable_hero_in_french(client):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert "Le numérique au service de votre association" in content
    assert "Créer un compte" in content


def test_the_interface_switches_to_english(client):
    client.post("/langue/", {"language": "en", "next": "/"})
    response = client.get("/")
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "Log in" in content


def test_missing_pages_get_a_helpful_404_in_the_layout(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page introuvable" in content
    assert "Revenir à l'accueil" in content


def test_missing_api_resources_get_a_json_404(client):
    response = client.get("/api/v1/nulle-part/")
    assert response.status_code == 404
    assert response.json()["message"]
