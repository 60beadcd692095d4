"""Reads for a person's data: the core's part of their archive, and their archives themselves.

The core's part reads through the person's own rows only (their account, their memberships, what they wrote
or uploaded), never through their organisations: a colleague's project or another organisation's quote does
not belong in this person's archive.
"""

from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import (
    ApiToken,
    AuditEntry,
    Membership,
    Notification,
    NotificationPreference,
    Project,
    ProjectAttachment,
    ProposalAttachment,
    ProposalVersion,
    Review,
    VerificationDocument,
    VerificationRequest,
)
from ..models.personal_data import ExportState, PersonalDataExport
from ..personal_data import ExportFile, ExportSection


def _when(value):
    return value.isoformat() if value else None


def archive_file_name(pk: int, original_name: str) -> str:
    """A name safe in any ZIP reader: the row's id first (two files may share a name), no folders."""
    base = original_name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "fichier"
    return f"{pk}-{base}"


def _account(user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "preferred_language": user.preferred_language,
        "date_joined": _when(user.date_joined),
        "email_confirmed_at": _when(user.email_confirmed_at),
        "last_login": _when(user.last_login),
        "is_staff": user.is_staff,
    }


def _memberships(user) -> list[dict]:
    return [
        {
            "organisation": membership.organisation.name,
            "organisation_kind": membership.organisation.kind,
            "role": membership.role,
            "since": _when(membership.created_at),
        }
        for membership in Membership.objects.filter(user=user).select_related("organisation").order_by("pk")
    ]


def _security(user) -> dict:
    return {
        "api_tokens": [
            {
                "name": token.name,
                "prefix": token.prefix,
                "created_at": _when(token.created_at),
                "expires_at": _when(token.expires_at),
                "last_used_at": _when(token.last_used_at),
                "revoked_at": _when(token.revoked_at),
            }
            for token in ApiToken.objects.filter(user=user).order_by("pk")
        ],
        "second_factor_devices": [
            {"kind": "authenticator", "name": device.name, "confirmed": device.confirmed}
            for device in TOTPDevice.objects.filter(user=user).order_by("pk")
        ]
        + [
            {"kind": "recovery_codes", "name": device.name, "confirmed": device.confirmed}
            for device in StaticDevice.objects.filter(user=user).order_by("pk")
        ],
        "email_preferences": [
            {"kind": preference.kind, "email": preference.email}
            for preference in NotificationPreference.objects.filter(user=user).order_by("kind")
        ],
    }


def _notifications(user) -> list[dict]:
    return [
        {
            "kind": notification.kind,
            "title": notification.title,
            "body": notification.body,
            "created_at": _when(notification.created_at),
            "read_at": _when(notification.read_at),
        }
        for notification in Notification.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _projects(user) -> list[dict]:
    return [
        {
            "id": project.pk,
            "organisation": project.organisation.name,
            "title": project.title,
            "description": project.description,
            "state": project.state,
            "created_at": _when(project.created_at),
        }
        for project in Project.objects.filter(created_by=user).select_related("organisation").order_by("pk")
    ]


def _proposal_versions(user) -> list[dict]:
    versions = ProposalVersion.objects.filter(created_by=user).select_related("proposal").order_by("pk")
    return [
        {
            "project_id": version.proposal.project_id,
            "version": version.number,
            "message": version.message,
            "total_ht_cents": version.total_ht_cents,
            "created_at": _when(version.created_at),
        }
        for version in versions
    ]


def _reviews(user) -> list[dict]:
    return [
        {
            "project_id": review.project_id,
            "about": review.subject.name,
            "rating": str(review.rating),
            "comment": review.comment,
            "created_at": _when(review.created_at),
        }
        for review in Review.objects.filter(written_by=user).select_related("subject").order_by("pk")
    ]


def _audit(user) -> list[dict]:
    # The action and its date only: an entry's data may name colleagues, who are not this person.
    return [
        {"action": entry.action, "target": entry.target, "created_at": _when(entry.created_at)}
        for entry in AuditEntry.objects.filter(actor=user).order_by("created_at", "pk")
    ]


def _uploads(user) -> tuple[list[dict], list[ExportFile]]:
    listed: list[dict] = []
    files: list[ExportFile] = []

    def add(kind: str, row, uploaded_at):
        path = f"compte/fichiers/{kind}/{archive_file_name(row.pk, row.original_name)}"
        listed.append(
            {"kind": kind, "name": row.original_name, "size": row.size, "uploaded_at": _when(uploaded_at), "path": path}
        )
        files.append(ExportFile(path=path, file=row.file))

    for attachment in ProjectAttachment.objects.filter(uploaded_by=user).order_by("pk"):
        add("projets", attachment, attachment.uploaded_at)
    for attachment in ProposalAttachment.objects.filter(version__created_by=user).select_related("version"):
        add("devis", attachment, attachment.version.created_at)
    requests = VerificationRequest.objects.filter(submitted_by=user)
    for document in VerificationDocument.objects.filter(request__in=requests).order_by("pk"):
        add("justificatifs", document, document.uploaded_at)
    return listed, files


def account_export_section(user) -> ExportSection:
    """The core's part of a person's archive."""
    uploads, files = _uploads(user)
    data = {
        "account": _account(user),
        "memberships": _memberships(user),
        "security": _security(user),
        "notifications": _notifications(user),
        "projects_created": _projects(user),
        "proposal_versions_written": _proposal_versions(user),
        "reviews_written": _reviews(user),
        "activity": _audit(user),
        "uploaded_files": uploads,
    }
    return ExportSection(data=data, files=files)


def personal_data_export_latest(*, user) -> PersonalDataExport | None:
    """The person's most recent archive, whatever its state (the page shows its progress or its link)."""
    return PersonalDataExport.objects.filter(user=user).first()


def personal_data_export_for_download(*, user, export_id: int) -> PersonalDataExport | None:
    """The archive if this person may download it now: their own, ready, not expired. None otherwise."""
    if not user.is_authenticated:
        return None
    return (
        PersonalDataExport.objects.filter(
            pk=export_id, user=user, state=ExportState.READY, expires_at__gt=timezone.now()
        )
        .exclude(file="")
        .first()
    )
