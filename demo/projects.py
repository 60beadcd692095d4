"""The demo's projects, quotes and reviews: the "projects" seeder, run after the profiles.

Every entry of `data.PROJECTS` becomes a project of its association, in the
state the entry says, with the life that led there: the draft, the
invitations, the publication, the quotes from verified providers whose skills
match (with their versions and lines), the shortlist, the award, the work,
the delivery, the reviews both ways, or the cancellation or expiry.

Each step goes through the core's services, the one writer of the project
state machine, inside `notifications_held()` so that nobody is e-mailed: only
the demo logins' organisations get in-app notifications, about their last
weeks. The story happened at plausible moments before today, so project pages
and dashboards tell a story: the services stamp the present, and each step's
times are moved back to its moment right after it (see `_Stamper`). A
published project's answer deadline is always a few weeks ahead, whatever the
day the demo is seeded.

Deterministic: a `random.Random` seeded with the association and the title
shapes each project. Idempotent: a project is keyed by its association and
title, and an existing one is left alone with everything hanging from it.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.management.base import OutputWrapper
from django.utils import timezone

from marketplace.geography import region_for_postcode
from marketplace.models import (
    AuditEntry,
    Membership,
    Notification,
    Organisation,
    Project,
    ProjectChange,
    ProjectInvitation,
    Proposal,
    ProposalVersion,
    ProviderProfile,
    Review,
    Skill,
    User,
)
from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus
from marketplace.models.projects import ProjectState, ProposalState, Visibility
from marketplace.models.reviews import BLIND_PERIOD_DAYS
from marketplace.project_types import spec_for
from marketplace.services.notifications import notifications_held
from marketplace.services.projects import (
    project_cancel,
    project_close,
    project_create,
    project_invite,
    project_mark_delivered,
    project_publish,
    project_start,
    project_update,
    projects_expire_overdue,
)
from marketplace.services.proposals import (
    proposal_accept,
    proposal_decline,
    proposal_revise,
    proposal_shortlist,
    proposal_submit,
    proposal_withdraw,
)
from marketplace.services.responsiveness import invitation_decline, invitations_settle, response_deadline
from marketplace.services.reviews import CRITERIA, review_create, review_respond, reviews_publish_due

from . import data

PROJECTS_ORDER = 200

S = ProjectState
AWARDED_STATES = (S.AWARDED, S.IN_PROGRESS, S.DELIVERED, S.CLOSED)
_STARTED_STATES = (S.IN_PROGRESS, S.DELIVERED, S.CLOSED)
_ROLE_RANK = {Role.OWNER: 0, Role.ADMIN: 1, Role.MEMBER: 2}
# Roughly how long each kind of project takes once started, in days.
_WORK_DAYS = {
    "website": 56,
    "donations": 28,
    "crm": 63,
    "cloud": 28,
    "security": 21,
    "data": 49,
    "hardware": 21,
    "training": 14,
    "other": 35,
}
# The demo logins' organisations see in-app notifications of what happened to them lately.
_NOTIFIED_DAYS = 90
_READ_AFTER_DAYS = 7


# --- What the database already holds ------------------------------------------


@dataclass
class _Provider:
    organisation: Organisation
    profile: ProviderProfile
    skills: frozenset[str]
    regions: frozenset[str]
    members: list[User]

    @property
    def name(self) -> str:
        return self.organisation.name


@dataclass
class _Context:
    """The demo organisations, their people and the skills, found by the keys `data` uses."""

    associations: dict[str, Organisation]
    members: dict[int, list[User]]  # organisation id -> users, owner first
    memberships: dict[tuple[int, int], Membership]  # (organisation id, user id) -> membership, for the services
    providers: dict[str, _Provider]  # verified demo providers with a profile, by name
    skill_ids: dict[str, int]
    users: dict[str, User]  # the demo logins, by email

    @classmethod
    def load(cls) -> "_Context":
        association_names = {seed.name for seed in data.ASSOCIATIONS}
        associations = {
            organisation.name: organisation
            for organisation in Organisation.objects.filter(
                kind=OrganisationKind.ASSOCIATION, name__in=association_names
            )
        }
        profiles = (
            ProviderProfile.objects.filter(
                organisation__kind=OrganisationKind.PROVIDER,
                organisation__verification_status=VerificationStatus.VERIFIED,
                organisation__name__in=[seed.name for seed in data.PROVIDERS],
            )
            .select_related("organisation")
            .prefetch_related("skills", "served_regions")
        )
        organisation_ids = [o.pk for o in associations.values()] + [p.organisation_id for p in profiles]
        members: dict[int, list[User]] = {}
        memberships = Membership.objects.filter(
            organisation_id__in=organisation_ids, user__is_active=True
        ).select_related("user", "organisation")
        by_key = {}
        for membership in sorted(memberships, key=lambda m: (_ROLE_RANK.get(m.role, 9), m.pk)):
            members.setdefault(membership.organisation_id, []).append(membership.user)
            by_key[(membership.organisation_id, membership.user_id)] = membership
        providers = {
            profile.organisation.name: _Provider(
                organisation=profile.organisation,
                profile=profile,
                skills=frozenset(skill.slug for skill in profile.skills.all() if skill.is_active),
                regions=frozenset(row.region for row in profile.served_regions.all()),
                members=members.get(profile.organisation_id, []),
            )
            for profile in profiles
        }
        return cls(
            associations=associations,
            members=members,
            memberships=by_key,
            providers=dict(sorted(providers.items())),
            skill_ids=dict(Skill.objects.filter(is_active=True).values_list("slug", "id")),
            users={user.email: user for user in User.objects.filter(email__in=[x.email for x in data.DEMO_LOGINS])},
        )


# --- When things happened -------------------------------------------------------


@dataclass
class _Days:
    """A project's story as days relative to today (negative: in the past)."""

    created: int
    published: int | None = None
    answer_deadline: int | None = None
    desired_start: int | None = None
    deadline: int | None = None
    accepted: int | None = None
    started: int | None = None
    delivered: int | None = None
    closed: int | None = None
    cancelled: int | None = None
    expired: int | None = None
    changed: int | None = None  # the answer deadline was pushed back

    @property
    def quotes_until(self) -> int:
        """The day quotes stopped coming (exclusive)."""
        for day in (self.accepted, self.cancelled, self.expired):
            if day is not None:
                return day
        return 0


