"""Accounts as a visitor meets them: sign up, confirm the address, log in, reset a password, profile, language."""

import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.utils.html import escape

from marketplace.models import User
from marketplace.tokens import email_confirmation_token_make

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_UP_URL = "/compte/inscription/"
SIGN_UP_DONE_URL = "/compte/inscription/envoyee/"
LOGIN_URL = "/compte/connexion/"
LOGOUT_URL = "/compte/deconnexion/"
RESEND_URL = "/compte/confirmer-a-nouveau/"
PASSWORD_RESET_URL = "/compte/mot-de-passe/oublie/"
PASSWORD_RESET_DONE_URL = "/compte/mot-de-passe/envoye/"
PASSWORD_RESET_COMPLETE_URL = "/compte/mot-de-passe/change/"
PROFILE_URL = "/compte/profil/"
DASHBOARD_URL = "/tableau-de-bord/"
LANGUAGE_URL = "/langue/"

NEW_PASSWORD = "Un-nouveau-mot-de-passe-solide-42"

# Messages copied from the application code.
DUPLICATE_EMAIL = "Un compte existe déjà avec cette adresse e-mail."
REQUIRED = "Champ requis."
TOO_SHORT = "Ce mot de passe est trop court. Il doit contenir au minimum 10 caractères."
CONFIRMED = "Votre adresse e-mail est confirmée. Bienvenue !"
LINK_INVALID = "Ce lien de confirmation est invalide ou a expiré. Demandez-en un nouveau."
LINK_OTHER_EMAIL = "Ce lien de confirmation ne correspond plus à votre adresse e-mail."
INVALID_LOGIN = "Adresse e-mail ou mot de passe incorrect."
THROTTLED = "Trop de tentatives de connexion. Réessayez dans quelques minutes."
UNCONFIRMED = (
    "Confirmez d'abord votre adresse e-mail : nous vous avons envoyé un lien. "
    "Vous pouvez en demander un nouveau ci-dessous."
)
SIGN_UP_THROTTLED = "Trop de demandes depuis votre connexion : réessayez dans quelques minutes."
RESENT = "Si un compte non confirmé existe pour cette adresse, un nouveau lien vient d'être envoyé."
RESET_LINK_DEAD = "Ce lien n'est plus valide : il a peut-être déjà servi ou expiré."
PROFILE_SAVED = "Votre profil est enregistré."
INVALID_CHOICE = "Sélectionnez un choix valide. de n’en fait pas partie."

CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
CONFIRM_LINK = re.compile(r"https?://\S+(/compte/confirmer/[^/\s]+/)")
RESET_LINK = re.compile(r"https?://\S+(/compte/mot-de-passe/nouveau/[^/\s]+/[^/\s]+/)")


def shows(response, message: str) -> bool:
    """The message is on the page: escaped when it comes from a variable, as is when written in the template."""
    html = response.content.decode()
    return escape(message) in html or message in html


def forget_deleted_cookies(client) -> None:
    """Do what a browser does with a cookie the server deleted; Django's test client keeps it, empty."""
    for name, morsel in list(client.cookies.items()):
        if morsel["max-age"] == 0:
            del client.cookies[name]


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]*)"', response.content.decode())
    assert match, "no <html lang> on the page"
    return match.group(1)


def sign_up_data(**overrides) -> dict:
    data = {
        "first_name": "Camille",
        "last_name": "Durand",
        "email": "camille@asso-quartier.fr",
        "password": NEW_PASSWORD,
        "preferred_language": "fr",
        "accept_terms": "on",
    }
    data.update(overrides)
    return data


def confirmation_path(message) -> str:
    match = CONFIRM_LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def log_in(client, email: str, password: str = PASSWORD):
    return client.post(LOGIN_URL, {"username": email, "password": password})


def is_logged_in(client) -> bool:
    return client.get(PROFILE_URL).status_code == 200


# --- Sign up -----------------------------------------------------------------


def test_sign_up_creates_an_unconfirmed_account_and_says_where_the_link_went(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGN_UP_URL, sign_up_data())

    assert response.status_code == 302
    assert response["Location"] == SIGN_UP_DONE_URL
    user = User.objects.get(email="camille@asso-quartier.fr")
    assert (user.first_name, user.last_name, user.preferred_language) == ("Camille", "Durand", "fr")
    assert user.email_confirmed_at is None
    assert user.check_password(NEW_PASSWORD)

    done = client.get(SIGN_UP_DONE_URL)
    assert "camille@asso-quartier.fr" in done.content.decode()
    # Not logged in until the address is confirmed.
    assert not is_logged_in(client)


