"""A provider that is not verified, or another organisation, learns nothing of a project it may not see:
not from the project's conversation route, its page, the JSON API, nor a socket (one rule:
marketplace.selectors.projects.projects_visible_to); and a provider that is not verified starts no conversation."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application
from marketplace.errors import DomainError, NotFound
from marketplace.models.organisations import VerificationStatus
from marketplace.models.projects import ProjectState, Visibility
from marketplace.services.tokens import api_token_create
from messaging.consumers import CLOSE_FORBIDDEN
from messaging.models import Conversation, Message
from messaging.services import conversation_open, message_post

from ..project_factories import (
    ProjectFactory,
    ProjectInvitationFactory,
    ProposalFactory,
    ProviderFactory,
    VerifiedAssociationFactory,
    VerifiedProviderFactory,
    member_of,
    quoting_provider,
)
from .test_conversation_consumer import ORIGIN, TIMEOUT, session_cookie_for

pytestmark = pytest.mark.django_db

NOT_VERIFIED = [VerificationStatus.PENDING, VerificationStatus.REJECTED]
TITLE = "Refonte du site des Jardins Secrets"
ASSOCIATION = "Les Jardins Secrets de Lyon"


def conversation_link(project, provider_id: int) -> str:
    return f"/messages/projet/{project.pk}/prestataire/{provider_id}/"


@pytest.fixture
def project():
    return ProjectFactory(organisation=VerifiedAssociationFactory(name=ASSOCIATION), title=TITLE, published=True)


def unverified_provider(status):
    return member_of(ProviderFactory(verification_status=status, name=f"Prestataire {status}"))


def says_nothing(response) -> bool:
    text = response.content.decode()
    return TITLE not in text and ASSOCIATION not in text


def outsiders(status):
    """A provider that is not verified, and members of other organisations (a verified provider, an association)."""
    return {
        "unverified": unverified_provider(status),
        "other provider": quoting_provider(),
        "other association": member_of(VerifiedAssociationFactory()),
    }


@pytest.mark.parametrize("status", NOT_VERIFIED)
def test_an_unverified_provider_cannot_open_a_projects_conversation(client, project, status):
    provider = unverified_provider(status)
    client.force_login(provider.user)

    response = client.get(conversation_link(project, provider.organisation_id))

    assert response.status_code == 404
    assert says_nothing(response)
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("status", NOT_VERIFIED)
def test_an_unverified_provider_invited_before_its_rejection_cannot_open_it_either(client, project, status):
    provider = unverified_provider(status)
    ProjectInvitationFactory(project=project, provider=provider.organisation)
    client.force_login(provider.user)

    assert client.get(conversation_link(project, provider.organisation_id)).status_code == 404
    assert client.get(f"/projets/{project.pk}/").status_code == 404
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("status", NOT_VERIFIED)
def test_nobody_outside_reads_the_project_over_html_or_the_api(project, status):
    """An invited-only project: verified providers not invited are outsiders too."""
    project.visibility = Visibility.INVITED_ONLY
    project.save(update_fields=["visibility"])
    ProjectInvitationFactory(project=project)
    for name, outsider in outsiders(status).items():
        _token, raw = api_token_create(user=outsider.user, name="Intégration")
        client = Client()
        client.force_login(outsider.user)
        page = client.get(f"/projets/{project.pk}/")
        api = Client().get(f"/api/v1/projects/{project.pk}", headers={"authorization": f"Bearer {raw}"})
        assert (page.status_code, api.status_code) == (404, 404), name
        assert says_nothing(page) and says_nothing(api), name


def test_a_verified_provider_does_not_learn_the_titles_of_closed_projects(client):
    closed = ProjectFactory(organisation=VerifiedAssociationFactory(name=ASSOCIATION), title=TITLE)
    closed.state = ProjectState.AWARDED
    closed.save()
    provider = quoting_provider()
    client.force_login(provider.user)

    response = client.get(conversation_link(closed, provider.organisation_id))

    assert response.status_code == 404
    assert not Conversation.objects.exists()


def test_an_invited_provider_writes_about_the_project_even_once_awarded(client):
    project = ProjectFactory(organisation=VerifiedAssociationFactory(), state=ProjectState.AWARDED)
    provider = quoting_provider()
    ProjectInvitationFactory(project=project, provider=provider.organisation)
    client.force_login(provider.user)

    response = client.get(conversation_link(project, provider.organisation_id))

    assert response.status_code == 302
    assert Conversation.objects.filter(project=project, provider=provider.organisation).exists()


@pytest.mark.parametrize("status", NOT_VERIFIED)
def test_the_services_start_no_conversation_with_an_unverified_provider(project, status):
    provider = unverified_provider(status)

    for about in (project, None):
        with pytest.raises(DomainError) as refused:
            conversation_open(association=project.organisation, provider=provider.organisation, project=about)
        assert refused.value.status_code == 403
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("status", NOT_VERIFIED)
def test_the_association_cannot_start_a_conversation_with_an_unverified_provider(client, project, status):
    provider = unverified_provider(status)
    client.force_login(member_of(project.organisation).user)

    assert client.get(conversation_link(project, provider.organisation_id)).status_code == 404
    assert not Conversation.objects.exists()


@pytest.fixture
def opened_through_the_hole(project):
    """A conversation a provider opened before its verification was refused (or before this rule)."""

    def make(status):
        provider = member_of(VerifiedProviderFactory())
        conversation = conversation_open(
            association=project.organisation, provider=provider.organisation, project=project
        )
        message_post(user=provider.user, conversation_id=conversation.pk, body="Bonjour, une question")
        association = member_of(project.organisation)
        message_post(user=association.user, conversation_id=conversation.pk, body="Réponse confidentielle")
        provider.organisation.verification_status = status
        provider.organisation.save(update_fields=["verification_status"])
        return conversation, provider

    return make


@pytest.mark.parametrize("status", NOT_VERIFIED)
def test_an_unverified_provider_loses_the_conversations_of_projects_it_may_not_see(
    client, opened_through_the_hole, status
):
    conversation, provider = opened_through_the_hole(status)
    client.force_login(provider.user)

    page = client.get(f"/messages/{conversation.pk}/")
    posted = client.post(f"/messages/{conversation.pk}/", {"body": "Encore moi"})
    poll = client.get(f"/messages/{conversation.pk}/nouveaux/", {"after": 0})
    inbox = client.get("/messages/")

    assert (page.status_code, posted.status_code, poll.status_code) == (404, 404, 404)
    assert says_nothing(page) and says_nothing(inbox)
    assert "confidentielle" not in poll.content.decode()
    with pytest.raises(NotFound):
        message_post(user=provider.user, conversation_id=conversation.pk, body="Par le service")
    assert Message.objects.filter(conversation=conversation).count() == 2


@pytest.mark.parametrize("status", NOT_VERIFIED)
def test_a_provider_that_quoted_keeps_its_conversation_after_losing_its_verification(
    client, project, opened_through_the_hole, status
):
    conversation, provider = opened_through_the_hole(status)
    ProposalFactory(project=project, provider=provider.organisation)
    client.force_login(provider.user)

    assert "Réponse confidentielle" in client.get(f"/messages/{conversation.pk}/").content.decode()
    assert client.post(f"/messages/{conversation.pk}/", {"body": "Suite du devis"}).status_code == 302
    assert ASSOCIATION in client.get("/messages/").content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("status", NOT_VERIFIED)
async def test_an_unverified_provider_opens_no_socket_on_such_a_conversation(opened_through_the_hole, status):
    conversation, provider = await sync_to_async(opened_through_the_hole)(status)
    cookie = await sync_to_async(session_cookie_for)(provider.user)

    communicator = WebsocketCommunicator(
        application, f"/ws/conversations/{conversation.pk}/", headers=[ORIGIN, (b"cookie", cookie)]
    )
    connected, code = await communicator.connect(timeout=TIMEOUT)

    assert not connected
    assert code == CLOSE_FORBIDDEN
