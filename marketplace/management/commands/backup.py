from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from marketplace import conf
from marketplace.backups import BackupError, backup_create


class Command(BaseCommand):
    requires_system_checks = []  # an operator's tool: it must run even when a check would fail
    help = (
        "Write one archive of the database (a consistent snapshot) and of the media files, public and private, "
        "with the SHA-256 of each in manifest.json. The site may keep running."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="the archive to write (default: var/backups/passerelle-<date>.tar.gz); never overwritten",
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            output = Path(conf.base_dir()) / "var" / "backups" / f"passerelle-{stamp}.tar.gz"
        try:
            manifest = backup_create(output=Path(output))
        except BackupError as error:
            raise CommandError(error.message, returncode=error.exit_code) from error
        self.stdout.write(f"{output} : base {manifest['engine']}, {len(manifest['files']) - 1} fichier(s).")
