import pytest
from django.utils import translation

from .localstripe_server import LocalStripe
from .services import SERVICE_MARKERS, missing, service_missing, stripe_mock_path, unavailable_reason
from .stripe_mock_server import StripeMock


def pytest_runtest_setup(item):
    for name in SERVICE_MARKERS:
        if item.get_closest_marker(name):
            reason = unavailable_reason(name)
            if reason:
                service_missing(name, reason)


@pytest.fixture(autouse=True)
def _french():
    """Users see French first: every test runs with it active, so translated messages are exercised."""
    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Login throttling lives in the cache: each test starts with no failed attempts."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def localstripe_server():
    reason = unavailable_reason("stripe")
    if reason:
        missing(reason)
    server = LocalStripe()
    try:
        server.start()
    except RuntimeError as exc:
        missing(f"localstripe could not start: {exc}")
    yield server
    server.stop()


@pytest.fixture
def stripe_settings(settings, localstripe_server):
    """Point the app at the session's localstripe."""
    settings.STRIPE_API_BASE = localstripe_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_passerelle"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_passerelle"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_passerelle"
    return settings


@pytest.fixture(scope="session")
def stripe_mock_server():
    """Stripe's own mock server, for Connect (accounts, links, transfers, payouts), which localstripe lacks."""
    reason = unavailable_reason("stripe_mock")
    if reason:
        missing(reason)
    server = StripeMock(stripe_mock_path())
    try:
        server.start()
    except RuntimeError as exc:
        missing(f"stripe-mock could not start: {exc}")
    yield server
    server.stop()


@pytest.fixture
def stripe_connect_settings(settings, stripe_mock_server):
    """Point Connect calls at the session's stripe-mock (charges and refunds keep their own setting)."""
    settings.STRIPE_CONNECT_API_BASE = stripe_mock_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_passerelle"
    return settings


@pytest.fixture
def search_engine(db):
    """The configured search engine with empty indices, emptied again afterwards.

    The database engine's rows roll back with the test; a cluster keeps its indices, so they are dropped
    around the test (documents left by an earlier test would point at rows that no longer exist).
    """
    from search.engines import get_engine
    from search.models import IndexKind

    engine = get_engine()
    for kind in IndexKind.values:
        engine.drop(kind)
    yield engine
    for kind in IndexKind.values:
        engine.drop(kind)


@pytest.fixture
def index_now(search_engine, django_capture_on_commit_callbacks):
    """Index every queued change at once, as the task would after the commit: `index_now()` in a test."""
    from search.indexing import index_process_queue

    def run():
        report = index_process_queue()
        assert not report.failed, report.error
        return report

    return run


@pytest.fixture(scope="session", autouse=True)
def _empty_search_indices(django_db_setup, django_db_blocker):
    """A cluster outlives test runs: start from empty indices, so one run's documents never leak into the next."""
    from django.conf import settings

    if settings.SEARCH_ENGINE == "database":
        return
    from search.engines import get_engine
    from search.engines.base import EngineUnavailable
    from search.models import IndexKind

    engine = get_engine()
    try:
        for kind in IndexKind.values:
            engine.drop(kind)
    except EngineUnavailable:
        pass  # tests that need the engine skip or fail with their own message


def _commits(request) -> bool:
    """Whether the test's writes are committed (a transactional test, a live server), as pytest-django decides."""
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return "transactional_db" in request.fixturenames or "live_server" in request.fixturenames


@pytest.fixture(autouse=True)
def _cluster_indices_follow_the_database(request):
    """After each test, drop the documents it sent to the cluster: they outlive the test's rows.

    A test's rows are rolled back or flushed when it ends, but a cluster keeps its indices, and a test may
    write to them without asking for `search_engine` (a live server, a seed whose commit callbacks run, a
    command): the next test on this worker would then search documents of rows that no longer exist (the
    directory and the board answer from SQL only while nothing is indexed). Two small requests a test.
    Wagtail's indices are dropped after committed tests only: a module that seeds the resource centre once
    (tests/demo) searches the documents Wagtail wrote when its pages were saved, in every test of the module,
    and a cms test rebuilds the index it searches. The database engine's documents are rows.
    """
    yield
    from django.conf import settings

    if settings.SEARCH_ENGINE == "database":
        return
    from wagtail.search.backends import get_search_backend

    from search.engines import get_engine
    from search.engines.base import EngineUnavailable
    from search.models import IndexKind

    try:
        engine = get_engine()
        for kind in IndexKind.values:
            engine.drop(kind)
    except EngineUnavailable:
        return  # a test that stopped the cluster; the next test that needs it fails with its own message
    if not _commits(request):
        return
    resources = get_search_backend()
    for name in resources.es.indices.get(index=f"{resources.index_prefix}*"):
        resources.es.indices.delete(index=name)


@pytest.fixture(scope="session", autouse=True)
def _no_lingering_database_sessions(django_db_setup, django_db_blocker):
    """End PostgreSQL sessions other threads left open before pytest-django drops the test database.

    The browser tests' live server answers each request in a thread; a request the browser abandons
    when its test ends (a late asset, a poll) may still hold its connection when the run finishes, and
    DROP DATABASE then fails with "being accessed by other users", failing the last test. Set up
    after `django_db_setup`, this runs before its teardown.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's client logged in as a superuser, with the verified session the admin needs (second factor)."""
    from .second_factor import verified_login

    verified_login(client, admin_user)
    return client
