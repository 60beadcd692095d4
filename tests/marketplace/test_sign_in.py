"""Every way in follows the same rules (marketplace/auth_backends.py): the site's login, the Wagtail admin's
login and password reset, API tokens and sessions. Throttled with shared counters; suspended, deactivated
and unconfirmed accounts never get in."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from marketplace.models import ApiToken
from marketplace.services.tokens import api_token_create

from ..factories import PASSWORD, UserFactory
from ..second_factor import authenticator_code, give_authenticator

pytestmark = pytest.mark.django_db

LOGIN_URL = "/compte/connexion/"
ADMIN_LOGIN_URL = "/admin/login/"
PROFILE_URL = "/compte/profil/"
RESET_URL = "/compte/mot-de-passe/oublie/"
ADMIN_RESET_URL = "/admin/password_reset/"
RESEND_URL = "/compte/confirmer-a-nouveau/"
ME_URL = "/api/v1/me"

# Messages copied from the application code.
THROTTLED = "Trop de tentatives de connexion. Réessayez dans quelques minutes."
ADMIN_UNCONFIRMED = "Confirmez d'abord votre adresse e-mail : nous vous avons envoyé un lien."
NO_ADMIN_ACCESS = "Ce compte n'a pas accès à l'administration : connectez-vous sur le site."
AUTH_REQUIRED = "Authentification requise : session ou jeton d'API valide."


def site_login(client, email: str, password: str = PASSWORD):
    return client.post(LOGIN_URL, {"username": email, "password": password})


def admin_login(client, email: str, password: str = PASSWORD):
    return client.post(ADMIN_LOGIN_URL, {"username": email, "password": password})


def has_session(client) -> bool:
    return "_auth_user_id" in client.session


def shows(response, message: str) -> bool:
    html = response.content.decode()
    return escape(message) in html or message in html


def bearer(raw: str) -> dict:
    return {"authorization": f"Bearer {raw}"}


# The Wagtail admin's login


def test_staff_log_in_to_the_admin():
    staff = UserFactory(is_staff=True, is_superuser=True)
    device = give_authenticator(staff)
    client = Client()

    response = admin_login(client, staff.email)

    # The password leads to the second factor's code step, then the code opens the admin.
    assert response.status_code == 302 and response.url == "/admin/login/code/"
    assert client.post("/admin/login/code/", {"code": authenticator_code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("is_staff", [True, False])
def test_the_admin_login_refuses_an_unconfirmed_account(is_staff):
    user = UserFactory(email_confirmed_at=None, is_staff=is_staff, is_superuser=is_staff)
    client = Client()

    response = admin_login(client, user.email)

    assert response.status_code == 200
    assert shows(response, ADMIN_UNCONFIRMED)
    assert not has_session(client)


def test_the_admin_login_refuses_a_suspended_account():
    staff = UserFactory(is_staff=True, is_superuser=True, is_active=False)
    client = Client()

    admin_login(client, staff.email)

    assert not has_session(client)


def test_the_admin_login_only_lets_in_accounts_with_admin_access():
    member = UserFactory()
    client = Client()

    response = admin_login(client, member.email)

    assert shows(response, NO_ADMIN_ACCESS)
    assert not has_session(client)
    # The same account logs in on the site as before.
    assert site_login(client, member.email).status_code == 302


def test_the_admin_login_is_throttled_even_with_the_right_password():
    staff = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(settings.LOGIN_RATE_LIMIT):
        admin_login(client, staff.email, "mauvais-mot-de-passe")

    response = admin_login(client, staff.email)

    assert shows(response, THROTTLED)
    assert not has_session(client)


def test_failures_on_the_admin_login_count_for_the_site_login():
    user = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(settings.LOGIN_RATE_LIMIT):
        admin_login(Client(), user.email, "mauvais-mot-de-passe")

    client = Client()
    response = site_login(client, user.email)

    assert response.status_code == 429
    assert shows(response, THROTTLED)
    assert not has_session(client)


def test_failures_on_the_site_login_count_for_the_admin_login():
    staff = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(settings.LOGIN_RATE_LIMIT):
        site_login(Client(), staff.email, "mauvais-mot-de-passe")

    client = Client()
    admin_login(client, staff.email)

    assert not has_session(client)


def test_one_address_trying_many_accounts_on_the_admin_is_throttled():
    staff = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    for n in range(settings.LOGIN_RATE_LIMIT * 4):
        admin_login(client, f"inconnu{n}@asso.fr", "mauvais-mot-de-passe")

    response = admin_login(client, staff.email)

    assert shows(response, THROTTLED)
    assert not has_session(client)


def test_django_authenticate_follows_the_same_rules():
    """Anything calling `authenticate()` (here the test client's `login`) gets the backend's rules."""
    unconfirmed = UserFactory(email_confirmed_at=None)
    confirmed = UserFactory()

    assert not Client().login(username=unconfirmed.email, password=PASSWORD)
    assert Client().login(username=confirmed.email.upper(), password=PASSWORD)


# Sessions (HTTP here; the sockets in tests/messaging/test_conversation_consumer.py)


def test_a_session_of_an_unconfirmed_account_is_not_honoured(client):
    client.force_login(UserFactory(email_confirmed_at=None))

    assert client.get(PROFILE_URL).status_code == 302
    assert client.get(ME_URL).status_code == 401


def test_a_suspended_account_loses_its_open_sessions(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(PROFILE_URL).status_code == 200

    user.is_active = False
    user.save(update_fields=["is_active"])

    assert client.get(PROFILE_URL).status_code == 302


# API tokens


@pytest.mark.parametrize(
    "account", [{"email_confirmed_at": None}, {"is_active": False}], ids=["unconfirmed", "deactivated"]
)
def test_the_token_of_an_account_that_may_not_sign_in_opens_nothing(account):
    user = UserFactory()
    _token, raw = api_token_create(user=user, name="Intégration")
    assert Client().get(ME_URL, headers=bearer(raw)).status_code == 200
    for field, value in account.items():
        setattr(user, field, value)
    user.save()

    response = Client().get(ME_URL, headers=bearer(raw))

    assert response.status_code == 401
    assert response.json() == {"message": AUTH_REQUIRED, "errors": {}}


def test_guessing_tokens_from_one_address_is_throttled():
    user = UserFactory()
    _token, raw = api_token_create(user=user, name="Intégration")
    client = Client()
    for n in range(settings.LOGIN_RATE_LIMIT * 4):
        assert client.get(ME_URL, headers=bearer(f"psl_{n:08x}_devine")).status_code == 401

    response = client.get(ME_URL, headers=bearer(raw))

    assert response.status_code == 429
    assert response.json() == {"message": THROTTLED, "errors": {}}
    # The address is also held off the login page: it is one counter.
    assert site_login(client, user.email).status_code == 429
    # Another address is not.
    assert Client(REMOTE_ADDR="192.0.2.10").get(ME_URL, headers=bearer(raw)).status_code == 200


def test_a_valid_token_does_not_count_as_a_failure():
    user = UserFactory()
    _token, raw = api_token_create(user=user, name="Intégration")
    client = Client()
    for _ in range(settings.LOGIN_RATE_LIMIT * 4 + 1):
        assert client.get(ME_URL, headers=bearer(raw)).status_code == 200
    assert ApiToken.objects.get().last_used_at <= timezone.now()


# Emails a visitor can make us send


def test_password_reset_requests_are_throttled_per_email(django_capture_on_commit_callbacks):
    user = UserFactory()
    for n in range(settings.LOGIN_RATE_LIMIT + 2):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client(REMOTE_ADDR=f"192.0.2.{n + 1}").post(RESET_URL, {"email": user.email})
        assert response.status_code == 302  # the same answer every time

    assert len(mail.outbox) == settings.LOGIN_RATE_LIMIT


def test_password_reset_requests_are_throttled_per_address(django_capture_on_commit_callbacks):
    user = UserFactory()
    client = Client()
    for n in range(settings.LOGIN_RATE_LIMIT * 4):
        client.post(RESET_URL, {"email": f"inconnu{n}@asso.fr"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESET_URL, {"email": user.email})

    assert response.status_code == 302
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        Client(REMOTE_ADDR="192.0.2.10").post(RESET_URL, {"email": user.email})
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_the_admin_password_reset_shares_the_throttle(django_capture_on_commit_callbacks):
    staff = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(settings.LOGIN_RATE_LIMIT):
        with django_capture_on_commit_callbacks(execute=True):
            Client().post(RESET_URL, {"email": staff.email})
    assert len(mail.outbox) == settings.LOGIN_RATE_LIMIT

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(ADMIN_RESET_URL, {"email": staff.email})

    assert response.status_code == 302
    assert len(mail.outbox) == settings.LOGIN_RATE_LIMIT


def test_the_admin_password_reset_still_sends_its_link(django_capture_on_commit_callbacks):
    staff = UserFactory(is_staff=True, is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(ADMIN_RESET_URL, {"email": staff.email})

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[staff.email]]
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


def test_new_confirmation_links_are_throttled(django_capture_on_commit_callbacks):
    user = UserFactory(email_confirmed_at=None)
    client = Client()
    for _ in range(settings.LOGIN_RATE_LIMIT + 2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(RESEND_URL, {"email": user.email})

    assert len(mail.outbox) == settings.LOGIN_RATE_LIMIT
