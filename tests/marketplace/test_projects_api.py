"""Projects, quotes and reviews through /api/v1/projects, as an integrator with a bearer token sees them."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.errors import ProjectError, ProposalError, ReviewError
from marketplace.geography import Region
from marketplace.models import (
    Membership,
    Project,
    ProjectChange,
    Proposal,
    ProposalVersion,
    ProviderProfile,
)
from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus
from marketplace.models.projects import ProjectState, ProposalState
from marketplace.services.projects import project_create, project_publish
from marketplace.services.proposals import proposal_submit
from marketplace.services.tokens import api_token_create

from ..factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"
INVALID = "Certaines valeurs envoyées ne sont pas valides."
TODAY = timezone.localdate()
IN_30_DAYS = (TODAY + datetime.timedelta(days=30)).isoformat()
IN_90_DAYS = (TODAY + datetime.timedelta(days=90)).isoformat()


def bearer(user) -> dict:
    _, raw = api_token_create(user=user, name="Intégration")
    return {"Authorization": f"Bearer {raw}"}


def call(client, method, path, payload=None, *, auth=None, raw=None, headers=None):
    body = raw if raw is not None else (json.dumps(payload) if payload is not None else "")
    return client.generic(
        method,
        f"{API}/projects{path}",
        body,
        content_type="application/json",
        headers={**(auth or {}), **(headers or {})},
    )


def assert_error(response, status, message=None, fields=()):
    """Every refusal is `{"message": str, "errors": {field: [str]}}`."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"message", "errors"}
    assert isinstance(body["message"], str)
    assert body["message"]
    for messages in body["errors"].values():
        assert messages
        assert all(isinstance(text, str) and text for text in messages)
    if message is not None:
        assert body["message"] == message
    for field in fields:
        assert field in body["errors"], body
    return body


def ok(response, status=200) -> dict:
    assert response.status_code == status, response.content
    return response.json()


def project_payload(organisation, **overrides) -> dict:
    return {
        "organisation_id": organisation.pk,
        "project_type": "website",
        "title": "Refonte du site de l'association",
        "description": "Notre site date de 2012 : nous voulons un site clair, accessible et facile à mettre à jour.",
        "answers": {"pages": 8, "content_ready": "yes", "languages": ["fr", "en"], "donations": "no"},
        "budget_min": 2000,
        "budget_max": 6000,
        "deadline": IN_90_DAYS,
        "answer_deadline": IN_30_DAYS,
        "postcode": "69003",
        "commune": "Lyon",
        **overrides,
    }


def quote(*lines, **extra) -> dict:
    return {"lines": [{"label": label, "quantity": q, "unit_price": p} for label, q, p in lines], **extra}


# Organisations and people


@pytest.fixture
def association(association):
    """The conftest's association, verified so that it may publish."""
    association.verification_status = VerificationStatus.VERIFIED
    association.save()
    return association


def provider_with_owner(name, *, verified=True, discount=None):
    organisation = OrganisationFactory(
        kind=OrganisationKind.PROVIDER,
        name=name,
        verification_status=VerificationStatus.VERIFIED if verified else VerificationStatus.PENDING,
    )
    if discount is not None:
        ProviderProfile.objects.create(
            organisation=organisation,
            legal_name=f"{name} SAS",
            siret="12345678900011",
            presentation="Nous accompagnons les associations dans leurs projets numériques.",
            postcode="69001",
            commune="Lyon",
            region=Region.AUVERGNE_RHONE_ALPES,
            solidarity_discount_percent=discount,
        )
    owner = MembershipFactory(organisation=organisation, role=Role.OWNER).user
    return organisation, owner


@pytest.fixture
def provider(db):
    """A verified provider publishing a 10 % solidarity discount."""
    return provider_with_owner("Atelier Numérique", discount=10)


@pytest.fixture
def rival(db):
    """A second verified provider, without a profile (so no discount)."""
    return provider_with_owner("Pixel & Associés")


@pytest.fixture
def unverified(db):
    return provider_with_owner("Nouveaux Venus", verified=False)


@pytest.fixture
def draft(owner, association):
    return project_create(
        membership=Membership.objects.get(user=owner, organisation=association),
        data=project_payload(association),
    )


@pytest.fixture
def published(draft, owner, association):
    return project_publish(membership=Membership.objects.get(user=owner, organisation=association), project_id=draft.pk)


@pytest.fixture
def submitted(published, provider):
    organisation, user = provider
    return proposal_submit(
        membership=Membership.objects.get(user=user, organisation=organisation),
        project_id=published.pk,
        data=quote(("Site", 1, "3000")),
    )


# Schema and reference data


