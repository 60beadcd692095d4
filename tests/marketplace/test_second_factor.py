"""The second factor: staff need it for the admin, members may turn it on, and a password alone then logs no one in."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.models import AuditEntry
from marketplace.services.second_factor import second_factor_confirm, second_factor_setup_start
from marketplace.services.tokens import api_token_create
from tests.factories import PASSWORD, UserFactory
from tests.second_factor import authenticator_code, give_authenticator

pytestmark = pytest.mark.django_db

DASHBOARD = "/tableau-de-bord/"
SETUP = "/compte/securite/activer/"
SECURITY = "/compte/securite/"


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def member():
    return UserFactory()


def log_in_with_password(client, user, url="/compte/connexion/"):
    field = "username"
    return client.post(url, {field: user.email, "password": PASSWORD})


def give_code(client, code, url="/compte/connexion/code/"):
    return client.post(url, {"code": code})


def is_logged_in(client) -> bool:
    response = client.get(DASHBOARD)
    return response.status_code == 200


def turn_on(client, user) -> list[str]:
    """The member's own set-up, through the pages: returns the recovery codes shown once."""
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"code": authenticator_code(device)})
    assert response.status_code == 302
    page = client.get(SECURITY).content.decode()
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)


# --- Staff and the admin -----------------------------------------------------------------------------


def test_staff_without_a_device_are_sent_to_set_one_up_before_the_admin(client, staff):
    client.force_login(staff)

    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response.url == f"{SETUP}?next=%2Fadmin%2Fpages%2F"
    assert client.get(DASHBOARD).status_code == 200  # the rest of the site stays open


def test_staff_set_up_an_authenticator_and_then_reach_the_admin(client, staff):
    client.force_login(staff)

    page = client.get(f"{SETUP}?next=/admin/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg role="img"' in html and 'class="qr-code"' in html
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert re.search(r"<code class=\"token\">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>", html)

    wrong = client.post(f"{SETUP}?next=/admin/", {"code": "000000"})
    assert wrong.status_code == 400
    assert "Ce code ne correspond pas" in wrong.content.decode()
    device.throttle_reset()

    done = client.post(f"{SETUP}?next=/admin/", {"code": authenticator_code(device), "next": "/admin/"})
    assert done.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(actor=staff, action="second_factor.enabled").exists()


def test_recovery_codes_are_shown_once(client, member):
    client.force_login(member)

    codes = turn_on(client, member)

    assert len(codes) == 10 and len(set(codes)) == 10
    again = client.get(SECURITY).content.decode()
    assert codes[0] not in again
    assert "Il vous reste 10 codes de secours." in again


def test_a_password_alone_gives_no_admin_session(client, staff):
    give_authenticator(staff)

    response = log_in_with_password(client, staff, "/admin/login/")

    assert response.status_code == 302
    assert response.url == "/admin/login/code/"
    assert client.get("/admin/").url.startswith("/admin/login/")
    assert not is_logged_in(client)


def test_the_admin_login_asks_for_the_code_then_opens_the_admin(client, staff):
    device = give_authenticator(staff)
    log_in_with_password(client, staff, "/admin/login/")
    assert client.get("/admin/login/code/").status_code == 200

    response = give_code(client, authenticator_code(device), "/admin/login/code/")

    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_site_login_asks_staff_for_the_code(client, staff):
    device = give_authenticator(staff)

    response = log_in_with_password(client, staff)

    assert response.url == "/compte/connexion/code/"
    assert give_code(client, authenticator_code(device)).url == DASHBOARD
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_the_next_attempts_are_throttled(client, staff):
    device = give_authenticator(staff)
    log_in_with_password(client, staff)

    wrong = give_code(client, "123456")
    assert wrong.status_code == 400
    assert "pas valable" in wrong.content.decode()

    # Right away, even the right code is refused: the device waits after a wrong one.
    throttled = give_code(client, authenticator_code(device))
    assert throttled.status_code == 429
    assert "Trop de codes erronés" in throttled.content.decode()
    assert not is_logged_in(client)

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=10))
    assert give_code(client, authenticator_code(device)).url == DASHBOARD
    assert is_logged_in(client)


def test_the_throttle_doubles_with_each_wrong_code(client, staff):
    device = give_authenticator(staff)
    log_in_with_password(client, staff)
    for _ in range(4):
        give_code(client, "999999")
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(hours=1))
    device.refresh_from_db()
    assert device.throttling_failure_count == 4
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=7))

    response = give_code(client, authenticator_code(device))

    assert response.status_code == 429  # the fifth attempt waits 8 seconds


