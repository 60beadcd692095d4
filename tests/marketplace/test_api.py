"""The JSON API under /api/v1/ as an integrator sees it: auth, status codes, payloads, one error shape."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from marketplace.models import ApiToken, Membership, Organisation, OrganisationInvitation
from marketplace.models.organisations import InvitationState, Role
from marketplace.services.organisations import invitation_create
from marketplace.services.tokens import api_token_create

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"
INVALID = "Certaines valeurs envoyées ne sont pas valides."
MANAGERS_ONLY = "Seuls les propriétaires et administrateurs peuvent faire cela."
POSTCODE = "Un code postal français compte 5 chiffres."
OWNER_NEEDED = "Une organisation garde au moins un propriétaire : nommez-en un autre d'abord."


def bearer(user) -> dict:
    _, raw = api_token_create(user=user, name="Intégration")
    return {"Authorization": f"Bearer {raw}"}


def call(client, method, path, payload=None, *, auth=None, raw=None):
    body = raw if raw is not None else (json.dumps(payload) if payload is not None else "")
    return client.generic(method, f"{API}{path}", body, content_type="application/json", headers=auth or {})


def assert_error(response, status, message=None, fields=()):
    """Every refusal is `{"message": str, "errors": {field: [str]}}`."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"message", "errors"}
    assert isinstance(body["message"], str)
    assert body["message"]
    assert isinstance(body["errors"], dict)
    for messages in body["errors"].values():
        assert isinstance(messages, list)
        assert messages
        assert all(isinstance(text, str) and text for text in messages)
    if message is not None:
        assert body["message"] == message
    for field in fields:
        assert field in body["errors"], body
    return body


def membership(user, organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


# Schema and authentication


def test_openapi_schema_lists_the_paths(client):
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    assert set(response.json()["paths"]) >= {
        f"{API}/me",
        f"{API}/organisations",
        f"{API}/organisations/{{organisation_id}}",
        f"{API}/organisations/{{organisation_id}}/members",
        f"{API}/organisations/{{organisation_id}}/members/{{membership_id}}",
        f"{API}/organisations/{{organisation_id}}/invitations",
        f"{API}/organisations/{{organisation_id}}/invitations/{{invitation_id}}",
        f"{API}/tokens",
        f"{API}/tokens/{{token_id}}",
    }


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/me"), ("GET", "/organisations"), ("POST", "/organisations"), ("GET", "/tokens")],
)
def test_unauthenticated_calls_get_401(client, method, path):
    response = call(client, method, path, {"kind": "association", "name": "Les Amis"})

    assert_error(response, 401, "Authentification requise : session ou jeton d'API valide.")
    assert not Organisation.objects.exists()


def test_unusable_tokens_get_401(client, owner):
    revoked, revoked_raw = api_token_create(user=owner, name="Révoqué")
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    expired, expired_raw = api_token_create(user=owner, name="Expiré", expires_in_days=1)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    _, valid_raw = api_token_create(user=owner, name="Valide")
    tampered = valid_raw[:-4] + ("aaaa" if not valid_raw.endswith("aaaa") else "bbbb")

    for raw in (revoked_raw, expired_raw, tampered, "psl_nimporte_quoi", "n'importe quoi"):
        assert_error(call(client, "GET", "/me", auth={"Authorization": f"Bearer {raw}"}), 401)


def test_session_auth_reads(client, owner):
    client.force_login(owner)

    response = call(client, "GET", "/me")

    assert response.status_code == 200
    assert response.json()["email"] == "owner@amis.test"


def test_session_write_needs_the_csrf_token(owner, association):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    payload = {"kind": "association", "name": "Sans jeton CSRF"}

    assert_error(call(browser, "POST", "/organisations", payload), 403)
    assert not Organisation.objects.filter(name="Sans jeton CSRF").exists()

    browser.get("/organisations/nouvelle/")  # any page with a form sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    response = call(browser, "POST", "/organisations", payload, auth={"X-CSRFToken": csrf})

    assert response.status_code == 201
    assert Organisation.objects.filter(name="Sans jeton CSRF").exists()


def test_bearer_token_works_for_reads_and_writes(client, owner, association):
    # The default test client skips CSRF checks; the next test shows what a real HTTP client gets.
    auth = bearer(owner)

    assert call(client, "GET", "/me", auth=auth).json()["email"] == "owner@amis.test"
    created = call(client, "POST", "/organisations", {"kind": "provider", "name": "Atelier"}, auth=auth)
    assert created.status_code == 201
    changed = call(client, "PATCH", f"/organisations/{association.pk}", {"city": "Villeurbanne"}, auth=auth)
    assert changed.status_code == 200
    association.refresh_from_db()
    assert association.city == "Villeurbanne"


