"""The verification workflow's rules, at the service level: who may submit what, and how staff decide."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from marketplace.errors import NotFound, OrganisationError, PermissionDenied
from marketplace.models import (
    AssociationProfile,
    AuditEntry,
    Notification,
    ProviderProfile,
    VerificationRequest,
)
from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus
from marketplace.models.profiles import LegalForm
from marketplace.models.verification import DocumentKind, RequestState, private_storage
from marketplace.services.verification import verification_decide, verification_submit
from marketplace.validators import UploadError

from ..factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

K = DocumentKind
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


# --- helpers shared with test_verification_admin.py ---------------------------------------------


def pdf_upload(name: str = "document.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def image_bytes(image_format: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 60)).save(buffer, image_format)
    return buffer.getvalue()


def use_temporary_private_storage(monkeypatch, tmp_path) -> None:
    """Supporting documents of a test land in its own folder, never in var/."""
    monkeypatch.setattr(private_storage, "_wrapped", FileSystemStorage(location=tmp_path / "private"))


def make_association(*, legal_form: str = LegalForm.LOI_1901, name: str = "Les Amis du Quartier", profile=True):
    """An association with its owner and, unless told otherwise, a complete profile; returns the owner's membership."""
    organisation = OrganisationFactory(kind=OrganisationKind.ASSOCIATION, name=name)
    membership = MembershipFactory(organisation=organisation, role=Role.OWNER)
    if profile:
        AssociationProfile.objects.create(
            organisation=organisation,
            legal_name=f"{name} (association loi 1901)",
            legal_form=legal_form,
            rna_number="W691234567" if legal_form != LegalForm.ALSACE_MOSELLE else "",
            tribunal_registration="TJ Strasbourg, vol. 12, folio 34" if legal_form == LegalForm.ALSACE_MOSELLE else "",
            siren="732829320",
            siret="73282932000074",
            address="12 rue Burdeau",
            postcode="69001",
            commune="Lyon",
            region="auvergne-rhone-alpes",
            field_of_action="culture",
            budget_bracket="lt10k",
        )
    return membership


def make_provider(*, name: str = "Pixel Solidaire", profile=True):
    organisation = OrganisationFactory(kind=OrganisationKind.PROVIDER, name=name)
    membership = MembershipFactory(organisation=organisation, role=Role.OWNER)
    if profile:
        ProviderProfile.objects.create(
            organisation=organisation,
            legal_name=f"{name} SAS",
            siret="73282932000074",
            presentation="Sites web accessibles pour les associations.",
            postcode="44000",
            commune="Nantes",
            region="pays-de-la-loire",
        )
    return membership


ASSOCIATION_DOCUMENTS = (K.STATUTES, K.DECLARATION_RECEIPT)
PROVIDER_DOCUMENTS = (K.SIRET_CERTIFICATE, K.INSURANCE, K.OWNER_IDENTITY)


def submit(membership, kinds=None, note: str = "") -> VerificationRequest:
    if kinds is None:
        kinds = PROVIDER_DOCUMENTS if membership.organisation.is_provider else ASSOCIATION_DOCUMENTS
    return verification_submit(
        membership=membership, documents=[(kind, pdf_upload(f"{kind}.pdf")) for kind in kinds], note=note
    )


def age(verification: VerificationRequest, days: int) -> VerificationRequest:
    """Move a request's submission back in time (submitted_at is auto_now_add)."""
    VerificationRequest.objects.filter(pk=verification.pk).update(submitted_at=timezone.now() - timedelta(days=days))
    verification.refresh_from_db()
    return verification


# --- fixtures --------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _private_storage(monkeypatch, tmp_path):
    use_temporary_private_storage(monkeypatch, tmp_path)


@pytest.fixture
def verification_url():
    """Where notifications about a decision send the organisation's members."""
    return reverse("profiles:verification")


@pytest.fixture
def reviewer():
    return UserFactory(is_staff=True, first_name="Inès", last_name="Vérif")


@pytest.fixture
def owner_membership():
    return make_association()


# --- verification_submit ---------------------------------------------------------------------------


