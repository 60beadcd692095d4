"""`manage.py search_index`: rebuild behind an alias, drift check with its exit code, queue processing."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search.engines import get_engine
from search.models import IndexKind
from tests.profile_factories import ProviderProfileFactory
from tests.project_factories import ProjectFactory


def run(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("search_index", *args, stdout=out, stderr=out)
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


def test_rebuild_indexes_everything_with_progress_and_swaps_the_alias(search_engine):
    providers = [ProviderProfileFactory() for _ in range(3)]
    ProjectFactory(published=True)
    ProjectFactory()  # a draft: not indexed
    code, output = run("--rebuild")
    assert code == 0
    assert "provider [" in output and "3/3" in output and "alias swapped" in output
    assert set(search_engine.stored_versions(IndexKind.PROVIDER)) == {p.pk for p in providers}
    assert len(search_engine.stored_versions(IndexKind.PROJECT)) == 1
    # A second rebuild replaces the index: still every document, once.
    run("--rebuild", "--kind", "provider")
    assert set(search_engine.stored_versions(IndexKind.PROVIDER)) == {p.pk for p in providers}


def test_check_reports_missing_stale_and_extra_and_exits_non_zero(search_engine):
    kept, changed, removed = (ProviderProfileFactory() for _ in range(3))
    run("--rebuild", "--kind", "provider")
    assert run("--check", "--kind", "provider")[0] == 0
    missing = ProviderProfileFactory()
    changed.presentation = "Autre chose"
    changed.save()
    removed_pk = removed.pk
    removed.organisation.delete()
    code, output = run("--check", "--kind", "provider")
    assert code == 1
    assert f"1 missing: {missing.pk}" in output
    assert f"1 stale: {changed.pk}" in output
    assert f"1 extra: {removed_pk}" in output
    assert "--rebuild" in output


def test_engine_option_picks_the_engine(search_engine, settings):
    ProviderProfileFactory()
    code, output = run("--rebuild", "--engine", "database", "--kind", "provider")
    assert code == 0 and "on database" in output


def test_an_unreachable_engine_is_a_clear_error(db, settings):
    settings.SEARCH_URLS = ["http://127.0.0.1:9"]
    with pytest.raises(CommandError, match="did not answer"):
        call_command("search_index", "--check", "--engine", "opensearch", stdout=io.StringIO())


def test_an_action_is_required(db):
    with pytest.raises(CommandError):
        call_command("search_index", stdout=io.StringIO())


def test_process_sends_the_queue(search_engine):
    from search.indexing import index_enqueue

    profile = ProviderProfileFactory()
    index_enqueue(kind=IndexKind.PROVIDER, ids=[profile.pk])
    code, output = run("--process")
    assert code == 0 and "written 1" in output
    assert profile.pk in get_engine().stored_versions(IndexKind.PROVIDER)
