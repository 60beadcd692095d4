"""Reviews after delivery: written blind, published together, reported by anyone, hidden only by staff.

Each side of a delivered project reviews the other once. Nobody but the author reads a review until it is
published: when the other side has written theirs, or `BLIND_PERIOD_DAYS` after the first one (the command
`publish_due_reviews` runs that second rule). Until then its author may still change it. The reviewed side answers
a published review once, publicly. Every change to what the public reads goes through `reputation_refresh`, the
one place where an organisation's figures are computed.
"""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import NotFound, ReviewError
from ..models import Membership, Project, ProviderProfile, Reputation, Review, ReviewReport
from ..models.organisations import OrganisationKind
from ..models.reviews import BLIND_PERIOD_DAYS, CRITERIA, ReviewReportReason, ReviewReportState
from ..signals import reputation_changed, send_after_commit
from .audit import audit_record
from .notifications import notify_organisation

COMMENT_MAX = 3000
RESPONSE_MAX = 2000
REPORT_DETAILS_MAX = 2000
CENT = Decimal("0.01")


def _scores(data: dict) -> dict:
    scores = {}
    for criterion in CRITERIA:
        try:
            score = int(data.get(criterion))
        except (TypeError, ValueError):
            score = 0
        if not 1 <= score <= 5:
            raise ReviewError(_("Donnez une note de 1 à 5 étoiles."), field=criterion)
        scores[criterion] = score
    return scores


