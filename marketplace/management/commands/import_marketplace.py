"""`manage.py import_marketplace FILE.jsonl`: load associations, providers and projects from a partner's file."""

import time

from django.core.management.base import BaseCommand, CommandError

from ...services.imports import KINDS, MarketplaceImportError, marketplace_import

KIND_LABELS = {"association": "associations", "provider": "prestataires", "project": "projets"}


class Command(BaseCommand):
    help = (
        "Importe un fichier JSON Lines d'associations, de prestataires et de projets (une ligne par objet, "
        "clé « ref »). Réimporter met à jour sans dupliquer. Tout ou rien, sauf avec --partial."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier .jsonl (UTF-8), une ligne JSON par objet.")
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Refuser les compétences inconnues de la taxonomie au lieu de les créer (non relues).",
        )
        parser.add_argument(
            "--partial",
            action="store_true",
            help="Enregistrer les lignes valides même si d'autres sont refusées.",
        )

    def handle(self, *args, file, strict=False, partial=False, verbosity=1, **options):
        started = time.monotonic()
        try:
            with open(file, encoding="utf-8-sig") as lines:
                result = marketplace_import(lines=lines, strict=strict, partial=partial)
        except OSError as exc:
            raise CommandError(f"Lecture impossible de {file} : {exc.strerror or exc}") from exc
        except MarketplaceImportError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from exc
        for error in result.errors:
            self.stderr.write(str(error))
        if verbosity:
            self._summary(result, time.monotonic() - started)

    def _summary(self, result, seconds: float) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"Import terminé en {seconds:.1f} s"))
        for kind in KINDS:
            self.stdout.write(
                f"  {KIND_LABELS[kind]} : {result.created[kind]} créé(e)s, {result.updated[kind]} mis(es) à jour"
            )
        if result.new_skills:
            self.stdout.write(
                f"  compétences inconnues créées, à relire : {len(result.new_skills)} "
                f"({', '.join(result.new_skills[:10])}{'…' if len(result.new_skills) > 10 else ''})"
            )
        if result.errors:
            self.stdout.write(self.style.WARNING(f"  lignes refusées : {len(result.errors)} (voir ci-dessus)"))