def test_openapi_schema_lists_the_project_paths(client):
    paths = set(client.get(f"{API}/openapi.json").json()["paths"])

    assert paths >= {
        f"{API}/projects",
        f"{API}/projects/types",
        f"{API}/projects/{{project_id}}",
        f"{API}/projects/{{project_id}}/publish",
        f"{API}/projects/{{project_id}}/cancel",
        f"{API}/projects/{{project_id}}/start",
        f"{API}/projects/{{project_id}}/deliver",
        f"{API}/projects/{{project_id}}/close",
        f"{API}/projects/{{project_id}}/invitations",
        f"{API}/projects/{{project_id}}/proposals",
        f"{API}/projects/{{project_id}}/reviews",
        f"{API}/projects/proposals/{{proposal_id}}",
        f"{API}/projects/proposals/{{proposal_id}}/revise",
        f"{API}/projects/proposals/{{proposal_id}}/withdraw",
        f"{API}/projects/proposals/{{proposal_id}}/shortlist",
        f"{API}/projects/proposals/{{proposal_id}}/decline",
        f"{API}/projects/proposals/{{proposal_id}}/accept",
        f"{API}/projects/reviews/{{review_id}}/response",
    }


def test_openapi_schema_says_totals_sent_are_ignored(client):
    schemas = client.get(f"{API}/openapi.json").json()["components"]["schemas"]

    assert "ignored" in schemas["ProposalIn"]["description"]


def test_project_types_list_questions_skills_and_budgets(client):
    body = ok(call(client, "GET", "/types"))  # public reference data: no token

    website = next(t for t in body if t["value"] == "website")
    assert website["label"] == "Site internet"
    assert website["typical_budget_min_cents"] == 150_000
    assert website["typical_budget_max_cents"] == 800_000
    pages = next(q for q in website["questions"] if q["key"] == "pages")
    assert (pages["kind"], pages["maximum"], pages["choices"]) == ("number", 500, [])
    languages = next(q for q in website["questions"] if q["key"] == "languages")
    assert {"value": "fr", "label": "Français"} in languages["choices"]
    assert {"slug": "site-vitrine", "label": "Site vitrine"} in website["suggested_skills"]
    assert [t["value"] for t in body] == [
        "website",
        "donations",
        "crm",
        "cloud",
        "security",
        "data",
        "hardware",
        "training",
        "other",
    ]


def test_project_types_follow_the_request_language(client):
    body = ok(call(client, "GET", "/types", headers={"Accept-Language": "en"}))

    website = next(t for t in body if t["value"] == "website")
    assert {"slug": "site-vitrine", "label": "Showcase website"} in website["suggested_skills"]


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", ""), ("POST", ""), ("GET", "/1"), ("POST", "/1/publish"), ("GET", "/proposals/1")],
)
def test_unauthenticated_calls_get_401(client, method, path):
    assert_error(call(client, method, path, {}), 401)


# The whole story


