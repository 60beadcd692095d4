"""Reviews after delivery: each side reviews the other once, the reviewed side answers once."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import NotFound, ReviewError
from ..models import Membership, Project, ProviderProfile, Review
from ..signals import review_published, send_after_commit
from .audit import audit_record
from .notifications import notify_organisation

CRITERIA = ("quality", "communication", "deadlines", "value")


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


def rating_from_scores(scores: dict) -> Decimal:
    """A review's overall rating: the mean of its criteria, to the hundredth, halves rounded up."""
    return (Decimal(sum(scores.values())) / len(scores)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def provider_rating_refresh(*, provider_id: int) -> None:
    """Recompute the provider's mean of published reviews (kept on its profile for sorting)."""
    stats = Review.objects.filter(subject_id=provider_id, is_published=True).aggregate(
        average=Avg("rating"), count=Count("id")
    )
    average = stats["average"]
    ProviderProfile.objects.filter(organisation_id=provider_id).update(
        rating_average=None if average is None else Decimal(average).quantize(Decimal("0.01"), ROUND_HALF_UP),
        rating_count=stats["count"],
    )


@transaction.atomic
def review_create(*, membership: Membership, project_id: int, data: dict) -> Review:
    """Only the association and the awarded provider of a delivered project review, once each."""
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
    if Review.objects.filter(project=project, author=membership.organisation).exists():
        raise ReviewError(_("Vous avez déjà laissé un avis sur ce projet."))
    scores = _scores(data)
    review = Review.objects.create(
        project=project,
        author=membership.organisation,
        subject_id=subject_id,
        written_by=membership.user,
        rating=rating_from_scores(scores),
        comment=str(data.get("comment") or "").strip()[:3000],
        **scores,
    )
    if subject_id == provider_id:
        provider_rating_refresh(provider_id=provider_id)
    audit_record(actor=membership.user, action="review.published", organisation=project.organisation, target=project)
    notify_organisation(
        organisation=review.subject,
        kind="review.published",
        template="review_published",
        context={"project": project, "author": membership.organisation},
        url=reverse("projects:detail", kwargs={"project_id": project.pk}),
    )
    send_after_commit(review_published, review_id=review.pk)
    return review


@transaction.atomic
def review_respond(*, membership: Membership, review_id: int, response: str) -> Review:
    review = Review.objects.select_for_update().filter(pk=review_id, subject=membership.organisation).first()
    if review is None:
        raise NotFound(_("Avis introuvable."))
    if review.responded_at is not None:
        raise ReviewError(_("Vous avez déjà répondu à cet avis."))
    response = str(response or "").strip()
    if not 1 <= len(response) <= 2000:
        raise ReviewError(_("Écrivez une réponse (2 000 caractères au plus)."), field="response")
    review.response = response
    review.responded_at = timezone.now()
    review.save(update_fields=["response", "responded_at"])
    return review