def test_sign_up_page_is_in_french(client):
    response = client.get(SIGN_UP_URL)

    assert response.status_code == 200
    assert html_lang(response) == "fr"
    assert "Créer un compte" in response.content.decode()


def same_page(first, second, first_name: str, second_name: str) -> bool:
    """The two pages are one, but for the address each shows (`name`@...) and the CSRF token each carries."""

    def page(response, name):
        return CSRF_VALUE.sub("", response.content.decode()).replace(name, "…")

    return page(first, first_name) == page(second, second_name)


def test_sign_up_with_a_taken_email_answers_as_for_a_new_one_and_tells_the_owner(
    settings, django_capture_on_commit_callbacks
):
    """Sign-up says nothing about which addresses have an account: the owner is emailed instead."""
    owner = UserFactory(email="camille@asso-quartier.fr", first_name="Camille", password="ancien-mot-de-passe-42")

    with django_capture_on_commit_callbacks(execute=True):
        taken = Client().post(SIGN_UP_URL, sign_up_data(email="Camille@Asso-Quartier.FR"), follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        free = Client().post(SIGN_UP_URL, sign_up_data(email="Dominique@Asso-Quartier.FR"), follow=True)

    assert taken.redirect_chain == free.redirect_chain == [(SIGN_UP_DONE_URL, 302)]
    assert same_page(taken, free, "camille", "dominique")
    assert not shows(taken, DUPLICATE_EMAIL)
    assert User.objects.filter(email__iexact="camille@asso-quartier.fr").count() == 1
    owner.refresh_from_db()
    assert owner.check_password("ancien-mot-de-passe-42")  # nothing changed on the account
    notice, confirmation = mail.outbox
    assert notice.to == ["camille@asso-quartier.fr"]
    assert notice.subject == "Vous avez déjà un compte Passerelle"
    assert "Quelqu'un vient d'essayer de créer un compte Passerelle avec votre adresse e-mail" in notice.body
    assert f"{settings.SITE_URL}/compte/connexion/" in notice.body
    assert f"{settings.SITE_URL}/compte/mot-de-passe/oublie/" in notice.body
    assert CONFIRM_LINK.search(notice.body) is None
    assert confirmation.to == ["dominique@asso-quartier.fr"]


def test_the_owner_of_a_taken_email_is_told_in_their_language(client, django_capture_on_commit_callbacks):
    UserFactory(email="camille@asso-quartier.fr", preferred_language="en")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGN_UP_URL, sign_up_data())

    (notice,) = mail.outbox
    assert notice.subject == "You already have a Passerelle account"
    assert "Someone just tried to create a Passerelle account with your email address" in notice.body


def test_a_taken_email_not_yet_confirmed_gets_its_confirmation_link_again(client, django_capture_on_commit_callbacks):
    UserFactory(email="camille@asso-quartier.fr", email_confirmed_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGN_UP_URL, sign_up_data())

    assert response["Location"] == SIGN_UP_DONE_URL
    (message,) = mail.outbox
    assert message.subject == "Confirmez votre adresse e-mail sur Passerelle"
    assert client.get(confirmation_path(message)).status_code == 302


def test_a_suspended_account_is_sent_nothing_when_its_email_is_used_to_sign_up(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="camille@asso-quartier.fr", is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGN_UP_URL, sign_up_data())

    assert response["Location"] == SIGN_UP_DONE_URL
    assert mail.outbox == []


def test_a_weak_password_is_refused_alike_for_a_taken_email(client):
    UserFactory(email="camille@asso-quartier.fr")

    taken = client.post(SIGN_UP_URL, sign_up_data(password="court"))
    free = client.post(SIGN_UP_URL, sign_up_data(email="dominique@asso-quartier.fr", password="court"))

    assert taken.status_code == free.status_code == 400
    assert shows(taken, TOO_SHORT) and shows(free, TOO_SHORT)


def test_sign_ups_are_throttled_per_email(settings, django_capture_on_commit_callbacks):
    UserFactory(email="camille@asso-quartier.fr")
    for n in range(settings.LOGIN_RATE_LIMIT):
        with django_capture_on_commit_callbacks(execute=True):
            Client(REMOTE_ADDR=f"192.0.2.{n + 1}").post(SIGN_UP_URL, sign_up_data())

    response = Client(REMOTE_ADDR="192.0.2.99").post(SIGN_UP_URL, sign_up_data())

    assert response.status_code == 429
    assert shows(response, SIGN_UP_THROTTLED)
    assert len(mail.outbox) == settings.LOGIN_RATE_LIMIT


