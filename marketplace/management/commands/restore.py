from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marketplace.backups import BackupError, backup_restore


class Command(BaseCommand):
    requires_system_checks = []  # an operator's tool: it must run even when a check would fail
    help = (
        "Restore an archive written by `backup` into the configured database (DATABASE_URL) and media "
        "directories (MEDIA_ROOT, PRIVATE_MEDIA_ROOT), after checking every checksum. Refuses a database or "
        "directory that already holds data unless --force is given (exit code 3); a damaged archive exits with 4."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by `backup`")
        parser.add_argument(
            "--force", action="store_true", help="replace the data already in the database and media directories"
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            manifest = backup_restore(archive=Path(archive), force=force)
        except BackupError as error:
            raise CommandError(error.message, returncode=error.exit_code) from error
        self.stdout.write(
            f"{archive} restaurée : base {manifest['engine']}, {len(manifest['files']) - 1} fichier(s) vérifié(s)."
        )
