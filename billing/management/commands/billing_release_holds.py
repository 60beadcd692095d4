"""`manage.py billing_release_holds`: release unpaid training seats held too long; offer them to the waiting list."""

from django.core.management.base import BaseCommand

from billing.services.trainings import registrations_release_expired


class Command(BaseCommand):
    help = "Release training seats held past their 15 minutes, cancel their unpaid orders, serve the waiting list."

    def handle(self, *args, **options):
        released = registrations_release_expired()
        self.stdout.write(f"{released} registration(s) released.")
