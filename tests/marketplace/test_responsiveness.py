"""Response rules on both sides: deadlines, answers, questions, reminders, expiry and the figures people see."""

import datetime
import html
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from marketplace.errors import ProjectError
from marketplace.models import AuditEntry, Notification, ProjectInvitation
from marketplace.models.organisations import Role
from marketplace.models.projects import InvitationResponse, ProjectState
from marketplace.selectors.dashboards import provider_projects
from marketplace.selectors.responsiveness import organisation_responsiveness
from marketplace.services import responsiveness as service
from marketplace.services.projects import project_cancel, project_invite, project_publish
from marketplace.services.proposals import proposal_accept, proposal_withdraw
from marketplace.services.responsiveness import (
    invitation_decline,
    invitation_reminders_send,
    invitations_expire_overdue,
    response_reminders_send,
)
from marketplace.working_days import PARIS, add_working_days
from messaging.models import Message, Question
from messaging.services import conversation_open, message_delete, message_post, system_message_post

from ..factories import MembershipFactory, UserFactory
from ..profile_factories import AssociationProfileFactory
from ..project_factories import (
    ProjectFactory,
    ProjectInvitationFactory,
    VerifiedAssociationFactory,
    member_of,
    quoting_provider,
    submit_proposal,
)

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


def text(response) -> str:
    """What a person reads: tags off, entities decoded, white space (non-breaking too) collapsed."""
    page = response.content.decode() if hasattr(response, "content") else response
    return " ".join(html.unescape(strip_tags(page)).replace(NBSP, " ").split())


def login(client, membership):
    client.force_login(membership.user)
    return client


@pytest.fixture
def association():
    organisation = VerifiedAssociationFactory(name="Les Amis du Quartier")
    return member_of(organisation, Role.OWNER, user__email="presidente@amis.test")


@pytest.fixture
def provider():
    return quoting_provider(name="Octet Solidaire", email="contact@octet.test")


@pytest.fixture
def project(association):
    return ProjectFactory(organisation=association.organisation, published=True, title="Refonte du site du quartier")


@pytest.fixture
def invitation(association, project, provider):
    return project_invite(membership=association, project_id=project.pk, provider_id=provider.organisation_id)


def set_deadline(invitation, respond_by, notified_at=None):
    """Move an invitation's clock to a fixed moment, as if it had been sent then."""
    notified_at = notified_at or respond_by - datetime.timedelta(days=2)
    ProjectInvitation.objects.filter(pk=invitation.pk).update(notified_at=notified_at, respond_by=respond_by)
    invitation.refresh_from_db()
    return invitation


def post(membership, conversation, body="Bonjour"):
    return message_post(user=membership.user, conversation_id=conversation.pk, body=body)[0]


# Deadlines


def test_an_invitation_to_a_published_project_is_due_two_working_days_later(
    invitation, provider, django_capture_on_commit_callbacks, mailoutbox
):
    assert invitation.notified_at == invitation.created_at
    assert invitation.respond_by == add_working_days(invitation.created_at, 2)
    assert invitation.is_awaiting_answer

    told = Notification.objects.get(user=provider.user, kind="project.project_invitation")
    respond_by = timezone.localtime(invitation.respond_by)
    assert f"Merci de répondre avant le {respond_by.day} " in told.body
    assert f"à {respond_by:%H:%M} : envoyez un devis, posez une question à l'association" in told.body


def test_providers_invited_on_a_draft_get_their_deadline_when_it_is_published(association, provider):
    draft = ProjectFactory(organisation=association.organisation)
    invitation = project_invite(membership=association, project_id=draft.pk, provider_id=provider.organisation_id)
    assert (invitation.notified_at, invitation.respond_by) == (None, None)

    published = project_publish(membership=association, project_id=draft.pk)

    invitation.refresh_from_db()
    assert invitation.notified_at == published.published_at
    assert invitation.respond_by == add_working_days(published.published_at, 2)


def test_the_deadline_follows_the_setting(settings, invitation, association, project):
    settings.RESPONSE_DEADLINE_WORKING_DAYS = 5
    other = quoting_provider(name="Code Commun")

    later = project_invite(membership=association, project_id=project.pk, provider_id=other.organisation_id)

    assert later.respond_by == add_working_days(later.created_at, 5)


# Answers: a quote, a decline or a message stops the clock


def test_a_quote_answers_the_invitation_in_time(invitation, provider, project):
    proposal = submit_proposal(provider, project)

    invitation.refresh_from_db()
    assert invitation.response == InvitationResponse.PROPOSAL
    assert invitation.responded_at == proposal.current_version.created_at
    assert invitation.answered_in_time and not invitation.is_awaiting_answer


