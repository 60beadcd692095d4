"""Writers submit, editors publish: the groups and workflow created by the cms migrations."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowState

from tests.factories import UserFactory

from .pages import make_article

pytestmark = pytest.mark.django_db


def member(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_groups_and_the_workflow_exist(home):
    workflow = Workflow.objects.get(name="Relecture éditoriale")
    assert home.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Éditeurs"]


def test_a_writer_can_draft_and_submit_but_not_publish(resource_index):
    writer = member("Rédacteurs")
    assert writer.has_perm("wagtailadmin.access_admin")
    permissions = resource_index.permissions_for_user(writer)
    assert permissions.can_add_subpage()
    article = make_article(resource_index, title="Guide Microsoft 365", slug="guide-m365", publish=False)
    assert not article.permissions_for_user(writer).can_publish()
    assert article.permissions_for_user(writer).can_edit()


def test_a_submission_needs_an_editor_to_publish(resource_index):
    writer, editor = member("Rédacteurs"), member("Éditeurs")
    article = make_article(resource_index, title="Guide Microsoft 365", slug="guide-m365", publish=False)
    article.save_revision(user=writer)

    state = article.get_workflow().start(article, writer)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(article, writer) == []
    assert [name for name, *_ in task.get_actions(article, editor)][:2] == ["reject", "approve"]
    article.refresh_from_db()
    assert not article.live

    task.on_action(task_state, editor, "approve")

    article.refresh_from_db()
    state.refresh_from_db()
    assert article.live
    assert state.status == WorkflowState.STATUS_APPROVED


def test_an_editor_can_publish_directly(resource_index):
    editor = member("Éditeurs")
    article = make_article(resource_index, title="Guide Canva", slug="guide-canva", publish=False)
    assert article.permissions_for_user(editor).can_publish()