def test_full_happy_path(client, owner, association, provider, rival):
    provider_org, provider_user = provider
    rival_org, rival_user = rival
    association_auth, provider_auth, rival_auth = bearer(owner), bearer(provider_user), bearer(rival_user)

    # The association drafts and publishes.
    created = ok(call(client, "POST", "", project_payload(association), auth=association_auth), 201)
    project_id = created["id"]
    assert (created["state"], created["budget_min_cents"], created["budget_max_cents"]) == ("draft", 200_000, 600_000)
    assert (created["region"], created["organisation_id"], created["is_owner"]) == (
        "auvergne-rhone-alpes",
        association.pk,
        True,
    )
    assert created["answers"] == {"pages": 8, "content_ready": "yes", "languages": ["fr", "en"], "donations": False}
    assert {s["slug"] for s in created["skills"]} >= {"site-vitrine", "wordpress"}
    assert ok(call(client, "POST", f"/{project_id}/publish", auth=association_auth))["state"] == "published"

    # Both providers find it on their board and quote.
    board = ok(call(client, "GET", "", auth=provider_auth))
    assert [p["id"] for p in board["items"]] == [project_id]
    mine = ok(
        call(
            client,
            "POST",
            f"/{project_id}/proposals",
            quote(("Maquettes", "2", "450.00"), ("Intégration", 1, 1200), message="Bonjour !"),
            auth=provider_auth,
        ),
        201,
    )
    theirs = ok(call(client, "POST", f"/{project_id}/proposals", quote(("Site", 1, "3000")), auth=rival_auth), 201)
    first = mine["current_version"]
    assert (first["subtotal_cents"], first["discount_percent"], first["discount_cents"]) == (210_000, 10, 21_000)
    assert (first["total_ht_cents"], first["vat_cents"], first["total_ttc_cents"]) == (189_000, 37_800, 226_800)
    assert first["lines"][0] == {
        "position": 0,
        "label": "Maquettes",
        "quantity": "2.00",
        "unit_price_cents": 45_000,
        "total_cents": 90_000,
    }
    assert theirs["current_version"]["total_ttc_cents"] == 360_000

    # The provider revises; both versions stay readable.
    revised = ok(
        call(
            client,
            "POST",
            f"/proposals/{mine['id']}/revise",
            quote(("Maquettes", "1.5", "450"), ("Intégration", 1, 1200), vat_rate_bp=1000),
            auth=provider_auth,
        )
    )
    assert [v["number"] for v in revised["versions"]] == [1, 2]
    assert revised["current_version"]["number"] == 2
    assert revised["current_version"]["total_ttc_cents"] == 185_625  # (67 500 + 120 000) - 10 %, + 10 % VAT
    assert [line["label"] for line in revised["versions"][0]["lines"]] == ["Maquettes", "Intégration"]

    # The association compares, shortlists and accepts: the other quote is declined.
    listed = ok(call(client, "GET", f"/{project_id}/proposals", auth=association_auth))
    assert {p["provider_name"] for p in listed} == {"Atelier Numérique", "Pixel & Associés"}
    shortlisted = ok(call(client, "POST", f"/proposals/{mine['id']}/shortlist", auth=association_auth))
    assert shortlisted["state"] == "shortlisted"
    accepted = ok(call(client, "POST", f"/proposals/{mine['id']}/accept", {}, auth=association_auth))
    assert accepted["state"] == "accepted"
    declined = ok(call(client, "GET", f"/proposals/{theirs['id']}", auth=rival_auth))
    assert (declined["state"], declined["decline_reason"]) == ("declined", "Un autre devis a été retenu.")
    awarded = ok(call(client, "GET", f"/{project_id}", auth=association_auth))
    assert (awarded["state"], awarded["awarded_proposal_id"]) == ("awarded", mine["id"])

    # The work goes on: started, delivered by the provider, closed by the association.
    assert ok(call(client, "POST", f"/{project_id}/start", auth=provider_auth))["state"] == "in_progress"
    assert ok(call(client, "POST", f"/{project_id}/deliver", auth=provider_auth))["state"] == "delivered"
    assert ok(call(client, "POST", f"/{project_id}/close", auth=association_auth))["state"] == "closed"

    # Each side reviews the other; the provider answers.
    about_provider = ok(
        call(
            client,
            "POST",
            f"/{project_id}/reviews",
            {"quality": 5, "communication": 4, "deadlines": 4, "value": 5, "comment": "Très bien."},
            auth=association_auth,
        ),
        201,
    )
    assert (about_provider["subject_id"], about_provider["rating"]) == (provider_org.pk, "4.50")
    about_association = ok(
        call(
            client,
            "POST",
            f"/{project_id}/reviews",
            {"quality": 5, "communication": 5, "deadlines": 5, "value": 5},
            auth=provider_auth,
        ),
        201,
    )
    assert about_association["subject_id"] == association.pk
    answered = ok(
        call(client, "POST", f"/reviews/{about_provider['id']}/response", {"response": "Merci !"}, auth=provider_auth)
    )
    assert answered["response"] == "Merci !"
    assert answered["responded_at"]
    profile = ProviderProfile.objects.get(organisation=provider_org)
    assert (profile.rating_average, profile.rating_count) == (Decimal("4.50"), 1)
    assert Project.objects.get(pk=project_id).state == ProjectState.CLOSED
    assert rival_org.proposals.get().state == ProposalState.DECLINED


def test_withdraw_and_decline(client, owner, submitted, provider, rival, published):
    _, provider_user = provider
    rival_org, rival_user = rival
    theirs = ok(
        call(client, "POST", f"/{published.pk}/proposals", quote(("Site", 1, 2500)), auth=bearer(rival_user)), 201
    )

    withdrawn = ok(call(client, "POST", f"/proposals/{submitted.pk}/withdraw", auth=bearer(provider_user)))
    declined = ok(
        call(client, "POST", f"/proposals/{theirs['id']}/decline", {"reason": "Trop cher"}, auth=bearer(owner))
    )

    assert withdrawn["state"] == "withdrawn"
    assert (declined["state"], declined["decline_reason"]) == ("declined", "Trop cher")
    again = call(
        client, "POST", f"/proposals/{submitted.pk}/revise", quote(("Site", 1, 10)), auth=bearer(provider_user)
    )
    assert_error(again, 400, "Ce devis ne peut plus être modifié.")


def test_invitation_and_cancel(client, owner, draft, provider):
    provider_org, provider_user = provider

    invited = ok(
        call(client, "POST", f"/{draft.pk}/invitations", {"provider_id": provider_org.pk}, auth=bearer(owner)), 201
    )
    twice = call(client, "POST", f"/{draft.pk}/invitations", {"provider_id": provider_org.pk}, auth=bearer(owner))
    cancelled = ok(call(client, "POST", f"/{draft.pk}/cancel", {"reason": "Plus de budget"}, auth=bearer(owner)))

    assert (invited["provider_id"], invited["provider_name"]) == (provider_org.pk, "Atelier Numérique")
    assert_error(twice, 400, "Ce prestataire est déjà invité.")
    assert cancelled["state"] == "cancelled"


# Editing