def test_a_recovery_code_logs_in_once(client, member):
    client.force_login(member)
    codes = turn_on(client, member)
    client.post("/compte/deconnexion/")

    log_in_with_password(client, member)
    first = give_code(client, codes[0].upper())
    assert first.url == DASHBOARD
    assert is_logged_in(client)
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.post("/compte/deconnexion/")

    log_in_with_password(client, member)
    assert give_code(client, codes[0]).status_code == 400
    assert not is_logged_in(client)


def test_a_code_is_accepted_once(client, staff):
    """An overheard code cannot be replayed: the same step's code is refused the second time."""
    device = give_authenticator(staff)
    code = authenticator_code(device)
    log_in_with_password(client, staff)
    assert give_code(client, code).url == DASHBOARD
    client.post("/compte/deconnexion/")
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)

    log_in_with_password(client, staff)

    assert give_code(client, code).status_code == 400
    assert not is_logged_in(client)


def test_the_code_step_needs_a_recent_password(client, staff, settings):
    device = give_authenticator(staff)
    assert give_code(client, "123456").url == "/compte/connexion/"  # no password given at all

    log_in_with_password(client, staff)
    settings.SECOND_FACTOR_LOGIN_SECONDS = -1
    response = give_code(client, authenticator_code(device))

    assert response.url == "/compte/connexion/"
    assert not is_logged_in(client)


# --- Members ---------------------------------------------------------------------------------------


def test_a_member_turns_it_on_and_the_login_then_asks_for_a_code(client, member):
    client.force_login(member)
    assert client.get(SECURITY).status_code == 200
    turn_on(client, member)
    client.post("/compte/deconnexion/")

    response = log_in_with_password(client, member)

    assert response.url == "/compte/connexion/code/"
    assert not is_logged_in(client)
    assert give_code(client, authenticator_code(TOTPDevice.objects.get(user=member))).url == DASHBOARD
    assert is_logged_in(client)


def test_a_member_turns_it_off_with_a_code(client, member):
    client.force_login(member)
    turn_on(client, member)
    device = TOTPDevice.objects.get(user=member)

    client.post("/compte/securite/desactiver/", {"disable-code": "000000"})
    assert TOTPDevice.objects.filter(user=member).exists()

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    client.post("/compte/securite/desactiver/", {"disable-code": authenticator_code(device)})
    assert not TOTPDevice.objects.filter(user=member).exists()
    client.post("/compte/deconnexion/")

    assert log_in_with_password(client, member).url == DASHBOARD
    assert AuditEntry.objects.filter(actor=member, action="second_factor.disabled").exists()


def test_staff_cannot_turn_it_off(client, staff):
    device = give_authenticator(staff)
    log_in_with_password(client, staff)
    give_code(client, authenticator_code(device))

    response = client.post("/compte/securite/desactiver/", {"disable-code": authenticator_code(device)}, follow=True)

    assert TOTPDevice.objects.filter(user=staff).exists()
    assert "gardent la double authentification" in response.content.decode()


def test_new_recovery_codes_replace_the_old_ones(client, member):
    client.force_login(member)
    old = turn_on(client, member)
    device = TOTPDevice.objects.get(user=member)

    client.post("/compte/securite/codes-de-secours/", {"renew-code": authenticator_code(device)})
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", client.get(SECURITY).content.decode())

    assert len(new) == 10
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_turning_it_on_ends_the_sessions_opened_before_elsewhere(client, member, django_user_model):
    from django.test import Client

    other_browser = Client()
    other_browser.force_login(member)
    assert other_browser.get(DASHBOARD).status_code == 200
    client.force_login(member)

    turn_on(client, member)

    assert other_browser.get(DASHBOARD).status_code == 302
    assert client.get(DASHBOARD).status_code == 200  # the session that turned it on gave the code


def test_the_setup_page_only_returns_to_our_own_pages(client, member):
    client.force_login(member)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=member, confirmed=False)

    response = client.post(f"{SETUP}?next=https://evil.example/", {"code": authenticator_code(device)})

    assert response.url == SECURITY
    assert "evil.example" not in client.get(SECURITY).content.decode()


def test_an_api_token_keeps_working_with_the_second_factor(client, member):
    """A token is a second secret of its own: tools using the API are not asked for codes."""
    device = second_factor_setup_start(user=member)
    second_factor_confirm(user=member, code=authenticator_code(device))
    _token, raw = api_token_create(user=member, name="Tableur")

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 200
