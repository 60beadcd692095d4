"""Training seats on PostgreSQL with real threads: two associations taking the last seat at once, one wins."""

import pytest

from billing.models.trainings import Registration
from billing.services.trainings import SessionFull, registration_hold
from marketplace.models import Membership

from ..concurrency import race
from .factories import TrainingSessionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_associations_taking_the_last_seat_at_once_exactly_one_wins(member, outsider):
    session = TrainingSessionFactory(capacity=3)
    first = Membership.objects.get(user=member)
    second = Membership.objects.get(user=outsider)
    registration_hold(
        membership=first,
        session_id=session.pk,
        participants=[{"first_name": f"P{n}", "last_name": "Amis", "email": f"p{n}@amis.test"} for n in range(2)],
    )

    results = race(
        lambda: registration_hold(
            membership=first,
            session_id=session.pk,
            participants=[{"first_name": "Ana", "last_name": "Lopez", "email": "ana@amis.test"}],
        ),
        lambda: registration_hold(
            membership=second,
            session_id=session.pk,
            participants=[{"first_name": "Zoé", "last_name": "Petit", "email": "zoe@voisin.test"}],
        ),
    )

    assert sum(isinstance(result, Registration) for result in results) == 1, results
    assert sum(isinstance(result, SessionFull) for result in results) == 1, results
    assert session.seats_taken() == 3
    assert session.seats_left() == 0