def test_patch_changes_only_the_fields_sent(client, owner, draft):
    skills_before = set(draft.skills.values_list("slug", flat=True))

    body = ok(call(client, "PATCH", f"/{draft.pk}", {"title": "Un nouveau site pour le quartier"}, auth=bearer(owner)))

    draft.refresh_from_db()
    assert body["title"] == draft.title == "Un nouveau site pour le quartier"
    assert (draft.budget_min_cents, draft.budget_max_cents, draft.postcode) == (200_000, 600_000, "69003")
    assert draft.answers == {"pages": 8, "content_ready": "yes", "languages": ["fr", "en"], "donations": False}
    assert set(draft.skills.values_list("slug", flat=True)) == skills_before
    assert (draft.remote_ok, draft.visibility, str(draft.answer_deadline)) == (True, "verified_providers", IN_30_DAYS)


def test_patch_clears_and_switches(client, owner, draft):
    auth = bearer(owner)

    unknown = ok(call(client, "PATCH", f"/{draft.pk}", {"budget_unknown": True, "deadline": None}, auth=auth))
    ranged = ok(call(client, "PATCH", f"/{draft.pk}", {"budget_max": 3000}, auth=auth))
    remote = ok(call(client, "PATCH", f"/{draft.pk}", {"remote_ok": False}, auth=auth))

    assert (unknown["budget_min_cents"], unknown["budget_max_cents"], unknown["deadline"]) == (None, None, None)
    assert (ranged["budget_min_cents"], ranged["budget_max_cents"]) == (None, 300_000)
    assert remote["remote_ok"] is False


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"title": None}, 422, "title"),
        ({"remote_ok": None}, 422, "remote_ok"),
        ({"project_type": None}, 422, "project_type"),
        ({"project_type": "cloud"}, 400, "answers.target"),  # the new type's required question
        ({"answers": {"content_ready": ["yes"]}}, 400, "answers.content_ready"),
        ({"budget_min": 7000}, 400, "budget_max"),
        ({"title": "abc"}, 400, "title"),
        ({"skills": ["pas-une-competence"]}, 400, "skills"),
    ],
)
def test_patch_refuses_invalid_values(client, owner, draft, payload, status, field):
    assert_error(call(client, "PATCH", f"/{draft.pk}", payload, auth=bearer(owner)), status, fields=[field])
    draft.refresh_from_db()
    assert draft.title == "Refonte du site de l'association"


def test_editing_a_published_project_is_shown_to_quoting_providers(client, owner, submitted, provider, published):
    _, provider_user = provider

    ok(call(client, "PATCH", f"/{published.pk}", {"budget_max": 8000}, auth=bearer(owner)))

    seen = ok(call(client, "GET", f"/{published.pk}", auth=bearer(provider_user)))
    assert seen["is_owner"] is False
    assert seen["changes"][0]["fields"] == {"budget_max_cents": [600_000, 800_000]}
    assert ProjectChange.objects.filter(project=published).count() == 1
    refused = call(client, "PATCH", f"/{published.pk}", {"visibility": "invited_only"}, auth=bearer(owner))
    assert_error(refused, 400, fields=["visibility"])


# Visibility


def test_drafts_are_hidden_from_providers(client, draft, provider):
    _, user = provider

    assert_error(call(client, "GET", f"/{draft.pk}", auth=bearer(user)), 404)
    assert_error(call(client, "GET", f"/{draft.pk}/proposals", auth=bearer(user)), 404)
    assert ok(call(client, "GET", "", auth=bearer(user)))["items"] == []


def test_invited_only_projects_are_hidden_from_providers_not_invited(client, owner, association, provider, rival):
    provider_org, provider_user = provider
    _, rival_user = rival
    auth = bearer(owner)
    project = ok(call(client, "POST", "", project_payload(association, visibility="invited_only"), auth=auth), 201)
    ok(call(client, "POST", f"/{project['id']}/invitations", {"provider_id": provider_org.pk}, auth=auth), 201)
    ok(call(client, "POST", f"/{project['id']}/publish", auth=auth))

    assert ok(call(client, "GET", f"/{project['id']}", auth=bearer(provider_user)))["visibility"] == "invited_only"
    assert [p["id"] for p in ok(call(client, "GET", "", auth=bearer(provider_user)))["items"]] == [project["id"]]
    assert_error(call(client, "GET", f"/{project['id']}", auth=bearer(rival_user)), 404)
    assert ok(call(client, "GET", "", auth=bearer(rival_user)))["items"] == []
    refused = call(client, "POST", f"/{project['id']}/proposals", quote(("Site", 1, 100)), auth=bearer(rival_user))
    assert_error(refused, 404)


