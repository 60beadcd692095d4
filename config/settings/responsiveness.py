"""Response rules: how long each side has to answer, and when the platform reminds it.

Both are counted in Europe/Paris working days (`marketplace.working_days`): weekends and French
public holidays do not count.
"""

from django.core.exceptions import ImproperlyConfigured

from .env import env_int

# An invitation to quote, or a question in a conversation, is due this many working days later, at the same time.
RESPONSE_DEADLINE_WORKING_DAYS = env_int("RESPONSE_DEADLINE_WORKING_DAYS", 2)
# The side that must answer is reminded once this many working hours before the deadline
# (24: the working day before, at the same time).
RESPONSE_REMINDER_HOURS_BEFORE = env_int("RESPONSE_REMINDER_HOURS_BEFORE", 24)

if RESPONSE_DEADLINE_WORKING_DAYS < 1:
    raise ImproperlyConfigured("RESPONSE_DEADLINE_WORKING_DAYS must be at least 1.")
if RESPONSE_REMINDER_HOURS_BEFORE < 0:
    raise ImproperlyConfigured("RESPONSE_REMINDER_HOURS_BEFORE must be zero (no reminder) or more.")