def _schedule(seed: data.ProjectSeed, rng: random.Random) -> _Days:
    """Place every step of the project's life, each where the services would allow it."""
    work = _WORK_DAYS[seed.project_type]
    state = seed.state
    if state == S.DRAFT:
        days = _Days(created=-(seed.days_ago or rng.randint(1, 12)))
        if rng.random() < 0.6:
            days.answer_deadline = rng.randint(20, 40)
    elif state == S.PUBLISHED:
        published = -(seed.days_ago or rng.randint(2, 20))
        days = _Days(created=published - rng.randint(1, 8), published=published, answer_deadline=rng.randint(8, 30))
        if seed.deadline_extended_by:
            before = days.answer_deadline - seed.deadline_extended_by
            days.changed = rng.randint(published + 1, max(published + 1, min(-1, before - 1)))
    elif state == S.AWARDED:
        accepted = -rng.randint(2, 8)
        published = accepted - rng.randint(14, 24)
        days = _Days(published=published, created=published - rng.randint(1, 8), accepted=accepted)
        days.answer_deadline = accepted + rng.randint(0, 6)
        days.desired_start = max(days.answer_deadline, 1) + rng.randint(7, 14)
    elif state in (S.IN_PROGRESS, S.DELIVERED):
        if state == S.IN_PROGRESS:
            delivered, started = None, -rng.randint(4, max(5, work - 3))
        else:
            delivered = -rng.randint(2, 9)
            started = delivered - work - rng.randint(-3, 7)
        desired_start = started - rng.randint(0, 3)
        answer_deadline = desired_start - rng.randint(7, 14)
        accepted = answer_deadline - rng.randint(0, 4)
        published = accepted - rng.randint(14, 24)
        days = _Days(
            created=published - rng.randint(1, 8),
            published=published,
            answer_deadline=answer_deadline,
            desired_start=desired_start,
            accepted=accepted,
            started=started,
            delivered=delivered,
        )
    elif state == S.CLOSED:
        # Days after the publication; a review complaining about deadlines means a late delivery.
        accepted = rng.randint(14, 24)
        answer_deadline = accepted + rng.randint(0, 4)
        desired_start = answer_deadline + rng.randint(7, 14)
        started = desired_start + rng.randint(0, 3)
        late = any(review.by == "association" and review.scores[2] <= 2 for review in seed.reviews)
        delivered = started + work + (rng.randint(35, 45) if late else rng.randint(-3, 7))
        closed = delivered + rng.randint(3, 12)
        published = -(seed.days_ago or closed + rng.randint(10, 150))
        if published + closed > -3:
            raise ValueError(f"{seed.title!r} was published too recently to be closed already.")
        days = _Days(
            created=published - rng.randint(1, 8),
            published=published,
            answer_deadline=published + answer_deadline,
            desired_start=published + desired_start,
            accepted=published + accepted,
            started=published + started,
            delivered=published + delivered,
            closed=published + closed,
        )
    elif state == S.CANCELLED and seed.cancelled_as_draft:
        cancelled = -rng.randint(2, 10)
        days = _Days(created=cancelled - rng.randint(10, 30), cancelled=cancelled)
        days.answer_deadline = cancelled + rng.randint(10, 30)
    elif state == S.CANCELLED:
        published, cancelled = -rng.randint(20, 60), -rng.randint(3, 15)
        days = _Days(created=published - rng.randint(1, 8), published=published, cancelled=cancelled)
        days.answer_deadline = max(published + rng.randint(21, 35), cancelled + 1)
    elif state == S.EXPIRED:
        published = -rng.randint(45, 100)
        answer_deadline = published + rng.randint(14, 28)
        days = _Days(
            created=published - rng.randint(1, 8),
            published=published,
            answer_deadline=answer_deadline,
            expired=answer_deadline + 1,
        )
    else:
        raise ValueError(f"Unknown project state {state!r} for {seed.title!r}.")
    if days.answer_deadline is not None:
        if days.desired_start is None:
            days.desired_start = days.answer_deadline + rng.randint(7, 21)
        days.deadline = days.desired_start + work
    return days