def test_a_provider_never_sees_another_providers_proposal(client, owner, submitted, published, provider, rival):
    _, provider_user = provider
    _, rival_user = rival
    theirs = ok(
        call(client, "POST", f"/{published.pk}/proposals", quote(("Site", 1, 2500)), auth=bearer(rival_user)), 201
    )

    own_list = ok(call(client, "GET", f"/{published.pk}/proposals", auth=bearer(provider_user)))

    assert [p["id"] for p in own_list] == [submitted.pk]
    assert_error(call(client, "GET", f"/proposals/{theirs['id']}", auth=bearer(provider_user)), 404)
    for action in ("revise", "withdraw", "accept", "decline", "shortlist"):
        response = call(
            client, "POST", f"/proposals/{theirs['id']}/{action}", quote(("x", 1, 1)), auth=bearer(provider_user)
        )
        assert_error(response, 404)
    assert Proposal.objects.get(pk=theirs["id"]).state == ProposalState.SUBMITTED
    assert len(ok(call(client, "GET", f"/{published.pk}/proposals", auth=bearer(owner)))) == 2


def test_another_association_gets_404(client, outsider, published, submitted):
    auth = bearer(outsider)

    assert_error(call(client, "GET", f"/{published.pk}", auth=auth), 404)
    assert_error(call(client, "PATCH", f"/{published.pk}", {"title": "Pris en otage"}, auth=auth), 404)
    assert_error(call(client, "POST", f"/{published.pk}/cancel", auth=auth), 404)
    assert_error(call(client, "GET", f"/proposals/{submitted.pk}", auth=auth), 404)
    assert_error(call(client, "POST", f"/proposals/{submitted.pk}/accept", auth=auth), 404)
    assert ok(call(client, "GET", "", auth=auth))["items"] == []
    assert Project.objects.get(pk=published.pk).state == ProjectState.PUBLISHED


def test_creating_for_an_organisation_one_is_not_in_gets_404(client, outsider, association):
    response = call(client, "POST", "", project_payload(association), auth=bearer(outsider))

    assert_error(response, 404)
    assert not Project.objects.exists()


# Roles


def test_only_associations_create_projects(client, provider):
    organisation, user = provider

    response = call(client, "POST", "", project_payload(organisation), auth=bearer(user))

    assert_error(response, 403, "Seules les associations publient des projets.")


def test_an_unverified_association_drafts_but_cannot_publish(client, outsider, other_association):
    auth = bearer(outsider)
    created = ok(call(client, "POST", "", project_payload(other_association), auth=auth), 201)

    response = call(client, "POST", f"/{created['id']}/publish", auth=auth)

    assert_error(response, 403)
    assert "vérifiée" in response.json()["message"]
    assert Project.objects.get(pk=created["id"]).state == ProjectState.DRAFT


def test_an_unverified_provider_cannot_submit(client, published, unverified):
    _, user = unverified

    response = call(client, "POST", f"/{published.pk}/proposals", quote(("Site", 1, 100)), auth=bearer(user))

    assert_error(response, 403, "Votre structure doit être vérifiée par l'équipe avant de pouvoir faire cela.")
    assert not Proposal.objects.exists()


def test_an_association_cannot_quote(client, owner, published):
    response = call(client, "POST", f"/{published.pk}/proposals", quote(("Site", 1, 100)), auth=bearer(owner))

    assert_error(response, 403, "Seuls les prestataires peuvent faire cela.")


def test_a_plain_member_publishes_but_neither_cancels_nor_accepts(client, member, draft, provider):
    auth = bearer(member)
    ok(call(client, "POST", f"/{draft.pk}/publish", auth=auth))
    organisation, user = provider
    proposal = ok(call(client, "POST", f"/{draft.pk}/proposals", quote(("Site", 1, 100)), auth=bearer(user)), 201)

    assert_error(call(client, "POST", f"/proposals/{proposal['id']}/accept", auth=auth), 403)
    assert_error(call(client, "POST", f"/{draft.pk}/cancel", auth=auth), 403)
    assert Project.objects.get(pk=draft.pk).state == ProjectState.PUBLISHED


def test_lifecycle_steps_belong_to_one_side(client, owner, submitted, provider, published):
    _, provider_user = provider
    ok(call(client, "POST", f"/proposals/{submitted.pk}/accept", auth=bearer(owner)))

    assert_error(call(client, "POST", f"/{published.pk}/deliver", auth=bearer(provider_user)), 400)
    ok(call(client, "POST", f"/{published.pk}/start", auth=bearer(owner)))
    assert_error(call(client, "POST", f"/{published.pk}/deliver", auth=bearer(owner)), 403)
    assert_error(call(client, "POST", f"/{published.pk}/close", auth=bearer(provider_user)), 403)
    assert Project.objects.get(pk=published.pk).state == ProjectState.IN_PROGRESS


