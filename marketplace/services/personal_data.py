"""A person's rights over their data (RGPD): the archive of everything held about them, the deletion of their
account, and the retention runs that delete what is kept no longer than needed.

Each package's part is registered in `marketplace.personal_data` (the core cannot import the others); these
services call every registered part, the core's own first.
"""

import json
import logging
import shutil
import tempfile
import zipfile
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import conf
from ..errors import AccountError
from ..models import AuditEntry, Membership, OrganisationInvitation, User, VerificationDocument
from ..models.organisations import Role
from ..models.personal_data import ExportState, PersonalDataExport
from ..models.verification import DocumentKind, RequestState
from ..personal_data import contributors, retention_rules
from .audit import audit_record

logger = logging.getLogger(__name__)

ARCHIVE_README = """Passerelle — {title}

{intro}

{generated}: {date}
"""


def _delete_file(field) -> None:
    """Delete a stored file; one already gone is no error (a retention run or a restore may have removed it)."""
    if field:
        field.storage.delete(field.name)


@transaction.atomic
def personal_data_export_request(*, user) -> PersonalDataExport:
    """Ask for a new archive of the person's data; built by a background task, so the page answers at once.

    An archive already being prepared is returned rather than a second one started; earlier archives are
    deleted with their files, so at most one archive of a person exists at a time.
    """
    from ..tasks import build_personal_data_export

    User.objects.select_for_update().filter(pk=user.pk).first()  # two clicks at once start one build
    running = PersonalDataExport.objects.filter(user=user, state__in=ExportState.in_progress()).first()
    if running is not None:
        return running
    for previous in PersonalDataExport.objects.filter(user=user):
        _delete_file(previous.file)
        previous.delete()
    export = PersonalDataExport.objects.create(user=user)
    audit_record(actor=user, action="personal_data.export_requested", target=export)
    transaction.on_commit(lambda: build_personal_data_export.enqueue(export_id=export.pk))
    return export


def _progress(export: PersonalDataExport, value: int) -> None:
    # Saved at once, outside any transaction, so the status the page polls moves while the archive grows.
    export.progress = value
    PersonalDataExport.objects.filter(pk=export.pk).update(progress=value)


def _write_archive(export: PersonalDataExport, target) -> None:
    user = export.user
    parts = contributors()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        readme = ARCHIVE_README.format(
            title=_("vos données personnelles"),
            intro=_(
                "Chaque dossier contient un fichier donnees.json (ce que vous avez saisi ou ce qui vous concerne) "
                "et, s'il y en a, les fichiers que vous avez déposés."
            ),
            generated=_("Archive préparée le"),
            date=timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        )
        archive.writestr("LISEZMOI.txt", readme)
        for position, part in enumerate(parts, start=1):
            section = part.export(user)
            missing = []
            for item in section.files:
                try:
                    with item.file.open("rb") as source, archive.open(item.path, "w") as sink:
                        shutil.copyfileobj(source, sink)
                except (FileNotFoundError, ValueError):
                    missing.append(item.path)
            data = dict(section.data)
            if missing:
                data["missing_files"] = missing
            archive.writestr(
                f"{part.name}/donnees.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
            )
            _progress(export, min(95, round(100 * position / (len(parts) + 1))))


def personal_data_export_build(*, export_id: int) -> PersonalDataExport | None:
    """Write the archive (JSON and files of every registered part) and make it downloadable for a while.

    Not one transaction: the archive can take a while, and its progress must be visible meanwhile. The row
    changes state only at the start (running) and at the end (ready or failed).
    """
    export = PersonalDataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or not export.in_progress:
        return export
    PersonalDataExport.objects.filter(pk=export.pk).update(state=ExportState.RUNNING, progress=0)
    try:
        with tempfile.TemporaryFile() as target:
            _write_archive(export, target)
            size = target.tell()
            target.seek(0)
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            export.file.save(f"donnees-passerelle-{export.pk}-{stamp}.zip", File(target), save=False)
    except Exception:
        logger.exception("personal data export %s failed", export.pk)
        PersonalDataExport.objects.filter(pk=export.pk).update(state=ExportState.FAILED, finished_at=timezone.now())
        raise
    now = timezone.now()
    export.state = ExportState.READY
    export.progress = 100
    export.size = size
    export.finished_at = now
    export.expires_at = now + conf.personal_data_export_lifetime()
    export.save(update_fields=["state", "progress", "size", "file", "finished_at", "expires_at"])
    return export


# Deleting an account