def test_submitting_stores_the_documents_privately_and_puts_the_organisation_in_review(owner_membership):
    verification = submit(owner_membership, note="  Merci !  ")

    organisation = owner_membership.organisation
    organisation.refresh_from_db()
    assert organisation.verification_status == VerificationStatus.PENDING
    assert verification.state == RequestState.PENDING
    assert verification.submitted_by == owner_membership.user
    assert verification.note == "Merci !"
    documents = list(verification.documents.all())
    assert sorted(document.kind for document in documents) == sorted(ASSOCIATION_DOCUMENTS)
    for document in documents:
        assert document.content_type == "application/pdf"
        assert document.size == len(PDF_BYTES)
        assert document.original_name.endswith(".pdf")
        assert private_storage.exists(document.file.name)
    entry = AuditEntry.objects.get(action="verification.submitted")
    assert entry.actor == owner_membership.user
    assert entry.target == f"marketplace.verificationrequest:{verification.pk}"


def test_only_owners_and_admins_submit():
    owner = make_association()
    member = MembershipFactory(organisation=owner.organisation, role=Role.MEMBER)

    with pytest.raises(PermissionDenied):
        submit(member)
    assert not VerificationRequest.objects.exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (make_association, "Complétez d'abord le profil de votre association."),
        (make_provider, "Complétez d'abord le profil de votre structure."),
    ],
)
def test_a_profile_is_needed_before_submitting(make, message):
    membership = make(profile=False)

    with pytest.raises(OrganisationError) as error:
        submit(membership)

    assert error.value.message == message
    assert not VerificationRequest.objects.exists()


def test_an_ineligible_legal_form_cannot_be_submitted():
    membership = make_association(legal_form=LegalForm.OTHER)

    with pytest.raises(OrganisationError) as error:
        submit(membership)

    assert error.value.field == "legal_form"
    assert "n'est pas éligible" in error.value.message
    membership.organisation.refresh_from_db()
    assert membership.organisation.verification_status == VerificationStatus.UNVERIFIED


@pytest.mark.parametrize(
    ("make", "kinds", "expected"),
    [
        (
            make_association,
            (K.STATUTES,),
            "Il manque : Récépissé de déclaration en préfecture ou Publication au Journal officiel.",
        ),
        (
            make_association,
            (),
            "Il manque : Statuts ; Récépissé de déclaration en préfecture ou Publication au Journal officiel.",
        ),
        (
            make_provider,
            (K.SIRET_CERTIFICATE,),
            "Il manque : Attestation d'assurance responsabilité civile professionnelle ; "
            "Pièce d'identité du représentant légal.",
        ),
    ],
)
def test_the_missing_documents_are_listed_by_name(make, kinds, expected):
    membership = make()

    with pytest.raises(OrganisationError) as error:
        submit(membership, kinds)

    assert error.value.field == "documents"
    assert error.value.message == expected
    assert not VerificationRequest.objects.exists()


def test_a_journal_officiel_publication_replaces_the_prefecture_receipt(owner_membership):
    verification = submit(owner_membership, (K.STATUTES, K.JO_PUBLICATION))
    assert verification.documents.count() == 2


def test_alsace_moselle_associations_send_their_register_extract():
    membership = make_association(legal_form=LegalForm.ALSACE_MOSELLE)

    with pytest.raises(OrganisationError) as error:
        submit(membership, (K.STATUTES, K.DECLARATION_RECEIPT))
    assert error.value.message == "Il manque : Extrait du registre des associations (Alsace-Moselle)."

    verification = submit(membership, (K.STATUTES, K.REGISTER_EXTRACT))
    assert verification.state == RequestState.PENDING


def test_a_public_library_sends_its_statutes_or_another_founding_document():
    membership = make_association(legal_form=LegalForm.PUBLIC_LIBRARY)
    assert submit(membership, (K.OTHER,)).state == RequestState.PENDING


def test_unknown_document_kinds_and_too_many_documents_are_refused(owner_membership):
    with pytest.raises(OrganisationError, match="Type de document inconnu"):
        verification_submit(membership=owner_membership, documents=[("passeport", pdf_upload())])
    with pytest.raises(OrganisationError, match="au plus 10 documents"):
        submit(owner_membership, [K.OTHER] * 11)


