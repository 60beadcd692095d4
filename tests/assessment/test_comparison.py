import pytest
from django.urls import reverse

from assessment.selectors import assessment_comparison

from .builders import association_member, build_version, take

pytestmark = pytest.mark.django_db


def _peers(version, count, **profile):
    for _ in range(count):
        take(association_member(**profile), version, {"equipment": "Oui"}, default="Non")


def test_peers_are_shown_only_from_ten_similar_associations(client):
    version = build_version()
    me = association_member()
    mine = take(me, version, default="En partie")
    _peers(version, 9)
    # Different bracket or field of action: not peers.
    _peers(version, 2, budget_bracket="gt5m")
    _peers(version, 2, field_of_action="sport")
    comparison = assessment_comparison(assessment=mine)
    assert comparison.group_size == 9 and not comparison.is_shown and comparison.averages == {}
    client.force_login(me.user)
    page = client.get(reverse("assessment:result", args=[mine.pk])).content.decode()
    assert "quand au moins 10" in page
    assert "Associations comparables" not in page

    _peers(version, 1)
    comparison = assessment_comparison(assessment=mine)
    assert comparison.is_shown and comparison.group_size == 10
    assert comparison.averages == {"equipment": 100, "collaboration": 0, "skills": 0}
    page = client.get(reverse("assessment:result", args=[mine.pk])).content.decode()
    assert "Comparaison avec 10 associations" in page
    assert "Associations comparables" in page


def test_each_association_counts_once_with_its_latest_assessment():
    version = build_version()
    mine = take(association_member(), version)
    peers = [association_member() for _ in range(9)]
    for peer in peers:
        take(peer, version, default="Non")
        take(peer, version, default="Oui")  # retaken: only this one counts
    comparison = assessment_comparison(assessment=mine)
    assert comparison.group_size == 9 and not comparison.is_shown
    take(association_member(), version)
    comparison = assessment_comparison(assessment=mine)
    assert comparison.group_size == 10
    assert comparison.overall == 100


def test_the_threshold_is_a_setting(settings):
    settings.ASSESSMENT_MIN_GROUP_SIZE = 3
    version = build_version()
    mine = take(association_member(), version)
    _peers(version, 3)
    assert assessment_comparison(assessment=mine).is_shown
