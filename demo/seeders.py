"""The demo seeders' registry, and the core's own seeder (users and organisations).

The demo shows every package (the core's organisations, profiles and
projects, billing's catalogue, the resource centre, the self-assessments,
search's indexes), and it lives in this one app, which may read all of them
while nothing imports it (see ARCHITECTURE.md, "Dependency direction").
`manage.py seed_demo` calls `run_seeders()`, which runs every seeder
registered at the bottom of this module by increasing order:

    register_seeder("billing_catalogue", seed_billing, order=BILLING_ORDER)

A seeder is a function `seed(stdout) -> Mapping[str, int]`: it receives a
Django `OutputWrapper` for progress notes (one line per `write`) and returns
how many objects it created per kind, with French labels, which the command
prints as its summary. Rules every seeder keeps:

- Through the services: state changes (publishing, quoting, awarding,
  reviewing, ordering...) go through the packages' service functions, so each
  state machine has one writer; a past moment is given by moving the times
  the service stamped, never by writing a state into a row.
- Idempotent: look each object up by a deterministic key (an email from
  `data.DEMO_LOGINS`, an organisation name from `data`, a product code...)
  and create only what is missing, so a second run creates nothing and
  reports zeros.
- Deterministic: data from `demo.data` (or the seeder's own data module),
  and `random.Random(<fixed seed>)` if variety is needed, never the global
  `random`.
- No effect outside the database while running: no e-mail (services run
  inside `marketplace.services.notifications.notifications_held()`), no call
  to Stripe. Work the services defer with `transaction.on_commit` (indexing,
  conversation notes) is fine: it runs once, after the whole seed is committed.
- Build on what earlier seeders made, found by those keys: the core seeder
  (order `CORE_ORDER`) and the profiles seeder (`PROFILES_ORDER`) run before
  the others; a seeder that must see everything (the search index) uses 900.

All seeders run in one transaction: if one fails, nothing is kept, and the
next run starts again from the same state.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TextIO

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.models import Membership, Organisation, User
from marketplace.models.organisations import Role
from marketplace.services.audit import audit_record
from marketplace.services.organisations import organisation_create

from . import data
from .assessments import ASSESSMENT_ORDER, seed_assessment
from .billing import BILLING_ORDER, seed_billing
from .cms import CMS_ORDER, seed_cms
from .profiles import PROFILES_ORDER, seed_profiles
from .projects import PROJECTS_ORDER, seed_projects
from .search import SEARCH_ORDER, seed_search

SeederFunc = Callable[[OutputWrapper], Mapping[str, int] | None]

CORE_ORDER = 100
DEFAULT_ORDER = 500


@dataclass(frozen=True)
class Seeder:
    name: str
    func: SeederFunc
    order: int


@dataclass(frozen=True)
class SeederResult:
    """What one seeder created, per kind of object, for the command's summary."""

    name: str
    created: Mapping[str, int]

    @property
    def created_anything(self) -> bool:
        return any(self.created.values())


_registry: dict[str, Seeder] = {}


def _qualified_name(func: Callable) -> str:
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"


def register_seeder(name: str, func: SeederFunc, order: int = DEFAULT_ORDER) -> None:
    """Add a seeder, run by `run_seeders()` by increasing `order` (then name).

    Registering the same function again under its name is allowed (a test
    may register its own seeders more than once); another function under a
    name already taken is a mistake that would silently drop demo data, so it fails.
    """
    previous = _registry.get(name)
    if previous is not None and _qualified_name(previous.func) != _qualified_name(func):
        raise ImproperlyConfigured(
            f"A demo seeder named {name!r} is already registered ({_qualified_name(previous.func)})."
        )
    _registry[name] = Seeder(name=name, func=func, order=order)


def registered_seeders() -> list[Seeder]:
    """The seeders in the order they run."""
    return sorted(_registry.values(), key=lambda seeder: (seeder.order, seeder.name))


def run_seeders(stdout: TextIO | OutputWrapper) -> list[SeederResult]:
    """Run every registered seeder in one transaction and report what each created."""
    if not isinstance(stdout, OutputWrapper):
        # Seeders then write whole lines whether they get the command's output or a StringIO.
        stdout = OutputWrapper(stdout)
    results = []
    with transaction.atomic():
        for seeder in registered_seeders():
            created = seeder.func(stdout) or {}
            results.append(SeederResult(name=seeder.name, created=dict(created)))
    return results


# --- The core's seeder -------------------------------------------------------

OrganisationSeed = data.AssociationSeed | data.ProviderSeed
# Providers' people are picked from a separate range of positions, so that
# adding an association never renames the owner of a provider.
_PROVIDER_PERSON_OFFSET = 1000


def contact_email(seed: OrganisationSeed) -> str:
    """The deterministic owner's address of an organisation without a documented login."""
    # A domain label is at most 63 characters.
    label = slugify(seed.name)[:63].strip("-")
    return f"contact@{label}.{data.DEMO_EMAIL_DOMAIN}"


def _person(position: int) -> tuple[str, str]:
    first_names, last_names = data.FIRST_NAMES, data.LAST_NAMES
    return first_names[position % len(first_names)], last_names[(7 * position + 3) % len(last_names)]


def _documented_owners() -> dict[OrganisationSeed, data.DemoLogin]:
    return {login.organisation: login for login in data.DEMO_LOGINS if login.role == Role.OWNER}


