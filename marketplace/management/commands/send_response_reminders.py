from django.core.management.base import BaseCommand

from marketplace.services.responsiveness import reminder_run_labels, response_reminders_send


class Command(BaseCommand):
    help = (
        "Expire the invitations left unanswered past their deadline and remind, once, whoever must answer an "
        "invitation or a question soon (run every 15 minutes)."
    )

    def handle(self, *args, **options):
        done = response_reminders_send()
        labels = reminder_run_labels()
        self.stdout.write(", ".join(f"{count} {labels.get(name, name)}" for name, count in done.items()) + ".")
