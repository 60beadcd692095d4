"""Stripe, or localstripe standing in for it (`make run` starts one on port 8420)."""

from .env import env_int, env_str

STRIPE_API_BASE = env_str("STRIPE_API_BASE", "")
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
# Connect (providers' accounts, transfers, payouts): empty means the same address as STRIPE_API_BASE. localstripe
# has no Connect, so tests point this at stripe-mock while charges and refunds stay on localstripe.
STRIPE_CONNECT_API_BASE = env_str("STRIPE_CONNECT_API_BASE", "")

# Billing: which payment provider prepares card payments, and the seller's identity printed on invoices.
BILLING_PAYMENT_PROVIDER = env_str("BILLING_PAYMENT_PROVIDER", "stripe")

# A bank-transfer order still unpaid this many days after it was placed gets one reminder (`billing_send_reminders`).
BILLING_TRANSFER_REMINDER_DAYS = env_int("BILLING_TRANSFER_REMINDER_DAYS", 7)

# Trainings: seats held while a card payment is pending, seats kept for the next one on a waiting list, the notice
# that still refunds a cancellation in full, and the most participants one registration may name.
BILLING_TRAINING_HOLD_MINUTES = env_int("BILLING_TRAINING_HOLD_MINUTES", 15)
BILLING_TRAINING_OFFER_HOURS = env_int("BILLING_TRAINING_OFFER_HOURS", 24)
BILLING_TRAINING_FULL_REFUND_DAYS = env_int("BILLING_TRAINING_FULL_REFUND_DAYS", 7)
BILLING_TRAINING_MAX_PARTICIPANTS = env_int("BILLING_TRAINING_MAX_PARTICIPANTS", 20)

BILLING_SELLER = {
    "name": env_str("BILLING_SELLER_NAME", "Passerelle Numérique SAS"),
    "legal_form": env_str("BILLING_SELLER_LEGAL_FORM", "SAS au capital de 10 000 €"),
    "address": env_str("BILLING_SELLER_ADDRESS", "12 rue de la Solidarité, 69002 Lyon, France"),
    "siret": env_str("BILLING_SELLER_SIRET", "12345678900012"),
    "rcs": env_str("BILLING_SELLER_RCS", "RCS Lyon 123 456 789"),
    "vat_number": env_str("BILLING_SELLER_VAT_NUMBER", "FR32123456789"),
    "iban": env_str("BILLING_SELLER_IBAN", "FR76 3000 1007 9412 3456 7890 185"),
    "email": env_str("BILLING_SELLER_EMAIL", "facturation@passerelle.example"),
    # Printed, and written in the Factur-X XML with its VATEX code, on invoices of lines sold without VAT (the
    # trainings): the seller is a training body exempt under article 261-4-4° a of the CGI (EU directive 132-1-i).
    "vat_exemption": env_str(
        "BILLING_SELLER_VAT_EXEMPTION",
        "Exonération de TVA, article 261-4-4° a du CGI (formation professionnelle continue)",
    ),
    "vat_exemption_code": env_str("BILLING_SELLER_VAT_EXEMPTION_CODE", "VATEX-EU-132-1I"),
}