class _Clock:
    """Moments of the demo's past: daytime on a given day, each after the previous step it follows."""

    def __init__(self, now: datetime):
        self.now = now
        self.today = timezone.localdate(now)

    def date(self, day: int | None) -> date | None:
        return None if day is None else self.today + timedelta(days=day)

    def at(self, day: int, rng: random.Random, after: datetime | None = None, hour: int | None = None) -> datetime:
        clock = time(hour, rng.randint(5, 40)) if hour is not None else time(rng.randint(8, 20), rng.randint(0, 59))
        moment = timezone.make_aware(datetime.combine(self.date(day), clock))
        if after is not None and moment <= after:
            moment = after + timedelta(minutes=rng.randint(7, 95))
        return min(moment, self.now - timedelta(minutes=1))


def _cents(euros: int | None) -> int | None:
    return None if euros is None else euros * 100


def _target_cents(seed: data.ProjectSeed, rng: random.Random) -> int:
    """Roughly what a provider would quote: around the middle of the budget, or of the type's usual range."""
    low, high = seed.budget_euros or spec_for(seed.project_type).typical_budget_euros
    low = low if low is not None else high * 0.6
    high = high if high is not None else low * 1.5
    return round((low + high) / 2 * 100 * rng.uniform(0.8, 1.2))


def _line(template: data.QuoteLineSeed, quantity: Decimal, unit_cents: int) -> dict:
    """A line as a provider types it in the quote form: euros and a quantity, as text."""
    return {"label": template.label, "quantity": str(quantity), "unit_price": str(Decimal(unit_cents) / 100)}


def _first_lines(
    seed: data.ProjectSeed, provider: _Provider, answers: dict, rng: random.Random
) -> list[tuple[data.QuoteLineSeed, dict]]:
    """2 to 5 lines: the type's main line and a few others, priced from the provider's day rate and the budget."""
    templates = data.QUOTE_LINES[seed.project_type]
    profile = provider.profile
    low, high = profile.day_rate_min_cents or 40_000, profile.day_rate_max_cents or 60_000
    rate = rng.randrange(low, max(low, high) + 1, 5_000)
    target = _target_cents(seed, rng)
    # A small budget buys a short quote: about one line per day of work it pays for.
    count = rng.randint(2, max(2, min(5, len(templates), round(target / rate))))
    chosen = sorted([templates[0], *rng.sample(templates[1:], count - 1)], key=templates.index)

    priced: list[tuple[data.QuoteLineSeed, Decimal, int]] = []
    for template in chosen:
        if template.kind == "units":
            if isinstance(template.count, str):
                quantity = max(1, min(int(answers.get(template.count) or rng.randint(2, 6)), 60))
            else:
                quantity = rng.randint(*template.count)
            priced.append(
                (
                    template,
                    Decimal(quantity),
                    rng.randrange(template.unit_euros[0], template.unit_euros[1] + 1, 5) * 100,
                )
            )
    units = sum(quantity * price for _, quantity, price in priced)
    rest = max(target - units, target * 0.3)
    shares = sum(t.share for t in chosen if t.kind != "units") or 1
    for template in chosen:
        amount = rest * template.share / shares
        if template.kind == "days":
            priced.append((template, Decimal(max(1, round(amount / rate * 2))) / 2, rate))
        elif template.kind == "fixed":
            priced.append((template, Decimal(1), max(9_000, round(amount / 1_000) * 1_000)))
    priced.sort(key=lambda item: templates.index(item[0]))
    return [(template, _line(template, quantity, price)) for template, quantity, price in priced]


