"""The verification page and supporting documents, as an association, its members, outsiders and staff see them."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from marketplace.models import Notification, VerificationDocument, VerificationRequest
from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus
from marketplace.models.verification import DocumentKind, RequestState
from marketplace.services.verification import verification_decide

from ..factories import MembershipFactory, UserFactory
from .test_profiles_views import (
    PDF_BYTES,
    association_profile,
    field_errors,
    make_organisation,
    page_text,
    pdf_upload,
    plain_text,
    png_bytes,
    provider_profile,
    temporary_storage,  # noqa: F401  (autouse: files go to the test's own folders)
)

pytestmark = pytest.mark.django_db

PAGE = "/mon-organisation/verification/"
MANAGERS_ONLY = "Seuls les propriétaires et administrateurs peuvent faire cela."
INFO_MESSAGE = "Ajoutez le récépissé de déclaration en préfecture."


@pytest.fixture
def reviewer():
    return UserFactory(is_staff=True, first_name="Inès", last_name="Vérif")


@pytest.fixture
def with_profile(association):
    return association_profile(association)


def upload_rows(*documents) -> dict:
    """Form data for the page's rows: (kind, file) pairs in rows 0, 1, 2..."""
    data = {}
    for i, (kind, upload) in enumerate(documents):
        data[f"kind_{i}"] = kind
        data[f"file_{i}"] = upload
    return data


def decide(reviewer, organisation, decision, message=""):
    pending = VerificationRequest.objects.get(organisation=organisation, state=RequestState.PENDING)
    return verification_decide(reviewer=reviewer, request_id=pending.pk, decision=decision, message=message)


def download(client, document) -> tuple[int, bytes, object]:
    response = client.get(f"/mon-organisation/justificatifs/{document.pk}/")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body, response


# --- what the page says ------------------------------------------------------------------------


def test_the_page_lists_the_documents_this_association_needs(owner_client, with_profile):
    response = owner_client.get(PAGE)

    assert response.status_code == 200
    text = plain_text(response)
    assert "Statuts" in text
    assert "Récépissé de déclaration en préfecture ou Publication au Journal officiel" in text
    assert "Formats acceptés : PDF, JPEG ou PNG, 10 Mo au plus par fichier." in text
    assert "Prochaine étape : envoyez vos justificatifs avec le formulaire ci-dessous." in text
    # Without JavaScript: one row per document needed, its kind already chosen.
    html = page_text(response)
    assert re.search(r'<select name="kind_0"[^>]*>.*?<option value="statuts" selected>', html, re.S)
    assert re.search(r'<select name="kind_1"[^>]*>.*?<option value="recepisse" selected>', html, re.S)
    assert 'type="file" name="file_3"' in html


def test_alsace_moselle_associations_are_asked_for_the_register_extract(owner_client, association):
    association_profile(
        association, legal_form="alsace_moselle", rna_number="", tribunal_registration="TJ Colmar, vol. 3, folio 7"
    )

    text = plain_text(owner_client.get(PAGE))
    required = text.split("Documents demandés", 1)[1].split("Formats acceptés", 1)[0]

    assert required.strip() == "Statuts Extrait du registre des associations (Alsace-Moselle)"


def test_providers_are_asked_for_their_own_documents(client):
    membership = make_organisation(OrganisationKind.PROVIDER)
    provider_profile(membership.organisation)
    client.force_login(membership.user)

    text = plain_text(client.get(PAGE))

    assert "Avis de situation SIRENE ou extrait Kbis" in text
    assert "Attestation d'assurance responsabilité civile professionnelle" in text
    assert "Pièce d'identité du représentant légal" in text


def test_without_a_profile_the_next_step_is_the_profile(owner_client, association):
    text = plain_text(owner_client.get(PAGE))
    assert "Prochaine étape : complétez le profil de votre organisation, puis envoyez vos justificatifs." in text

    response = owner_client.post(PAGE, upload_rows(("statuts", pdf_upload()), ("recepisse", pdf_upload("r.pdf"))))

    assert response.status_code == 400
    assert "Complétez d'abord le profil de votre association." in page_text(response)
    assert not VerificationRequest.objects.exists()


