"""Quotes carry attachments (detailed quote, references): checked by content, kept across versions,
and readable only by the association of the project and the provider who quoted."""

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.errors import DomainError
from marketplace.models import ProposalAttachment
from marketplace.models.verification import private_storage
from marketplace.services.proposals import proposal_revise, proposal_submit

from ..project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, proposal_data, quoting_provider

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _private_storage(monkeypatch, tmp_path):
    monkeypatch.setattr(private_storage, "_wrapped", FileSystemStorage(location=tmp_path / "private"))


def pdf(name="devis-detaille.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def project():
    return ProjectFactory(organisation=VerifiedAssociationFactory(), published=True)


def download(client, membership, attachment):
    client.force_login(membership.user)
    return client.get(f"/projets/devis/pieces-jointes/{attachment.pk}/")


def test_the_association_and_the_provider_read_the_attachment_others_do_not(client, project):
    provider = quoting_provider()
    proposal = proposal_submit(membership=provider, project_id=project.pk, data=proposal_data(), attachments=[pdf()])
    attachment = ProposalAttachment.objects.get(version=proposal.current_version)

    for allowed in (provider, member_of(project.organisation)):
        response = download(client, allowed, attachment)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content) == PDF

    for refused in (quoting_provider(), member_of(VerifiedAssociationFactory())):
        assert download(client, refused, attachment).status_code == 404


def test_a_revision_keeps_the_earlier_attachments_and_adds_new_ones(project):
    provider = quoting_provider()
    proposal = proposal_submit(membership=provider, project_id=project.pk, data=proposal_data(), attachments=[pdf()])

    version = proposal_revise(
        membership=provider, proposal_id=proposal.pk, data=proposal_data(), attachments=[pdf("references.pdf")]
    )

    assert sorted(version.attachments.values_list("original_name", flat=True)) == [
        "devis-detaille.pdf",
        "references.pdf",
    ]
    assert proposal.versions.get(number=1).attachments.count() == 1


def test_a_file_that_is_not_what_it_claims_is_refused(project):
    fake = SimpleUploadedFile("devis.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as refused:
        proposal_submit(membership=quoting_provider(), project_id=project.pk, data=proposal_data(), attachments=[fake])
    assert refused.value.field == "attachments"
    assert "ne correspond pas à un fichier PDF" in refused.value.message
    assert not ProposalAttachment.objects.exists()


def test_the_quote_form_sends_attachments(client, project):
    provider = quoting_provider()
    client.force_login(provider.user)
    response = client.post(
        f"/projets/{project.pk}/devis/",
        {
            "vat_rate_bp": "2000",
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-0-label": "Site",
            "lines-0-quantity": "1",
            "lines-0-unit_price": "1500",
            "milestones-TOTAL_FORMS": "0",
            "milestones-INITIAL_FORMS": "0",
            "attachments": [pdf()],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ProposalAttachment.objects.get().original_name == "devis-detaille.pdf"