def _revised_lines(
    seed: data.ProjectSeed, lines: list[tuple[data.QuoteLineSeed, dict]], rng: random.Random
) -> tuple[list[tuple[data.QuoteLineSeed, dict]], str]:
    """The next version: fewer days on a line, a line less or a line more, and the message saying so."""
    templates = data.QUOTE_LINES[seed.project_type]
    used = {template for template, _ in lines}
    long_lines = [i for i, (t, line) in enumerate(lines) if t.kind == "days" and Decimal(line["quantity"]) >= 2]
    options = []
    if long_lines:
        options.append("fewer")
    if len(lines) > 2:
        options.append("without")
    if len(lines) < 5 and len(used) < len(templates):
        options.append("with")
    if not options:
        return list(lines), data.QUOTE_REVISED_SCHEDULE
    option = rng.choice(options)
    lines = list(lines)
    if option == "fewer":
        index = rng.choice(long_lines)
        template, line = lines[index]
        quantity = Decimal(line["quantity"]) - rng.choice((Decimal("0.5"), Decimal(1)))
        lines[index] = (template, {**line, "quantity": str(quantity)})
        return lines, data.QUOTE_REVISED_FEWER_DAYS.format(label=template.label)
    if option == "without":
        template, _ = lines.pop(rng.randrange(1, len(lines)))
        return lines, data.QUOTE_REVISED_WITHOUT.format(label=template.label)
    template = rng.choice([t for t in templates if t not in used])
    if template.kind == "units":
        count = template.count if isinstance(template.count, tuple) else (1, 3)
        line = _line(template, Decimal(rng.randint(*count)), rng.randrange(*template.unit_euros, 5) * 100)
    elif template.kind == "days":
        # Priced at the day rate of the quote's other day lines, or a plain 500 € day.
        rate = next((Decimal(line["unit_price"]) for t, line in lines if t.kind == "days"), Decimal(500))
        line = _line(template, Decimal(rng.choice((1, 2))), int(rate * 100))
    else:
        line = _line(template, Decimal(1), rng.randrange(150, 600, 10) * 100)
    lines.append((template, line))
    lines.sort(key=lambda item: templates.index(item[0]))
    return lines, data.QUOTE_REVISED_WITH.format(label=template.label)


_PROVIDER_CATEGORIES = {seed.name: seed.category for seed in data.PROVIDERS}


def _first_message(seed: data.ProjectSeed, provider: _Provider, rng: random.Random) -> str:
    sentences = [rng.choice(data.QUOTE_GREETINGS), data.QUOTE_APPROACHES[seed.project_type]]
    if provider.profile.solidarity_discount_percent:
        sentences.append(data.QUOTE_DISCOUNT.format(percent=provider.profile.solidarity_discount_percent))
    exempt = data.QUOTE_VAT_EXEMPT.get(_PROVIDER_CATEGORIES.get(provider.name))
    if exempt:
        sentences.append(exempt)
    sentences.append(rng.choice(data.QUOTE_CLOSINGS))
    return " ".join(sentences)


def _milestones(start: date | None, end: date | None) -> list[dict]:
    if start is None or end is None:
        return []
    first, middle, last = data.QUOTE_MILESTONES
    return [
        {"label": first, "date": start.isoformat()},
        {"label": middle, "date": (start + (end - start) / 2).isoformat()},
        {"label": last, "date": end.isoformat()},
    ]


# --- Playing the story through the services ---------------------------------------

# Rows the services stamp with the current time, and their time fields: each step moves them back to its moment.
_STAMPED_FIELDS = (
    (Project, ("created_at", "updated_at", "published_at")),
    (ProjectChange, ("created_at",)),
    (ProjectInvitation, ("created_at",)),
    (Proposal, ("created_at", "updated_at")),
    (ProposalVersion, ("created_at",)),
    (Review, ("created_at", "updated_at", "published_at", "responded_at")),
    (AuditEntry, ("created_at",)),
    (Notification, ("created_at",)),
)


class _Stamper:
    """Runs each service call as one step of the story, then moves what it wrote back to the step's moment.

    The services know only the present: they stamp rows with `timezone.now()`
    and refuse dates already past. The demo needs projects delivered months
    ago, so each call runs today, and right after it the time fields it set
    (found because they are later than the moment the call began) are moved
    back to the moment the story gives the step. Only times change; states,
    amounts and entries are the services' own.
    """

    def __init__(self, now: datetime, demo_user_ids: set[int]):
        self.now = now
        self.demo_user_ids = frozenset(demo_user_ids)

    @contextmanager
    def at(self, moment: datetime) -> Iterator[None]:
        started = timezone.now()
        # In-app notifications only for the demo logins' organisations, about their last weeks.
        recent = moment >= self.now - timedelta(days=_NOTIFIED_DAYS)
        with notifications_held(in_app_for=self.demo_user_ids if recent else ()):
            yield
        for model, fields in _STAMPED_FIELDS:
            for name in fields:
                model.objects.filter(**{f"{name}__gte": started}).update(**{name: moment})
        if moment < self.now - timedelta(days=_READ_AFTER_DAYS):
            # The demo logins have read what they were told more than a week ago.
            Notification.objects.filter(created_at=moment, read_at=None).update(read_at=moment + timedelta(hours=2))


@dataclass
class _Quote:
    seed: data.QuoteSeed
    provider: _Provider
    membership: Membership
    proposal: Proposal | None = None
    submitted: datetime | None = None


@dataclass
class _Story:
    """One project's steps, each with its moment, played through the services in order."""

    seed: data.ProjectSeed
    days: _Days
    rng: random.Random
    owner: Membership
    project: Project | None = None
    invited: dict[str, datetime] = field(default_factory=dict)  # provider name -> when it was invited
    answered: dict[str, datetime] = field(default_factory=dict)  # provider name -> its quote or decline
    closed_at: datetime | None = None  # accepted, cancelled or expired: nobody has to answer any more
    last: datetime | None = None
    answers_rng: random.Random | None = None  # when invited providers answered: apart, so quotes stay the same

    def step(self, moment: datetime) -> datetime:
        self.last = moment if self.last is None else max(self.last, moment)
        return moment