# --- uploads that are refused ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("statuts.pdf", png_bytes(), content_type="application/pdf"),
            "Le contenu de « statuts.pdf » ne correspond pas à un fichier PDF.",
        ),
        (
            SimpleUploadedFile("statuts.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
            "Le contenu de « statuts.pdf » ne correspond pas à un fichier PDF.",
        ),
        (
            SimpleUploadedFile("statuts.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
            "Formats acceptés : JPEG, JPG, PDF, PNG.",
        ),
    ],
    ids=["png-named-pdf", "executable-named-pdf", "executable"],
)
def test_a_file_that_is_not_what_it_claims_is_refused_next_to_it(owner_client, with_profile, upload, message):
    response = owner_client.post(PAGE, upload_rows(("recepisse", pdf_upload()), ("statuts", upload)))

    assert response.status_code == 400
    assert field_errors(response, "file_1") == [message]
    assert field_errors(response, "file_0") == []
    assert not VerificationRequest.objects.exists()
    assert not VerificationDocument.objects.exists()


def test_a_file_too_big_is_refused(owner_client, with_profile, settings):
    settings.MAX_DOCUMENT_BYTES = 1024 * 1024
    big = SimpleUploadedFile("statuts.pdf", PDF_BYTES + b"0" * (1024 * 1024))

    response = owner_client.post(PAGE, upload_rows(("statuts", big), ("recepisse", pdf_upload())))

    assert response.status_code == 400
    assert field_errors(response, "file_0") == ["Le fichier dépasse 1 Mo."]
    assert not VerificationRequest.objects.exists()


def test_missing_documents_are_named(owner_client, with_profile):
    response = owner_client.post(PAGE, upload_rows(("statuts", pdf_upload())))

    assert response.status_code == 400
    assert field_errors(response, "documents") == [
        "Il manque : Récépissé de déclaration en préfecture ou Publication au Journal officiel."
    ]
    assert not VerificationRequest.objects.exists()


def test_each_file_says_what_it_is(owner_client, with_profile):
    response = owner_client.post(PAGE, {"kind_0": "", "file_0": pdf_upload()})

    assert response.status_code == 400
    assert field_errors(response, "kind_0") == ["Indiquez de quel document il s'agit."]


# --- the whole workflow ------------------------------------------------------------------------


def test_submit_then_answer_a_request_for_information_then_get_verified(
    owner_client, owner, association, with_profile, reviewer, django_capture_on_commit_callbacks
):
    response = owner_client.post(
        PAGE,
        {
            **upload_rows(("statuts", pdf_upload("statuts.pdf")), ("publication_jo", pdf_upload("jo.pdf"))),
            "note": "Nos statuts ont été modifiés en 2023.",
        },
    )
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.verification_status == VerificationStatus.PENDING
    text = plain_text(owner_client.get(PAGE))
    assert "Votre demande est envoyée" in text
    assert "L'équipe examine votre demande" in text
    assert "Envoyer à l'équipe" not in text
    assert "Nos statuts ont été modifiés en 2023." in text

    with django_capture_on_commit_callbacks(execute=True):
        decide(reviewer, association, RequestState.INFO_REQUESTED, INFO_MESSAGE)

    # Told three ways: on the page, by email, in the app.
    text = plain_text(owner_client.get(PAGE))
    assert "Informations demandées" in text
    assert f"L'équipe a besoin d'informations complémentaires : {INFO_MESSAGE}" in text
    assert "Statuts — statuts.pdf" in text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert INFO_MESSAGE in mail.outbox[0].body
    assert f"{PAGE}" in mail.outbox[0].body
    notification = Notification.objects.get(user=owner)
    assert notification.kind == "verification.info_requested"
    assert notification.url == PAGE
    assert notification.read_at is None
    dashboard = plain_text(owner_client.get("/tableau-de-bord/"))
    assert notification.title in dashboard
    assert INFO_MESSAGE in dashboard

    # Only the missing document: the others are carried over.
    response = owner_client.post(PAGE, upload_rows(("recepisse", pdf_upload("recepisse.pdf"))))
    assert response.status_code == 302, field_errors(response, "documents")
    second = VerificationRequest.objects.get(state=RequestState.PENDING)
    assert sorted(second.documents.values_list("kind", flat=True)) == ["publication_jo", "recepisse", "statuts"]

    decide(reviewer, association, RequestState.VERIFIED)

    association.refresh_from_db()
    assert association.verification_status == VerificationStatus.VERIFIED
    response = owner_client.get(PAGE)
    text = plain_text(response)
    assert "Vous pouvez publier vos projets et profiter des prix solidaires." in text
    assert "Envoyer à l'équipe" not in text
    history = text.split("Historique des demandes", 1)[1]
    assert history.count("Demande du ") == 2
    assert history.index("Vérifiée") < history.index("Informations demandées")
    assert "Décision le" in history
    assert "par Inès Vérif : Vérifiée." in history
    assert "par Inès Vérif : Informations demandées." in history
    assert f"Envoyée par {owner.get_full_name()}." in history
    assert INFO_MESSAGE in history
    assert history.count("repris de la demande précédente") == 2
    assert "Récépissé de déclaration en préfecture — recepisse.pdf" in history