def test_a_declined_provider_cannot_move_the_project(client, owner, submitted, published, rival):
    _, rival_user = rival
    theirs = ok(
        call(client, "POST", f"/{published.pk}/proposals", quote(("Site", 1, 2500)), auth=bearer(rival_user)), 201
    )
    ok(call(client, "POST", f"/proposals/{submitted.pk}/accept", auth=bearer(owner)))

    assert_error(call(client, "POST", f"/{published.pk}/start", auth=bearer(rival_user)), 404)
    review = {"quality": 1, "communication": 1, "deadlines": 1, "value": 1}
    assert_error(call(client, "POST", f"/{published.pk}/reviews", review, auth=bearer(rival_user)), 404)
    assert Proposal.objects.get(pk=theirs["id"]).state == ProposalState.DECLINED


# The acting organisation


@pytest.fixture
def two_hats(owner, provider):
    """The association's owner also runs the verified provider."""
    organisation, _ = provider
    Membership.objects.create(user=owner, organisation=organisation, role=Role.MEMBER)
    return owner


def test_a_user_of_several_organisations_names_one_to_list(client, two_hats, association, provider, published):
    provider_org, _ = provider
    auth = bearer(two_hats)

    assert_error(call(client, "GET", "", auth=auth), 400, fields=["organisation_id"])
    as_association = ok(call(client, "GET", f"?organisation_id={association.pk}", auth=auth))
    as_provider = ok(call(client, "GET", f"?organisation_id={provider_org.pk}", auth=auth))

    assert [p["id"] for p in as_association["items"]] == [published.pk]
    assert [p["id"] for p in as_provider["items"]] == [published.pk]


def test_the_concerned_organisation_is_found_when_it_is_the_only_one(client, two_hats, draft):
    # Only the association can see its draft: no need to say which organisation acts.
    body = ok(call(client, "GET", f"/{draft.pk}", auth=bearer(two_hats)))

    assert body["is_owner"] is True


def test_several_concerned_organisations_need_organisation_id(client, two_hats, association, provider, published):
    provider_org, _ = provider
    auth = bearer(two_hats)

    ambiguous = call(client, "GET", f"/{published.pk}", auth=auth)
    as_provider = ok(call(client, "GET", f"/{published.pk}?organisation_id={provider_org.pk}", auth=auth))
    submit = call(client, "POST", f"/{published.pk}/proposals", quote(("Site", 1, 10)), auth=auth)
    submitted = ok(
        call(
            client,
            "POST",
            f"/{published.pk}/proposals",
            quote(("Site", 1, 10), organisation_id=provider_org.pk),
            auth=auth,
        ),
        201,
    )

    assert_error(ambiguous, 400, fields=["organisation_id"])
    assert as_provider["is_owner"] is False
    assert_error(submit, 400, fields=["organisation_id"])
    assert submitted["provider_id"] == provider_org.pk


def test_organisation_id_of_an_organisation_one_is_not_in_gets_404(client, owner, published, rival):
    rival_org, _ = rival

    assert_error(call(client, "GET", f"/{published.pk}?organisation_id={rival_org.pk}", auth=bearer(owner)), 404)
    assert_error(
        call(client, "POST", f"/{published.pk}/cancel", {"organisation_id": rival_org.pk}, auth=bearer(owner)), 404
    )


# Prices come from the server


def test_totals_and_discounts_sent_by_the_client_are_ignored(client, published, provider):
    _, user = provider
    tampered = {
        "lines": [{"label": "Site", "quantity": 2, "unit_price": "1000", "total_cents": 1}],
        "total_ttc_cents": 1,
        "total_ht_cents": 1,
        "subtotal_cents": 1,
        "discount_percent": 90,
        "discount_cents": 999_999,
        "vat_rate_bp": 2000,
    }

    body = ok(call(client, "POST", f"/{published.pk}/proposals", tampered, auth=bearer(user)), 201)

    version = ProposalVersion.objects.get(proposal_id=body["id"])
    assert (version.subtotal_cents, version.discount_percent, version.discount_cents) == (200_000, 10, 20_000)
    assert (version.total_ht_cents, version.vat_cents, version.total_ttc_cents) == (180_000, 36_000, 216_000)
    assert version.lines.get().total_cents == 200_000
    assert body["current_version"]["total_ttc_cents"] == 216_000

    revised = ok(
        call(
            client, "POST", f"/proposals/{body['id']}/revise", {**tampered, "discount_percent": 100}, auth=bearer(user)
        )
    )
    assert revised["current_version"]["total_ttc_cents"] == 216_000


# Bad input never makes a 500


def write_endpoints(project, proposal):
    return [
        ("POST", ""),
        ("PATCH", f"/{project}"),
        ("POST", f"/{project}/publish"),
        ("POST", f"/{project}/cancel"),
        ("POST", f"/{project}/start"),
        ("POST", f"/{project}/deliver"),
        ("POST", f"/{project}/close"),
        ("POST", f"/{project}/invitations"),
        ("POST", f"/{project}/proposals"),
        ("POST", f"/proposals/{proposal}/revise"),
        ("POST", f"/proposals/{proposal}/withdraw"),
        ("POST", f"/proposals/{proposal}/shortlist"),
        ("POST", f"/proposals/{proposal}/decline"),
        ("POST", f"/proposals/{proposal}/accept"),
        ("POST", f"/{project}/reviews"),
        ("POST", "/reviews/1/response"),
    ]


