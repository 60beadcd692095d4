"""Personal API tokens: the page that makes them, and what the API accepts."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from marketplace.models import ApiToken
from marketplace.services.tokens import MAX_ACTIVE_TOKENS, api_token_create

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

TOKENS_URL = "/compte/jetons/"
ME_URL = "/api/v1/me"
API_TOKENS_URL = "/api/v1/tokens"

# Messages copied from the application code.
AUTH_REQUIRED = "Authentification requise : session ou jeton d'API valide."
REQUIRED = "Champ requis."
TOO_MANY = f"Vous avez déjà {MAX_ACTIVE_TOKENS} jetons actifs : révoquez-en un."
NEW_TOKEN_NOTICE = "Copiez-le maintenant : il ne sera plus jamais affiché."

SHOWN_TOKEN = re.compile(r'<code class="token" data-copy>([^<]+)</code>')


def revoke_url(token_id: int) -> str:
    return f"/compte/jetons/{token_id}/revoquer/"


def shows(response, message: str) -> bool:
    html = response.content.decode()
    return escape(message) in html or message in html


def api_get(raw: str, url: str = ME_URL):
    """An integration calling the API: no browser session, only the header."""
    return Client().get(url, headers={"authorization": f"Bearer {raw}"})


def assert_unauthorised(response) -> None:
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"] == AUTH_REQUIRED


@pytest.fixture
def user():
    return UserFactory(email="tresoriere@asso.fr")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


def create_on_page(client, name: str = "Export comptable", **extra) -> str:
    """Create a token through the page and return the secret it shows."""
    response = client.post(TOKENS_URL, {"name": name, **extra})
    assert response.status_code == 302
    assert response["Location"] == TOKENS_URL
    page = client.get(TOKENS_URL)
    match = SHOWN_TOKEN.search(page.content.decode())
    assert match, "the new token is not shown"
    return match.group(1)


# --- The page ----------------------------------------------------------------


def test_tokens_page_lists_only_the_users_own_tokens(user_client, user):
    api_token_create(user=user, name="Tableur du bureau")
    api_token_create(user=UserFactory(), name="Script du voisin")

    response = user_client.get(TOKENS_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tableur du bureau" in html
    assert "Script du voisin" not in html


def test_tokens_page_needs_a_login(client):
    response = client.get(TOKENS_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")


def test_new_token_is_shown_once_and_only_its_hash_is_stored(user_client, user):
    response = user_client.post(TOKENS_URL, {"name": "Export comptable"})
    assert response.status_code == 302

    first = user_client.get(TOKENS_URL)
    match = SHOWN_TOKEN.search(first.content.decode())
    assert match
    raw = match.group(1)
    assert raw.startswith("psl_")
    assert shows(first, NEW_TOKEN_NOTICE)

    second = user_client.get(TOKENS_URL)
    assert raw not in second.content.decode()
    assert not shows(second, NEW_TOKEN_NOTICE)
    assert "Export comptable" in second.content.decode()

    row = ApiToken.objects.values().get(user=user)
    assert row["token_hash"] == hashlib.sha256(raw.encode()).hexdigest()
    secret = raw.split("_", 2)[2]  # psl_<hex prefix>_<secret>; the secret itself may contain "_"
    assert len(secret) >= 32
    assert not any(secret in str(value) for value in row.values())


def test_token_authenticates_the_api_as_its_owner(user_client, user):
    raw = create_on_page(user_client)

    response = api_get(raw)

    assert response.status_code == 200
    assert response.json()["email"] == "tresoriere@asso.fr"


def test_token_use_is_recorded_and_shown(user_client, user):
    raw = create_on_page(user_client)
    token = ApiToken.objects.get(user=user)
    assert token.last_used_at is None

    before = timezone.now()
    assert api_get(raw).status_code == 200

    token.refresh_from_db()
    assert token.last_used_at is not None
    assert before <= token.last_used_at <= timezone.now()
    # "Dernière utilisation" no longer shows the dash for a never-used token.
    row = re.search(r"<tr>\s*<td>Export comptable</td>.*?</tr>", user_client.get(TOKENS_URL).content.decode(), re.S)
    assert row
    assert "<td>—</td>" not in row.group(0)


def test_revoked_token_no_longer_opens_the_api(user_client, user):
    raw = create_on_page(user_client)
    token = ApiToken.objects.get(user=user)

    response = user_client.post(revoke_url(token.pk), follow=True)

    assert response.redirect_chain == [(TOKENS_URL, 302)]
    assert shows(response, "Le jeton « Export comptable » est révoqué.")
    assert "Révoqué" in response.content.decode()
    assert_unauthorised(api_get(raw))


def test_revoke_is_post_only(user_client, user):
    raw = create_on_page(user_client)
    token = ApiToken.objects.get(user=user)

    assert user_client.get(revoke_url(token.pk)).status_code == 405
    assert api_get(raw).status_code == 200


def test_revoking_another_users_token_is_not_found_and_leaves_it_working(user_client):
    other, raw = api_token_create(user=UserFactory(), name="Script du voisin")

    response = user_client.post(revoke_url(other.pk))

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None
    assert api_get(raw).status_code == 200


def test_token_with_an_empty_name_is_refused(user_client, user):
    response = user_client.post(TOKENS_URL, {"name": "   "})

    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [REQUIRED]
    assert shows(response, REQUIRED)
    assert SHOWN_TOKEN.search(response.content.decode()) is None
    assert not ApiToken.objects.filter(user=user).exists()


def test_token_limit_is_explained_and_lifted_by_revoking_one(user_client, user):
    tokens = [api_token_create(user=user, name=f"Jeton {n}")[0] for n in range(MAX_ACTIVE_TOKENS)]

    response = user_client.post(TOKENS_URL, {"name": "Un de trop"})

    assert response.status_code == 400
    assert shows(response, TOO_MANY)
    assert ApiToken.objects.filter(user=user).count() == MAX_ACTIVE_TOKENS

    user_client.post(revoke_url(tokens[0].pk))
    raw = create_on_page(user_client, name="Un de trop")
    assert api_get(raw).status_code == 200


def test_expired_tokens_do_not_count_towards_the_limit(user_client, user):
    tokens = [api_token_create(user=user, name=f"Jeton {n}")[0] for n in range(MAX_ACTIVE_TOKENS)]
    ApiToken.objects.filter(pk=tokens[0].pk).update(expires_at=timezone.now() - timedelta(days=1))

    response = user_client.post(TOKENS_URL, {"name": "Nouveau"})

    assert response.status_code == 302


# --- The API -------------------------------------------------------------------


def test_expired_token_is_refused(user):
    token, raw = api_token_create(user=user, name="Export comptable", expires_in_days=30)
    assert api_get(raw).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    assert_unauthorised(api_get(raw))


def test_token_of_a_deactivated_account_is_refused(user):
    _, raw = api_token_create(user=user, name="Export comptable")
    user.is_active = False
    user.save()

    assert_unauthorised(api_get(raw))


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(lambda raw: "", id="no-header"),
        pytest.param(lambda raw: "Bearer", id="scheme-only"),
        pytest.param(lambda raw: f"Token {raw}", id="other-scheme"),
        pytest.param(lambda raw: f"Bearer {raw[:-4]}", id="truncated"),
        pytest.param(lambda raw: f"Bearer {raw[:-1]}{'a' if raw[-1] != 'a' else 'b'}", id="wrong-secret"),
        pytest.param(lambda raw: "Bearer psl_00000000_" + "x" * 43, id="unknown-prefix"),
        pytest.param(lambda raw: f"Bearer {raw.replace('psl_', 'abc_', 1)}", id="wrong-scheme"),
        pytest.param(lambda raw: "Bearer not-a-token", id="garbage"),
    ],
)
def test_malformed_or_wrong_authorization_header_is_refused(user, header):
    _, raw = api_token_create(user=user, name="Export comptable")

    response = Client().get(ME_URL, headers={"authorization": header(raw)})

    assert_unauthorised(response)


def test_a_token_cannot_create_tokens(user):
    _, raw = api_token_create(user=user, name="Export comptable")

    response = Client().post(
        API_TOKENS_URL,
        {"name": "Fabriqué par un jeton"},
        content_type="application/json",
        headers={"authorization": f"Bearer {raw}"},
    )

    assert response.status_code in (401, 403)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]
    assert not ApiToken.objects.filter(name="Fabriqué par un jeton").exists()


def test_the_browser_session_can_create_a_token_through_the_api(user_client, user):
    response = user_client.post(API_TOKENS_URL, {"name": "Depuis le navigateur"}, content_type="application/json")

    assert response.status_code == 201
    raw = response.json()["token"]
    assert api_get(raw).json()["email"] == user.email