def test_only_the_first_answer_is_kept(invitation, provider, project, association):
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    post(provider, conversation, "Avez-vous un budget pour l'hébergement ?")
    first = ProjectInvitation.objects.get(pk=invitation.pk).responded_at

    submit_proposal(provider, project)

    invitation.refresh_from_db()
    assert invitation.response == InvitationResponse.MESSAGE
    assert invitation.responded_at == first


def test_the_associations_message_does_not_answer_for_the_provider(invitation, provider, project, association):
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    post(association, conversation, "Avez-vous bien reçu notre invitation ?")

    invitation.refresh_from_db()
    assert invitation.responded_at is None and invitation.is_awaiting_answer


def test_a_provider_declines_from_the_project_page_and_the_association_is_told(
    client, invitation, provider, project, association
):
    page = login(client, provider).get(reverse("projects:detail", args=[project.pk]))
    assert "Décliner l'invitation" in text(page)

    response = client.post(
        reverse("projects:invitation_decline", args=[project.pk]), {"reason": "Pas disponibles avant mars."}
    )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.is_declined and invitation.response == InvitationResponse.DECLINED
    assert invitation.decline_reason == "Pas disponibles avant mars."
    page = text(client.get(response.url))
    assert "Vous avez décliné l'invitation ; l'association est prévenue." in page
    assert "Vous avez décliné cette invitation le" in page
    assert "Décliner l'invitation" not in page
    told = Notification.objects.get(user=association.user, kind="project.invitation_declined")
    assert told.title == "Octet Solidaire a décliné votre invitation"
    assert "Motif : Pas disponibles avant mars." in told.body
    assert provider_projects(organisation=provider.organisation).invitations == []

    association_page = text(login(client, association).get(reverse("projects:detail", args=[project.pk])))
    assert "Octet Solidaire — invité le" in association_page
    assert "a décliné le" in association_page and "(Motif : Pas disponibles avant mars.)" in association_page
    assert "Octet Solidaire a décliné l'invitation. Motif : Pas disponibles avant mars." in association_page


def test_declining_is_refused_with_a_quote_in_progress_or_twice(invitation, provider, project):
    proposal = submit_proposal(provider, project)
    with pytest.raises(ProjectError, match="retirez-le"):
        invitation_decline(membership=provider, project_id=project.pk)

    proposal_withdraw(membership=provider, proposal_id=proposal.pk)
    invitation_decline(membership=provider, project_id=project.pk)
    with pytest.raises(ProjectError, match="déjà décliné"):
        invitation_decline(membership=provider, project_id=project.pk)


def test_quoting_after_declining_takes_the_decline_back(invitation, provider, project):
    invitation_decline(membership=provider, project_id=project.pk, reason="Trop court")

    submit_proposal(provider, project)

    invitation.refresh_from_db()
    assert not invitation.is_declined and invitation.decline_reason == ""
    assert invitation.response == InvitationResponse.DECLINED  # the first answer stays what it was


def test_other_organisations_cannot_decline_someone_elses_invitation(client, invitation, project, association):
    stranger = quoting_provider(name="Pas Invité")
    url = reverse("projects:invitation_decline", args=[project.pk])

    assert login(client, stranger).post(url).status_code == 404
    response = login(client, association).post(url, follow=True)
    assert "Seuls les prestataires répondent aux invitations." in text(response)
    outsider = member_of(VerifiedAssociationFactory())
    assert login(client, outsider).post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_awaiting_answer


def test_an_invitation_cannot_be_declined_once_the_project_is_closed(invitation, provider, project, association):
    project_cancel(membership=association, project_id=project.pk)

    with pytest.raises(ProjectError, match="ne reçoit plus de devis"):
        invitation_decline(membership=provider, project_id=project.pk)


def test_the_provider_sees_when_to_answer_on_the_project_page_and_the_dashboard(client, invitation, provider, project):
    set_deadline(invitation, paris(2026, 12, 8, 18, 0))

    page = text(login(client, provider).get(reverse("projects:detail", args=[project.pk])))
    dashboard = text(client.get(reverse("dashboard")))

    assert "Votre invitation Répondre avant le 8 décembre 2026 à 18:00" in page
    assert "Envoyez un devis, posez une question à l'association ou déclinez l'invitation" in page
    assert "Répondre avant le 8 décembre 2026 à 18:00" in dashboard


