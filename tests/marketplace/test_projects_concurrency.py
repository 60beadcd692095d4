"""Projects and quotes where exactly one of two simultaneous requests may win, on PostgreSQL with real threads,
and the row locks those rules rely on (SQLite ignores FOR UPDATE, so only PostgreSQL checks them)."""

import threading
import time

import pytest
from django.db import connection

from marketplace.errors import DomainError
from marketplace.models import Project, Proposal
from marketplace.models.organisations import Role
from marketplace.models.projects import ProjectState, ProposalState
from marketplace.services.projects import project_mark_delivered, project_start, projects_expire_overdue
from marketplace.services.proposals import proposal_accept, proposal_withdraw
from marketplace.services.reviews import review_create

from ..concurrency import race
from ..project_factories import (
    ProjectFactory,
    VerifiedAssociationFactory,
    awarded_project,
    in_days,
    member_of,
    quoting_provider,
    submit_proposal,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ALREADY_AWARDED = "Ce projet a déjà été attribué ou n'est plus ouvert."


def _refused(results):
    return [r for r in results if isinstance(r, DomainError)]


def _crashed(results):
    return [r for r in results if isinstance(r, Exception) and not isinstance(r, DomainError)]


@pytest.fixture
def asso():
    return VerifiedAssociationFactory(name="Les Amis du Quartier")


def test_two_managers_accepting_two_quotes_at_once_award_the_project_once(asso):
    owner, admin = member_of(asso, Role.OWNER), member_of(asso, Role.ADMIN)
    project = ProjectFactory(organisation=asso, published=True)
    first = submit_proposal(quoting_provider(), project)
    second = submit_proposal(quoting_provider(), project)

    results = race(
        lambda: proposal_accept(membership=owner, proposal_id=first.pk),
        lambda: proposal_accept(membership=admin, proposal_id=second.pk),
    )

    assert _crashed(results) == []
    winners = [r for r in results if isinstance(r, Proposal)]
    refused = _refused(results)
    assert len(winners) == 1 and len(refused) == 1
    assert refused[0].message == ALREADY_AWARDED
    winner = winners[0]
    loser = second if winner.pk == first.pk else first
    project.refresh_from_db()
    loser.refresh_from_db()
    assert (project.state, project.awarded_proposal_id) == (ProjectState.AWARDED, winner.pk)
    assert list(Proposal.objects.filter(state=ProposalState.ACCEPTED)) == [winner]
    assert (loser.state, loser.decline_reason) == (ProposalState.DECLINED, "Un autre devis a été retenu.")


def test_a_double_click_on_send_makes_one_quote(asso):
    project = ProjectFactory(organisation=asso, published=True)
    provider = quoting_provider()

    results = race(
        lambda: submit_proposal(provider, project),
        lambda: submit_proposal(provider, project),
    )

    assert _crashed(results) == []
    assert sum(isinstance(r, Proposal) for r in results) == 1
    refused = _refused(results)
    assert [r.message for r in refused] == ["Vous avez déjà envoyé un devis pour ce projet : modifiez-le plutôt."]
    proposal = Proposal.objects.get()
    assert proposal.versions.count() == 1


@pytest.mark.parametrize("attempt", range(3))
def test_expiry_racing_an_acceptance_leaves_a_consistent_project(asso, attempt):
    owner = member_of(asso, Role.OWNER)
    project = ProjectFactory(organisation=asso, published=True, answer_deadline=in_days(5))
    chosen = submit_proposal(quoting_provider(), project)
    other = submit_proposal(quoting_provider(), project)

    results = race(
        lambda: projects_expire_overdue(today=in_days(6)),
        lambda: proposal_accept(membership=owner, proposal_id=chosen.pk),
    )

    assert _crashed(results) == []
    expired_count, accepted = results
    project.refresh_from_db()
    chosen.refresh_from_db()
    other.refresh_from_db()
    if project.state == ProjectState.EXPIRED:
        assert expired_count == 1
        assert isinstance(accepted, DomainError) and accepted.message == ALREADY_AWARDED
        assert project.awarded_proposal_id is None
        reason = "Le projet a expiré sans être attribué."
        assert {(p.state, p.decline_reason) for p in (chosen, other)} == {(ProposalState.DECLINED, reason)}
    else:
        assert project.state == ProjectState.AWARDED
        assert expired_count == 0
        assert isinstance(accepted, Proposal)
        assert project.awarded_proposal_id == chosen.pk
        assert chosen.state == ProposalState.ACCEPTED
        assert (other.state, other.decline_reason) == (ProposalState.DECLINED, "Un autre devis a été retenu.")


def _wait_for_a_blocked_transaction(timeout=10.0):
    """Poll pg_locks (not cached per transaction, unlike pg_stat_activity) until some backend waits on a lock."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)


def test_a_withdrawal_during_an_acceptance_ends_cleanly(asso, monkeypatch):
    """The interleaving is forced: the acceptance locks the project; the withdrawal then locks its quote and waits
    for the project; only then does the acceptance decline the other open quotes, the withdrawn one included."""
    from marketplace.services import proposals as proposal_services

    owner = member_of(asso, Role.OWNER)
    project = ProjectFactory(organisation=asso, published=True)
    chosen = submit_proposal(quoting_provider(), project)
    leaving_provider = quoting_provider()
    leaving = submit_proposal(leaving_provider, project)
    project_locked = threading.Event()
    real_association_proposal, real_gettext = proposal_services._association_proposal, proposal_services._

    def association_proposal(membership, proposal_id):  # called by the acceptance right after locking the project
        project_locked.set()
        return real_association_proposal(membership, proposal_id)

    def gettext(message):
        if message == "Un autre devis a été retenu.":  # the other quotes are listed; next comes their update
            _wait_for_a_blocked_transaction()
        return real_gettext(message)

    monkeypatch.setattr(proposal_services, "_association_proposal", association_proposal)
    monkeypatch.setattr(proposal_services, "_", gettext)

    def withdraw():
        assert project_locked.wait(timeout=10), "the acceptance never locked the project"
        return proposal_withdraw(membership=leaving_provider, proposal_id=leaving.pk)

    withdrawn, accepted = race(withdraw, lambda: proposal_accept(membership=owner, proposal_id=chosen.pk))

    assert _crashed([withdrawn, accepted]) == []
    assert isinstance(accepted, Proposal)
    leaving.refresh_from_db()
    if isinstance(withdrawn, Proposal):
        assert leaving.state == ProposalState.WITHDRAWN
    else:
        assert withdrawn.message == "Ce devis ne peut plus être modifié."
        assert leaving.state == ProposalState.DECLINED


def test_a_project_is_awarded_to_one_quote_only_even_by_the_database(asso):
    """The partial unique index holds on PostgreSQL too, whatever the services do."""
    from django.db import IntegrityError

    project = ProjectFactory(organisation=asso, published=True)
    first = submit_proposal(quoting_provider(), project)
    second = submit_proposal(quoting_provider(), project)
    Proposal.objects.filter(pk=first.pk).update(state=ProposalState.ACCEPTED)

    with pytest.raises(IntegrityError):
        Proposal.objects.filter(pk=second.pk).update(state=ProposalState.ACCEPTED)

    assert Project.objects.get().proposals.filter(state=ProposalState.ACCEPTED).get() == first


def test_an_awarded_project_runs_to_its_review_on_postgresql():
    project, _proposal, association, provider = awarded_project()

    project_start(membership=association, project_id=project.pk)
    project_mark_delivered(membership=provider, project_id=project.pk)
    review = review_create(
        membership=association,
        project_id=project.pk,
        data={"quality": 5, "communication": 4, "deadlines": 4, "value": 5},
    )

    project.refresh_from_db()
    assert (project.state, str(review.rating)) == (ProjectState.DELIVERED, "4.50")
