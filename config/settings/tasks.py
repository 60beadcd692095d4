"""Background work with django-tasks.

`immediate` runs tasks in the request's process after commit (embedded
default, no worker to start); `database` stores them for `manage.py db_worker`.
"""

from django.core.exceptions import ImproperlyConfigured

from .env import env_str

TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in _BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be immediate or database, got {TASKS_BACKEND!r}.")

TASKS = {"default": {"BACKEND": _BACKENDS[TASKS_BACKEND]}}