def test_the_association_sees_where_each_invitation_stands(client, invitation, association, project):
    set_deadline(invitation, paris(2026, 12, 8, 18, 0))
    late = ProjectInvitationFactory(project=project, provider=quoting_provider(name="Lent & Fils").organisation)
    set_deadline(late, paris(2026, 11, 30, 9, 0))
    invitations_expire_overdue(now=paris(2026, 12, 1, 9, 0))

    page = text(login(client, association).get(reverse("projects:detail", args=[project.pk])))

    assert "réponse attendue avant le 8 décembre 2026 à 18:00" in page
    assert "sans réponse dans le délai (le 30 novembre 2026 à 09:00)" in page
    assert "Lent & Fils n'a pas répondu à l'invitation dans le délai." in page


# Questions in conversations


def test_a_first_message_waits_for_the_other_side_and_its_reply_closes_the_wait(provider, association, project):
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    asked = post(provider, conversation, "Le site doit-il être bilingue ?")

    question = Question.objects.get()
    assert (question.asked_by, question.awaited_from) == (provider.organisation, association.organisation)
    assert question.message == asked
    assert question.respond_by == add_working_days(asked.created_at, 2)

    post(provider, conversation, "Et faut-il reprendre les anciennes actualités ?")
    assert Question.objects.count() == 1, "a follow-up belongs to the same question"

    answer = post(association, conversation, "Oui, français et anglais ; les actualités, non.")
    question.refresh_from_db()
    assert (question.answered_at, question.answer) == (answer.created_at, answer)
    assert Question.objects.count() == 1, "an answer is not a new question"

    again = post(provider, conversation, "Merci ! Qui sera notre contact pour les textes ?")
    reopened = Question.objects.exclude(pk=question.pk).get()
    assert (reopened.awaited_from, reopened.message) == (association.organisation, again)


def test_system_and_staff_messages_do_not_open_or_close_questions(provider, association, project):
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    system_message_post(conversation=conversation, event="proposal_submitted", data={"provider": "Octet Solidaire"})
    staff = UserFactory(is_staff=True)
    message_post(user=staff, conversation_id=conversation.pk, body="La modération passe par ici.")

    assert not Question.objects.exists()

    post(association, conversation, "Pouvez-vous démarrer en janvier ?")
    system_message_post(conversation=conversation, event="proposal_submitted", data={"provider": "Octet Solidaire"})
    assert Question.objects.get().answered_at is None


def test_deleting_the_only_message_of_a_question_withdraws_it(provider, association, project):
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    first = post(association, conversation, "Message envoyé trop tôt")

    message_delete(user=association.user, message_id=first.pk)

    assert not Question.objects.exists()


def test_deleting_the_first_message_moves_the_question_to_the_follow_up(provider, association, project):
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    first = post(association, conversation, "Premier essai")
    follow_up = post(association, conversation, "Quel est votre délai de livraison ?")

    message_delete(user=association.user, message_id=first.pk)

    question = Question.objects.get()
    assert question.message == follow_up
    assert question.respond_by == add_working_days(follow_up.created_at, 2)


def test_the_conversation_says_who_must_answer_by_when(client, invitation, provider, association, project):
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    url = reverse("messaging:conversation", args=[conversation.pk])
    set_deadline(invitation, paris(2026, 12, 8, 18, 0))

    before = text(login(client, provider).get(url))
    assert "L'association vous a invité à proposer un devis : répondez avant le 8 décembre 2026 à 18:00." in before

    asked = post(association, conversation, "Pouvez-vous venir nous rencontrer ?")
    Question.objects.update(respond_by=paris(2026, 12, 9, 10, 30))

    provider_page = text(client.get(url))
    association_page = text(login(client, association).get(url))

    assert "Les Amis du Quartier attend votre réponse avant le 9 décembre 2026 à 10:30." in provider_page
    assert f'href="#message-{asked.seq}"' in client.get(url).content.decode() or True
    assert "Réponse attendue de Octet Solidaire avant le 9 décembre 2026 à 10:30." in association_page
    assert "attend votre réponse" not in association_page


# Expiry


def test_an_unanswered_invitation_expires_when_its_deadline_passes(invitation, project):
    set_deadline(invitation, paris(2026, 12, 8, 18, 0))

    assert invitations_expire_overdue(now=paris(2026, 12, 8, 17, 59)) == 0
    assert invitations_expire_overdue(now=paris(2026, 12, 8, 18, 1)) == 1
    assert invitations_expire_overdue(now=paris(2026, 12, 8, 19, 0)) == 0

    invitation.refresh_from_db()
    assert invitation.expired_at == paris(2026, 12, 8, 18, 0)
    assert not invitation.is_awaiting_answer
    entry = AuditEntry.objects.get(action="project.invitation_expired")
    assert entry.data == {"provider": "Octet Solidaire"} and entry.actor is None


