"""The core's announcements written into the project's conversation with the provider concerned.

These run after the core's transaction committed, often still in the user's
request: a failure here is logged and never reaches the user.
"""

import logging
from functools import wraps

from marketplace import signals
from marketplace.models import Organisation, Project, Proposal

from .realtime import user_event_send
from .services import conversation_open, system_message_post

logger = logging.getLogger(__name__)


def _never_raise(receiver):
    @wraps(receiver)
    def wrapper(sender, **kwargs):
        try:
            receiver(**kwargs)
        except Exception:  # noqa: BLE001  a message missing from a thread must not turn a done action into an error
            logger.exception("messaging receiver %s failed for %s", receiver.__name__, kwargs)

    return wrapper


def _note(project: Project, provider: Organisation, event: str, **data) -> None:
    conversation = conversation_open(association=project.organisation, provider=provider, project=project)
    system_message_post(
        conversation=conversation, event=event, data={"project": project.title, "provider": provider.name, **data}
    )


def _note_proposal(proposal_id: int, event: str, **data) -> None:
    proposal = Proposal.objects.select_related("project__organisation", "provider").get(pk=proposal_id)
    _note(proposal.project, proposal.provider, event, **data)


@_never_raise
def on_provider_invited(*, project_id, provider_id, **kwargs):
    project = Project.objects.select_related("organisation").get(pk=project_id)
    _note(project, Organisation.objects.get(pk=provider_id), "provider_invited")


@_never_raise
def on_proposal_submitted(*, proposal_id, **kwargs):
    _note_proposal(proposal_id, "proposal_submitted")


@_never_raise
def on_proposal_revised(*, proposal_id, version, **kwargs):
    _note_proposal(proposal_id, "proposal_revised", version=version)


@_never_raise
def on_proposal_withdrawn(*, proposal_id, **kwargs):
    _note_proposal(proposal_id, "proposal_withdrawn")


@_never_raise
def on_proposal_accepted(*, proposal_id, **kwargs):
    _note_proposal(proposal_id, "proposal_accepted")


@_never_raise
def on_proposal_declined(*, proposal_id, **kwargs):
    _note_proposal(proposal_id, "proposal_declined")


@_never_raise
def on_project_state_changed(*, project_id, state, **kwargs):
    project = Project.objects.select_related("organisation", "awarded_proposal__provider").get(pk=project_id)
    if project.awarded_proposal is None:
        return
    _note(project, project.awarded_proposal.provider, "project_state_changed", state=state)


@_never_raise
def on_notification_created(*, user_id, notification_id, title, url, **kwargs):
    """The notification centre updates live in every open tab of the user."""
    user_event_send(user_id=user_id, event="notification", data={"id": notification_id, "title": title, "url": url})


CONNECTIONS = [
    (signals.notification_created, on_notification_created),
    (signals.provider_invited, on_provider_invited),
    (signals.proposal_submitted, on_proposal_submitted),
    (signals.proposal_revised, on_proposal_revised),
    (signals.proposal_withdrawn, on_proposal_withdrawn),
    (signals.proposal_accepted, on_proposal_accepted),
    (signals.proposal_declined, on_proposal_declined),
    (signals.project_state_changed, on_project_state_changed),
]


def connect() -> None:
    for signal, receiver in CONNECTIONS:
        signal.connect(receiver, dispatch_uid=f"messaging.{receiver.__name__}")
