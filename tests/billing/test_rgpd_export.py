"""Billing's part of a person's archive: the orders they placed; not a colleague's, not another organisation's."""

import pytest

from billing.models import Order
from billing.personal_data import billing_export_section
from marketplace.models.organisations import Role

from ..project_factories import VerifiedAssociationFactory, member_of

pytestmark = pytest.mark.django_db


def test_the_person_gets_the_orders_they_placed_only():
    association = VerifiedAssociationFactory(name="Les Amis du Quartier")
    alice = member_of(association, Role.MEMBER).user
    colleague = member_of(association, Role.OWNER).user
    other = VerifiedAssociationFactory(name="Club Sportif Voisin")
    stranger = member_of(other, Role.OWNER).user
    Order.objects.create(organisation=association, payment_method="card", created_by=alice, number="C-ALICE")
    Order.objects.create(organisation=association, payment_method="card", created_by=colleague, number="C-COLLEGUE")
    Order.objects.create(organisation=other, payment_method="transfer", created_by=stranger, number="C-VOISIN")

    data = billing_export_section(alice).data
    assert [order["number"] for order in data["orders_placed"]] == ["C-ALICE"]
    assert data["orders_placed"][0]["organisation"] == "Les Amis du Quartier"
    assert "C-COLLEGUE" not in str(data) and "C-VOISIN" not in str(data) and "Club Sportif" not in str(data)
