"""The core's announcements become system messages in the project's conversation with the provider."""

import pytest

from marketplace import signals
from marketplace.services.projects import project_invite, project_start
from marketplace.services.proposals import proposal_decline, proposal_revise, proposal_withdraw
from messaging.models import Conversation, Message, MessageKind
from messaging.services import message_payload

from ..project_factories import (
    ProjectFactory,
    VerifiedAssociationFactory,
    awarded_project,
    member_of,
    proposal_data,
    quoting_provider,
    submit_proposal,
)

pytestmark = pytest.mark.django_db


def events(project, provider):
    conversation = Conversation.objects.get(project=project, provider=provider)
    messages = conversation.messages.order_by("seq")
    assert all(message.kind == MessageKind.SYSTEM for message in messages)
    return [message.system_event for message in messages]


@pytest.fixture
def project():
    return ProjectFactory(organisation=VerifiedAssociationFactory(), published=True)


def test_an_invitation_opens_the_conversation_with_a_french_sentence(project, django_capture_on_commit_callbacks):
    provider = quoting_provider(name="Atelier Libre")
    with django_capture_on_commit_callbacks(execute=True):
        project_invite(
            membership=member_of(project.organisation), project_id=project.pk, provider_id=provider.organisation_id
        )
    message = Message.objects.get(conversation__project=project, conversation__provider=provider.organisation)
    assert message.system_event == "provider_invited"
    assert "Atelier Libre" in message.body and project.title in message.body
    payload = message_payload(message)
    assert payload["kind"] == "system" and payload["sender_name"] == "Passerelle"
    assert payload["body"].startswith("L'association a invité")


def test_submitting_revising_and_withdrawing_a_quote_are_noted(project, django_capture_on_commit_callbacks):
    provider = quoting_provider()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = submit_proposal(provider, project)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_revise(membership=provider, proposal_id=proposal.pk, data=proposal_data())
    with django_capture_on_commit_callbacks(execute=True):
        proposal_withdraw(membership=provider, proposal_id=proposal.pk)
    assert events(project, provider.organisation) == ["proposal_submitted", "proposal_revised", "proposal_withdrawn"]
    revised = Message.objects.get(system_event="proposal_revised")
    assert revised.data["version"] == 2 and "version 2" in revised.body


def test_declining_a_quote_is_noted(project, django_capture_on_commit_callbacks):
    provider = quoting_provider()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = submit_proposal(provider, project)
        proposal_decline(membership=member_of(project.organisation), proposal_id=proposal.pk, reason="Budget")
    assert events(project, provider.organisation) == ["proposal_submitted", "proposal_declined"]


def test_awarding_notes_acceptance_then_state_changes_go_to_the_awarded_provider(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        project, proposal, association, provider = awarded_project()
    with django_capture_on_commit_callbacks(execute=True):
        project_start(membership=member_of(project.organisation), project_id=project.pk)
    assert events(project, provider.organisation) == [
        "proposal_submitted",
        "proposal_accepted",
        "project_state_changed",
    ]
    started = Message.objects.get(system_event="project_state_changed")
    assert "En cours" in started.body


def test_a_failing_receiver_is_logged_not_raised(caplog):
    signals.proposal_submitted.send(sender=None, proposal_id=999_999)
    assert "messaging receiver on_proposal_submitted failed" in caplog.text
    assert not Message.objects.exists()