def test_sign_up_with_a_weak_password_is_refused(client):
    response = client.post(SIGN_UP_URL, sign_up_data(password="court"))

    assert response.status_code == 400
    assert shows(response, TOO_SHORT)
    assert not User.objects.filter(email="camille@asso-quartier.fr").exists()


def test_sign_up_without_accepting_the_terms_is_refused(client):
    response = client.post(SIGN_UP_URL, sign_up_data(accept_terms=""))

    assert response.status_code == 400
    assert response.context["form"].errors["accept_terms"] == [REQUIRED]
    assert shows(response, REQUIRED)
    assert not User.objects.exists()


def test_sign_up_stores_the_email_lower_cased(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGN_UP_URL, sign_up_data(email="  Camille.Durand@Asso-Quartier.FR "))

    assert response.status_code == 302
    assert User.objects.get().email == "camille.durand@asso-quartier.fr"
    assert mail.outbox[0].to == ["camille.durand@asso-quartier.fr"]


# --- Confirmation email ------------------------------------------------------


def test_confirmation_email_is_sent_in_french_by_default(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGN_UP_URL, sign_up_data())

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@asso-quartier.fr"]
    assert message.subject == "Confirmez votre adresse e-mail sur Passerelle"
    assert "Bonjour Camille," in message.body
    assert "Ce lien est valable 7 jours." in message.body
    assert confirmation_path(message).startswith("/compte/confirmer/")


def test_confirmation_email_for_an_english_speaker_carries_the_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGN_UP_URL, sign_up_data(preferred_language="en"))

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille@asso-quartier.fr"]
    # English translations are not compiled yet: only the link can be relied on.
    path = confirmation_path(message)
    assert client.get(path).status_code == 302
    assert User.objects.get().email_confirmed_at is not None


def test_confirmation_link_confirms_the_address_and_logs_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGN_UP_URL, sign_up_data())
    path = confirmation_path(mail.outbox[0])

    response = client.get(path, follow=True)

    assert response.redirect_chain[0] == (DASHBOARD_URL, 302)
    assert response.status_code == 200
    assert shows(response, CONFIRMED)
    assert User.objects.get().email_confirmed_at is not None
    assert is_logged_in(client)


def test_a_used_confirmation_link_no_longer_logs_anyone_in(client, django_capture_on_commit_callbacks):
    user = UserFactory(email_confirmed_at=None)
    path = f"/compte/confirmer/{email_confirmation_token_make(user=user)}/"
    assert client.get(path).status_code == 302
    client.logout()

    response = client.get(path, follow=True)

    assert not is_logged_in(client)
    assert response.redirect_chain[-1][0].startswith(LOGIN_URL)
    assert shows(response, "Votre adresse e-mail est déjà confirmée : connectez-vous.")


def test_password_reset_email_is_written_in_the_account_language(client, django_capture_on_commit_callbacks):
    UserFactory(email="reader@example.org", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PASSWORD_RESET_URL, {"email": "reader@example.org"})
    assert len(mail.outbox) == 1
    assert "Passerelle" in mail.outbox[0].subject
    assert "Mot de passe" not in mail.outbox[0].subject


def test_tampered_confirmation_link_is_refused_in_french(client):
    user = UserFactory(email_confirmed_at=None)
    token = email_confirmation_token_make(user=user)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    response = client.get(f"/compte/confirmer/{tampered}/")

    assert response.status_code == 400
    assert shows(response, LINK_INVALID)
    user.refresh_from_db()
    assert user.email_confirmed_at is None
    assert not is_logged_in(client)


def test_expired_confirmation_link_is_refused_in_french(client):
    user = UserFactory(email_confirmed_at=None)
    eight_days_ago = time.time() - 8 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        token = email_confirmation_token_make(user=user)

    response = client.get(f"/compte/confirmer/{token}/")

    assert response.status_code == 400
    assert shows(response, LINK_INVALID)
    user.refresh_from_db()
    assert user.email_confirmed_at is None


def test_confirmation_link_still_works_within_the_week(client):
    user = UserFactory(email_confirmed_at=None)
    six_days_ago = time.time() - 6 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=six_days_ago):
        token = email_confirmation_token_make(user=user)

    response = client.get(f"/compte/confirmer/{token}/")

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_confirmed_at is not None


def test_confirmation_link_made_before_an_email_change_does_not_confirm(client):
    user = UserFactory(email="ancienne@asso.fr", email_confirmed_at=None)
    token = email_confirmation_token_make(user=user)
    user.email = "nouvelle@asso.fr"
    user.save()

    response = client.get(f"/compte/confirmer/{token}/")

    assert response.status_code == 400
    assert shows(response, LINK_OTHER_EMAIL)
    user.refresh_from_db()
    assert user.email_confirmed_at is None
    assert not is_logged_in(client)