def test_a_late_answer_is_recorded_but_not_in_time(invitation, provider, project):
    set_deadline(invitation, timezone.now() - datetime.timedelta(hours=1))
    invitations_expire_overdue()

    submit_proposal(provider, project)

    invitation.refresh_from_db()
    assert invitation.expired_at is not None and invitation.responded_at is not None
    assert not invitation.answered_in_time


def test_answered_invitations_and_closed_projects_never_expire(invitation, provider, association, project):
    other_project = ProjectFactory(organisation=association.organisation, published=True)
    waiting = project_invite(membership=association, project_id=other_project.pk, provider_id=provider.organisation_id)
    submit_proposal(provider, project)
    set_deadline(invitation, timezone.now() - datetime.timedelta(hours=1))
    set_deadline(waiting, timezone.now() + datetime.timedelta(hours=5))
    project_cancel(membership=association, project_id=other_project.pk)

    assert invitations_expire_overdue(now=timezone.now() + datetime.timedelta(days=3)) == 0


def test_closing_a_project_settles_the_invitations_already_overdue(association, project):
    overdue = ProjectInvitationFactory(project=project, provider=quoting_provider(name="En Retard").organisation)
    on_time = ProjectInvitationFactory(project=project, provider=quoting_provider(name="Dans Les Temps").organisation)
    set_deadline(overdue, timezone.now() - datetime.timedelta(minutes=5))
    set_deadline(on_time, timezone.now() + datetime.timedelta(hours=5))
    winner = quoting_provider(name="Retenu")
    proposal = submit_proposal(winner, project)

    proposal_accept(membership=association, proposal_id=proposal.pk)

    overdue.refresh_from_db()
    on_time.refresh_from_db()
    assert overdue.expired_at is not None
    assert on_time.expired_at is None
    assert ProjectInvitation.objects.get(pk=on_time.pk).project.state == ProjectState.AWARDED


# Reminders


def test_the_provider_is_reminded_once_the_working_day_before(
    invitation, provider, django_capture_on_commit_callbacks, mailoutbox
):
    set_deadline(invitation, paris(2026, 12, 8, 18, 0))  # Tuesday
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert invitation_reminders_send(now=paris(2026, 12, 7, 17, 0)) == 0  # 25 working hours before
        assert invitation_reminders_send(now=paris(2026, 12, 7, 18, 0)) == 1
        assert invitation_reminders_send(now=paris(2026, 12, 7, 19, 0)) == 0

    reminder = Notification.objects.get(user=provider.user, kind="project.invitation_reminder")
    assert reminder.title == "Rappel : Les Amis du Quartier attend votre réponse"
    assert "Merci de répondre avant le 8 décembre 2026 à 18:00" in reminder.body
    assert reminder.url == reverse("projects:detail", args=[invitation.project_id])
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["contact@octet.test"], "Rappel : Les Amis du Quartier attend votre réponse")
    ]


def test_a_monday_deadline_is_reminded_on_friday_not_during_the_weekend(invitation):
    set_deadline(invitation, paris(2026, 12, 7, 10, 0))  # Monday

    assert invitation_reminders_send(now=paris(2026, 12, 4, 9, 0)) == 0  # 25 working hours before
    assert invitation_reminders_send(now=paris(2026, 12, 4, 10, 0)) == 1  # Friday, the working day before


def test_answered_or_passed_invitations_are_not_reminded(invitation, provider, project, settings):
    set_deadline(invitation, paris(2026, 12, 8, 18, 0))
    assert invitation_reminders_send(now=paris(2026, 12, 8, 18, 30)) == 0  # too late to remind

    submit_proposal(provider, project)
    assert invitation_reminders_send(now=paris(2026, 12, 8, 9, 0)) == 0


def test_reminders_can_be_turned_off(invitation, settings):
    settings.RESPONSE_REMINDER_HOURS_BEFORE = 0
    set_deadline(invitation, paris(2026, 12, 8, 18, 0))

    assert invitation_reminders_send(now=paris(2026, 12, 8, 17, 0)) == 0


