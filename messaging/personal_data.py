"""Messaging's part of a person's data: the messages they wrote, the files they sent, the reports they filed.

Registered in `MessagingConfig.ready()` (see `marketplace.personal_data`). Only the person's own messages are
exported, never the other side's; after an account deletion the messages stay in their conversations (both
organisations keep their exchange) with the author shown as « Compte supprimé ».
"""

from marketplace.personal_data import ExportFile, ExportSection
from marketplace.selectors.personal_data import archive_file_name

from .models import Message, MessageAttachment, MessageKind, Report, UserSuspension


def _when(value):
    return value.isoformat() if value else None


def messaging_export_section(user) -> ExportSection:
    messages = (
        Message.objects.filter(sender_user=user, kind=MessageKind.TEXT)
        .select_related("conversation", "sender_org")
        .order_by("created_at", "pk")
    )
    written = [
        {
            "conversation_id": message.conversation_id,
            "project_id": message.conversation.project_id,
            "as_organisation": message.sender_org.name if message.sender_org_id else None,
            "number": message.seq,
            "body": message.body,
            "created_at": _when(message.created_at),
            "edited_at": _when(message.edited_at),
            "deleted_at": _when(message.deleted_at),
            "hidden_by_moderation_at": _when(message.hidden_at),
        }
        for message in messages
    ]
    files, listed = [], []
    for attachment in MessageAttachment.objects.filter(message__sender_user=user).order_by("pk"):
        path = f"messagerie/fichiers/{archive_file_name(attachment.pk, attachment.original_name)}"
        listed.append({"message_id": attachment.message_id, "name": attachment.original_name, "path": path})
        files.append(ExportFile(path=path, file=attachment.file))
    reports = [
        {
            "conversation_id": report.conversation_id,
            "reason": report.reason,
            "details": report.details,
            "state": report.state,
            "created_at": _when(report.created_at),
        }
        for report in Report.objects.filter(reporter=user).order_by("pk")
    ]
    suspensions = [
        {
            "reason": suspension.reason,
            "suspended_at": _when(suspension.suspended_at),
            "lifted_at": _when(suspension.lifted_at),
        }
        for suspension in UserSuspension.objects.filter(user=user).order_by("pk")
    ]
    return ExportSection(
        data={"messages_written": written, "files_sent": listed, "reports_filed": reports, "suspensions": suspensions},
        files=files,
    )
