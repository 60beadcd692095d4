"""Health of each configured component, for /healthz and for operators.

The core cannot import the other packages, so each package registers its own
check in `AppConfig.ready()`; the core only runs them.
"""

import logging
import time
from collections.abc import Callable

from django.db import connection

logger = logging.getLogger(__name__)

_checks: dict[str, tuple[Callable[[], dict], Callable[[], bool]]] = {}


class ComponentDown(Exception):
    """Raised by a check with a short reason that is safe to show."""


def _always() -> bool:
    return True


def health_check_register(name: str, check: Callable[[], dict], *, enabled: Callable[[], bool] = _always) -> None:
    """Register `check`, which returns details (engine name...) or raises when the component is down.

    `enabled` is asked on every report, so a component that settings turn off
    (payments without a Stripe key) is left out rather than reported down.
    """
    _checks[name] = (check, enabled)


def health_report() -> tuple[bool, dict]:
    """Run every check; (all up?, {component: {"status": "up"|"down", ...}})."""
    components = {}
    all_up = True
    for name, (check, enabled) in _checks.items():
        if not enabled():
            continue
        started = time.monotonic()
        try:
            details = check() or {}
            status = {"status": "up", **details}
        except Exception as exc:  # noqa: BLE001 - any failure means "down", and the probe must answer
            logger.warning("health check %s failed: %s", name, exc)
            all_up = False
            status = {"status": "down", "error": _reason(exc)}
        status["latency_ms"] = round((time.monotonic() - started) * 1000, 1)
        components[name] = status
    return all_up, components


def _reason(exc: Exception) -> str:
    if isinstance(exc, ComponentDown):
        return str(exc)
    return exc.__class__.__name__


def database_check() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"engine": connection.vendor}


health_check_register("database", database_check)
