from pathlib import Path

import pytest

from .pages import make_article, make_event_index, make_resource_index

# Wagtail 8's rendition generation leaves a SpooledTemporaryFile for the
# garbage collector (wagtail/images/models.py, generate_rendition_file); with
# filterwarnings=error its ResourceWarning would fail any test that renders an
# image. Accepted here for this folder only, until pyproject.toml lists it.
RENDITION_WARNING = "ignore::pytest.PytestUnraisableExceptionWarning"
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.filterwarnings(RENDITION_WARNING))


@pytest.fixture
def home():
    from cms.models import HomePage

    return HomePage.objects.get(locale__language_code="fr")


@pytest.fixture
def resource_index(home):
    return make_resource_index(home)


@pytest.fixture
def event_index(home):
    return make_event_index(home)


@pytest.fixture
def article(resource_index):
    return make_article(resource_index, title="Sécuriser ses mots de passe", themes=["cybersecurite"])