GARBAGE = {
    "not-json": b"{ceci n'est pas du JSON",
    "truncated": b'{"title": "Refonte',
    "not-utf8": b"\xff\xfe\x00",
    "array": b"[1, 2, 3]",
    "string": b'"publier"',
    "number": b"42",
    "nan": b'{"organisation_id": NaN}',
    "organisation-text": b'{"organisation_id": "la mienne"}',
    "organisation-huge": json.dumps({"organisation_id": 10**30}).encode(),
    "organisation-zero": b'{"organisation_id": 0}',
    "organisation-list": b'{"organisation_id": [1]}',
    "wrong-types": json.dumps(
        {
            "organisation_id": {"id": 1},
            "project_type": ["website"],
            "title": {"fr": "x"},
            "lines": "beaucoup",
            "provider_id": "lui",
            "quality": "super",
            "response": ["merci"],
            "reason": 12,
            "shortlisted": "peut-être",
        }
    ).encode(),
}


@pytest.mark.parametrize("garbage", GARBAGE.values(), ids=GARBAGE.keys())
def test_garbage_is_refused_by_every_write_endpoint(client, owner, submitted, published, garbage):
    auth = bearer(owner)
    before = (Project.objects.get(pk=published.pk).state, Proposal.objects.get(pk=submitted.pk).state)

    for method, path in write_endpoints(published.pk, submitted.pk):
        response = call(client, method, path, raw=garbage, auth=auth)
        assert response.status_code in (400, 422), (method, path, response.status_code, response.content)
        assert_error(response, response.status_code)

    assert (Project.objects.get(pk=published.pk).state, Proposal.objects.get(pk=submitted.pk).state) == before
    assert Project.objects.count() == 1


LINE = {"label": "Site", "quantity": 1, "unit_price": 100}
DEEP_GARBAGE = [
    ("POST", "", {"title": "x" * 100_000}, 400, "title"),
    ("POST", "", {"project_type": "fusée"}, 422, "project_type"),
    ("POST", "", {"budget_min": 10**30}, 400, "budget_min"),
    ("POST", "", {"budget_min": 12.5}, 422, "budget_min"),
    ("POST", "", {"budget_min": "mille"}, 422, "budget_min"),
    ("POST", "", {"deadline": "2030-02-30"}, 422, "deadline"),
    ("POST", "", {"answers": {"pages": "beaucoup"}}, 400, "answers.pages"),
    ("POST", "", {"answers": {"pages": 10**30}}, 400, "answers.pages"),
    ("POST", "", {"answers": {"content_ready": ["yes", "no"]}}, 400, "answers.content_ready"),
    ("POST", "", {"answers": {"content_ready": {"a": 1}}}, 422, "answers.content_ready"),
    ("POST", "", {"answers": ["pages"]}, 422, "answers"),
    ("POST", "", {"skills": "site-vitrine"}, 422, "skills"),
    ("POST", "", {"skills": [f"s{i}" for i in range(1000)]}, 422, "skills"),
    ("POST", "", {"postcode": "00000"}, 400, "postcode"),
    ("POST", "", {"visibility": "everyone"}, 422, "visibility"),
    ("POST", "/{project}/proposals", {"lines": []}, 400, "lines"),
    ("POST", "/{project}/proposals", {"lines": [{**LINE, "quantity": "NaN"}]}, 422, "lines.0.quantity"),
    ("POST", "/{project}/proposals", {"lines": [{**LINE, "unit_price": "Infinity"}]}, 422, "lines.0.unit_price"),
    ("POST", "/{project}/proposals", {"lines": [{**LINE, "unit_price": "1e999999"}]}, 422, "lines.0.unit_price"),
    ("POST", "/{project}/proposals", {"lines": [{**LINE, "unit_price": "0.001"}]}, 400, "lines.0.unit_price"),
    ("POST", "/{project}/proposals", {"lines": [{**LINE, "quantity": "1e-999999"}]}, 422, "lines.0.quantity"),
    ("POST", "/{project}/proposals", {"lines": [{**LINE, "quantity": "0.005"}]}, 400, "lines.0.quantity"),
    ("POST", "/{project}/proposals", {"lines": [{**LINE, "label": ""}]}, 400, "lines.0.label"),
    ("POST", "/{project}/proposals", {"lines": [LINE] * 51}, 400, "lines"),
    ("POST", "/{project}/proposals", {"lines": [LINE], "vat_rate_bp": 10**30}, 400, "vat_rate_bp"),
    ("POST", "/{project}/proposals", {"lines": [LINE], "start_date": "2001-01-01"}, 400, "start_date"),
    ("POST", "/{project}/proposals", {"lines": [LINE], "milestones": [{"label": "x"}]}, 422, "milestones.0.date"),
    ("POST", "/{project}/proposals", {"lines": [LINE], "milestones": "demain"}, 422, "milestones"),
    ("POST", "/{project}/invitations", {"provider_id": 10**30}, 422, "provider_id"),
    ("POST", "/{project}/invitations", {"provider_id": 999_999}, 404, None),
    ("POST", "/{project}/reviews", {"quality": 10**30, "communication": 1, "deadlines": 1, "value": 1}, 400, None),
    ("POST", "/reviews/1/response", {"response": None}, 422, "response"),
]