def last_owner_organisations(*, user) -> list:
    """Organisations this person is the only owner of: they must hand over (or have them closed) first."""
    owned = Membership.objects.filter(user=user, role=Role.OWNER).select_related("organisation")
    return [
        membership.organisation
        for membership in owned
        if not Membership.objects.filter(organisation_id=membership.organisation_id, role=Role.OWNER)
        .exclude(user=user)
        .exists()
    ]


def _scrub_audit(user) -> None:
    """Timeline entries keep what happened, not the person's address (membership entries name members by e-mail)."""
    email = user.email
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    entries = AuditEntry.objects.filter(organisation__in=organisations) | AuditEntry.objects.filter(
        target=f"{user._meta.label_lower}:{user.pk}"
    )
    for entry in entries.distinct():
        text = json.dumps(entry.data, cls=DjangoJSONEncoder)
        if email in text:
            entry.data = json.loads(text.replace(email, _("compte supprimé")))
            entry.save(update_fields=["data"])


def _account_erase(user) -> None:
    """Erase a person: every package's part first, then the core's, then the account row itself.

    Deleting the row (rather than blanking it) takes with it, by their foreign keys, the memberships,
    notifications, e-mail preferences, API tokens and second-factor devices; what the organisations keep
    (projects, quotes, messages, orders, invoices) only loses its link to the person (`SET_NULL`). The
    sessions die with the row: a session names a user id that no longer exists, and ids are never reused.
    """
    for part in reversed(contributors()):
        if part.erase is not None:
            part.erase(user)
    user.delete()


def account_erase_core(user) -> None:
    """The core's part of an erasure (registered as the `compte` contributor)."""
    _scrub_audit(user)
    OrganisationInvitation.objects.filter(email__iexact=user.email).delete()
    for export in PersonalDataExport.objects.filter(user=user):
        _delete_file(export.file)
    # The legal representative's identity document is this person's, not the organisation's.
    for document in VerificationDocument.objects.filter(request__submitted_by=user, kind=DocumentKind.OWNER_IDENTITY):
        _delete_file(document.file)
        document.delete()


@transaction.atomic
def account_delete(*, user, password: str) -> None:
    """Delete one's own account at once, after the password; the last owner of an organisation must hand it over.

    What the law makes the platform keep (orders, invoices and credit notes, for ten years) stays, and names
    only the organisation: an order just loses who placed it.
    """
    if not password or not user.check_password(password):
        raise AccountError(_("Ce mot de passe ne correspond pas."), field="password")
    blocking = last_owner_organisations(user=user)
    if blocking:
        names = ", ".join(f"« {organisation.name} »" for organisation in blocking)
        raise AccountError(
            _(
                "Vous êtes le seul propriétaire de %(names)s. Nommez un autre propriétaire dans les réglages de "
                "l'organisation, ou demandez-nous de la fermer, avant de supprimer votre compte."
            )
            % {"names": names}
        )
    audit_record(actor=None, action="user.deleted", data={"user_id": user.pk})
    _account_erase(user)


# Retention


def unconfirmed_accounts_purge(now: datetime) -> int:
    """Accounts that never confirmed their e-mail, after the set time (nobody could log in with them)."""
    cutoff = now - conf.unconfirmed_accounts_retention()
    stale = get_user_model().objects.filter(
        email_confirmed_at__isnull=True, date_joined__lt=cutoff, is_staff=False, is_superuser=False
    )
    count = 0
    for user in stale.exclude(memberships__isnull=False).iterator():
        with transaction.atomic():
            _account_erase(user)
        count += 1
    return count


def verification_documents_purge(now: datetime) -> int:
    """Supporting documents, a set time after the verification was decided (the decision itself stays)."""
    cutoff = now - conf.verification_documents_retention()
    documents = VerificationDocument.objects.filter(
        request__state__in=RequestState.DECIDED, request__reviewed_at__lt=cutoff
    )
    count = 0
    for document in documents.iterator():
        _delete_file(document.file)
        document.delete()
        count += 1
    return count


def personal_data_exports_purge(now: datetime) -> int:
    """Archives past their download time, and builds that never finished a day later."""
    expired = PersonalDataExport.objects.filter(expires_at__lt=now) | PersonalDataExport.objects.filter(
        state__in=[*ExportState.in_progress(), ExportState.FAILED], created_at__lt=now - timedelta(days=1)
    )
    count = 0
    for export in expired.distinct().iterator():
        _delete_file(export.file)
        export.delete()
        count += 1
    return count


def sessions_purge(now: datetime) -> int:
    return Session.objects.filter(expire_date__lt=now).delete()[0]


def retention_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Apply every registered retention rule; each in its own transactions, so one failing leaves the others done."""
    now = now or timezone.now()
    return {rule.name: rule.purge(now) for rule in retention_rules()}
