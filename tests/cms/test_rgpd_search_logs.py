"""The resource centre's search log (counts by day, without who searched) is kept for a set time only."""

from datetime import timedelta

from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from marketplace.services.personal_data import retention_purge


def test_old_search_counts_go_and_searches_left_without_counts_with_them(db, settings):
    settings.RETENTION_SEARCH_LOGS_DAYS = 365
    today = timezone.now().date()
    old = Query.get("tableur")
    old.add_hit(date=today - timedelta(days=400))
    both = Query.get("site internet")
    both.add_hit(date=today - timedelta(days=400))
    both.add_hit(date=today - timedelta(days=3))

    retention_purge()
    assert not Query.objects.filter(pk=old.pk).exists()
    assert list(QueryDailyHits.objects.filter(query=both).values_list("date", flat=True)) == [today - timedelta(days=3)]
