"""The demo for browser tests: seeded once per test process, then put back from a copy of its rows.

Why: a browser test runs on a transactional database that Django empties (flush) when the test ends, so each
of the thirty-odd browser tests that visit the demo used to run `seed_demo` again: a minute and a half on
PostgreSQL, most of CI's second run. The first such test of a process seeds the demo and copies every table;
the next ones empty the tables and insert the copied rows (a few seconds), then send the documents to the
configured search engine, as the seeder would have.

What the copy does not hold stays as the seeder left it: files it wrote (images, verification documents) are
never deleted by a flush.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from tests.migration_data import ensure_migration_data


@dataclass(frozen=True)
class TableCopy:
    table: str
    columns: tuple[str, ...]
    rows: list[tuple]


_copy: list[TableCopy] | None = None


def demo_database() -> None:
    """The demo on this test's database, whatever an earlier test left there (a flush, or its own rows)."""
    global _copy
    if _copy is None:
        from search.indexing import index_process_queue

        ensure_migration_data()
        call_command("seed_demo", verbosity=0)
        # Inside a test's transaction the seeder's final round of indexing waits for a commit that never comes:
        # send the queue now, so the copy holds the database engine's documents whatever test seeds first.
        index_process_queue()
        _copy = _copy_tables()
        return
    _restore(_copy)
    _reindex()


def _tables() -> list[str]:
    """The tables Django manages, those a flush empties (SQLite's full-text tables follow theirs by trigger)."""
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _copy_tables() -> list[TableCopy]:
    copies = []
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - a table name we listed
            columns = tuple(column[0] for column in cursor.description)
            copies.append(TableCopy(table=table, columns=columns, rows=cursor.fetchall()))
    return copies


def _restore(copies: list[TableCopy]) -> None:
    """Empty every table, insert the copied rows with their own ids, and move the id sequences past them.

    Foreign keys are checked at the end of the transaction on PostgreSQL (Django creates them deferred) and
    are switched off on SQLite while the rows go in, so the tables can be filled in any order.
    """
    quote = connection.ops.quote_name
    with connection.constraint_checks_disabled(), transaction.atomic():
        with connection.cursor() as cursor:
            for statement in connection.ops.sql_flush(no_style(), _tables(), allow_cascade=True):
                cursor.execute(statement)
            for copy in copies:
                if not copy.rows:
                    continue
                columns = ", ".join(quote(column) for column in copy.columns)
                marks = ", ".join(["%s"] * len(copy.columns))
                cursor.executemany(f"INSERT INTO {quote(copy.table)} ({columns}) VALUES ({marks})", copy.rows)  # noqa: S608
            models = apps.get_models(include_auto_created=True)
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    # Content types are cached by id in the process, and the flush before this test made new ones.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def _reindex() -> None:
    """What the seeder's last step and Wagtail's signals did: the rows' documents in the configured engines.

    The database engines' documents are rows, put back with the others; a cluster lost them when the earlier
    test's documents were dropped, and drops these when this test ends (tests/conftest.py).
    """
    if settings.SEARCH_ENGINE == "database":
        return
    from marketplace.models import Project, ProviderProfile
    from search.indexing import index_enqueue, index_process_queue
    from search.models import IndexKind

    index_enqueue(kind=IndexKind.PROVIDER, ids=ProviderProfile.objects.values_list("pk", flat=True))
    index_enqueue(kind=IndexKind.PROJECT, ids=Project.objects.values_list("pk", flat=True))
    index_process_queue()
    call_command("update_index", verbosity=0)