class _Player:
    """Plays the missing projects' stories through the services, counting what they created."""

    def __init__(self, context: _Context, now: datetime):
        self.context = context
        self.clock = _Clock(now)
        demo_ids = {context.associations.get(data.DEMO_ASSOCIATION.name)}
        if provider := context.providers.get(data.DEMO_PROVIDER.name):
            demo_ids.add(provider.organisation)
        self.stamper = _Stamper(
            now,
            {user.pk for organisation in demo_ids if organisation for user in context.members.get(organisation.pk, [])},
        )

    def _membership(self, organisation: Organisation, user: User) -> Membership:
        return self.context.memberships[(organisation.pk, user.pk)]

    def _provider_membership(self, provider: _Provider, index: int = 0) -> Membership:
        return self._membership(provider.organisation, provider.members[index % len(provider.members)])

    # Picking providers

    def _candidates(self, seed: data.ProjectSeed, project: Project, skills: set[str], taken: set[str]):
        """Verified providers whose skills meet the project's and who work where it is, the best first."""
        if seed.invited_only:
            pool = [self.context.providers[n] for n in seed.invited if n in self.context.providers]
        else:
            # The demo provider's part of the story is written out in `data`, never left to chance.
            pool = [p for n, p in self.context.providers.items() if n != data.DEMO_PROVIDER.name]
        ranked = []
        for provider in pool:
            if provider.name in taken:
                continue
            serves = project.region in provider.regions
            reachable = serves or (project.remote_ok and provider.profile.remote_ok)
            local = provider.profile.region == project.region
            overlap = len(provider.skills & skills)
            ranked.append((-(overlap + 2 * serves + local), provider.name, bool(overlap), reachable, provider))
        ranked.sort(key=lambda item: item[:2])
        # Skills and place first. When staff have retired the skills (or the taxonomy is not loaded), the
        # providers working there, then anyone verified: a demo with odd quotes beats no demo at all.
        for accept in (lambda m, r: m and r, lambda m, r: r, lambda m, r: True):
            best = [provider for *_, matches, reachable, provider in ranked if accept(matches, reachable)]
            if best:
                return best
        return []

    def _providers_for(self, seed: data.ProjectSeed, project: Project, skills: set[str], rng: random.Random):
        """The provider of each quote: the one `data` names when it can quote, else one picked among the best."""
        chosen: dict[int, _Provider] = {}
        taken = {q.provider for q in seed.quotes if q.provider in self.context.providers}
        for index, quote in enumerate(seed.quotes):
            if quote.provider in self.context.providers:
                chosen[index] = self.context.providers[quote.provider]
        # The accepted quote's provider is picked first, from the best candidates.
        pending = sorted(
            (i for i in range(len(seed.quotes)) if i not in chosen),
            key=lambda i: seed.quotes[i].state != ProposalState.ACCEPTED,
        )
        for index in pending:
            candidates = self._candidates(seed, project, skills, taken)
            if not candidates:
                continue
            provider = rng.choice(candidates[: max(4, 2 * len(pending))])
            chosen[index] = provider
            taken.add(provider.name)
        return [(seed.quotes[i], chosen[i]) for i in sorted(chosen)]

    # One project

    # One project

    def play(self, seed: data.ProjectSeed) -> bool:
        """Play the project's life; False if the database lacks what its story needs (nothing created)."""
        context = self.context
        rng = random.Random(f"project:{seed.association}:{seed.title}")
        association = context.associations[seed.association]
        members = context.members.get(association.pk, [])
        if not members:
            return False
        days = _schedule(seed, rng)
        skills = [slug for slug in (seed.skills or spec_for(seed.project_type).skills) if slug in context.skill_ids]
        entry = next(s for s in data.ASSOCIATIONS if s.name == seed.association)
        # Providers are picked before anything is written, so a story no provider can tell leaves nothing behind.
        place = Project(region=region_for_postcode(entry.postcode) or "", remote_ok=seed.remote_ok)
        quotes = [
            _Quote(seed=quote_seed, provider=provider, membership=self._provider_membership(provider))
            for quote_seed, provider in self._providers_for(seed, place, set(skills), rng)
            if provider.members
        ]
        if seed.state in AWARDED_STATES and not any(q.seed.state == ProposalState.ACCEPTED for q in quotes):
            return False
        story = _Story(seed=seed, days=days, rng=rng, owner=self._membership(association, members[0]))
        author = context.users.get(seed.created_by) or members[0]
        self._create(story, self._membership(association, author), entry, skills)
        self._invite_and_publish(story)
        self._quote(story, quotes)
        self._answer_invitations(story, quotes)
        self._outcome(story, quotes)
        self._settle(story)
        return True

    def _create(self, story: _Story, author: Membership, entry, skills: list[str]) -> None:
        seed, clock = story.seed, self.clock
        budget = seed.budget_euros or (None, None)

        def when(day: int | None) -> date | None:
            # The services refuse a date already past; a past date is set back once the story is told.
            moment = clock.date(day)
            return moment if moment is not None and moment >= clock.today else None

        values = {
            "project_type": seed.project_type,
            "title": seed.title,
            "description": seed.description,
            "answers": seed.answers,
            "budget_unknown": seed.budget_euros is None,
            "budget_min": budget[0],
            "budget_max": budget[1],
            "desired_start": when(story.days.desired_start),
            "deadline": when(story.days.deadline),
            "answer_deadline": when(story.days.answer_deadline),
            "use_organisation_address": False,
            "postcode": entry.postcode,
            "commune": entry.city,
            "remote_ok": seed.remote_ok,
            "visibility": Visibility.INVITED_ONLY if seed.invited_only else Visibility.VERIFIED_PROVIDERS,
            "skills": skills,
        }
        if story.days.changed is not None:
            # Published with the earlier answer deadline, pushed back later in the story.
            values["answer_deadline"] = when(story.days.answer_deadline - seed.deadline_extended_by)
        with self.stamper.at(story.step(clock.at(story.days.created, story.rng))):
            story.project = project_create(membership=author, data=values)

    def _invite_and_publish(self, story: _Story) -> None:
        seed, days, clock, rng, project = story.seed, story.days, self.clock, story.rng, story.project
        lately = []
        for name in seed.invited:
            provider = self.context.providers.get(name)
            if provider is None:
                continue
            day = rng.randint(days.created, (days.published or days.created + 1) - 1)
            moment = clock.at(day, rng, after=story.last)
            if self._invited_lately(seed, name):
                lately.append(provider)
                continue
            self._invite(story, provider, story.step(moment))
        if days.published is not None:
            with self.stamper.at(story.step(clock.at(days.published, rng, after=story.last))):
                project_publish(membership=story.owner, project_id=project.pk)
            project.refresh_from_db()
        answers = random.Random(f"answers:{seed.association}:{seed.title}")
        for provider in lately:
            # Hours ago, after the publication: the demo provider's login shows a deadline still to meet.
            moment = max(clock.now - timedelta(hours=answers.randint(2, 20)), project.published_at + timedelta(hours=1))
            self._invite(story, provider, moment)
        if days.changed is not None:
            moment = story.step(clock.at(days.changed, rng, after=story.last))
            with self.stamper.at(moment):
                project_update(
                    membership=story.owner,
                    project_id=project.pk,
                    data={**self._form_values(project), "answer_deadline": clock.date(days.answer_deadline)},
                )
        story.answers_rng = answers

    def _invite(self, story: _Story, provider: _Provider, moment: datetime) -> None:
        with self.stamper.at(moment):
            project_invite(membership=story.owner, project_id=story.project.pk, provider_id=provider.organisation.pk)
        story.invited[provider.name] = moment

    @staticmethod
    def _form_values(project: Project) -> dict:
        """The project as its edit form sends it back."""
        return {
            "project_type": project.project_type,
            "title": project.title,
            "description": project.description,
            "answers": project.answers,
            "budget_unknown": project.budget_min_cents is None and project.budget_max_cents is None,
            "budget_min": None if project.budget_min_cents is None else project.budget_min_cents // 100,
            "budget_max": None if project.budget_max_cents is None else project.budget_max_cents // 100,
            "desired_start": project.desired_start,
            "deadline": project.deadline,
            "answer_deadline": project.answer_deadline,
            "use_organisation_address": False,
            "postcode": project.postcode,
            "commune": project.commune,
            "remote_ok": project.remote_ok,
            "visibility": project.visibility,
            "skills": list(project.skills.values_list("slug", flat=True)),
        }

    @staticmethod
    def _invited_lately(seed: data.ProjectSeed, name: str) -> bool:
        """The demo provider's invitation to an open project it has not answered was sent hours ago, not before
        the publication like the others: its deadline is ahead whatever the day the demo is seeded."""
        answered = {quote.provider for quote in seed.quotes} | {provider for provider, _reason in seed.declined}
        return name == data.DEMO_PROVIDER.name and seed.state == S.PUBLISHED and name not in answered

    def _quote(self, story: _Story, quotes: list[_Quote]) -> None:
        """Each quote's versions and what the association made of it, up to the day quotes stopped."""
        seed, days, clock, rng, project = story.seed, story.days, self.clock, story.rng, story.project
        if days.published is None:
            return
        for quote in quotes:
            provider = quote.provider
            day = rng.randint(days.published + 1, days.quotes_until - 1)
            if provider.name in story.invited:
                # An invited provider answers its invitation with its quote the next day, within the deadline.
                day = days.published + 1
            moment = clock.at(day, rng, after=project.published_at)
            lines = _first_lines(seed, provider, project.answers, rng)
            message = _first_message(seed, provider, rng)
            count = quote.seed.versions or rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
            for number in range(1, count + 1):
                if number > 1:
                    day = rng.randint(day, days.quotes_until - 1)
                    moment = clock.at(day, rng, after=moment)
                    lines, message = _revised_lines(seed, lines, rng)
                self._version(story, quote, number, lines, message, story.step(moment))
            story.answered.setdefault(provider.name, quote.submitted)
            state = quote.seed.state
            if state in (ProposalState.SHORTLISTED, ProposalState.WITHDRAWN) or quote.seed.reason:
                day = rng.randint(day, days.quotes_until - 1)
                moment = story.step(clock.at(day, rng, after=moment))
                with self.stamper.at(moment):
                    if state == ProposalState.WITHDRAWN:
                        proposal_withdraw(membership=quote.membership, proposal_id=quote.proposal.pk)
                    elif state == ProposalState.SHORTLISTED:
                        proposal_shortlist(membership=story.owner, proposal_id=quote.proposal.pk)
                    else:
                        proposal_decline(
                            membership=story.owner, proposal_id=quote.proposal.pk, reason=quote.seed.reason
                        )
            elif state == ProposalState.DECLINED and seed.state == S.PUBLISHED:
                raise ValueError(f"A quote declined on the open project {seed.title!r} needs a reason.")

    def _version(self, story: _Story, quote: _Quote, number: int, lines, message: str, moment: datetime) -> None:
        """A version through the quote service, which computes its totals from the lines and the discount."""
        project, provider = story.project, quote.provider
        category = _PROVIDER_CATEGORIES.get(provider.name)
        values = {
            "lines": [line for _, line in lines],
            "vat_rate_bp": 0 if category in data.QUOTE_VAT_EXEMPT else 2000,
            "message": message,
            "milestones": _milestones(self.clock.date(story.days.desired_start), self.clock.date(story.days.deadline)),
        }
        membership = self._provider_membership(provider, number - 1)
        with self.stamper.at(moment):
            if number == 1:
                quote.proposal = proposal_submit(membership=membership, project_id=project.pk, data=values)
                quote.submitted = moment
            else:
                proposal_revise(membership=membership, proposal_id=quote.proposal.pk, data=values)

    def _answer_invitations(self, story: _Story, quotes: list[_Quote]) -> None:
        """Invited providers who said no, through the invitation service, a few hours after being told."""
        project = story.project
        if project.published_at is None:
            return
        for name, reason in story.seed.declined:
            provider = self.context.providers.get(name)
            if provider is None or name not in story.invited or not provider.members:
                continue
            notified = max(story.invited[name], project.published_at)
            hours = story.answers_rng.randint(2, 30)
            moment = story.step(min(notified + timedelta(hours=hours), self.clock.now - timedelta(minutes=5)))
            with self.stamper.at(moment):
                invitation_decline(membership=self._provider_membership(provider), project_id=project.pk, reason=reason)
            story.answered[name] = moment

    def _outcome(self, story: _Story, quotes: list[_Quote]) -> None:
        """Award, work, delivery, closure and reviews; or cancellation; or expiry."""
        seed, days, clock, rng, project, owner = (
            story.seed,
            story.days,
            self.clock,
            story.rng,
            story.project,
            story.owner,
        )
        if seed.state in AWARDED_STATES:
            accepted = next(q for q in quotes if q.seed.state == ProposalState.ACCEPTED)
            story.closed_at = story.step(clock.at(days.accepted, rng, after=story.last))
            with self.stamper.at(story.closed_at):
                proposal_accept(membership=owner, proposal_id=accepted.proposal.pk)
            steps = []
            if seed.state in _STARTED_STATES:
                steps.append((days.started, rng.choice((owner, accepted.membership)), project_start))
            if days.delivered is not None:
                steps.append((days.delivered, accepted.membership, project_mark_delivered))
            if days.closed is not None:
                steps.append((days.closed, owner, project_close))
            for day, membership, service in steps:
                with self.stamper.at(story.step(clock.at(day, rng, after=story.last))):
                    service(membership=membership, project_id=project.pk)
            if seed.reviews and days.delivered is None:
                raise ValueError(f"{seed.title!r} cannot have reviews before it is delivered.")
            reviewed = story.last
            written = []
            for review_seed in seed.reviews:  # the second side writes after the first, so it publishes both
                written.append(self._review(story, review_seed, accepted, reviewed))
                reviewed = written[-1][2]
            self._respond(story, accepted, written)
        elif seed.state == S.CANCELLED:
            story.closed_at = story.step(clock.at(days.cancelled, rng, after=story.last))
            with self.stamper.at(story.closed_at):
                project_cancel(membership=owner, project_id=project.pk, reason=seed.reason)
        elif seed.state == S.EXPIRED:
            # The nightly task expires it after its answer deadline: the deadline goes back first.
            story.closed_at = story.step(clock.at(days.expired, rng, after=story.last, hour=3))
            Project.objects.filter(pk=project.pk).update(answer_deadline=clock.date(days.answer_deadline))
            with self.stamper.at(story.closed_at):
                projects_expire_overdue()

    def _review(self, story: _Story, review_seed: data.ReviewSeed, accepted: _Quote, after: datetime) -> None:
        project, clock, rng, days = story.project, self.clock, story.rng, story.days
        association, provider = story.owner, accepted.membership
        writer, subject = (association, provider) if review_seed.by == "association" else (provider, association)
        since = days.closed if days.closed is not None else days.delivered
        day = rng.randint(since, min(-1, since + 4))
        moment = story.step(clock.at(day, rng, after=after))
        scores = dict(zip(CRITERIA, review_seed.scores, strict=True))
        with self.stamper.at(moment):
            review = review_create(
                membership=writer, project_id=project.pk, data={**scores, "comment": review_seed.comment}
            )
        return review, review_seed, moment, subject

    def _respond(self, story: _Story, accepted: _Quote, written: list) -> None:
        """Reviews publish as they would have by now (both sides wrote, or 14 days passed); then answers follow.

        A review still blind today (written less than 14 days ago, the other side silent) gets no answer: nobody
        could have read it yet.
        """
        clock, rng = self.clock, story.rng
        for review, _seed, _moment, _subject in written:
            review.refresh_from_db()
            due = review.created_at + timedelta(days=BLIND_PERIOD_DAYS)
            if not review.is_published and due < clock.now:
                with self.stamper.at(story.step(due)):
                    reviews_publish_due(now=due + timedelta(seconds=1), review_ids=[review.pk])
        for review, review_seed, moment, subject in written:
            review.refresh_from_db()
            if not review_seed.response or not review.is_published:
                continue
            responded = min(max(moment, review.published_at) + timedelta(days=rng.randint(1, 3)), clock.now)
            responded -= timedelta(hours=1) if responded == clock.now else timedelta(0)
            with self.stamper.at(story.step(responded)):
                review_respond(membership=subject, review_id=review.pk, response=review_seed.response)

    def _settle(self, story: _Story) -> None:
        """The story's dates go back where they belong, then invitations nobody answered in time expire.

        Dates in the past were left out while the services ran (they refuse
        them); invitations were told at the moment of their step, so their
        deadline counts from then. An invitation whose deadline passed while
        the project was still open expires through the service, at its deadline.
        """
        project, days, clock = story.project, story.days, self.clock
        dates = {
            "desired_start": clock.date(days.desired_start),
            "deadline": clock.date(days.deadline),
            "answer_deadline": clock.date(days.answer_deadline),
        }
        Project.objects.filter(pk=project.pk).update(**dates, updated_at=story.last)
        ProposalVersion.objects.filter(proposal__project=project).update(start_date=dates["desired_start"])
        change = ProjectChange.objects.filter(project=project).first()
        if change is not None and days.changed is not None:
            # Its first date was left out when the project was drafted; the change log shows the real one.
            before = dates["answer_deadline"] - timedelta(days=story.seed.deadline_extended_by)
            change.fields = {"answer_deadline": [before.isoformat(), dates["answer_deadline"].isoformat()]}
            change.save(update_fields=["fields"])
        project.refresh_from_db()
        if project.published_at is None:
            return
        open_until = story.closed_at or clock.now
        for invitation in project.invitations.select_related("provider"):
            notified = max(story.invited[invitation.provider.name], project.published_at)
            answered = story.answered.get(invitation.provider.name)
            invitation.notified_at, invitation.respond_by = notified, response_deadline(notified)
            fields = ["notified_at", "respond_by"]
            if invitation.responded_at is not None and answered is not None:
                invitation.responded_at = max(answered, notified)
                fields.append("responded_at")
            if invitation.declined_at is not None and answered is not None:
                invitation.declined_at = invitation.responded_at
                fields.append("declined_at")
            invitation.save(update_fields=fields)
            if invitation.responded_at is None and invitation.respond_by < open_until:
                with self.stamper.at(invitation.respond_by):
                    invitations_settle(project=project, now=invitation.respond_by + timedelta(seconds=1))


def _missing(context: _Context) -> list[data.ProjectSeed]:
    """The demo projects not in the database yet, whose association exists."""
    seeds = [seed for seed in data.PROJECTS if seed.association in context.associations]
    existing = set(
        Project.objects.filter(
            organisation__in=context.associations.values(), title__in={seed.title for seed in seeds}
        ).values_list("organisation__name", "title")
    )
    return [seed for seed in seeds if (seed.association, seed.title) not in existing]


_COUNTED = {
    "projets": Project,
    "invitations": ProjectInvitation,
    "devis": Proposal,
    "versions de devis": ProposalVersion,
    "avis": Review,
    "notifications": Notification,
}


def seed_projects(stdout: OutputWrapper) -> dict[str, int]:
    """Projects in every state, with their invitations, quotes, reviews, timelines and a few notifications."""
    before = {label: model.objects.count() for label, model in _COUNTED.items()}
    context = _Context.load()
    player = _Player(context, timezone.now())
    for seed in _missing(context):
        if not player.play(seed):
            stdout.write(f"Projet « {seed.title} » non créé : aucun prestataire vérifié n'a pu y répondre.")
    return {label: model.objects.count() - before[label] for label, model in _COUNTED.items()}