def test_a_file_that_is_not_what_it_claims_is_refused(owner_membership):
    disguised = SimpleUploadedFile("statuts.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64)

    with pytest.raises(UploadError) as error:
        verification_submit(
            membership=owner_membership,
            documents=[(K.STATUTES, disguised), (K.DECLARATION_RECEIPT, pdf_upload())],
        )

    assert error.value.field == "documents"
    assert not VerificationRequest.objects.exists()


def test_a_second_submission_is_refused_while_the_first_is_pending(owner_membership):
    submit(owner_membership)

    with pytest.raises(OrganisationError) as error:
        submit(owner_membership)

    assert error.value.message == "Une demande est déjà en cours d'examen."
    assert VerificationRequest.objects.count() == 1


def test_a_verified_organisation_does_not_submit_again(owner_membership, reviewer, verification_url):
    verification_decide(reviewer=reviewer, request_id=submit(owner_membership).pk, decision=RequestState.VERIFIED)

    with pytest.raises(OrganisationError) as error:
        submit(owner_membership)

    assert error.value.message == "Votre organisation est déjà vérifiée."


@pytest.mark.parametrize("decision", [RequestState.INFO_REQUESTED, RequestState.REJECTED])
def test_a_resubmission_carries_over_the_documents_not_replaced(owner_membership, reviewer, verification_url, decision):
    first = submit(owner_membership)
    verification_decide(reviewer=reviewer, request_id=first.pk, decision=decision, message="Statuts illisibles.")
    old = {document.kind: document.file.name for document in first.documents.all()}

    second = verification_submit(membership=owner_membership, documents=[(K.STATUTES, pdf_upload("statuts-v2.pdf"))])

    new = {document.kind: document for document in second.documents.all()}
    assert set(new) == {K.STATUTES, K.DECLARATION_RECEIPT}
    assert new[K.STATUTES].original_name == "statuts-v2.pdf"
    assert new[K.STATUTES].file.name != old[K.STATUTES]
    assert new[K.DECLARATION_RECEIPT].file.name == old[K.DECLARATION_RECEIPT]
    # The first request and its decision stay as they were: the history is whole.
    first.refresh_from_db()
    assert first.state == decision
    assert first.documents.count() == 2
    owner_membership.organisation.refresh_from_db()
    assert owner_membership.organisation.verification_status == VerificationStatus.PENDING


# --- verification_decide ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(lambda: UserFactory(), id="member-of-the-public"),
        pytest.param(lambda: UserFactory(is_staff=True, is_active=False), id="inactive-staff"),
        pytest.param(lambda: UserFactory(is_superuser=True), id="superuser-not-staff"),
    ],
)
def test_only_active_staff_decide(owner_membership, who):
    verification = submit(owner_membership)

    with pytest.raises(PermissionDenied):
        verification_decide(reviewer=who(), request_id=verification.pk, decision=RequestState.VERIFIED)

    verification.refresh_from_db()
    assert verification.state == RequestState.PENDING


def test_staff_do_not_verify_an_organisation_they_belong_to(owner_membership, reviewer):
    verification = submit(owner_membership)
    MembershipFactory(organisation=owner_membership.organisation, user=reviewer)

    with pytest.raises(PermissionDenied, match="un autre membre de l'équipe doit décider"):
        verification_decide(reviewer=reviewer, request_id=verification.pk, decision=RequestState.VERIFIED)

    owner_membership.organisation.refresh_from_db()
    assert owner_membership.organisation.verification_status == "pending"


@pytest.mark.parametrize("decision", ["pending", "approved", ""])
def test_unknown_decisions_are_refused(owner_membership, reviewer, decision):
    verification = submit(owner_membership)

    with pytest.raises(OrganisationError) as error:
        verification_decide(reviewer=reviewer, request_id=verification.pk, decision=decision, message="x")

    assert error.value.field == "decision"


