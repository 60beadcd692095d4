"""`manage.py search_index`: rebuild, check or catch up the search indices."""

import sys

from django.core.management.base import BaseCommand, CommandError

from search.engines import ENGINE_NAMES, get_engine
from search.engines.base import EngineUnavailable
from search.indexing import index_process_queue, index_retry_now
from search.maintenance import index_check, index_rebuild
from search.models import IndexKind


class Command(BaseCommand):
    help = (
        "Rebuild the search indices behind their alias (--rebuild), compare them with the database (--check, "
        "exit code 1 on drift), or send the indexing queue now (--process)."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true", help="Write new indices and swap the aliases.")
        action.add_argument("--check", action="store_true", help="Report missing, stale and extra documents.")
        action.add_argument("--process", action="store_true", help="Send every queued change now.")
        parser.add_argument("--engine", choices=ENGINE_NAMES, help="Engine to work on (default: SEARCH_ENGINE).")
        parser.add_argument("--kind", choices=IndexKind.values, help="Only this index (default: both).")

    def handle(self, *args, **options):
        engine = get_engine(options["engine"])
        kinds = [options["kind"]] if options["kind"] else list(IndexKind.values)
        try:
            if options["rebuild"]:
                self._rebuild(engine, kinds)
            elif options["check"]:
                self._check(engine, kinds)
            else:
                self._process()
        except EngineUnavailable as exc:
            raise CommandError(f"The {engine.name} search engine did not answer: {exc}") from exc

    def _progress(self, kind: str):
        interactive = self.stdout.isatty() if hasattr(self.stdout, "isatty") else False

        def show(done: int, total: int) -> None:
            width = 30
            filled = width if not total else int(width * done / total)
            line = f"{kind:>8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
            self.stdout.write(("\r" + line) if interactive else line, ending="" if interactive else "\n")

        return show

    def _rebuild(self, engine, kinds):
        for kind in kinds:
            try:
                count = index_rebuild(engine=engine, kind=kind, on_batch=self._progress(kind))
            except EngineUnavailable as exc:
                raise CommandError(
                    f"The {kind} rebuild on {engine.name} failed and was undone: searches still use the index they "
                    f"used before. {exc}"
                ) from exc
            if not count:
                self._progress(kind)(0, 0)
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"{kind}: {count} documents indexed on {engine.name}, alias swapped."))

    def _check(self, engine, kinds):
        drifted = False
        for kind in kinds:
            drift = index_check(engine=engine, kind=kind)
            if drift.clean:
                self.stdout.write(self.style.SUCCESS(f"{kind}: index matches the database."))
                continue
            drifted = True
            for label, ids in (("missing", drift.missing), ("stale", drift.stale), ("extra", drift.extra)):
                if ids:
                    shown = ", ".join(map(str, ids[:20])) + (" ..." if len(ids) > 20 else "")
                    self.stdout.write(f"{kind}: {len(ids)} {label}: {shown}")
        if drifted:
            self.stderr.write("The index drifted from the database: run `manage.py search_index --rebuild`.")
            sys.exit(1)

    def _process(self):
        index_retry_now()
        report = index_process_queue()
        self.stdout.write(f"written {report.written}, removed {report.removed}, remaining {report.remaining}")
        if report.failed:
            raise CommandError(f"The engine refused {report.failed} changes: {report.error}")
