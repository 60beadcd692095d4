"""What each package holds about a person: its part of the data export, its erasure, and its retention rules.

The core cannot import the other packages (`tests/test_architecture.py`), yet a person's archive and the
deletion of an account must reach messaging, billing, assessment and cms. So each package registers here,
in its `AppConfig.ready()`, the functions that know its own models; the core's services
(`marketplace.services.personal_data`) call whatever is registered, in registration order.

- `export(user)` returns an `ExportSection`: JSON-safe data about what *this person* did or owns, and the
  files they uploaded. Never another person's or another organisation's data: a section reads through the
  person's own rows (`sender_user=user`, `created_by=user`...), not through the organisations they belong to.
- `erase(user)` runs inside the account deletion's transaction, before the user row is deleted: it removes or
  anonymises what the foreign keys' `SET_NULL` would not (text that names the person, personal files).
- A retention rule's `purge(now)` deletes what is older than its package's setting and returns how many rows went.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ExportFile:
    """A file in the archive: `path` inside the archive, `file` a Django `File`/`FieldFile` that can be opened."""

    path: str
    file: Any


@dataclass
class ExportSection:
    data: dict
    files: list[ExportFile] = field(default_factory=list)


@dataclass(frozen=True)
class Contributor:
    name: str
    export: Callable[[Any], ExportSection]
    erase: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class RetentionRule:
    name: str
    purge: Callable[[datetime], int]


_contributors: dict[str, Contributor] = {}
_retention_rules: dict[str, RetentionRule] = {}


def register_contributor(*, name: str, export: Callable, erase: Callable | None = None) -> None:
    """Register (or replace, so a reloaded app does not count twice) a package's part. `name` names its folder."""
    _contributors[name] = Contributor(name=name, export=export, erase=erase)


def register_retention(*, name: str, purge: Callable[[datetime], int]) -> None:
    _retention_rules[name] = RetentionRule(name=name, purge=purge)


def contributors() -> list[Contributor]:
    return list(_contributors.values())


def retention_rules() -> list[RetentionRule]:
    return list(_retention_rules.values())