# --- Login -------------------------------------------------------------------


def test_login_is_refused_until_the_email_is_confirmed(client):
    user = UserFactory(email="pas-encore@asso.fr", email_confirmed_at=None)

    response = log_in(client, user.email)

    assert response.status_code == 400
    assert shows(response, UNCONFIRMED)
    assert f"{RESEND_URL}?email=pas-encore%40asso.fr" in response.content.decode()
    assert not is_logged_in(client)


def test_login_works_once_the_email_is_confirmed(client):
    user = UserFactory(email="confirme@asso.fr")

    response = log_in(client, user.email)

    assert response.status_code == 302
    assert response["Location"] == DASHBOARD_URL
    assert is_logged_in(client)


def test_login_ignores_the_case_of_the_email(client):
    UserFactory(email="confirme@asso.fr")

    response = log_in(client, "Confirme@ASSO.fr")

    assert response.status_code == 302
    assert is_logged_in(client)


def test_login_with_a_wrong_password_is_refused_in_french(client):
    user = UserFactory()

    response = log_in(client, user.email, "pas-le-bon-mot-de-passe")

    assert response.status_code == 400
    assert shows(response, INVALID_LOGIN)
    assert not is_logged_in(client)


def test_login_is_throttled_after_too_many_failures_even_with_the_right_password(client, settings):
    assert settings.LOGIN_RATE_LIMIT == 5
    user = UserFactory()
    for _ in range(settings.LOGIN_RATE_LIMIT):
        assert log_in(client, user.email, "mauvais-mot-de-passe").status_code == 400

    response = log_in(client, user.email, PASSWORD)

    assert response.status_code == 429
    assert shows(response, THROTTLED)
    assert not is_logged_in(client)


def test_throttling_one_email_does_not_lock_out_another_account(client, settings):
    victim = UserFactory()
    other = UserFactory()
    for _ in range(settings.LOGIN_RATE_LIMIT):
        log_in(client, victim.email, "mauvais-mot-de-passe")

    assert log_in(client, other.email).status_code == 302


def test_a_successful_login_resets_the_failure_count(settings):
    user = UserFactory()
    first = Client()
    for _ in range(settings.LOGIN_RATE_LIMIT - 1):
        log_in(first, user.email, "mauvais-mot-de-passe")
    assert log_in(first, user.email).status_code == 302

    second = Client()
    for _ in range(settings.LOGIN_RATE_LIMIT - 1):
        log_in(second, user.email, "mauvais-mot-de-passe")

    assert log_in(second, user.email).status_code == 302


def test_one_address_trying_many_accounts_is_throttled(client, settings):
    user = UserFactory()
    for n in range(settings.LOGIN_RATE_LIMIT * 4):
        log_in(client, f"inconnu{n}@asso.fr", "mauvais-mot-de-passe")

    response = log_in(client, user.email)

    assert response.status_code == 429
    assert shows(response, THROTTLED)


# --- Resend confirmation -----------------------------------------------------


def test_resend_confirmation_answers_the_same_for_unknown_and_known_emails(client, django_capture_on_commit_callbacks):
    UserFactory(email="pas-encore@asso.fr", email_confirmed_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post(RESEND_URL, {"email": "personne@asso.fr"}, follow=True)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(RESEND_URL, {"email": "Pas-Encore@asso.fr"}, follow=True)

    assert unknown.redirect_chain == known.redirect_chain == [(LOGIN_URL, 302)]
    assert shows(unknown, RESENT)
    assert shows(known, RESENT)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pas-encore@asso.fr"]
    assert client.get(confirmation_path(mail.outbox[0])).status_code == 302
    assert User.objects.get(email="pas-encore@asso.fr").email_confirmed_at is not None


def test_resend_confirmation_sends_nothing_to_a_confirmed_account(client, django_capture_on_commit_callbacks):
    UserFactory(email="confirme@asso.fr")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESEND_URL, {"email": "confirme@asso.fr"}, follow=True)

    assert shows(response, RESENT)
    assert mail.outbox == []


# --- Password reset ----------------------------------------------------------