def test_a_rejected_organisation_may_try_again_and_keeps_its_history(owner_client, association, with_profile, reviewer):
    owner_client.post(PAGE, upload_rows(("statuts", pdf_upload()), ("recepisse", pdf_upload("r.pdf"))))
    decide(reviewer, association, RequestState.REJECTED, "Statuts illisibles.")

    text = plain_text(owner_client.get(PAGE))
    assert "L'équipe n'a pas pu vérifier votre organisation : Statuts illisibles." in text
    assert "Compléter ma demande" in text

    response = owner_client.post(PAGE, upload_rows(("statuts", pdf_upload("statuts-lisibles.pdf"))))

    assert response.status_code == 302
    assert VerificationRequest.objects.filter(organisation=association).count() == 2
    text = plain_text(owner_client.get(PAGE))
    assert "Statuts — statuts-lisibles.pdf" in text
    assert "Refusée" in text


def test_a_member_sees_the_status_but_cannot_submit(client, member, association, with_profile):
    client.force_login(member)

    text = plain_text(client.get(PAGE))
    assert "Seuls les propriétaires et administrateurs de l'organisation peuvent envoyer une demande" in text
    assert 'name="file_0"' not in page_text(client.get(PAGE))

    response = client.post(PAGE, upload_rows(("statuts", pdf_upload()), ("recepisse", pdf_upload("r.pdf"))))

    assert response.status_code == 403
    assert MANAGERS_ONLY in page_text(response)
    assert not VerificationRequest.objects.exists()


# --- documents ---------------------------------------------------------------------------------


@pytest.fixture
def document(owner_client, with_profile):
    owner_client.post(PAGE, upload_rows(("statuts", pdf_upload("nos statuts.pdf")), ("recepisse", pdf_upload())))
    return VerificationDocument.objects.get(kind=DocumentKind.STATUTES)


def test_members_download_their_documents_as_attachments(client, document, owner, member):
    for user in (owner, member):
        client.force_login(user)
        status, body, response = download(client, document)

        assert status == 200
        assert body == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="nos statuts.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]


def test_staff_download_any_document(client, document, reviewer):
    client.force_login(reviewer)

    status, body, _response = download(client, document)

    assert (status, body) == (200, PDF_BYTES)


def test_nobody_else_downloads_a_document(client, document, outsider):
    anonymous = Client()
    assert download(anonymous, document)[0] == 404

    client.force_login(outsider)
    assert download(client, document)[0] == 404

    inactive_staff = UserFactory(is_staff=True, is_active=False)
    client.force_login(inactive_staff)
    assert download(client, document)[0] == 404

    # Another organisation of the same person does not open the door either.
    member_elsewhere = MembershipFactory(organisation=outsider.memberships.get().organisation, role=Role.MEMBER).user
    client.force_login(member_elsewhere)
    assert download(client, document)[0] == 404


def test_documents_are_stored_outside_the_public_media(document, settings):
    assert not str(document.file.path).startswith(str(settings.MEDIA_ROOT))


def test_the_history_links_to_the_documents(owner_client, document):
    assert f'href="/mon-organisation/justificatifs/{document.pk}/"' in page_text(owner_client.get(PAGE))
