"""Search listens to the core's announcements and queues the documents they touch."""

from django.dispatch import receiver

from marketplace import signals
from marketplace.models import Review

from .indexing import index_enqueue
from .models import IndexKind


@receiver(signals.project_published, dispatch_uid="search-project-published")
@receiver(signals.project_updated, dispatch_uid="search-project-updated")
@receiver(signals.project_closed, dispatch_uid="search-project-closed")
@receiver(signals.project_state_changed, dispatch_uid="search-project-state")
def project_changed(sender, project_id, **kwargs):
    index_enqueue(kind=IndexKind.PROJECT, ids=[project_id])


@receiver(signals.provider_profile_changed, dispatch_uid="search-provider-changed")
def provider_changed(sender, organisation_id, **kwargs):
    index_enqueue(kind=IndexKind.PROVIDER, ids=[organisation_id])


@receiver(signals.review_published, dispatch_uid="search-review-published")
def review_published(sender, review_id, **kwargs):
    """A review moves the subject's rating; only providers have a search document."""
    subject = Review.objects.filter(pk=review_id, subject__kind="provider").values_list("subject_id", flat=True).first()
    if subject is not None:
        index_enqueue(kind=IndexKind.PROVIDER, ids=[subject])
