"""Daily, from cron: e-mail each provider member the day's new projects its "daily" alerts found."""

from django.core.management.base import BaseCommand

from ...services.alerts import search_alert_digests_send


class Command(BaseCommand):
    help = "Envoie le résumé quotidien des alertes de projets (une fois par jour, depuis cron)."

    def handle(self, *args, **options):
        sent = search_alert_digests_send()
        self.stdout.write(f"{sent} e-mail(s) sent.")
