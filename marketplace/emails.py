"""Rendering and queuing of the emails the core sends.

Emails are rendered in the recipient's language, then handed to a task after
commit so a slow mail server never slows a request or sends mail for a
rolled-back change.
"""

from django.db import transaction
from django.utils import translation

from .plain_text import render_plain, render_subject
from .tasks import send_email


def email_enqueue(*, to: str, template: str, context: dict, language: str = "fr") -> None:
    with translation.override(language):
        subject = render_subject(f"emails/{template}_subject.txt", context)
        body = render_plain(f"emails/{template}.txt", context)
    transaction.on_commit(lambda: send_email.enqueue(to=[to], subject=subject, body=body))
