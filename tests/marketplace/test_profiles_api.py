"""The /api/v1/my-organisation/ endpoints: profile, portfolio, verification and documents, as integrators see them."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.models import AssociationProfile, PortfolioItem, ProviderProfile, VerificationRequest
from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus
from marketplace.models.verification import RequestState
from marketplace.services.tokens import api_token_create
from marketplace.services.verification import verification_decide

from ..factories import MembershipFactory, UserFactory
from .test_profiles_views import (
    PDF_BYTES,
    SIRET,
    association_profile,
    make_organisation,
    pdf_upload,
    png_bytes,
    provider_profile,
    temporary_storage,  # noqa: F401  (autouse: files go to the test's own folders)
)

pytestmark = pytest.mark.django_db

API = "/api/v1/my-organisation"
MANAGERS_ONLY = "Seuls les propriétaires et administrateurs peuvent faire cela."
NOT_FOUND = "Organisation introuvable."

ASSOCIATION = {
    "legal_name": "Les Amis du Quartier",
    "legal_form": "loi_1901",
    "rna_number": "W691234567",
    "siret": SIRET,
    "address": "12 rue Burdeau",
    "postcode": "69001",
    "commune": "Lyon",
    "field_of_action": "culture",
    "budget_bracket": "lt10k",
    "employees": 2,
    "volunteers": 25,
    "is_public": True,
    "public_fields": ["description"],
}

PROVIDER = {
    "legal_name": "Pixel Solidaire SAS",
    "siret": SIRET,
    "presentation": "Sites web accessibles pour les associations.",
    "skills": ["wordpress", "rgpd-conformite"],
    "tools": ["WordPress", "Nextcloud"],
    "postcode": "44000",
    "commune": "Nantes",
    "regions": ["bretagne"],
    "day_rate_min": 350,
    "day_rate_max": 600,
    "min_project": 1500,
    "solidarity_discount_percent": 20,
    "certifications": ["qualiopi"],
    "languages": ["fr"],
}


def bearer(user) -> dict:
    _, raw = api_token_create(user=user, name="Intégration")
    return {"Authorization": f"Bearer {raw}"}


def call(client, method, path, payload=None, *, auth, raw=None):
    body = raw if raw is not None else (json.dumps(payload) if payload is not None else "")
    return client.generic(method, f"{API}{path}", body, content_type="application/json", headers=auth)


def assert_error(response, status, message=None, field=None):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"message", "errors"}
    if message is not None:
        assert body["message"] == message
    if field is not None:
        assert field in body["errors"], body
    return body


def submit(client, organisation_id, files, kinds, *, auth, note=""):
    return client.post(
        f"{API}/{organisation_id}/verification",
        {"documents": files, "kinds": kinds, "note": note},
        headers=auth,
    )


# --- profile -----------------------------------------------------------------------------------


def test_the_openapi_schema_lists_the_paths(client):
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])

    assert paths >= {
        f"{API}/{{organisation_id}}/profile",
        f"{API}/{{organisation_id}}/portfolio",
        f"{API}/{{organisation_id}}/portfolio/{{item_id}}",
        f"{API}/{{organisation_id}}/verification",
        f"{API}/{{organisation_id}}/documents/{{document_id}}",
        f"{API}/notifications",
        f"{API}/notifications/read",
    }


def test_an_association_profile_is_read_and_replaced(client, owner, association):
    auth = bearer(owner)
    body = call(client, "GET", f"/{association.pk}/profile", auth=auth).json()
    assert body["kind"] == "association"
    assert body["association"] is None
    assert (body["can_edit"], body["identity_locked"]) == (True, False)

    response = call(client, "PUT", f"/{association.pk}/profile", ASSOCIATION, auth=auth)

    assert response.status_code == 200, response.content
    profile = response.json()["association"]
    assert profile["region"] == "auvergne-rhone-alpes"
    assert (profile["siren"], profile["siret"]) == (SIRET[:9], SIRET)
    assert profile["public_fields"] == ["description"]
    assert profile["logo_url"] is None
    assert AssociationProfile.objects.get(organisation=association).volunteers == 25


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"rna_number": "W12"},
            "rna_number",
            "Un numéro RNA commence par W suivi de 9 chiffres (par exemple W751234567).",
        ),
        ({"siret": "73282932000075"}, "siret", "Ce numéro SIRET n'est pas valide : vérifiez les chiffres."),
        (
            {"legal_form": "alsace_moselle", "rna_number": ""},
            "tribunal_registration",
            "Les associations d'Alsace-Moselle indiquent leur inscription au registre du tribunal.",
        ),
        ({"postcode": "6900"}, "postcode", "Saisissez un code postal français valide (5 chiffres)."),
        ({"legal_form": "sarl"}, "legal_form", "Choisissez une valeur dans la liste."),
        ({"employees": -1}, "employees", "La valeur doit être comprise entre 0 et 1000000."),
    ],
)
def test_bad_association_values_are_refused_with_the_field(client, owner, association, changes, field, message):
    response = call(client, "PUT", f"/{association.pk}/profile", {**ASSOCIATION, **changes}, auth=bearer(owner))

    body = assert_error(response, 400, message, field)
    assert body["errors"] == {field: [message]}
    assert not AssociationProfile.objects.exists()


def test_shapes_are_checked_before_the_rules(client, owner, association):
    auth = bearer(owner)
    incomplete = {key: value for key, value in ASSOCIATION.items() if key != "legal_name"}

    body = assert_error(call(client, "PUT", f"/{association.pk}/profile", incomplete, auth=auth), 422)
    assert body["errors"] == {"legal_name": ["Ce champ est obligatoire."]}

    body = assert_error(call(client, "PUT", f"/{association.pk}/profile", [ASSOCIATION], auth=auth), 422)
    body = assert_error(call(client, "PUT", f"/{association.pk}/profile", raw="{nope", auth=auth), 400)
    body = assert_error(
        call(client, "PUT", f"/{association.pk}/profile", {**ASSOCIATION, "employees": "beaucoup"}, auth=auth), 422
    )
    assert body["errors"] == {"employees": ["Un nombre entier est attendu."]}


def test_a_provider_profile_is_replaced_in_euros(client):
    membership = make_organisation(OrganisationKind.PROVIDER)
    organisation = membership.organisation
    auth = bearer(membership.user)

    response = call(client, "PUT", f"/{organisation.pk}/profile", PROVIDER, auth=auth)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["association"] is None
    profile = body["provider"]
    assert sorted(profile["skills"]) == ["rgpd-conformite", "wordpress"]
    assert (profile["day_rate_min"], profile["day_rate_max"], profile["min_project"]) == (350, 600, 1500)
    assert (profile["region"], profile["regions"]) == ("pays-de-la-loire", ["bretagne"])
    saved = ProviderProfile.objects.get(organisation=organisation)
    assert (saved.day_rate_min_cents, saved.min_project_cents) == (35000, 150000)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"day_rate_min": 700}, "day_rate_max", "Le tarif maximum doit être supérieur au tarif minimum."),
        (
            {"solidarity_discount_percent": 120},
            "solidarity_discount_percent",
            "La valeur doit être comprise entre 0 et 100.",
        ),
        ({"skills": ["wordpress", "telepathie"]}, "skills", "Compétence inconnue : telepathie."),
        ({"siret": "1234"}, "siret", "Un numéro SIRET compte 14 chiffres."),
    ],
)
def test_bad_provider_values_are_refused_with_the_field(client, changes, field, message):
    membership = make_organisation(OrganisationKind.PROVIDER)

    response = call(
        client, "PUT", f"/{membership.organisation_id}/profile", {**PROVIDER, **changes}, auth=bearer(membership.user)
    )

    assert assert_error(response, 400, message, field)["errors"] == {field: [message]}
    assert not ProviderProfile.objects.exists()


def test_identity_is_locked_once_under_review(client, owner, association):
    association_profile(association)
    association.verification_status = VerificationStatus.PENDING
    association.save()
    auth = bearer(owner)
    assert call(client, "GET", f"/{association.pk}/profile", auth=auth).json()["identity_locked"] is True

    response = call(client, "PUT", f"/{association.pk}/profile", {**ASSOCIATION, "legal_name": "Autre"}, auth=auth)

    assert_error(response, 400, field="legal_name")
    assert AssociationProfile.objects.get().legal_name == "Les Amis du Quartier"
    response = call(client, "PUT", f"/{association.pk}/profile", {**ASSOCIATION, "commune": "Lyon 1er"}, auth=auth)
    assert response.status_code == 200
    assert response.json()["association"]["commune"] == "Lyon 1er"


def test_a_member_reads_but_does_not_write(client, member, association):
    association_profile(association)
    auth = bearer(member)

    body = call(client, "GET", f"/{association.pk}/profile", auth=auth).json()
    assert body["can_edit"] is False
    assert body["association"]["legal_name"] == "Les Amis du Quartier"

    assert_error(call(client, "PUT", f"/{association.pk}/profile", ASSOCIATION, auth=auth), 403, MANAGERS_ONLY)
    response = submit(client, association.pk, [pdf_upload(), pdf_upload("r.pdf")], ["statuts", "recepisse"], auth=auth)
    assert_error(response, 403, MANAGERS_ONLY)
    assert call(client, "GET", f"/{association.pk}/verification", auth=auth).json()["can_submit"] is False


# --- outsiders ---------------------------------------------------------------------------------


def test_another_organisation_is_not_found_everywhere(client, owner, association, outsider):
    association_profile(association)
    submit(client, association.pk, [pdf_upload(), pdf_upload("r.pdf")], ["statuts", "recepisse"], auth=bearer(owner))
    document = VerificationRequest.objects.get().documents.first()
    auth = bearer(outsider)
    base = f"/{association.pk}"

    for method, path, payload in [
        ("GET", f"{base}/profile", None),
        ("PUT", f"{base}/profile", ASSOCIATION),
        ("GET", f"{base}/portfolio", None),
        ("POST", f"{base}/portfolio", {"title": "Site"}),
        ("PATCH", f"{base}/portfolio/1", {"title": "Site"}),
        ("DELETE", f"{base}/portfolio/1", None),
        ("GET", f"{base}/verification", None),
        ("GET", f"{base}/documents/{document.pk}", None),
    ]:
        assert_error(call(client, method, path, payload, auth=auth), 404, NOT_FOUND)
    assert_error(submit(client, association.pk, [pdf_upload()], ["statuts"], auth=auth), 404, NOT_FOUND)

    # Through the outsider's own organisation, the document still does not exist.
    own = outsider.memberships.get().organisation_id
    assert_error(call(client, "GET", f"/{own}/documents/{document.pk}", auth=auth), 404)
    assert AssociationProfile.objects.get().legal_name == "Les Amis du Quartier"


def test_anonymous_callers_get_401(client, association):
    assert client.get(f"{API}/{association.pk}/profile").status_code == 401
    assert client.get(f"{API}/notifications").status_code == 401


# --- portfolio ---------------------------------------------------------------------------------


def test_portfolio_items_are_created_listed_patched_and_deleted(client):
    membership = make_organisation(OrganisationKind.PROVIDER)
    provider_profile(membership.organisation)
    auth = bearer(membership.user)
    base = f"/{membership.organisation_id}/portfolio"

    response = call(client, "POST", base, {"title": "Site des Restos", "link": "https://restos.example.org"}, auth=auth)
    assert response.status_code == 201, response.content
    item = response.json()
    assert (item["title"], item["image_url"]) == ("Site des Restos", None)

    assert [i["id"] for i in call(client, "GET", base, auth=auth).json()] == [item["id"]]

    response = call(client, "PATCH", f"{base}/{item['id']}", {"description": "Refonte complète."}, auth=auth)
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["description"]) == ("Site des Restos", "Refonte complète.")

    response = call(client, "PATCH", f"{base}/{item['id']}", {"link": "restos"}, auth=auth)
    assert_error(response, 400, "Saisissez une adresse web complète (https://…).", "link")

    assert call(client, "DELETE", f"{base}/{item['id']}", auth=auth).status_code == 204
    assert not PortfolioItem.objects.exists()
    assert_error(call(client, "DELETE", f"{base}/{item['id']}", auth=auth), 404, "Réalisation introuvable.")


def test_another_providers_portfolio_item_is_not_found(client):
    first = make_organisation(OrganisationKind.PROVIDER)
    item = PortfolioItem.objects.create(profile=provider_profile(first.organisation), title="Site")
    second = make_organisation(OrganisationKind.PROVIDER)
    provider_profile(second.organisation)
    auth = bearer(second.user)

    path = f"/{second.organisation_id}/portfolio/{item.pk}"
    assert_error(call(client, "PATCH", path, {"title": "Volé"}, auth=auth), 404)
    assert_error(call(client, "DELETE", path, auth=auth), 404)
    assert PortfolioItem.objects.get().title == "Site"


# --- verification ------------------------------------------------------------------------------


def test_verification_through_the_api(client, owner, association):
    association_profile(association)
    auth = bearer(owner)
    reviewer = UserFactory(is_staff=True)

    body = call(client, "GET", f"/{association.pk}/verification", auth=auth).json()
    assert (body["status"], body["can_submit"], body["requests"]) == ("unverified", True, [])
    assert [[kind["kind"] for kind in group["one_of"]] for group in body["required_documents"]] == [
        ["statuts"],
        ["recepisse", "publication_jo"],
    ]

    response = submit(client, association.pk, [pdf_upload("statuts.pdf")], ["statuts"], auth=auth)
    assert_error(
        response,
        400,
        "Il manque : Récépissé de déclaration en préfecture ou Publication au Journal officiel.",
        "documents",
    )

    fake = SimpleUploadedFile("recepisse.pdf", png_bytes())
    response = submit(client, association.pk, [pdf_upload(), fake], ["statuts", "recepisse"], auth=auth)
    assert_error(response, 400, "Le contenu de « recepisse.pdf » ne correspond pas à un fichier PDF.", "documents")

    response = submit(client, association.pk, [pdf_upload()], ["statuts", "recepisse"], auth=auth)
    assert_error(response, 400, field="kinds")

    response = submit(
        client, association.pk, [pdf_upload(), pdf_upload("jo.pdf")], ["statuts", "publication_jo"], auth=auth
    )
    assert response.status_code == 201, response.content
    first = VerificationRequest.objects.get()
    verification_decide(
        reviewer=reviewer, request_id=first.pk, decision=RequestState.INFO_REQUESTED, message="Le récépissé aussi."
    )

    body = call(client, "GET", f"/{association.pk}/verification", auth=auth).json()
    assert body["status"] == "info_requested"
    assert body["requests"][0]["decision_message"] == "Le récépissé aussi."
    assert sorted(doc["kind"] for doc in body["kept_documents"]) == ["publication_jo", "statuts"]
    assert all(group["provided"] for group in body["required_documents"])

    response = submit(client, association.pk, [pdf_upload("recepisse.pdf")], ["recepisse"], auth=auth, note="Voilà.")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending"
    latest = body["requests"][0]
    assert latest["note"] == "Voilà."
    assert {(doc["kind"], doc["carried_over"]) for doc in latest["documents"]} == {
        ("statuts", True),
        ("publication_jo", True),
        ("recepisse", False),
    }
    assert body["requests"][1]["reviewed_by"] == reviewer.get_full_name()

    document = latest["documents"][0]
    response = client.get(document["download_url"], headers=auth)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_a_member_downloads_documents_through_the_api(client, owner, member, association):
    association_profile(association)
    submit(client, association.pk, [pdf_upload(), pdf_upload("r.pdf")], ["statuts", "recepisse"], auth=bearer(owner))
    document = VerificationRequest.objects.get().documents.first()

    response = client.get(f"{API}/{association.pk}/documents/{document.pk}", headers=bearer(member))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_member_of_two_organisations_reaches_each_through_its_own_path(client, owner, association):
    provider = make_organisation(OrganisationKind.PROVIDER)
    MembershipFactory(user=owner, organisation=provider.organisation, role=Role.MEMBER)
    auth = bearer(owner)

    assert call(client, "GET", f"/{provider.organisation_id}/profile", auth=auth).json()["kind"] == "provider"
    assert call(client, "GET", f"/{association.pk}/profile", auth=auth).json()["kind"] == "association"
    assert_error(call(client, "PUT", f"/{provider.organisation_id}/profile", PROVIDER, auth=auth), 403)
