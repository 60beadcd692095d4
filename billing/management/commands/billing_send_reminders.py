from django.core.management.base import BaseCommand

from billing.services.reminders import reminder_delay, transfer_reminders_send


class Command(BaseCommand):
    help = "Send one reminder for each bank-transfer order still unpaid after BILLING_TRANSFER_REMINDER_DAYS (daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the work to the task backend instead of doing it here."
        )

    def handle(self, *args, **options):
        if options["enqueue"]:
            from billing.tasks import send_transfer_reminders

            result = send_transfer_reminders.enqueue()
            self.stdout.write(f"Tâche de relance mise en file ({result.id}).")
            return
        count = transfer_reminders_send()
        self.stdout.write(f"{count} relance(s) de virement envoyée(s) (délai : {reminder_delay().days} jours).")