def test_bearer_token_writes_are_not_subject_to_csrf(owner, association):
    integrator = Client(enforce_csrf_checks=True)  # a real HTTP client: no CSRF cookie, no session

    response = call(integrator, "POST", "/organisations", {"kind": "provider", "name": "Atelier"}, auth=bearer(owner))

    assert response.status_code == 201


# /me


def test_me_lists_the_user_and_their_memberships(client, owner, association, other_association):
    Membership.objects.create(user=owner, organisation=other_association, role=Role.MEMBER)

    body = call(client, "GET", "/me", auth=bearer(owner)).json()

    assert body["email"] == "owner@amis.test"
    assert body["preferred_language"] == "fr"
    assert {(m["organisation_name"], m["organisation_kind"], m["role"]) for m in body["memberships"]} == {
        ("Les Amis du Quartier", "association", "owner"),
        ("Club Sportif Voisin", "association", "member"),
    }


def test_me_update(client, owner):
    response = call(client, "PATCH", "/me", {"first_name": " Camille ", "preferred_language": "en"}, auth=bearer(owner))

    assert response.status_code == 200
    assert response.json()["first_name"] == "Camille"
    owner.refresh_from_db()
    assert (owner.first_name, owner.preferred_language) == ("Camille", "en")


def test_me_update_refuses_an_unknown_language(client, owner):
    response = call(client, "PATCH", "/me", {"preferred_language": "de"}, auth=bearer(owner))

    assert_error(response, 422, INVALID, fields=["preferred_language"])
    owner.refresh_from_db()
    assert owner.preferred_language == "fr"


# Organisations


def test_organisation_list_shows_only_mine(client, owner, association, other_association, outsider):
    body = call(client, "GET", "/organisations", auth=bearer(owner)).json()

    assert [(o["id"], o["name"], o["role"]) for o in body] == [(association.pk, "Les Amis du Quartier", "owner")]


def test_organisation_create(client):
    user = UserFactory()

    response = call(
        client,
        "POST",
        "/organisations",
        {"kind": "association", "name": "Les Jardins partagés", "postcode": "75011", "city": "Paris"},
        auth=bearer(user),
    )

    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ("kind", "name", "slug", "postcode", "city", "role")} == {
        "kind": "association",
        "name": "Les Jardins partagés",
        "slug": "les-jardins-partages",
        "postcode": "75011",
        "city": "Paris",
        "role": "owner",
    }
    assert membership(user, Organisation.objects.get(pk=body["id"])).role == Role.OWNER


@pytest.mark.parametrize(
    ("payload", "status", "field", "message"),
    [
        ({"kind": "association"}, 422, "name", "Ce champ est obligatoire."),
        ({"kind": "association", "name": "A"}, 422, "name", None),
        ({"kind": "association", "name": "   "}, 400, "name", "Le nom doit compter au moins 2 caractères."),
        ({"kind": "club", "name": "Les Amis"}, 422, "kind", None),
        ({"kind": "association", "name": "Les Amis", "postcode": "7500"}, 400, "postcode", POSTCODE),
        ({"kind": "association", "name": "Les Amis", "postcode": "ABCDE"}, 400, "postcode", POSTCODE),
        ({"kind": "association", "name": "Les Amis", "postcode": "750011"}, 422, "postcode", None),
    ],
)
def test_organisation_create_refuses_invalid_payloads(client, owner, payload, status, field, message):
    response = call(client, "POST", "/organisations", payload, auth=bearer(owner))

    body = assert_error(response, status, fields=[field])
    if status == 400:
        assert body["message"] == body["errors"][field][0]
    if message:
        assert body["errors"][field] == [message]
    assert Organisation.objects.count() == 1  # the owner's association only


@pytest.mark.parametrize("raw", [b"ceci n'est pas du JSON", b'{"kind": "association",', b"\xff\xfe"])
def test_organisation_create_refuses_a_body_that_is_not_json(client, owner, raw):
    response = call(client, "POST", "/organisations", auth=bearer(owner), raw=raw)

    assert_error(response, 400, "Le corps de la requête n'est pas du JSON valide.")


def test_another_organisation_is_not_found(client, owner, other_association, outsider):
    auth = bearer(owner)
    for organisation_id in (other_association.pk, other_association.pk + 1000):
        assert_error(call(client, "GET", f"/organisations/{organisation_id}", auth=auth), 404)
        assert_error(call(client, "PATCH", f"/organisations/{organisation_id}", {"name": "Pris"}, auth=auth), 404)
    other_association.refresh_from_db()
    assert other_association.name == "Club Sportif Voisin"


