import hashlib
import hmac
import json
import time

import pytest
from django.utils import timezone

from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus

from ..factories import MembershipFactory, OrganisationFactory, UserFactory
from ..profile_factories import AssociationProfileFactory
from .factories import ProductFactory


@pytest.fixture
def association(db):
    """A verified association with a 10-50 k€ budget: it gets the grid's solidarity prices."""
    organisation = OrganisationFactory(
        kind=OrganisationKind.ASSOCIATION,
        name="Les Amis du Quartier",
        verification_status=VerificationStatus.VERIFIED,
        verified_at=timezone.now(),
    )
    AssociationProfileFactory(organisation=organisation, siret="12345678900011")
    return organisation


@pytest.fixture
def unverified_association(db):
    organisation = OrganisationFactory(kind=OrganisationKind.ASSOCIATION, name="Nouvelle Asso")
    AssociationProfileFactory(organisation=organisation)
    return organisation


@pytest.fixture
def member(association):
    return MembershipFactory(organisation=association, role=Role.MEMBER, user__email="member@amis.test").user


@pytest.fixture
def other_association(db):
    organisation = OrganisationFactory(
        kind=OrganisationKind.ASSOCIATION, name="Club Voisin", verification_status=VerificationStatus.VERIFIED
    )
    AssociationProfileFactory(organisation=organisation)
    return organisation


@pytest.fixture
def outsider(other_association):
    return MembershipFactory(organisation=other_association, role=Role.OWNER, user__email="boss@voisin.test").user


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@passerelle.test", is_staff=True, is_superuser=True)


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def product(db):
    return ProductFactory(code="m365", name="Microsoft 365 Business Premium")


WEBHOOK_SECRET = "whsec_passerelle"  # the stripe_settings fixture's


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """A Stripe-Signature header as Stripe computes it."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signed}"


@pytest.fixture
def post_event(client):
    """POST a signed Stripe event to the webhook; `post_event("evt_1", "payment_intent.succeeded", {"id": ...})`."""

    def post(event_id, event_type, obj, *, secret=WEBHOOK_SECRET, signature=None):
        payload = json.dumps(
            {"id": event_id, "object": "event", "type": event_type, "data": {"object": obj}, "created": 1}
        ).encode()
        return client.post(
            "/billing/stripe/webhook/",
            data=payload,
            content_type="application/json",
            headers={"Stripe-Signature": signature if signature is not None else sign(payload, secret)},
        )

    return post


@pytest.fixture
def finance(db):
    """Platform staff in the "Finance" group the billing migration creates (not a superuser)."""
    from django.contrib.auth.models import Group

    user = UserFactory(email="finance@passerelle.test", is_staff=True)
    user.groups.add(Group.objects.get(name="Finance"))
    return user


@pytest.fixture
def editor(db):
    """A Wagtail editor of the resource centre: staff, in the cms "Éditeurs" group, nothing about money."""
    from django.contrib.auth.models import Group

    user = UserFactory(email="editrice@passerelle.test", is_staff=True)
    user.groups.add(Group.objects.get(name="Éditeurs"))
    return user
