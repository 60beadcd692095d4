"""The kinds of notifications, grouped the way users choose which ones they also want by email.

Services name precise kinds ("proposal.submitted"); people decide per group
("Devis reçus"). A preference may be stored for a group or for one kind.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NotificationGroup:
    key: str
    label: str
    kinds: tuple[str, ...]


GROUPS = (
    NotificationGroup(
        "verification",
        _("Vérification de votre organisation"),
        ("verification.verified", "verification.info_requested", "verification.rejected"),
    ),
    NotificationGroup(
        "invitations",
        _("Invitations à proposer un devis"),
        ("project.project_invitation", "project.invitation_reminder", "project.invitation_declined"),
    ),
    NotificationGroup(
        "project_changes",
        _("Projets modifiés, annulés ou expirés"),
        ("project.project_updated", "project.project_cancelled", "project.expired", "project.project_expired_provider"),
    ),
    NotificationGroup("proposals_received", _("Devis reçus et révisés"), ("proposal.submitted", "proposal.revised")),
    NotificationGroup("proposal_decisions", _("Décisions sur vos devis"), ("proposal.accepted", "proposal.declined")),
    NotificationGroup(
        "project_steps",
        _("Étapes des projets (démarrage, livraison, clôture)"),
        ("project.started", "project.delivered", "project.closed"),
    ),
    NotificationGroup("reviews", _("Avis reçus et publiés"), ("review.received", "review.published")),
    NotificationGroup(
        "messages", _("Messages non lus (résumé par e-mail)"), ("message.unread_digest", "message.question_reminder")
    ),
)
_GROUP_OF_KIND = {kind: group.key for group in GROUPS for kind in group.kinds}
GROUP_KEYS = tuple(group.key for group in GROUPS)


def group_of(kind: str) -> str | None:
    return _GROUP_OF_KIND.get(kind)
