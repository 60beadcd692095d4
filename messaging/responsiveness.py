"""Questions in conversations as the core's response figures and reminders see them.

The core computes response rates and sends reminders without importing messaging; `register()`
(called by `MessagingConfig.ready()`) hands it the questions: as cases for
`marketplace.selectors.responsiveness` and as a reminder run for
`marketplace.services.responsiveness.response_reminders_send`.
"""

import datetime

from django.db.models import Q

from marketplace.models import Organisation
from marketplace.selectors.responsiveness import ResponseCase, register_case_source
from marketplace.services.responsiveness import register_reminder_run

from .models import Conversation, Question


def question_cases(*, organisation_id: int, since: datetime.datetime, now: datetime.datetime) -> list[ResponseCase]:
    """Questions the organisation had to answer that were due: answered, or past their deadline."""
    rows = (
        Question.objects.filter(awaited_from_id=organisation_id, respond_by__gte=since)
        .filter(Q(answered_at__isnull=False) | Q(respond_by__lt=now))
        .values_list("asked_at", "respond_by", "answered_at")
    )
    return [ResponseCase(asked_at, respond_by, answered_at) for asked_at, respond_by, answered_at in rows]


def question_awaiting(*, conversation: Conversation, organisation: Organisation | None) -> Question | None:
    """The question this side of the conversation has to answer, if any (staff reading have none)."""
    if organisation is None:
        return None
    return (
        Question.objects.filter(conversation=conversation, awaited_from=organisation, answered_at__isnull=True)
        .select_related("message", "asked_by")
        .first()
    )


def register() -> None:
    from .services import question_reminders_send

    register_case_source("questions", question_cases)
    register_reminder_run("question_reminders", question_reminders_send, label="relance(s) de question")