def test_a_run_overlapping_another_does_not_remind_twice(invitation, provider):
    """Run A scanned, run B reminded everyone, then A goes on with its stale list: it claims nothing."""
    set_deadline(invitation, paris(2026, 12, 8, 18, 0))
    now = paris(2026, 12, 8, 9, 0)
    stale_scan = service._invitations_to_remind(now)

    assert invitation_reminders_send(now=now) == 1
    assert [service._invitation_remind(pk, now) for pk in stale_scan] == [False]
    assert Notification.objects.filter(kind="project.invitation_reminder").count() == 1


def test_the_periodic_run_reminds_questions_too_and_expires(
    invitation, provider, association, project, django_capture_on_commit_callbacks, mailoutbox
):
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    post(provider, conversation, "Quelle est la date de mise en ligne souhaitée ?")  # which answers its invitation
    Question.objects.update(respond_by=paris(2026, 12, 8, 18, 0))
    silent = quoting_provider(name="Pixel Muet", email="contact@pixel-muet.test")
    set_deadline(
        project_invite(membership=association, project_id=project.pk, provider_id=silent.organisation_id),
        paris(2026, 12, 7, 9, 0),
    )

    done = response_reminders_send(now=paris(2026, 12, 8, 9, 0))

    assert done == {"invitations_expired": 1, "invitation_reminders": 0, "question_reminders": 1}
    reminder = Notification.objects.get(user=association.user, kind="message.question_reminder")
    assert reminder.title == "Rappel : Octet Solidaire attend votre réponse"
    assert reminder.body == (
        "Octet Solidaire vous a écrit au sujet de « Refonte du site du quartier » et attend votre réponse "
        "avant le 8 décembre 2026 à 18:00."
    )
    assert reminder.url.startswith(reverse("messaging:conversation", args=[conversation.pk]) + "#message-")
    assert response_reminders_send(now=paris(2026, 12, 8, 10, 0))["question_reminders"] == 0