def _comment(data: dict) -> str:
    comment = str(data.get("comment") or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ReviewError(_("Votre avis dépasse 3 000 caractères."), field="comment")
    return comment


def rating_from_scores(scores: dict) -> Decimal:
    """A review's overall rating: the mean of its criteria, to the hundredth, halves rounded up."""
    return (Decimal(sum(scores.values())) / len(scores)).quantize(CENT, ROUND_HALF_UP)


def _mean(values: list) -> Decimal | None:
    return (Decimal(sum(values)) / len(values)).quantize(CENT, ROUND_HALF_UP) if values else None


def reputation_refresh(*, organisation_id: int) -> Reputation:
    """Recompute what an organisation's public reviews add up to: the one place these figures are made.

    Called in the transaction of every publication, hiding and restoring. A provider's profile keeps a copy of
    the average and count, which its search document and matching read; search hears `reputation_changed`.
    """
    rows = list(
        Review.objects.filter(subject_id=organisation_id, is_published=True, hidden_at__isnull=True).values(
            "rating", *CRITERIA
        )
    )
    distribution = [0] * 5
    for row in rows:
        distribution[Review(rating=row["rating"]).stars - 1] += 1
    reputation, _created = Reputation.objects.update_or_create(
        organisation_id=organisation_id,
        defaults={
            "count": len(rows),
            "average": _mean([row["rating"] for row in rows]),
            **{criterion: _mean([row[criterion] for row in rows]) for criterion in CRITERIA},
            "distribution": distribution,
        },
    )
    ProviderProfile.objects.filter(organisation_id=organisation_id).update(
        rating_average=reputation.average, rating_count=reputation.count
    )
    send_after_commit(reputation_changed, organisation_id=organisation_id)
    return reputation


def _publish(reviews: list[Review], *, now) -> None:
    """Make these reviews public together, refresh their subjects' figures and tell both sides."""
    for review in reviews:
        review.is_published = True
        review.published_at = now
        review.save(update_fields=["is_published", "published_at", "updated_at"])
    for review in reviews:
        reputation_refresh(organisation_id=review.subject_id)
        audit_record(
            actor=None,
            action="review.published",
            organisation=review.project.organisation,
            target=review.project,
            data={"author": review.author.name},
        )
        for organisation in (review.subject, review.author):
            notify_organisation(
                organisation=organisation,
                kind="review.published",
                template="review_published" if organisation == review.subject else "review_own_published",
                context={"project": review.project, "author": review.author, "subject": review.subject},
                url=reverse("projects:detail", kwargs={"project_id": review.project_id}),
            )


def _reviewable_project(*, membership: Membership, project_id: int) -> tuple[Project, int]:
    """The project, locked, and the organisation its reviewer reviews; only its two parties get this far."""
    project = (
        Project.objects.select_for_update(of=("self",))
        .select_related("awarded_proposal", "organisation")
        .filter(pk=project_id)
        .first()
    )
    provider_id = project.awarded_proposal.provider_id if project and project.awarded_proposal_id else None
    if project is None or membership.organisation_id not in (project.organisation_id, provider_id):
        raise NotFound(_("Projet introuvable."))
    if not project.is_reviewable:
        raise ReviewError(_("Les avis s'écrivent une fois le projet livré."))
    subject_id = provider_id if membership.organisation_id == project.organisation_id else project.organisation_id
    return project, subject_id


@transaction.atomic
def review_create(*, membership: Membership, project_id: int, data: dict) -> Review:
    """Only the association and the awarded provider of a delivered project review, once each.

    The review stays blind; it is published at once with the other side's when that one already exists.
    """
    project, subject_id = _reviewable_project(membership=membership, project_id=project_id)
    if Review.objects.filter(project=project, author=membership.organisation).exists():
        raise ReviewError(_("Vous avez déjà laissé un avis sur ce projet."))
    scores = _scores(data)
    review = Review.objects.create(
        project=project,
        author=membership.organisation,
        subject_id=subject_id,
        written_by=membership.user,
        rating=rating_from_scores(scores),
        comment=_comment(data),
        # Only an association may stay anonymous: a provider's review is part of its professional record.
        is_anonymous=bool(data.get("is_anonymous")) and membership.organisation.kind == OrganisationKind.ASSOCIATION,
        **scores,
    )
    audit_record(actor=membership.user, action="review.written", organisation=project.organisation, target=project)
    other = (
        Review.objects.select_for_update()
        .select_related("project__organisation", "author", "subject")
        .filter(project=project, author_id=subject_id, is_published=False)
        .first()
    )
    if other is not None:
        review = Review.objects.select_related("project__organisation", "author", "subject").get(pk=review.pk)
        _publish([other, review], now=timezone.now())
    else:
        notify_organisation(
            organisation=review.subject,
            kind="review.received",
            template="review_received",
            context={"project": project, "author": membership.organisation, "days": BLIND_PERIOD_DAYS},
            url=reverse("projects:detail", kwargs={"project_id": project.pk}),
        )
    return review


@transaction.atomic
def review_update(*, membership: Membership, review_id: int, data: dict) -> Review:
    """The author changes a review while it is still blind; a published review is final."""
    review = Review.objects.select_for_update().filter(pk=review_id, author=membership.organisation).first()
    if review is None:
        raise NotFound(_("Avis introuvable."))
    if review.is_published:
        raise ReviewError(_("Cet avis est publié : il ne peut plus être modifié."))
    scores = _scores(data)
    for criterion, score in scores.items():
        setattr(review, criterion, score)
    review.rating = rating_from_scores(scores)
    review.comment = _comment(data)
    if membership.organisation.kind == OrganisationKind.ASSOCIATION:
        review.is_anonymous = bool(data.get("is_anonymous"))
    review.written_by = membership.user
    review.save()
    audit_record(
        actor=membership.user, action="review.updated", organisation=review.project.organisation, target=review.project
    )
    return review


def reviews_blind_until(review: Review):
    """When a blind review publishes by itself if the other side writes nothing."""
    return review.created_at + timedelta(days=BLIND_PERIOD_DAYS)


@transaction.atomic
def reviews_publish_due(*, now=None, review_ids: list[int] | None = None) -> int:
    """Publish every review that has waited `BLIND_PERIOD_DAYS` for the other side's; returns how many.

    `review_ids` narrows it to those reviews (the demo replays each story at its own moment)."""
    now = now or timezone.now()
    due = (
        Review.objects.select_for_update(of=("self",))
        .select_related("project__organisation", "author", "subject")
        .filter(is_published=False, created_at__lte=now - timedelta(days=BLIND_PERIOD_DAYS))
        .order_by("pk")
    )
    due = list(due.filter(pk__in=review_ids) if review_ids is not None else due)
    if due:
        _publish(due, now=now)
    return len(due)


@transaction.atomic
def review_respond(*, membership: Membership, review_id: int, response: str) -> Review:
    """The reviewed side answers a public review once; the answer is public too."""
    review = (
        Review.objects.select_for_update()
        .filter(pk=review_id, subject=membership.organisation, is_published=True, hidden_at__isnull=True)
        .first()
    )
    if review is None:
        raise NotFound(_("Avis introuvable."))
    if review.responded_at is not None:
        raise ReviewError(_("Vous avez déjà répondu à cet avis."))
    response = str(response or "").strip()
    if not 1 <= len(response) <= RESPONSE_MAX:
        raise ReviewError(_("Écrivez une réponse (2 000 caractères au plus)."), field="response")
    review.response = response
    review.responded_at = timezone.now()
    review.save(update_fields=["response", "responded_at", "updated_at"])
    audit_record(
        actor=membership.user, action="review.answered", organisation=review.project.organisation, target=review.project
    )
    return review


@transaction.atomic
def review_report(*, review_id: int, reporter, reason: str, details: str = "") -> ReviewReport:
    """Anyone reports a public review; it stays visible until staff decide. One open report per person."""
    review = Review.objects.filter(pk=review_id, is_published=True, hidden_at__isnull=True).first()
    if review is None:
        raise NotFound(_("Avis introuvable."))
    if reason not in ReviewReportReason.values:
        raise ReviewError(_("Choisissez un motif de signalement."), field="reason")
    details = str(details or "").strip()
    if len(details) > REPORT_DETAILS_MAX:
        raise ReviewError(_("Les précisions dépassent 2 000 caractères."), field="details")
    reporter = reporter if reporter is not None and reporter.is_authenticated else None
    if reporter is not None:
        existing = ReviewReport.objects.filter(review=review, reporter=reporter, state=ReviewReportState.OPEN).first()
        if existing is not None:
            return existing
    return ReviewReport.objects.create(review=review, reporter=reporter, reason=reason, details=details)


def _moderate(*, review_id: int, staff, reason: str, hide: bool) -> Review:
    if not (staff is not None and staff.is_staff):
        raise ReviewError(_("Seule l'équipe de la plateforme modère les avis."))
    reason = str(reason or "").strip()
    if not reason:
        raise ReviewError(_("Indiquez le motif de votre décision : il est gardé dans l'historique."), field="reason")
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("project__organisation")
        .filter(pk=review_id, is_published=True)
        .first()
    )
    if review is None:
        raise NotFound(_("Avis introuvable."))
    if hide == (review.hidden_at is not None):
        raise ReviewError(_("Cet avis est déjà masqué.") if hide else _("Cet avis est déjà visible."))
    now = timezone.now()
    review.hidden_at = now if hide else None
    review.hidden_reason = reason if hide else ""
    review.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    ReviewReport.objects.filter(review=review, state=ReviewReportState.OPEN).update(
        state=ReviewReportState.HIDDEN if hide else ReviewReportState.KEPT, decided_at=now, decided_by=staff
    )
    reputation_refresh(organisation_id=review.subject_id)
    audit_record(
        actor=staff,
        action="review.hidden" if hide else "review.restored",
        organisation=review.project.organisation,
        target=review,
        data={"reason": reason, "review": review.pk},
    )
    return review


