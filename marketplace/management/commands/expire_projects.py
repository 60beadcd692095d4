from django.core.management.base import BaseCommand

from marketplace.services.projects import projects_expire_overdue


class Command(BaseCommand):
    help = "Expire published projects whose answer deadline has passed without an award (run daily)."

    def handle(self, *args, **options):
        count = projects_expire_overdue()
        self.stdout.write(f"{count} projet(s) expiré(s).")