def _owner_email(seed: OrganisationSeed) -> str:
    login = _documented_owners().get(seed)
    return login.email if login else contact_email(seed)


def _organisation_seeds() -> list[tuple[int, OrganisationSeed]]:
    """Every organisation with the position its owner's name is derived from."""
    return [*enumerate(data.ASSOCIATIONS), *((_PROVIDER_PERSON_OFFSET + i, s) for i, s in enumerate(data.PROVIDERS))]


def _user_specs() -> dict[str, dict]:
    """Fields of every demo user, keyed by email: documented logins first, then organisation owners."""
    specs = {
        login.email: {
            "first_name": login.first_name,
            "last_name": login.last_name,
            "preferred_language": login.preferred_language,
            "is_staff": login.is_staff,
            "is_superuser": login.is_staff,
        }
        for login in data.DEMO_LOGINS
    }
    for position, seed in _organisation_seeds():
        email = _owner_email(seed)
        if email not in specs:
            first_name, last_name = _person(position)
            specs[email] = {"first_name": first_name, "last_name": last_name}
    return specs


def _ensure_users() -> tuple[dict[str, User], int]:
    """Create the missing demo users in one query; existing accounts are left as they are."""
    specs = _user_specs()
    existing = set(User.objects.filter(email__in=specs).values_list("email", flat=True))
    missing = [email for email in specs if email not in existing]
    if missing:
        # Hashed once and shared: hashing a hundred times with PBKDF2 would take
        # most of a minute, and one salt for public demo passwords hides nothing.
        password = make_password(data.DEMO_PASSWORD)
        confirmed_at = timezone.now()
        User.objects.bulk_create(
            User(email=email, password=password, email_confirmed_at=confirmed_at, **specs[email]) for email in missing
        )
    users = {user.email: user for user in User.objects.filter(email__in=specs)}
    return users, len(missing)


def _ensure_organisations(users: dict[str, User]) -> tuple[dict[OrganisationSeed, Organisation], dict[str, int]]:
    """Create the missing organisations through the service, so each gets its owner and audit entry.

    The service derives the slug from the name and adds a suffix on a clash,
    so the slug is not a reliable key: organisations are found by kind and name.
    """
    seeds = [seed for _, seed in _organisation_seeds()]
    found = {
        (organisation.kind, organisation.name): organisation
        for organisation in Organisation.objects.filter(name__in=[seed.name for seed in seeds])
    }
    organisations, created = {}, {"association": 0, "provider": 0}
    for seed in seeds:
        organisation = found.get((seed.kind, seed.name))
        if organisation is None:
            organisation = organisation_create(
                created_by=users[_owner_email(seed)],
                kind=seed.kind,
                name=seed.name,
                postcode=seed.postcode,
                city=seed.city,
            )
            created[seed.kind] += 1
        organisations[seed] = organisation
    return organisations, created


def _ensure_colleagues(users: dict[str, User], organisations: dict[OrganisationSeed, Organisation]) -> int:
    """Add the documented logins that are not owners (a volunteer, a provider's admin) to their organisation.

    Done directly rather than through an invitation, which would send an
    email; the audit entry matches the one an accepted invitation writes.
    """
    created = 0
    for login in data.DEMO_LOGINS:
        if login.organisation is None or login.role == Role.OWNER:
            continue
        user, organisation = users[login.email], organisations[login.organisation]
        membership, was_created = Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": login.role}
        )
        if was_created:
            audit_record(
                actor=user,
                action="membership.created",
                organisation=organisation,
                target=membership,
                data={"role": login.role, "source": "seed_demo"},
            )
            created += 1
    return created


def _ensure_staff_authenticators(users: dict[str, User]) -> int:
    """Staff need a second factor for the admin: the demo's has an authenticator with the published key."""
    created = 0
    for login in data.DEMO_LOGINS:
        if login.is_staff and not TOTPDevice.objects.filter(user=users[login.email]).exists():
            TOTPDevice.objects.create(
                user=users[login.email], name="authenticator", key=data.DEMO_STAFF_TOTP_KEY, confirmed=True
            )
            created += 1
    return created


def seed_core(stdout: OutputWrapper) -> dict[str, int]:
    """Users, associations, providers, and the documented demo logins with their roles."""
    users, users_created = _ensure_users()
    organisations, organisations_created = _ensure_organisations(users)
    memberships_created = _ensure_colleagues(users, organisations)
    authenticators_created = _ensure_staff_authenticators(users)
    return {
        "utilisateurs": users_created,
        "applications d'authentification": authenticators_created,
        "associations": organisations_created["association"],
        "prestataires": organisations_created["provider"],
        "adhésions": memberships_created,
    }


register_seeder("core", seed_core, order=CORE_ORDER)
# Profiles and verification states of the same organisations (see `profiles`), before any other seeder.
register_seeder("profiles", seed_profiles, order=PROFILES_ORDER)
# Projects in every state, with quotes, reviews and timelines, played through the core's services.
register_seeder("projects", seed_projects, order=PROJECTS_ORDER)
register_seeder("billing_catalogue", seed_billing, order=BILLING_ORDER)
register_seeder("cms", seed_cms, order=CMS_ORDER)
register_seeder("assessment", seed_assessment, order=ASSESSMENT_ORDER)
# Last: every provider and project goes through the indexing queue.
register_seeder("search", seed_search, order=SEARCH_ORDER)
