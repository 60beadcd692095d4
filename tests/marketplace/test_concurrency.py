"""Rules where exactly one of two simultaneous requests may win, checked on PostgreSQL with real threads."""

import pytest

from marketplace.errors import DomainError
from marketplace.models import Membership
from marketplace.models.organisations import Role
from marketplace.services.organisations import invitation_accept, invitation_create, membership_remove
from marketplace.tokens import secret_hash

from ..concurrency import race
from ..factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_owners_leaving_at_once_leave_one_owner_behind():
    organisation = OrganisationFactory()
    first = MembershipFactory(organisation=organisation, role=Role.OWNER)
    second = MembershipFactory(organisation=organisation, role=Role.OWNER)

    results = race(
        lambda: membership_remove(actor=first, membership_id=first.pk),
        lambda: membership_remove(actor=second, membership_id=second.pk),
    )

    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(refused) == 1
    assert "au moins un propriétaire" in refused[0].message
    assert Membership.objects.filter(organisation=organisation, role=Role.OWNER).count() == 1


def test_an_invitation_clicked_twice_at_once_makes_one_membership(monkeypatch):
    organisation = OrganisationFactory()
    owner = MembershipFactory(organisation=organisation, role=Role.OWNER)
    invitee = UserFactory(email="nouvelle@exemple.org")
    monkeypatch.setattr("marketplace.services.organisations.new_secret", lambda: "lien-unique")
    invitation = invitation_create(membership=owner, email=invitee.email, role=Role.MEMBER)
    assert invitation.token_hash == secret_hash("lien-unique")

    results = race(
        lambda: invitation_accept(token="lien-unique", user=invitee),
        lambda: invitation_accept(token="lien-unique", user=invitee),
    )

    assert sum(isinstance(r, Membership) for r in results) == 1
    assert sum(isinstance(r, DomainError) for r in results) == 1
    assert Membership.objects.filter(organisation=organisation, user=invitee).count() == 1
