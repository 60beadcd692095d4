"""The demo's last step: every provider and project goes through the indexing queue.

The profiles seeder writes providers' profiles directly (no core signal), so without this the demo's
matches and directory search would start empty; projects announce themselves through the services, and
queuing them again is harmless. Queuing is idempotent: a second `seed_demo` queues again and indexes the
same documents, creating nothing.
"""

from marketplace.models import Project, ProviderProfile
from search.indexing import index_enqueue
from search.models import IndexKind

SEARCH_ORDER = 900


def seed_search(stdout) -> dict:
    providers = list(ProviderProfile.objects.values_list("pk", flat=True))
    projects = list(Project.objects.values_list("pk", flat=True))
    for start in range(0, len(providers), 5000):
        index_enqueue(kind=IndexKind.PROVIDER, ids=providers[start : start + 5000])
    for start in range(0, len(projects), 5000):
        index_enqueue(kind=IndexKind.PROJECT, ids=projects[start : start + 5000])
    stdout.write(f"search: {len(providers)} providers and {len(projects)} projects queued for indexing")
    return {}
