"""Staff work in the Wagtail admin; nobody else gets in, and the Django admin is not exposed."""

import pytest

from tests.second_factor import verified_login

from ..factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    verified_login(client, UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_find_organisations_in_the_admin(staff_client):
    OrganisationFactory(name="Ludothèque des Pentes", city="Lyon")
    OrganisationFactory(name="Atelier Vélo Solidaire", city="Nantes")

    response = staff_client.get("/admin/platform_organisations/", {"q": "Ludothèque"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Ludothèque des Pentes" in content
    assert "Atelier Vélo Solidaire" not in content


def test_staff_create_users_with_an_email_login(staff_client, django_user_model):
    response = staff_client.post(
        "/admin/users/new/",
        {
            "email": "nouvelle@exemple.org",
            "first_name": "Nadia",
            "last_name": "Roux",
            "password1": "Un-mot-de-passe-solide-2026",
            "password2": "Un-mot-de-passe-solide-2026",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert django_user_model.objects.filter(email="nouvelle@exemple.org").exists()


def test_members_of_organisations_do_not_get_into_the_admin(client):
    member = MembershipFactory().user
    client.force_login(member)
    response = client.get("/admin/platform_organisations/")
    assert response.status_code in {302, 403}
    assert "Ludothèque" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_django_admin_is_not_exposed(client):
    assert client.get("/django-admin/").status_code == 404