@pytest.mark.parametrize(
    ("path", "raw"),
    [
        ("/me", b"[]"),
        ("/organisations/{organisation}", b'[{"name": "Pris"}]'),
        ("/organisations/{organisation}", b"null"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_refused(client, owner, association, path, raw):
    response = call(client, "PATCH", path.format(organisation=association.pk), auth=bearer(owner), raw=raw)

    assert_error(response, 422, INVALID)


def test_organisation_detail(client, member, association):
    body = call(client, "GET", f"/organisations/{association.pk}", auth=bearer(member)).json()

    assert (body["name"], body["role"], body["postcode"]) == ("Les Amis du Quartier", "member", "69001")


def test_member_cannot_update_the_organisation(client, member, association):
    response = call(client, "PATCH", f"/organisations/{association.pk}", {"name": "Pris"}, auth=bearer(member))

    assert_error(response, 403, MANAGERS_ONLY)
    association.refresh_from_db()
    assert association.name == "Les Amis du Quartier"


def test_admin_updates_the_organisation(client, admin, association):
    response = call(
        client, "PATCH", f"/organisations/{association.pk}", {"name": "Les Amis du Parc"}, auth=bearer(admin)
    )

    assert response.status_code == 200
    assert (response.json()["name"], response.json()["role"]) == ("Les Amis du Parc", "admin")
    association.refresh_from_db()
    assert (association.name, association.postcode) == ("Les Amis du Parc", "69001")


def test_organisation_update_refuses_a_bad_postcode(client, owner, association):
    response = call(client, "PATCH", f"/organisations/{association.pk}", {"postcode": "7500"}, auth=bearer(owner))

    assert_error(response, 400, POSTCODE, fields=["postcode"])
    association.refresh_from_db()
    assert association.postcode == "69001"


# Members


def test_member_list(client, owner, admin, member, association, outsider):
    body = call(client, "GET", f"/organisations/{association.pk}/members", auth=bearer(member)).json()

    assert {(m["email"], m["role"]) for m in body} == {
        ("owner@amis.test", "owner"),
        ("admin@amis.test", "admin"),
        ("member@amis.test", "member"),
    }


@pytest.mark.parametrize(
    ("actor", "target", "role", "status", "message"),
    [
        ("member", "admin", "member", 403, MANAGERS_ONLY),
        ("admin", "member", "admin", 200, None),
        ("admin", "member", "owner", 403, "Seul un propriétaire peut nommer un autre propriétaire."),
        ("admin", "owner", "member", 403, "Seul un propriétaire peut changer le rôle d'un propriétaire."),
        ("owner", "member", "owner", 200, None),
        ("owner", "admin", "member", 200, None),
        ("owner", "owner", "admin", 400, OWNER_NEEDED),
    ],
    ids=[
        "member-cannot",
        "admin-promotes-admin",
        "admin-cannot-make-owner",
        "admin-cannot-demote-owner",
        "owner-makes-owner",
        "owner-demotes-admin",
        "last-owner-stays",
    ],
)
def test_member_role_change_rules(
    client, request, owner, admin, member, association, actor, target, role, status, message
):
    actor_user, target_user = request.getfixturevalue(actor), request.getfixturevalue(target)
    before = membership(target_user, association).role
    target_id = membership(target_user, association).pk

    response = call(
        client,
        "PATCH",
        f"/organisations/{association.pk}/members/{target_id}",
        {"role": role},
        auth=bearer(actor_user),
    )

    if status == 200:
        assert response.status_code == 200
        assert (response.json()["email"], response.json()["role"]) == (target_user.email, role)
        assert membership(target_user, association).role == role
    else:
        assert_error(response, status, message)
        assert membership(target_user, association).role == before


def test_member_role_change_refuses_an_unknown_role(client, owner, member, association):
    target_id = membership(member, association).pk

    response = call(
        client, "PATCH", f"/organisations/{association.pk}/members/{target_id}", {"role": "roi"}, auth=bearer(owner)
    )

    assert_error(response, 422, INVALID, fields=["role"])
    assert membership(member, association).role == Role.MEMBER


@pytest.mark.parametrize(
    ("actor", "target", "status", "message"),
    [
        ("member", "admin", 403, MANAGERS_ONLY),
        ("admin", "member", 204, None),
        ("admin", "owner", 403, "Seul un propriétaire peut retirer un propriétaire."),
        ("owner", "owner", 400, OWNER_NEEDED),
        ("member", "member", 204, None),
        ("admin", "admin", 204, None),
    ],
    ids=[
        "member-cannot",
        "admin-removes-member",
        "admin-cannot-remove-owner",
        "last-owner-stays",
        "member-leaves",
        "admin-leaves",
    ],
)
def test_member_removal_rules(client, request, owner, admin, member, association, actor, target, status, message):
    actor_user, target_user = request.getfixturevalue(actor), request.getfixturevalue(target)
    target_id = membership(target_user, association).pk

    response = call(client, "DELETE", f"/organisations/{association.pk}/members/{target_id}", auth=bearer(actor_user))

    if status == 204:
        assert response.status_code == 204
        assert not Membership.objects.filter(pk=target_id).exists()
    else:
        assert_error(response, status, message)
        assert Membership.objects.filter(pk=target_id).exists()


def test_another_organisations_membership_is_not_found(client, owner, association, outsider, other_association):
    outsider_membership = membership(outsider, other_association)
    auth = bearer(owner)
    # Through one's own organisation with the other's membership id, and through the other organisation.
    for organisation_id in (association.pk, other_association.pk):
        path = f"/organisations/{organisation_id}/members/{outsider_membership.pk}"
        assert_error(call(client, "PATCH", path, {"role": "member"}, auth=auth), 404)
        assert_error(call(client, "DELETE", path, auth=auth), 404)
    assert_error(call(client, "GET", f"/organisations/{other_association.pk}/members", auth=auth), 404)

    outsider_membership.refresh_from_db()
    assert outsider_membership.role == Role.OWNER


# Invitations


def test_invitation_create_sends_the_email(client, owner, association, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = call(
            client,
            "POST",
            f"/organisations/{association.pk}/invitations",
            {"email": "Nouvelle@Amis.test", "role": "admin"},
            auth=bearer(owner),
        )

    assert response.status_code == 201
    body = response.json()
    assert (body["email"], body["role"], body["state"]) == ("nouvelle@amis.test", "admin", "pending")
    assert OrganisationInvitation.objects.get(pk=body["id"]).state == InvitationState.PENDING
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nouvelle@amis.test"]
    assert "/organisations/invitation/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"email": "pas-une-adresse"}, 400),
        ({"email": "nouvelle@"}, 400),
        ({"email": ""}, 400),
        ({"email": 42}, 422),
        ({}, 422),
        ({"email": "nouvelle@amis.test", "role": "roi"}, 422),
    ],
)
def test_invitation_create_refuses_invalid_input(
    client, owner, association, payload, status, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = call(client, "POST", f"/organisations/{association.pk}/invitations", payload, auth=bearer(owner))

    body = assert_error(response, status)
    assert body["errors"]
    if status == 400:
        assert body["errors"] == {"email": ["Saisissez une adresse e-mail valide."]}
    assert not OrganisationInvitation.objects.exists()
    assert mail.outbox == []


def test_invitation_list_is_for_managers(client, owner, admin, member, association, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(membership=membership(owner, association), email="nouvelle@amis.test")
    path = f"/organisations/{association.pk}/invitations"

    for manager in (owner, admin):
        assert [i["email"] for i in call(client, "GET", path, auth=bearer(manager)).json()] == ["nouvelle@amis.test"]
    response = call(client, "GET", path, auth=bearer(member))
    assert response.status_code == 200
    assert response.json() == []


def test_invitation_cancel(client, owner, member, association, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(membership=membership(owner, association), email="nouvelle@amis.test")
    path = f"/organisations/{association.pk}/invitations/{invitation.pk}"

    assert_error(call(client, "DELETE", path, auth=bearer(member)), 403, MANAGERS_ONLY)
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PENDING

    assert call(client, "DELETE", path, auth=bearer(owner)).status_code == 204
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.REVOKED
    assert call(client, "GET", f"/organisations/{association.pk}/invitations", auth=bearer(owner)).json() == []


def test_another_organisations_invitations_are_not_found(
    client, owner, association, outsider, other_association, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(membership=membership(owner, association), email="nouvelle@amis.test")
    auth = bearer(outsider)

    assert_error(call(client, "GET", f"/organisations/{association.pk}/invitations", auth=auth), 404)
    for organisation_id in (association.pk, other_association.pk):
        path = f"/organisations/{organisation_id}/invitations/{invitation.pk}"
        assert_error(call(client, "DELETE", path, auth=auth), 404)
    assert_error(
        call(client, "POST", f"/organisations/{association.pk}/invitations", {"email": "x@voisin.test"}, auth=auth),
        404,
    )
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.PENDING
    assert OrganisationInvitation.objects.count() == 1


# Tokens


def test_tokens_list_and_revoke(client, owner, outsider):
    auth = bearer(owner)
    other, _ = api_token_create(user=owner, name="Export comptable")
    outsider_token, outsider_raw = api_token_create(user=outsider, name="Pas à moi")

    listed = call(client, "GET", "/tokens", auth=auth).json()
    assert {t["name"] for t in listed} == {"Intégration", "Export comptable"}
    assert all("token" not in t and "token_hash" not in t for t in listed)

    assert call(client, "DELETE", f"/tokens/{other.pk}", auth=auth).status_code == 204
    other.refresh_from_db()
    assert other.revoked_at is not None

    assert_error(call(client, "DELETE", f"/tokens/{outsider_token.pk}", auth=auth), 404, "Jeton introuvable.")
    outsider_token.refresh_from_db()
    assert outsider_token.revoked_at is None
    assert call(client, "GET", "/me", auth={"Authorization": f"Bearer {outsider_raw}"}).status_code == 200


def test_a_revoked_token_stops_working(client, owner):
    auth = bearer(owner)
    token_id = call(client, "GET", "/tokens", auth=auth).json()[0]["id"]

    assert call(client, "DELETE", f"/tokens/{token_id}", auth=auth).status_code == 204

    assert_error(call(client, "GET", "/me", auth=auth), 401)


def test_token_creation_needs_the_browser_session(client, owner):
    assert_error(call(client, "POST", "/tokens", {"name": "Par jeton"}, auth=bearer(owner)), 401)

    client.force_login(owner)
    response = call(client, "POST", "/tokens", {"name": "Export", "expires_in_days": 30})

    assert response.status_code == 201
    raw = response.json()["token"]
    assert raw.startswith("psl_")
    fresh = Client()
    assert call(fresh, "GET", "/me", auth={"Authorization": f"Bearer {raw}"}).json()["email"] == "owner@amis.test"


# No 500 anywhere, one error shape everywhere

GARBAGE = [
    b"",
    b"ceci n'est pas du JSON",
    b"{",
    b"\xff\xfe\x00",
    b"null",
    b"42",
    b'"texte"',
    b"[]",
    b'[{"name": "x"}]',
    b"{}",
    json.dumps(
        {
            "kind": [],
            "name": {"a": 1},
            "postcode": 75001,
            "city": None,
            "email": None,
            "role": 7,
            "first_name": ["x"],
            "preferred_language": 3,
            "expires_in_days": "beaucoup",
        }
    ).encode(),
    json.dumps({"name": "x" * 5000, "email": "y" * 5000 + "@amis.test", "first_name": "z" * 5000}).encode(),
    json.dumps({"kind": "association", "name": "\u200b\u200b", "postcode": "１２３４５", "role": "owner"}).encode(),
    json.dumps({"email": "a@b", "role": "OWNER", "expires_in_days": 10**30, "preferred_language": ""}).encode(),
    b'{"expires_in_days": 1e400, "name": NaN}',
]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/organisations"),
        ("PATCH", "/organisations/{organisation}"),
        ("PATCH", "/organisations/{organisation}/members/{membership}"),
        ("DELETE", "/organisations/{organisation}/members/{membership}"),
        ("POST", "/organisations/{organisation}/invitations"),
        ("DELETE", "/organisations/{organisation}/invitations/{invitation}"),
        ("PATCH", "/me"),
        ("POST", "/tokens"),
        ("DELETE", "/tokens/{token}"),
    ],
)
def test_garbage_never_causes_a_server_error(
    client, owner, member, association, method, path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(membership=membership(owner, association), email="nouvelle@amis.test")
    token, _ = api_token_create(user=owner, name="À révoquer")
    url = path.format(
        organisation=association.pk,
        membership=membership(member, association).pk,
        invitation=invitation.pk,
        token=token.pk,
    )
    client.force_login(owner)
    client.raise_request_exception = False

    for raw in GARBAGE:
        with django_capture_on_commit_callbacks(execute=True):
            response = call(client, method, url, raw=raw)
        assert response.status_code < 500, (raw, response.status_code)
        if response.status_code >= 400:
            assert_error(response, response.status_code)


def test_huge_ids_are_not_found(client, owner):
    client.raise_request_exception = False

    response = call(client, "GET", "/organisations/99999999999999999999999", auth=bearer(owner))

    assert_error(response, 404)