def test_password_reset_email_lets_the_user_choose_a_new_password(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="oublieux@asso.fr")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PASSWORD_RESET_URL, {"email": "oublieux@asso.fr"})

    assert response.status_code == 302
    assert response["Location"] == PASSWORD_RESET_DONE_URL
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["oublieux@asso.fr"]
    assert message.subject == "Nouveau mot de passe pour Passerelle"
    match = RESET_LINK.search(message.body)
    assert match, message.body

    form_page = client.get(match.group(1), follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    set_password_url = form_page.redirect_chain[-1][0]

    done = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == PASSWORD_RESET_COMPLETE_URL

    assert log_in(Client(), user.email, PASSWORD).status_code == 400
    assert log_in(client, user.email, NEW_PASSWORD).status_code == 302

    # The link served once and cannot be used again.
    again = Client().get(match.group(1), follow=True)
    assert shows(again, RESET_LINK_DEAD)


def test_password_reset_for_an_unknown_email_looks_the_same_and_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PASSWORD_RESET_URL, {"email": "personne@asso.fr"})

    assert response.status_code == 302
    assert response["Location"] == PASSWORD_RESET_DONE_URL
    assert mail.outbox == []


# --- Logout ------------------------------------------------------------------


def test_logout_is_refused_by_get(client):
    client.force_login(UserFactory())

    response = client.get(LOGOUT_URL)

    assert response.status_code == 405
    assert is_logged_in(client)


def test_logout_by_post_with_a_next_page_ends_the_session(client):
    client.force_login(UserFactory())

    response = client.post(LOGOUT_URL, {"next": LOGIN_URL})

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert not is_logged_in(client)


def test_logout_from_the_header_form_ends_the_session(client):
    client.force_login(UserFactory())

    response = client.post(LOGOUT_URL)

    assert response.status_code == 302
    assert not is_logged_in(client)


# --- Profile -----------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login_from_the_profile(client):
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={PROFILE_URL}"


def test_profile_update_changes_the_name_and_the_language(client):
    user = UserFactory(first_name="Camille", last_name="Durand", preferred_language="fr")
    client.force_login(user)

    response = client.post(
        PROFILE_URL, {"first_name": "Camila", "last_name": "Durand-Martin", "preferred_language": "en"}
    )

    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.preferred_language) == ("Camila", "Durand-Martin", "en")
    forget_deleted_cookies(client)
    page = client.get(PROFILE_URL)
    assert shows(page, PROFILE_SAVED)
    assert 'value="Camila"' in page.content.decode()
    # The next page is shown in the newly chosen language.
    assert html_lang(page) == "en"


def test_profile_language_wins_over_an_earlier_switcher_choice(client):
    user = UserFactory(preferred_language="fr")
    client.force_login(user)
    client.post(LANGUAGE_URL, {"language": "en", "next": PROFILE_URL})
    assert html_lang(client.get(PROFILE_URL)) == "en"

    client.post(PROFILE_URL, {"first_name": "Camille", "last_name": "Durand", "preferred_language": "fr"})
    forget_deleted_cookies(client)

    assert html_lang(client.get(PROFILE_URL)) == "fr"


def test_profile_update_with_an_unknown_language_is_refused(client):
    user = UserFactory(first_name="Camille", preferred_language="fr")
    client.force_login(user)

    response = client.post(PROFILE_URL, {"first_name": "Camila", "last_name": "Durand", "preferred_language": "de"})

    assert response.status_code == 400
    assert shows(response, INVALID_CHOICE)
    assert not shows(response, PROFILE_SAVED)
    user.refresh_from_db()
    assert (user.first_name, user.preferred_language) == ("Camille", "fr")


# --- Language switcher -------------------------------------------------------


def test_language_switcher_shows_the_next_page_in_english(client):
    response = client.post(LANGUAGE_URL, {"language": "en", "next": SIGN_UP_URL})

    assert response.status_code == 302
    assert response["Location"] == SIGN_UP_URL
    page = client.get(SIGN_UP_URL)
    # English translations are not compiled yet: the page at least declares English.
    assert html_lang(page) == "en"


def test_language_switcher_remembers_the_choice_on_the_account(client):
    user = UserFactory(preferred_language="fr")
    client.force_login(user)

    client.post(LANGUAGE_URL, {"language": "en", "next": PROFILE_URL})

    user.refresh_from_db()
    assert user.preferred_language == "en"
    assert html_lang(client.get(PROFILE_URL)) == "en"
    # Another browser, without the cookie, also gets the account's language.
    other_browser = Client()
    other_browser.force_login(user)
    assert html_lang(other_browser.get(PROFILE_URL)) == "en"


def test_language_switcher_ignores_an_unknown_language(client):
    user = UserFactory(preferred_language="fr")
    client.force_login(user)

    client.post(LANGUAGE_URL, {"language": "xx", "next": PROFILE_URL})

    user.refresh_from_db()
    assert user.preferred_language == "fr"
    assert html_lang(client.get(PROFILE_URL)) == "fr"


def test_language_switcher_is_post_only(client):
    assert client.get(LANGUAGE_URL, {"language": "en"}).status_code == 405
