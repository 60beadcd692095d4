"""Publish the reviews whose other side did not write theirs within the blind period (run it daily, from cron)."""

from django.core.management.base import BaseCommand

from marketplace.services.reviews import reviews_publish_due


class Command(BaseCommand):
    help = "Publie les avis restés à l'aveugle pendant quatorze jours sans l'avis de l'autre partie."

    def handle(self, *args, **options):
        published = reviews_publish_due()
        self.stdout.write(f"{published} avis publié(s).")
