""" "Poser une question": a verified association writes to a provider before any project, within a daily allowance,
and later attaches the conversation to the project the question became."""

import pytest
from django.core.cache import cache

from marketplace.models.organisations import Role
from messaging.models import Conversation
from messaging.services import DIRECT_QUESTIONS_PER_DAY

from ..project_factories import (
    AssociationFactory,
    ProjectFactory,
    ProviderFactory,
    VerifiedAssociationFactory,
    member_of,
    quoting_provider,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_allowance():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def association():
    return member_of(VerifiedAssociationFactory(name="Les Amis du Quartier"), Role.MEMBER)


@pytest.fixture
def provider():
    return quoting_provider(name="Octet Solidaire")


def ask(client, provider, **kwargs):
    return client.post(f"/messages/question/prestataire/{provider.organisation.pk}/", **kwargs)


def test_an_association_asks_a_provider_and_both_sides_read_the_conversation(client, association, provider):
    client.force_login(association.user)
    assert "Poser une question" in client.get(f"/prestataires/{provider.organisation.slug}/").content.decode()

    opened = ask(client, provider)
    conversation = Conversation.objects.get()
    assert opened["Location"].startswith(f"/messages/{conversation.pk}/")
    assert conversation.project is None
    client.post(f"/messages/{conversation.pk}/", {"body": "Faites-vous des sites accessibles RGAA ?"})
    # Asking again goes back to the same conversation.
    assert ask(client, provider)["Location"].startswith(f"/messages/{conversation.pk}/")
    assert Conversation.objects.count() == 1

    client.force_login(provider.user)
    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert "Faites-vous des sites accessibles RGAA ?" in page
    assert "Rattachez-y la conversation" not in page  # only the association attaches


def test_an_unverified_association_cannot_ask_and_is_told_why(client, provider):
    pending = member_of(AssociationFactory())
    client.force_login(pending.user)

    response = ask(client, provider, follow=True)

    assert "Votre association doit être vérifiée pour écrire aux prestataires" in response.content.decode()
    assert not Conversation.objects.exists()


def test_providers_and_unverified_providers_are_refused(client, association, provider):
    client.force_login(provider.user)
    other = quoting_provider()
    assert "Seules les associations" in ask(client, other, follow=True).content.decode()

    client.force_login(association.user)
    unverified = member_of(ProviderFactory())
    assert ask(client, unverified).status_code == 404
    assert client.post("/messages/question/prestataire/999999/").status_code == 404
    assert not Conversation.objects.exists()


def test_new_questions_are_limited_per_association_per_day(client, association):
    client.force_login(association.user)
    providers = [quoting_provider() for _ in range(DIRECT_QUESTIONS_PER_DAY + 1)]
    for provider in providers[:DIRECT_QUESTIONS_PER_DAY]:
        assert ask(client, provider).status_code == 302

    refused = ask(client, providers[-1], follow=True)

    assert "a déjà ouvert 10 conversations avec des prestataires aujourd" in refused.content.decode()
    assert Conversation.objects.count() == DIRECT_QUESTIONS_PER_DAY
    # Going back to a conversation already open is not a new question.
    assert ask(client, providers[0]).status_code == 302
    # A colleague of the same association shares the allowance.
    colleague = member_of(association.organisation, Role.MEMBER)
    client.force_login(colleague.user)
    assert "a déjà ouvert" in ask(client, providers[-1], follow=True).content.decode()


def test_the_association_attaches_the_question_to_its_project_once(client, association, provider):
    client.force_login(association.user)
    ask(client, provider)
    conversation = Conversation.objects.get()
    project = ProjectFactory(organisation=association.organisation, published=True, title="Refonte du site")
    foreign = ProjectFactory(organisation=VerifiedAssociationFactory(), published=True)

    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert "Refonte du site" in page
    assert client.post(f"/messages/{conversation.pk}/rattacher/", {"project": foreign.pk}).status_code == 404
    client.post(f"/messages/{conversation.pk}/rattacher/", {"project": project.pk})

    conversation.refresh_from_db()
    assert conversation.project == project
    again = client.post(f"/messages/{conversation.pk}/rattacher/", {"project": project.pk}, follow=True)
    assert "déjà rattachée à un projet" in again.content.decode()
    # The project's own conversation with that provider is now this one.
    opened = client.get(f"/messages/projet/{project.pk}/prestataire/{provider.organisation.pk}/")
    assert opened["Location"].startswith(f"/messages/{conversation.pk}/")


def test_another_association_cannot_attach_or_read_the_question(client, association, provider):
    client.force_login(association.user)
    ask(client, provider)
    conversation = Conversation.objects.get()
    stranger = member_of(VerifiedAssociationFactory())
    theirs = ProjectFactory(organisation=stranger.organisation, published=True)
    client.force_login(stranger.user)

    assert client.get(f"/messages/{conversation.pk}/").status_code == 404
    assert client.post(f"/messages/{conversation.pk}/rattacher/", {"project": theirs.pk}).status_code == 404
    conversation.refresh_from_db()
    assert conversation.project is None
