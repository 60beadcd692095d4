"""The indexing queue: changes reach the index in bulk, survive an engine outage, and catch up afterwards."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from marketplace.services.profiles import provider_profile_save
from search.engines import get_engine
from search.indexing import backoff, index_enqueue, index_process_queue
from search.maintenance import index_check
from search.models import IndexKind, IndexQueueItem
from tests.profile_factories import ProviderProfileFactory
from tests.project_factories import ProjectFactory, member_of


def _profile_data(profile, **changes):
    data = {
        "legal_name": profile.legal_name,
        "siret": profile.siret,
        "presentation": profile.presentation,
        "services": profile.services,
        "postcode": profile.postcode,
        "commune": profile.commune,
        "region": profile.region,
        "remote_ok": "on",
        "skills": [skill.slug for skill in profile.skills.all()],
    }
    data.update(changes)
    return data


def test_a_saved_profile_is_queued_then_indexed_after_the_commit(search_engine, django_capture_on_commit_callbacks):
    profile = ProviderProfileFactory(skills=["wordpress"])
    membership = member_of(profile.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        provider_profile_save(
            membership=membership, data=_profile_data(profile, presentation="Sites WordPress pour associations.")
        )
    assert not IndexQueueItem.objects.exists(), "the queue is emptied once the engine acknowledged"
    assert profile.pk in search_engine.stored_versions(IndexKind.PROVIDER)


def test_many_changes_to_one_object_are_one_row(search_engine):
    profile = ProviderProfileFactory()
    for _ in range(3):
        index_enqueue(kind=IndexKind.PROVIDER, ids=[profile.pk])
    assert IndexQueueItem.objects.filter(kind=IndexKind.PROVIDER, object_id=profile.pk).count() == 1


def test_a_deleted_or_draft_object_is_removed_from_the_index(search_engine, index_now):
    project = ProjectFactory(published=True)
    index_enqueue(kind=IndexKind.PROJECT, ids=[project.pk])
    index_now()
    assert project.pk in search_engine.stored_versions(IndexKind.PROJECT)
    project.state = "draft"
    project.save()
    index_enqueue(kind=IndexKind.PROJECT, ids=[project.pk])
    report = index_now()
    assert report.removed == 1
    assert project.pk not in search_engine.stored_versions(IndexKind.PROJECT)


@pytest.fixture
def unreachable_engine(settings):
    """The configured kind of engine, pointed at a port where nothing listens."""

    def switch(down: bool):
        if settings.SEARCH_ENGINE == "database":
            pytest.skip("the database engine lives in the main database: it cannot be down on its own")
        settings.SEARCH_URLS = ["http://127.0.0.1:9"] if down else original

    original = list(settings.SEARCH_URLS)
    return switch


@pytest.mark.opensearch
def test_engine_down_loses_nothing_and_catches_up(search_engine, unreachable_engine):
    profiles = [ProviderProfileFactory() for _ in range(3)]
    index_enqueue(kind=IndexKind.PROVIDER, ids=[p.pk for p in profiles])
    assert index_process_queue().written == 3

    unreachable_engine(True)
    changed = ProviderProfileFactory()
    profiles[0].presentation = "Nouvelle présentation"
    profiles[0].save()
    index_enqueue(kind=IndexKind.PROVIDER, ids=[changed.pk, profiles[0].pk])
    report = index_process_queue()
    assert report.failed == 2 and report.written == 0
    waiting = IndexQueueItem.objects.get(object_id=changed.pk)
    assert waiting.attempts == 1 and waiting.last_error and waiting.next_attempt_at > timezone.now()

    unreachable_engine(False)
    call_command("search_index", "--process")
    assert not IndexQueueItem.objects.exists()
    drift = index_check(engine=get_engine(), kind=IndexKind.PROVIDER)
    assert drift.clean, drift


def test_database_engine_queue_catches_up_after_a_failure(search_engine, monkeypatch):
    """The same retry path on the embedded engine, with the failure produced by the engine's write."""
    from search.engines.base import EngineUnavailable

    profile = ProviderProfileFactory()
    index_enqueue(kind=IndexKind.PROVIDER, ids=[profile.pk])
    engine = get_engine()

    def refuse(*args, **kwargs):
        raise EngineUnavailable("down for the test")

    monkeypatch.setattr(type(engine), "write", refuse)
    assert index_process_queue().failed == 1
    monkeypatch.undo()
    IndexQueueItem.objects.update(next_attempt_at=timezone.now())
    assert index_process_queue().written == 1
    assert profile.pk in engine.stored_versions(IndexKind.PROVIDER)


def test_backoff_grows_and_is_capped():
    assert backoff(1) == datetime.timedelta(seconds=2)
    assert backoff(3) == datetime.timedelta(seconds=8)
    assert backoff(20) == datetime.timedelta(minutes=5)


def test_unknown_kind_is_refused(db):
    with pytest.raises(ValueError, match="unknown index kind"):
        index_enqueue(kind="organisation", ids=[1])
