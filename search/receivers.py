"""Search listens to the core's announcements and queues the documents they touch."""

from django.db import transaction
from django.dispatch import receiver

from marketplace import signals
from marketplace.models import ProviderProfile

from .indexing import index_enqueue, indexing_is_held
from .models import IndexKind
from .skills import skill_matcher_invalidate

# One call checks its ids with a single IN (...), and SQLite caps a query's parameters.
INDEX_CHUNK = 5000


@receiver(signals.project_published, dispatch_uid="search-project-published")
@receiver(signals.project_updated, dispatch_uid="search-project-updated")
@receiver(signals.project_closed, dispatch_uid="search-project-closed")
@receiver(signals.project_state_changed, dispatch_uid="search-project-state")
def project_changed(sender, project_id, **kwargs):
    index_enqueue(kind=IndexKind.PROJECT, ids=[project_id])


@receiver(signals.provider_profile_changed, dispatch_uid="search-provider-changed")
def provider_changed(sender, organisation_id, **kwargs):
    index_enqueue(kind=IndexKind.PROVIDER, ids=[organisation_id])


@receiver(signals.reputation_changed, dispatch_uid="search-reputation-changed")
def reputation_changed(sender, organisation_id, **kwargs):
    """A published, hidden or restored review moves the subject's rating; only providers have a search document."""
    if ProviderProfile.objects.filter(organisation_id=organisation_id).exists():
        index_enqueue(kind=IndexKind.PROVIDER, ids=[organisation_id])


@receiver(signals.marketplace_imported, dispatch_uid="search-marketplace-imported")
def marketplace_imported(sender, provider_ids, project_ids, new_skills, **kwargs):
    """An import changed many rows at once, without their own signals: queue them all, in the import's transaction."""
    if new_skills:
        transaction.on_commit(skill_matcher_invalidate)
    for kind, ids in ((IndexKind.PROVIDER, provider_ids), (IndexKind.PROJECT, project_ids)):
        for start in range(0, len(ids), INDEX_CHUNK):
            index_enqueue(kind=kind, ids=ids[start : start + INDEX_CHUNK])


@receiver(signals.project_published, dispatch_uid="search-project-published-alerts")
def project_published_alerts(sender, project_id, **kwargs):
    """Alerts after the project's document is queued (receivers run in the order they were connected).

    Not while indexing is held: a script replaying months of projects (the demo's seeder, whose transaction
    commits inside `indexing_held()`) must alert nobody, and the documents the scores need are not written yet.
    """
    from .tasks import evaluate_search_alerts

    if indexing_is_held():
        return

    evaluate_search_alerts.enqueue(project_id=project_id)
