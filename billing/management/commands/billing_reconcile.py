"""`manage.py billing_reconcile`: print every order that disagrees with Stripe; exit code 1 if any."""

from django.core.management.base import BaseCommand, CommandError

from billing.errors import PaymentError
from billing.reconcile import reconcile_orders


class Command(BaseCommand):
    help = "Compare card orders with Stripe's PaymentIntents and print every mismatch (exit code 1 if any)."

    def handle(self, *args, **options):
        try:
            mismatches = reconcile_orders()
        except PaymentError as error:
            raise CommandError(error.message) from error
        for mismatch in mismatches:
            self.stdout.write(f"{mismatch.order_number}\t{mismatch.intent_id}\t{mismatch.problem}")
        if mismatches:
            self.stderr.write(f"{len(mismatches)} mismatch(es)")
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("Orders and Stripe agree."))
