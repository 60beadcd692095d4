"""Invitations sent before response deadlines existed get one, and the quotes that answered them count.

An invitation was told to the provider when it was made on a published project, or when its draft
was published: its deadline runs from then, as `project_invite` and `project_publish` now set it.
A quote the provider sent on the project is its answer. Invitations of drafts keep no deadline until
the project is published. Nothing is marked expired here: the next `send_response_reminders` run
does that for projects still open, by the same rule as every other invitation.
"""

from django.conf import settings
from django.db import migrations

from marketplace.working_days import add_working_days

BATCH = 500


def backfill(apps, schema_editor):
    ProjectInvitation = apps.get_model("marketplace", "ProjectInvitation")
    Proposal = apps.get_model("marketplace", "Proposal")
    days = settings.RESPONSE_DEADLINE_WORKING_DAYS
    invitations = (
        ProjectInvitation.objects.filter(respond_by__isnull=True, project__published_at__isnull=False)
        .select_related("project")
        .order_by("pk")
    )
    changed = []
    for invitation in invitations.iterator(chunk_size=BATCH):
        notified = max(invitation.created_at, invitation.project.published_at)
        invitation.notified_at = notified
        invitation.respond_by = add_working_days(notified, days)
        quoted_at = (
            Proposal.objects.filter(project_id=invitation.project_id, provider_id=invitation.provider_id)
            .values_list("created_at", flat=True)
            .first()
        )
        if quoted_at is not None and invitation.responded_at is None:
            invitation.responded_at = max(quoted_at, notified)
            invitation.response = "proposal"
        changed.append(invitation)
        if len(changed) >= BATCH:
            ProjectInvitation.objects.bulk_update(changed, ["notified_at", "respond_by", "responded_at", "response"])
            changed = []
    ProjectInvitation.objects.bulk_update(changed, ["notified_at", "respond_by", "responded_at", "response"])


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0008_invitation_response_deadline")]

    # Backwards, 0008 drops the columns: nothing to undo here.
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