@transaction.atomic
def review_hide(*, review_id: int, staff, reason: str) -> Review:
    """Staff hide a published review after a report; the reason is kept in the audit trail."""
    return _moderate(review_id=review_id, staff=staff, reason=reason, hide=True)


@transaction.atomic
def review_restore(*, review_id: int, staff, reason: str) -> Review:
    """Staff show a hidden review again, with the reason in the audit trail."""
    return _moderate(review_id=review_id, staff=staff, reason=reason, hide=False)


@transaction.atomic
def review_reports_dismiss(*, review_id: int, staff, reason: str) -> int:
    """Staff keep a reported review visible: its open reports are closed, the decision traced."""
    if not (staff is not None and staff.is_staff):
        raise ReviewError(_("Seule l'équipe de la plateforme modère les avis."))
    reason = str(reason or "").strip()
    if not reason:
        raise ReviewError(_("Indiquez le motif de votre décision : il est gardé dans l'historique."), field="reason")
    review = Review.objects.select_related("project__organisation").filter(pk=review_id).first()
    if review is None:
        raise NotFound(_("Avis introuvable."))
    closed = ReviewReport.objects.filter(review=review, state=ReviewReportState.OPEN).update(
        state=ReviewReportState.KEPT, decided_at=timezone.now(), decided_by=staff
    )
    audit_record(
        actor=staff,
        action="review.kept",
        organisation=review.project.organisation,
        target=review,
        data={"reason": reason, "review": review.pk},
    )
    return closed
