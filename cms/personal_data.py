"""The resource centre's part of a person's data, and the retention of its search log.

Registered in `CmsConfig.ready()` (see `marketplace.personal_data`). Editors' pages stay published after
their account goes (Wagtail sets their owner and revisions' author to null, and its history shows
"deleted user"); visitors' searches are counted by day without who searched, and deleted after
`RETENTION_SEARCH_LOGS_DAYS`.
"""

from datetime import datetime

from django.db import transaction
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import Page, Revision

from marketplace.personal_data import ExportSection

from . import conf


def _when(value):
    return value.isoformat() if value else None


def cms_export_section(user) -> ExportSection:
    pages = [
        {"title": page.title, "url_path": page.url_path, "first_published_at": _when(page.first_published_at)}
        for page in Page.objects.filter(owner=user).order_by("pk")
    ]
    revisions = [
        {"object": revision.object_str, "created_at": _when(revision.created_at)}
        for revision in Revision.objects.filter(user=user).order_by("pk")
    ]
    return ExportSection(data={"pages_owned": pages, "revisions_written": revisions})


@transaction.atomic
def search_logs_purge(now: datetime) -> int:
    """Daily search counts older than the set time, then the searches left with no count and no promotion."""
    cutoff = now.date() - conf.search_logs_retention()
    deleted = QueryDailyHits.objects.filter(date__lt=cutoff).delete()[0]
    orphans = Query.objects.filter(daily_hits__isnull=True, editors_picks__isnull=True)
    return deleted + orphans.delete()[0]
