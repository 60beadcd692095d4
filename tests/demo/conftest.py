"""One seeded demo per test module, instead of one per test.

Seeding the whole demo takes seconds; most tests only read it, or change it
and seed again. `seeded_demo` seeds once per module inside a transaction that
is rolled back when the module ends; each test runs in a savepoint inside it
(pytest-django's own per-test atomic block), so what a test changes is gone
before the next one. The module's later tests all see the seeded demo: tests
that need an empty database live in a module that never asks for it.
"""

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import transaction

from marketplace.models.verification import private_storage


@dataclass(frozen=True)
class SeededDemo:
    output: str  # what `seed_demo` printed
    private_files: Path  # where the verification documents it wrote are


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_private_files(tmp_path_factory):
    """Documents the seed writes land in the module's own directory, not in the shared test storage."""
    location = tmp_path_factory.mktemp("private")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(private_storage, "_wrapped", FileSystemStorage(location=location))
        yield location


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker, demo_private_files) -> SeededDemo:
    with django_db_blocker.unblock(), transaction.atomic():
        demo = SeededDemo(output=seed(), private_files=demo_private_files)
        yield demo
        transaction.set_rollback(True)