@pytest.mark.parametrize("decision", [RequestState.INFO_REQUESTED, RequestState.REJECTED])
@pytest.mark.parametrize("message", ["", "   \n "])
def test_asking_for_information_or_refusing_needs_a_message(owner_membership, reviewer, decision, message):
    verification = submit(owner_membership)

    with pytest.raises(OrganisationError) as error:
        verification_decide(reviewer=reviewer, request_id=verification.pk, decision=decision, message=message)

    assert error.value.field == "message"
    verification.refresh_from_db()
    assert verification.state == RequestState.PENDING


def test_an_unknown_request_is_not_found(reviewer):
    with pytest.raises(NotFound):
        verification_decide(reviewer=reviewer, request_id=999_999, decision=RequestState.VERIFIED)


def test_verifying_records_who_and_when_and_tells_the_members(
    owner_membership, reviewer, verification_url, django_capture_on_commit_callbacks
):
    organisation = owner_membership.organisation
    colleague = MembershipFactory(organisation=organisation, role=Role.MEMBER).user
    MembershipFactory(organisation=organisation, role=Role.MEMBER, user__is_active=False)
    verification = submit(owner_membership)
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        decided = verification_decide(reviewer=reviewer, request_id=verification.pk, decision=RequestState.VERIFIED)

    verification.refresh_from_db()
    organisation.refresh_from_db()
    assert decided.pk == verification.pk
    assert verification.state == RequestState.VERIFIED
    assert verification.reviewed_by == reviewer
    assert verification.reviewed_at >= before
    assert verification.decision_message == ""
    assert organisation.verification_status == VerificationStatus.VERIFIED
    assert organisation.verified_at == verification.reviewed_at
    entry = AuditEntry.objects.get(action="verification.verified")
    assert (entry.actor, entry.organisation) == (reviewer, organisation)
    notified = set(Notification.objects.filter(kind="verification.verified").values_list("user", flat=True))
    assert notified == {owner_membership.user.pk, colleague.pk}
    assert Notification.objects.filter(url=verification_url).count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted([owner_membership.user.email, colleague.email])


def test_asking_for_information_sends_the_message(
    owner_membership, reviewer, verification_url, django_capture_on_commit_callbacks
):
    verification = submit(owner_membership)

    with django_capture_on_commit_callbacks(execute=True):
        verification_decide(
            reviewer=reviewer,
            request_id=verification.pk,
            decision=RequestState.INFO_REQUESTED,
            message="  Merci d'ajouter le récépissé signé.  ",
        )

    verification.refresh_from_db()
    organisation = verification.organisation
    assert verification.state == RequestState.INFO_REQUESTED
    assert verification.decision_message == "Merci d'ajouter le récépissé signé."
    assert organisation.verification_status == VerificationStatus.INFO_REQUESTED
    assert organisation.verified_at is None
    assert AuditEntry.objects.get(action="verification.info_requested").data == {
        "message": "Merci d'ajouter le récépissé signé."
    }
    assert "récépissé signé" in mail.outbox[0].body


def test_the_staff_message_reaches_members_as_written(
    owner_membership, reviewer, verification_url, django_capture_on_commit_callbacks
):
    verification = submit(owner_membership)
    message = "Merci d'ajouter le récépissé & la « publication » <JO>."

    with django_capture_on_commit_callbacks(execute=True):
        verification_decide(
            reviewer=reviewer, request_id=verification.pk, decision=RequestState.INFO_REQUESTED, message=message
        )

    assert message in Notification.objects.get(user=owner_membership.user).body
    assert message in mail.outbox[0].body


def test_a_request_is_decided_once(owner_membership, reviewer, verification_url):
    verification = submit(owner_membership)
    verification_decide(reviewer=reviewer, request_id=verification.pk, decision=RequestState.VERIFIED)

    with pytest.raises(OrganisationError) as error:
        verification_decide(
            reviewer=UserFactory(is_staff=True),
            request_id=verification.pk,
            decision=RequestState.REJECTED,
            message="Finalement non.",
        )

    assert error.value.message == "Cette demande a déjà été traitée."
    verification.refresh_from_db()
    assert (verification.state, verification.reviewed_by) == (RequestState.VERIFIED, reviewer)
    assert AuditEntry.objects.filter(action__startswith="verification.rejected").count() == 0
