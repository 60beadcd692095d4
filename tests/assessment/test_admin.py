"""Editors manage the questionnaire in the Wagtail admin; a published version no longer changes."""

import html

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from assessment.models import Question, QuestionnaireVersion, VersionStatus
from tests.factories import UserFactory
from tests.second_factor import verified_login

from .builders import association_member, build_version, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Éditeurs"))
    verified_login(client, user)
    return user


def test_editors_list_versions_and_questions(client, editor):
    build_version()
    assert client.get(reverse("assessment_versions:index")).status_code == 200
    page = client.get(reverse("assessment_questions:index")).content.decode()
    assert "Question 1 sur équipement et réseaux ?" in page


def test_a_published_version_and_its_questions_cannot_be_edited_or_deleted(client, editor):
    version = build_version()
    question = Question.objects.filter(axis__version=version).first()
    for url in (
        reverse("assessment_versions:edit", args=[version.pk]),
        reverse("assessment_versions:delete", args=[version.pk]),
        reverse("assessment_questions:edit", args=[question.pk]),
        reverse("assessment_questions:delete", args=[question.pk]),
    ):
        response = client.post(url, {"text": "Changée ?"}, follow=True)
        assert "n'est plus un brouillon" in html.unescape(response.content.decode()), url
    question.refresh_from_db()
    assert question.text == "Question 1 sur équipement et réseaux ?"
    assert QuestionnaireVersion.objects.filter(pk=version.pk).exists()


def test_editors_copy_a_version_edit_the_draft_and_publish_it(client, editor):
    version = build_version()
    take(association_member(), version)
    response = client.post(reverse("assessment_version_actions:copy", args=[version.pk]))
    draft = QuestionnaireVersion.objects.get(status=VersionStatus.DRAFT)
    assert response.url == reverse("assessment_versions:edit", args=[draft.pk])
    question = Question.objects.filter(axis__version=draft, key="equipment-0").get()
    edit = client.get(reverse("assessment_questions:edit", args=[question.pk]))
    assert edit.status_code == 200
    # Confirm first (GET changes nothing), then publish.
    assert client.get(reverse("assessment_version_actions:publish", args=[draft.pk])).status_code == 200
    assert QuestionnaireVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT
    client.post(reverse("assessment_version_actions:publish", args=[draft.pk]))
    draft.refresh_from_db()
    version.refresh_from_db()
    assert (draft.status, version.status) == (VersionStatus.PUBLISHED, VersionStatus.RETIRED)


def test_publishing_an_incomplete_draft_says_why(client, editor):
    build_version()
    empty = QuestionnaireVersion.objects.create(name="Vide")
    response = client.post(reverse("assessment_version_actions:publish", args=[empty.pk]), follow=True)
    assert "Ajoutez au moins un axe" in html.unescape(response.content.decode())
    assert QuestionnaireVersion.objects.get(pk=empty.pk).status == VersionStatus.DRAFT


def test_people_without_the_permission_cannot_copy_or_publish(client):
    version = build_version()
    verified_login(client, UserFactory(is_staff=True))
    response = client.post(reverse("assessment_version_actions:copy", args=[version.pk]))
    assert response.status_code in (302, 403)
    assert QuestionnaireVersion.objects.count() == 1
