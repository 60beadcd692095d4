from django.core.management.base import BaseCommand

from marketplace.services.personal_data import retention_purge


class Command(BaseCommand):
    help = (
        "Delete what is kept no longer than its retention period (RETENTION_* settings): supporting documents, "
        "unconfirmed accounts, search logs, expired data archives and sessions. Run daily from cron."
    )

    def handle(self, *args, **options):
        for name, count in retention_purge().items():
            self.stdout.write(f"{name}: {count}")