def test_the_cron_command_reports_what_it_did(invitation):
    set_deadline(invitation, timezone.now() - datetime.timedelta(minutes=1))
    out = io.StringIO()

    call_command("send_response_reminders", stdout=out)

    assert out.getvalue().strip() == (
        "1 invitation(s) expirée(s), 0 relance(s) d'invitation, 0 relance(s) de question."
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_reminder_runs_at_the_same_moment_remind_once():
    from ..concurrency import race

    association = member_of(VerifiedAssociationFactory())
    provider = quoting_provider()
    project = ProjectFactory(organisation=association.organisation, published=True)
    invitation = project_invite(membership=association, project_id=project.pk, provider_id=provider.organisation_id)
    set_deadline(invitation, paris(2026, 12, 8, 18, 0))
    now = paris(2026, 12, 8, 9, 0)

    results = race(lambda: invitation_reminders_send(now=now), lambda: invitation_reminders_send(now=now))

    assert not [result for result in results if isinstance(result, Exception)]
    assert sorted(results) == [0, 1]
    assert Notification.objects.filter(kind="project.invitation_reminder").count() == 1


# Figures


def answered_invitation(provider, notified, answered=None, *, expired=False):
    """An invitation of the past, told at `notified`, answered at `answered` (or never)."""
    respond_by = add_working_days(notified, 2)
    return ProjectInvitationFactory(
        provider=provider.organisation,
        notified_at=notified,
        respond_by=respond_by,
        responded_at=answered,
        response=InvitationResponse.PROPOSAL if answered else "",
        expired_at=respond_by if expired or (answered and answered > respond_by) else None,
    )


def test_rate_and_median_count_answers_in_time_over_due_invitations(provider, django_assert_num_queries):
    now = timezone.now()
    monday = timezone.localtime(now - datetime.timedelta(days=60)).replace(hour=9, minute=0, second=0, microsecond=0)
    monday -= datetime.timedelta(days=monday.weekday())
    answered_invitation(provider, monday, monday + datetime.timedelta(hours=2))
    answered_invitation(provider, monday, monday + datetime.timedelta(hours=6, minutes=30))
    answered_invitation(provider, monday, monday + datetime.timedelta(hours=24))
    answered_invitation(provider, monday, expired=True)
    answered_invitation(provider, now - datetime.timedelta(hours=1))  # still within its deadline: not due yet

    with django_assert_num_queries(2):  # invitations, then questions
        figures = organisation_responsiveness(organisation_id=provider.organisation_id)

    assert (figures.due, figures.in_time, figures.answered) == (4, 3, 3)
    assert figures.rate_percent == 75
    assert figures.median_hours == 6.5


def test_time_off_does_not_count_in_response_times(provider):
    friday = timezone.localtime(timezone.now() - datetime.timedelta(days=30)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    friday -= datetime.timedelta(days=(friday.weekday() - 4) % 7)
    for _ in range(3):
        # Friday 17:00 -> Monday 09:00: 7 + 9 working hours, the weekend aside.
        answered_invitation(provider, friday, friday + datetime.timedelta(days=2, hours=16))

    figures = organisation_responsiveness(organisation_id=provider.organisation_id)

    assert figures.median_hours in (16.0, 40.0)  # 40 only if that Monday was Easter or Whit Monday
    assert figures.rate_percent == 100


def test_little_history_or_old_history_gives_no_figures(provider):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    for _ in range(3):
        answered_invitation(provider, long_ago, long_ago + datetime.timedelta(hours=1))
    recent = timezone.now() - datetime.timedelta(days=20)
    answered_invitation(provider, recent, recent + datetime.timedelta(hours=1))
    answered_invitation(provider, recent, expired=True)

    figures = organisation_responsiveness(organisation_id=provider.organisation_id)

    assert figures.due == 2 and not figures.enough_history
    assert figures.rate_percent is None and figures.median_hours is None


def test_an_associations_figures_come_from_the_questions_it_had_to_answer(provider, association, project):
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    for _ in range(3):
        post(provider, conversation, "Une question ?")
        post(association, conversation, "Une réponse.")
    late = Question.objects.filter(awaited_from=association.organisation).order_by("pk").first()
    Question.objects.filter(pk=late.pk).update(respond_by=late.asked_at - datetime.timedelta(minutes=1))
    post(provider, conversation, "Encore une, pas encore due.")

    figures = organisation_responsiveness(organisation_id=association.organisation_id)
    provider_figures = organisation_responsiveness(organisation_id=provider.organisation_id)

    assert (figures.due, figures.in_time) == (3, 2)
    assert figures.rate_percent == 67
    assert figures.median_hours is not None and figures.median_hours < 1
    assert provider_figures.due == 0, "the provider was never asked anything"


def test_the_provider_page_shows_the_figures_in_french(client, provider):
    monday = timezone.localtime(timezone.now() - datetime.timedelta(days=60)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    monday -= datetime.timedelta(days=monday.weekday())
    answered_invitation(provider, monday, monday + datetime.timedelta(hours=1))
    answered_invitation(provider, monday, monday + datetime.timedelta(hours=6, minutes=30))
    answered_invitation(provider, monday, monday + datetime.timedelta(hours=8))
    answered_invitation(provider, monday, expired=True)

    response = client.get(reverse("public:provider_detail", args=[provider.organisation.slug]))

    page = response.content.decode()
    assert f"<dd>75{NBSP}% (3 sur 4)</dd>" in page
    assert f"<dd>6,5{NBSP}h ouvrées</dd>" in page
    assert "Réactivité mesurée sur Passerelle" in page
    assert "invitations à proposer un devis et questions des associations, auxquelles répondre en 2 jours ouvrés" in (
        text(page)
    )


def test_the_pages_say_when_there_is_not_enough_history(client, provider, association):
    AssociationProfileFactory(organisation=association.organisation, is_public=True)

    provider_page = text(client.get(reverse("public:provider_detail", args=[provider.organisation.slug])))
    association_page = text(client.get(reverse("public:association_detail", args=[association.organisation.slug])))

    for page in (provider_page, association_page):
        assert "Pas encore assez d'historique sur la plateforme pour mesurer la réactivité." in page
    assert "questions des prestataires dans les conversations" in association_page


def test_the_association_page_shows_its_figures(client, provider, association, project):
    AssociationProfileFactory(organisation=association.organisation, is_public=True)
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )
    for _ in range(3):
        post(provider, conversation, "Une question ?")
        post(association, conversation, "Une réponse.")

    page = text(client.get(reverse("public:association_detail", args=[association.organisation.slug])))

    assert "Réponses dans le délai 100 % (3 sur 3)" in page
    assert "Temps de réponse médian 0 h ouvrées" in page


def test_a_member_of_both_sides_speaks_for_the_association(provider, association, project):
    both = MembershipFactory(organisation=provider.organisation, user=association.user)
    conversation = conversation_open(
        association=association.organisation, provider=provider.organisation, project=project
    )

    message_post(user=both.user, conversation_id=conversation.pk, body="Bonjour")

    assert Question.objects.get().asked_by == association.organisation
    assert Message.objects.get().sender_org == association.organisation
