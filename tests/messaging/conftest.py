import pytest
from django.core.files.storage import FileSystemStorage

from marketplace.models.verification import private_storage
from messaging.services import conversation_open

from ..project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, quoting_provider


@pytest.fixture(autouse=True)
def _private_storage(monkeypatch, tmp_path):
    monkeypatch.setattr(private_storage, "_wrapped", FileSystemStorage(location=tmp_path / "private"))


@pytest.fixture
def parties(db):
    """(conversation, association membership, provider membership) about a published project."""
    association = member_of(VerifiedAssociationFactory())
    provider = quoting_provider()
    project = ProjectFactory(organisation=association.organisation, published=True)
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    return conversation, association, provider
