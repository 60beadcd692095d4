"""Stripe, or localstripe standing in for it (`make run` starts one on port 8420)."""

from .env import env_str

STRIPE_API_BASE = env_str("STRIPE_API_BASE", "")
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
