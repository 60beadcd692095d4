import pytest
from django.utils import translation

from .localstripe_server import LocalStripe
from .services import SERVICE_MARKERS, missing, unavailable_reason


def pytest_runtest_setup(item):
    for name in SERVICE_MARKERS:
        if item.get_closest_marker(name):
            reason = unavailable_reason(name)
            if reason:
                missing(reason)


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
