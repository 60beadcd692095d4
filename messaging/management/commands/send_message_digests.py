from django.core.management.base import BaseCommand

from messaging.digests import unread_digests_send


class Command(BaseCommand):
    help = "Email each person the messages left unread past MESSAGING_DIGEST_DELAY_MINUTES (run every few minutes)."

    def handle(self, *args, **options):
        count = unread_digests_send()
        self.stdout.write(f"{count} e-mail(s) de messages non lus envoyé(s).")