@pytest.mark.parametrize(("method", "path", "payload", "status", "field"), DEEP_GARBAGE)
def test_bad_values_get_field_errors(
    client, owner, association, published, provider, method, path, payload, status, field
):
    provider_org, provider_user = provider
    is_quote = path.endswith("/proposals")
    base = project_payload(association) if path == "" else {}
    auth = bearer(provider_user if is_quote else owner)

    response = call(client, method, path.format(project=published.pk), {**base, **payload}, auth=auth)

    assert_error(response, status, fields=[field] if field else [])
    assert not Proposal.objects.exists()
    assert Project.objects.count() == 1


def test_query_strings_are_validated(client, owner, published):
    auth = bearer(owner)

    assert_error(
        call(client, "GET", f"/{published.pk}?organisation_id=abc", auth=auth), 422, fields=["organisation_id"]
    )
    assert_error(call(client, "GET", f"?organisation_id={10**30}", auth=auth), 422, fields=["organisation_id"])
    assert_error(call(client, "GET", "?page=0", auth=auth), 422, fields=["page"])
    assert_error(call(client, "GET", "?page_size=1000", auth=auth), 422, fields=["page_size"])
    assert_error(call(client, "GET", "?state=perdu", auth=auth), 422, fields=["state.0"])
    assert_error(call(client, "GET", f"/{10**19}", auth=auth), 404)


# Bugs found in the services while building the API: the fixed ones stay as regression tests


def _membership(user, organisation):
    return Membership.objects.get(user=user, organisation=organisation)


@pytest.mark.parametrize(("field", "value"), [("quantity", "NaN"), ("unit_price", "sNaN"), ("unit_price", "1e999999")])
def test_an_unusable_amount_is_a_proposal_error(published, provider, field, value):
    # Was a 500 (decimal.InvalidOperation / Overflow escaping `_lines`) until services/proposals.py checked
    # is_finite(); the API's LineIn bounds keep such values out anyway, HTML forms rely on the service.
    organisation, user = provider
    line = {"label": "Site", "quantity": "1", "unit_price": "100", field: value}

    with pytest.raises(ProposalError) as caught:
        proposal_submit(membership=_membership(user, organisation), project_id=published.pk, data={"lines": [line]})

    assert caught.value.field.startswith("lines.0")


def test_a_list_answer_to_a_choice_question_is_a_project_error(owner, association):
    data = {**project_payload(association), "answers": {"content_ready": ["yes"]}}

    with pytest.raises(ProjectError):
        try:
            project_create(membership=_membership(owner, association), data=data)
        except TypeError as exc:
            raise AssertionError("TypeError escaped the service") from exc


@pytest.mark.postgres
@pytest.mark.parametrize("step", ["start", "review"])
def test_an_awarded_project_is_locked_without_error_on_postgresql(owner, association, submitted, published, step):
    # Was a 500 on PostgreSQL ("FOR UPDATE cannot be applied to the nullable side of an outer join") until
    # `_transition` and `review_create` locked with select_for_update(of=("self",)); SQLite ignores FOR UPDATE.
    from marketplace.services.projects import project_start
    from marketplace.services.proposals import proposal_accept
    from marketplace.services.reviews import review_create

    membership = _membership(owner, association)
    proposal_accept(membership=membership, proposal_id=submitted.pk)
    if step == "start":
        assert project_start(membership=membership, project_id=published.pk).state == ProjectState.IN_PROGRESS
    else:
        with pytest.raises(ReviewError):  # not delivered yet: a clean refusal, not a database error
            review_create(membership=membership, project_id=published.pk, data={})


def test_the_board_api_searches_words_with_a_typo(client, search_engine, index_now):
    """`q` on the board goes through the search engine, like the board page."""
    from search.indexing import index_enqueue
    from tests.project_factories import ProjectFactory, VerifiedProviderFactory, member_of

    wanted = ProjectFactory(published=True, title="Migration vers Microsoft 365", description="Nos boîtes mail.")
    other = ProjectFactory(published=True, title="Refonte du site", description="Un site vitrine.")
    index_enqueue(kind="project", ids=[wanted.pk, other.pk])
    index_now()
    provider = VerifiedProviderFactory()
    member = member_of(provider)
    client.force_login(member.user)
    response = client.get("/api/v1/projects", {"q": "migraton"})
    assert response.status_code == 200, response.content
    assert [item["id"] for item in response.json()["items"]] == [wanted.pk]
