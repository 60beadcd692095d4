"""From a project page, each side reaches its conversation with the other in one click."""

import pytest

from messaging.models import Conversation

from ..project_factories import ProjectFactory, VerifiedAssociationFactory, member_of, quoting_provider, submit_proposal

pytestmark = pytest.mark.django_db


def test_the_provider_asks_a_question_and_the_association_answers_from_the_comparison(client):
    project = ProjectFactory(organisation=VerifiedAssociationFactory(), published=True)
    provider = quoting_provider()
    client.force_login(provider.user)
    page = client.get(f"/projets/{project.pk}/").content.decode()
    link = f"/messages/projet/{project.pk}/prestataire/{provider.organisation_id}/"
    assert "Poser une question à l'association" in page
    assert link in page

    response = client.get(link)
    conversation = Conversation.objects.get(project=project, provider=provider.organisation)
    assert response.status_code == 302
    assert response["Location"] == f"/messages/{conversation.pk}/"

    submit_proposal(provider, project)
    client.force_login(member_of(project.organisation).user)
    assert link in client.get(f"/projets/{project.pk}/").content.decode()
    assert client.get(link)["Location"] == f"/messages/{conversation.pk}/"


def test_another_provider_cannot_open_someone_elses_conversation(client):
    project = ProjectFactory(organisation=VerifiedAssociationFactory(), published=True)
    provider, intruder = quoting_provider(), quoting_provider()
    client.force_login(intruder.user)
    assert client.get(f"/messages/projet/{project.pk}/prestataire/{provider.organisation_id}/").status_code == 404
    assert not Conversation.objects.exists()
