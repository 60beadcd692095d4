"""The demo seeded into an empty database: what the first run does, and what it must not do."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from demo import data, seeders
from marketplace.models import Membership, Notification, Organisation, Project, Skill, User
from marketplace.models.projects import ProposalState

from .conftest import seed
from .test_seed_demo import AWARDED_STATES


@pytest.fixture(autouse=True)
def private_files(demo_private_files):
    return demo_private_files


@pytest.fixture
def isolated_registry(monkeypatch):
    """Seeders registered by a test disappear with it."""
    monkeypatch.setattr(seeders, "_registry", dict(seeders._registry))


@pytest.mark.django_db
def test_seed_refuses_production_settings_unless_told(settings):
    settings.SETTINGS_MODULE = "config.settings.production"

    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.exists()

    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    assert User.objects.filter(email="staff@demo.test").exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("isolated_registry")
def test_a_failing_seeder_leaves_nothing_behind():
    def seed_broken(stdout):
        raise RuntimeError("boom")

    seeders.register_seeder("broken", seed_broken, order=200)

    with pytest.raises(RuntimeError):
        seed()
    assert not Organisation.objects.exists()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_projects_are_seeded_quietly(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seed()

    assert mailoutbox == []
    # In-app notifications only for the demo logins' organisations.
    demo_users = set(
        Membership.objects.filter(
            organisation__name__in=[data.DEMO_ASSOCIATION.name, data.DEMO_PROVIDER.name]
        ).values_list("user_id", flat=True)
    )
    notified = set(Notification.objects.values_list("user_id", flat=True))
    assert notified and notified <= demo_users
    assert not Notification.objects.filter(created_at__gt=timezone.now()).exists()


@pytest.mark.django_db
def test_projects_are_seeded_even_without_the_skill_taxonomy():
    # A transactional test flushes the taxonomy the migrations loaded; the demo must still be complete.
    Skill.objects.all().delete()

    seed()

    assert Project.objects.count() == len(data.PROJECTS)
    for project in Project.objects.filter(state__in=AWARDED_STATES):
        assert project.awarded_proposal.state == ProposalState.ACCEPTED
