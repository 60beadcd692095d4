"""The demo's projects, quotes and reviews: the "projects" seeder, run after the profiles.

Every entry of `data.PROJECTS` becomes a project of its association, in the
state the entry says, with the life that led there: the draft, the
invitations, the publication, the quotes from verified providers whose skills
match (with their versions and lines), the shortlist, the award, the work,
the delivery, the reviews both ways, or the cancellation or expiry. Each step
is written as the services write it (the same states, reasons and timeline
entries), at a plausible moment before today, so project pages and dashboards
tell a story; a published project's answer deadline is always a few weeks
ahead, whatever the day the demo is seeded.

Rows are written directly rather than through the services, which would
email every member of every organisation involved. Quote totals still come
from the services' own computation (`services.proposals._version_values`),
ratings from `services.reviews.reputation_refresh`. The only
notifications are in-app ones, for the members of the demo logins'
organisations, about their last weeks.

Deterministic: a `random.Random` seeded with the association and the title
shapes each project. Idempotent: a project is keyed by its association and
title, and an existing one is left alone with everything hanging from it.
"""

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.management.base import OutputWrapper
from django.urls import reverse
from django.utils import timezone, translation

from ..geography import approximate_coordinates, region_for_postcode
from ..models import (
    AuditEntry,
    Membership,
    Notification,
    Organisation,
    Project,
    ProjectChange,
    ProjectInvitation,
    Proposal,
    ProposalLine,
    ProposalVersion,
    ProviderProfile,
    Review,
    Skill,
    User,
)
from ..models.organisations import OrganisationKind, Role, VerificationStatus
from ..models.projects import InvitationResponse, ProjectState, ProposalState, Visibility
from ..plain_text import render_plain, render_subject
from ..project_types import clean_answers, spec_for
from ..services.proposals import _version_values
from ..services.responsiveness import response_deadline
from ..services.reviews import CRITERIA, rating_from_scores, reputation_refresh
from . import data

PROJECTS_ORDER = 200

S = ProjectState
AWARDED_STATES = (S.AWARDED, S.IN_PROGRESS, S.DELIVERED, S.CLOSED)
_STARTED_STATES = (S.IN_PROGRESS, S.DELIVERED, S.CLOSED)
_ROLE_RANK = {Role.OWNER: 0, Role.ADMIN: 1, Role.MEMBER: 2}
_PROJECT_LABEL = Project._meta.label_lower
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
        memberships = Membership.objects.filter(organisation_id__in=organisation_ids, user__is_active=True)
        for membership in sorted(memberships.select_related("user"), key=lambda m: (_ROLE_RANK.get(m.role, 9), m.pk)):
            members.setdefault(membership.organisation_id, []).append(membership.user)
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


# Steps after which nobody has to answer an invitation any more.
_CLOSING_ACTIONS = ("proposal.accepted", "project.cancelled", "project.expired")


# --- What gets written ----------------------------------------------------------


@dataclass
class _Event:
    """A timeline entry, written once the rows it names have their ids."""

    at: datetime
    actor: User | None
    action: str
    quote: "_Quote | None" = None
    data: dict = field(default_factory=dict)
    review: Review | None = None


@dataclass
class _Quote:
    provider: _Provider
    proposal: Proposal
    versions: list[tuple[ProposalVersion, list[ProposalLine]]] = field(default_factory=list)


@dataclass
class _Planned:
    seed: data.ProjectSeed
    project: Project
    skill_ids: list[int]
    owner: User | None
    invitations: list[ProjectInvitation] = field(default_factory=list)
    quotes: list[_Quote] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    changes: list[ProjectChange] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    moments: dict[int, datetime] = field(default_factory=dict)  # id() of a row -> when it was created

    def stamp(self, row, moment: datetime) -> None:
        self.moments[id(row)] = moment

    def event(
        self, at: datetime, actor: User | None, action: str, quote: _Quote | None = None, review=None, **extra
    ) -> datetime:
        self.events.append(_Event(at, actor, action, quote, extra, review))
        return at


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


# --- The planner ----------------------------------------------------------------


class _Planner:
    """Builds every row of the missing projects in memory, then writes them in a few bulk queries."""

    def __init__(self, context: _Context, now: datetime):
        self.context = context
        self.clock = _Clock(now)
        self.planned: list[_Planned] = []

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

    def plan(self, seed: data.ProjectSeed) -> bool:
        """Plan the project and its life; False if the database lacks what its story needs (nothing planned)."""
        context, clock = self.context, self.clock
        rng = random.Random(f"project:{seed.association}:{seed.title}")
        association = context.associations[seed.association]
        members = context.members.get(association.pk, [])
        owner = members[0] if members else None
        author = context.users.get(seed.created_by, owner)
        days = _schedule(seed, rng)

        skills = list(seed.skills or spec_for(seed.project_type).skills)
        entry = next(s for s in data.ASSOCIATIONS if s.name == seed.association)
        latitude, longitude = approximate_coordinates(entry.postcode)
        budget_min, budget_max = seed.budget_euros or (None, None)
        project = Project(
            organisation=association,
            created_by=author,
            project_type=seed.project_type,
            title=seed.title,
            description=seed.description,
            answers=clean_answers(seed.project_type, seed.answers),
            budget_min_cents=_cents(budget_min),
            budget_max_cents=_cents(budget_max),
            desired_start=clock.date(days.desired_start),
            deadline=clock.date(days.deadline),
            answer_deadline=clock.date(days.answer_deadline),
            postcode=entry.postcode,
            commune=entry.city,
            region=region_for_postcode(entry.postcode) or "",
            latitude=latitude,
            longitude=longitude,
            remote_ok=seed.remote_ok,
            visibility=Visibility.INVITED_ONLY if seed.invited_only else Visibility.VERIFIED_PROVIDERS,
            state=seed.state,
        )
        planned = _Planned(
            seed=seed,
            project=project,
            skill_ids=[context.skill_ids[slug] for slug in skills if slug in context.skill_ids],
            owner=owner,
        )
        created = planned.event(clock.at(days.created, rng), author, "project.created")
        planned.stamp(project, created)
        last = created

        invited_lately = []
        for name in seed.invited:
            provider = context.providers.get(name)
            if provider is None:
                continue
            day = rng.randint(days.created, (days.published or days.created + 1) - 1)
            moment = clock.at(day, rng, after=last)
            invitation = ProjectInvitation(project=project, provider=provider.organisation, invited_by=owner)
            planned.invitations.append(invitation)
            if self._invited_lately(seed, name):
                invited_lately.append(invitation)
                continue
            last = planned.event(moment, owner, "project.provider_invited", provider=name)
            planned.stamp(invitation, last)

        if days.published is not None:
            project.published_at = planned.event(clock.at(days.published, rng, after=last), owner, "project.published")
            last = project.published_at
        answers = random.Random(f"answers:{seed.association}:{seed.title}")
        for invitation in invited_lately:
            # Hours ago, after the publication: the demo provider's login shows a deadline still to meet.
            moment = max(clock.now - timedelta(hours=answers.randint(2, 20)), project.published_at + timedelta(hours=1))
            name = invitation.provider.name
            planned.stamp(invitation, planned.event(moment, owner, "project.provider_invited", provider=name))
        if days.changed is not None:
            before = project.answer_deadline - timedelta(days=seed.deadline_extended_by)
            last = planned.event(
                clock.at(days.changed, rng, after=last), owner, "project.updated", fields=["answer_deadline"]
            )
            change = ProjectChange(
                project=project,
                changed_by=owner,
                fields={"answer_deadline": [before.isoformat(), project.answer_deadline.isoformat()]},
            )
            planned.changes.append(change)
            planned.stamp(change, last)

        accepted = self._plan_quotes(planned, days, set(skills), rng)
        last = max([last, *(event.at for event in planned.events)])
        if project.state in AWARDED_STATES and accepted is None:
            return False  # no verified provider could have quoted
        project.updated_at = self._plan_outcome(planned, days, accepted, last, rng)
        self._plan_answers(planned, answers)
        self.planned.append(planned)
        return True

    @staticmethod
    def _invited_lately(seed: data.ProjectSeed, name: str) -> bool:
        """The demo provider's invitation to an open project it has not answered was sent hours ago, not before
        the publication like the others: its deadline is ahead whatever the day the demo is seeded."""
        answered = {quote.provider for quote in seed.quotes} | {provider for provider, _reason in seed.declined}
        return name == data.DEMO_PROVIDER.name and seed.state == S.PUBLISHED and name not in answered

    def _plan_answers(self, planned: _Planned, rng: random.Random) -> None:
        """How each invited provider answered, as the services record it: its quote, a decline, or nothing.

        The clock starts when the provider is told (the invitation, or the publication of a draft).
        An invitation with no answer by its deadline, while the project was still open, is marked
        expired, as `send_response_reminders` does; one whose project closed first never is.
        """
        project = planned.project
        if project.published_at is None:
            return
        now = self.clock.now
        quoted = {quote.proposal.provider_id: planned.moments[id(quote.proposal)] for quote in planned.quotes}
        declined = dict(planned.seed.declined)
        closing = [event.at for event in planned.events if event.action in _CLOSING_ACTIONS]
        open_until = min([*closing, now])
        members = {provider.organisation.pk: provider.members for provider in self.context.providers.values()}
        for invitation in planned.invitations:
            notified = max(planned.moments[id(invitation)], project.published_at)
            invitation.notified_at = notified
            invitation.respond_by = response_deadline(notified)
            name = invitation.provider.name
            if invitation.provider.pk in quoted:
                invitation.responded_at = max(quoted[invitation.provider.pk], notified)
                invitation.response = InvitationResponse.PROPOSAL
            elif name in declined:
                moment = min(notified + timedelta(hours=rng.randint(2, 30)), now - timedelta(minutes=5))
                invitation.responded_at = invitation.declined_at = moment
                invitation.response = InvitationResponse.DECLINED
                invitation.decline_reason = declined[name]
                people = members.get(invitation.provider.pk) or [None]
                planned.event(moment, people[0], "project.invitation_declined", provider=name, reason=declined[name])
            elif invitation.respond_by < open_until:
                invitation.expired_at = invitation.respond_by
                planned.event(invitation.respond_by, None, "project.invitation_expired", provider=name)
            if invitation.responded_at and invitation.responded_at > invitation.respond_by:
                invitation.expired_at = invitation.respond_by

    def _plan_quotes(self, planned: _Planned, days: _Days, skills: set[str], rng: random.Random) -> _Quote | None:
        """Each quote's versions and what the association made of it, up to the day quotes stopped."""
        seed, project, clock, owner = planned.seed, planned.project, self.clock, planned.owner
        if days.published is None:
            return None
        accepted = None
        invited = {invitation.provider for invitation in planned.invitations}
        for quote_seed, provider in self._providers_for(seed, project, skills, rng):
            quote = _Quote(provider=provider, proposal=Proposal(project=project, provider=provider.organisation))
            planned.quotes.append(quote)
            day = rng.randint(days.published + 1, days.quotes_until - 1)
            if provider.organisation in invited:
                # An invited provider answers its invitation with its quote the next day, within the deadline.
                day = days.published + 1
            moment = clock.at(day, rng, after=project.published_at)
            lines = _first_lines(seed, provider, project.answers, rng)
            message = _first_message(seed, provider, rng)
            count = quote_seed.versions or rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
            for number in range(1, count + 1):
                if number > 1:
                    day = rng.randint(day, days.quotes_until - 1)
                    moment = clock.at(day, rng, after=moment)
                    lines, message = _revised_lines(seed, lines, rng)
                self._add_version(planned, quote, number, lines, message, moment)
            quote.proposal.updated_at = moment
            state = quote_seed.state
            if state in (ProposalState.SHORTLISTED, ProposalState.WITHDRAWN) or quote_seed.reason:
                day = rng.randint(day, days.quotes_until - 1)
                if state == ProposalState.WITHDRAWN:
                    actor, action, extra = provider.members[0] if provider.members else None, "withdrawn", {}
                elif state == ProposalState.SHORTLISTED:
                    actor, action, extra = owner, "shortlisted", {}
                else:
                    actor, action, extra = owner, "declined", {"reason": quote_seed.reason}
                    quote.proposal.decline_reason = quote_seed.reason
                moment = clock.at(day, rng, after=moment)
                quote.proposal.updated_at = planned.event(moment, actor, f"proposal.{action}", quote, **extra)
            elif state == ProposalState.DECLINED and project.state == S.PUBLISHED:
                raise ValueError(f"A quote declined on the open project {seed.title!r} needs a reason.")
            quote.proposal.state = state
            if state == ProposalState.ACCEPTED:
                accepted = quote
        return accepted

    def _add_version(self, planned: _Planned, quote: _Quote, number: int, lines, message: str, moment) -> None:
        """A version whose totals the quote service computes from its lines and the provider's discount."""
        project, provider = planned.project, quote.provider
        category = _PROVIDER_CATEGORIES.get(provider.name)
        vat_rate_bp = 0 if category in data.QUOTE_VAT_EXEMPT else 2000
        values, rows = _version_values(
            {
                "lines": [line for _, line in lines],
                "vat_rate_bp": vat_rate_bp,
                "message": message,
                "milestones": _milestones(project.desired_start, project.deadline),
            },
            provider.profile,
        )
        # The service refuses a start date in the past; these versions were written back then.
        values["start_date"] = project.desired_start
        author = provider.members[(number - 1) % len(provider.members)] if provider.members else None
        version = ProposalVersion(proposal=quote.proposal, number=number, created_by=author, **values)
        quote.versions.append((version, [ProposalLine(version=version, **row) for row in rows]))
        planned.stamp(version, moment)
        if number == 1:
            planned.stamp(quote.proposal, moment)
            planned.event(moment, author, "proposal.submitted", quote)
        else:
            planned.event(moment, author, "proposal.revised", quote, version=number)

    def _plan_outcome(
        self, planned: _Planned, days: _Days, accepted: _Quote | None, last: datetime, rng: random.Random
    ) -> datetime:
        """Award, work, delivery, closure and reviews; or cancellation; or expiry. Returns the last step."""
        seed, project, clock, owner = planned.seed, planned.project, self.clock, planned.owner
        # Quotes `data` says were declined, without a word from the association: the service moving the project did it.
        by_service = [
            q for q in planned.quotes if q.proposal.state == ProposalState.DECLINED and not q.proposal.decline_reason
        ]

        if project.state in AWARDED_STATES:
            last = planned.event(clock.at(days.accepted, rng, after=last), owner, "proposal.accepted", accepted)
            accepted.proposal.updated_at = last
            self._decline(by_service, data.DECLINED_OTHER_ACCEPTED, last)
            provider_user = accepted.provider.members[0] if accepted.provider.members else None
            if project.state in _STARTED_STATES:
                by = rng.choice((owner, provider_user))
                last = planned.event(clock.at(days.started, rng, after=last), by, "project.started")
            if days.delivered is not None:
                last = planned.event(clock.at(days.delivered, rng, after=last), provider_user, "project.delivered")
            if days.closed is not None:
                last = planned.event(clock.at(days.closed, rng, after=last), owner, "project.closed")
            if seed.reviews and days.delivered is None:
                raise ValueError(f"{seed.title!r} cannot have reviews before it is delivered.")
            reviewed = last
            for review_seed in seed.reviews:
                last = max(last, self._plan_review(planned, review_seed, accepted, days, reviewed, rng))
        elif project.state == S.CANCELLED:
            last = planned.event(
                clock.at(days.cancelled, rng, after=last), owner, "project.cancelled", reason=seed.reason
            )
            self._decline(by_service, data.DECLINED_PROJECT_CANCELLED, last)
        elif project.state == S.EXPIRED:
            # The nightly task expires it after the answer deadline.
            last = planned.event(clock.at(days.expired, rng, after=last, hour=3), None, "project.expired")
            self._decline(by_service, data.DECLINED_PROJECT_EXPIRED, last)
        return last

    @staticmethod
    def _decline(quotes: Iterable[_Quote], reason: str, moment: datetime) -> None:
        """Quotes still open when the project moved on, declined by the service that moved it, without an entry."""
        for quote in quotes:
            quote.proposal.decline_reason = reason
            quote.proposal.updated_at = moment

    def _plan_review(
        self,
        planned: _Planned,
        review_seed: data.ReviewSeed,
        accepted: _Quote,
        days: _Days,
        after: datetime,
        rng: random.Random,
    ) -> datetime:
        project, clock = planned.project, self.clock
        provider = accepted.provider
        if review_seed.by == "association":
            author, subject, writer = project.organisation, provider.organisation, planned.owner
        else:
            author, subject = provider.organisation, project.organisation
            writer = provider.members[0] if provider.members else None
        scores = dict(zip(CRITERIA, review_seed.scores, strict=True))
        since = days.closed if days.closed is not None else days.delivered
        day = rng.randint(since, min(-1, since + 4))
        moment = clock.at(day, rng, after=after)
        review = Review(
            project=project,
            author=author,
            subject=subject,
            written_by=writer,
            # The mean of the four scores, as `review_create` computes it.
            rating=rating_from_scores(scores),
            comment=review_seed.comment,
            response=review_seed.response,
            # The demo's stories are past: both sides wrote long ago, so every review is public.
            is_published=True,
            published_at=moment,
            **scores,
        )
        if review_seed.response:
            review.responded_at = min(moment + timedelta(days=rng.randint(1, 3)), clock.now - timedelta(hours=1))
        planned.reviews.append(review)
        planned.stamp(review, moment)
        return planned.event(moment, writer, "review.published", review=review)

    # Writing

    def save(self) -> dict[str, int]:
        planned = self.planned
        if not planned:
            return {}
        # Parents first: each bulk_create gives its rows the ids their children's foreign keys then take.
        projects = [p.project for p in planned]
        Project.objects.bulk_create(projects)
        through = Project.skills.through
        through.objects.bulk_create(
            through(project_id=p.project.pk, skill_id=skill_id) for p in planned for skill_id in p.skill_ids
        )
        invitations = [row for p in planned for row in p.invitations]
        changes = [row for p in planned for row in p.changes]
        quotes = [quote for p in planned for quote in p.quotes]
        proposals = [quote.proposal for quote in quotes]
        ProjectInvitation.objects.bulk_create(invitations)
        ProjectChange.objects.bulk_create(changes)
        Proposal.objects.bulk_create(proposals)
        versions = [version for quote in quotes for version, _ in quote.versions]
        ProposalVersion.objects.bulk_create(versions)
        ProposalLine.objects.bulk_create(line for quote in quotes for _, rows in quote.versions for line in rows)
        for quote in quotes:
            quote.proposal.current_version = quote.versions[-1][0]
            if quote.proposal.state == ProposalState.ACCEPTED:
                quote.proposal.project.awarded_proposal = quote.proposal
        reviews = [row for p in planned for row in p.reviews]
        Review.objects.bulk_create(reviews)
        entries = self._audit_entries()
        AuditEntry.objects.bulk_create(entry for entry, _ in entries)
        notifications = self._notifications()
        Notification.objects.bulk_create(notification for notification, _ in notifications)

        # `auto_now_add` and `auto_now` stamped every insert with the current time: restore the story's dates.
        self._restamp(invitations, changes, versions, reviews)
        for p in planned:
            p.project.created_at = p.moments[id(p.project)]
            for quote in p.quotes:
                quote.proposal.created_at = p.moments[id(quote.proposal)]
        for row, moment in (*entries, *notifications):
            row.created_at = moment
        Project.objects.bulk_update(projects, ["awarded_proposal", "created_at", "updated_at"])
        Proposal.objects.bulk_update(proposals, ["current_version", "created_at", "updated_at"])
        AuditEntry.objects.bulk_update([entry for entry, _ in entries], ["created_at"])
        Notification.objects.bulk_update([notification for notification, _ in notifications], ["created_at"])

        for subject_id in sorted({review.subject_id for review in reviews}):
            reputation_refresh(organisation_id=subject_id)
        return {
            "projets": len(projects),
            "invitations": len(invitations),
            "devis": len(proposals),
            "versions de devis": len(versions),
            "avis": len(reviews),
            "notifications": len(notifications),
        }

    def _restamp(self, invitations, changes, versions, reviews) -> None:
        dates = {key: moment for p in self.planned for key, moment in p.moments.items()}
        for model, rows in (
            (ProjectInvitation, invitations),
            (ProjectChange, changes),
            (ProposalVersion, versions),
            (Review, reviews),
        ):
            for row in rows:
                row.created_at = dates[id(row)]
            model.objects.bulk_update(rows, ["created_at"])

    def _audit_entries(self) -> list[tuple[AuditEntry, datetime]]:
        """The timelines, as the services write them, each entry with its moment."""
        entries = []
        for p in self.planned:
            target = f"{_PROJECT_LABEL}:{p.project.pk}"
            for event in p.events:
                extra = dict(event.data)
                if event.quote is not None:
                    extra = {"proposal": event.quote.proposal.pk, "provider": event.quote.provider.name, **extra}
                entry = AuditEntry(
                    actor=event.actor,
                    organisation=p.project.organisation,
                    action=event.action,
                    target=target,
                    data=extra,
                )
                entries.append((entry, event.at))
        return entries

    def _notifications(self) -> list[tuple[Notification, datetime]]:
        """What the demo logins' organisations were told in-app lately, rendered as `notify_users` renders it."""
        demo = set()
        if association := self.context.associations.get(data.DEMO_ASSOCIATION.name):
            demo.add(association.pk)
        if provider := self.context.providers.get(data.DEMO_PROVIDER.name):
            demo.add(provider.organisation.pk)
        horizon = self.clock.now - timedelta(days=_NOTIFIED_DAYS)
        notifications = []
        for p in self.planned:
            project = p.project
            accepted = project.awarded_proposal
            provider_of = {q.proposal.provider_id: q.provider for q in p.quotes}
            url = reverse("projects:detail", kwargs={"project_id": project.pk})
            for event in p.events:
                if event.at < horizon:
                    continue
                for organisation, kind, template, context in self._told(p, event, accepted, provider_of):
                    if organisation.pk not in demo:
                        continue
                    context = {"project": project, **context}
                    for user in self.context.members.get(organisation.pk, []):
                        with translation.override(user.preferred_language):
                            title = render_subject(f"notifications/{template}_title.txt", context)
                            body = render_plain(f"notifications/{template}_body.txt", context).strip()
                        notification = Notification(user=user, kind=kind, title=title, body=body, url=url)
                        if event.at < self.clock.now - timedelta(days=_READ_AFTER_DAYS):
                            notification.read_at = event.at + timedelta(hours=2)
                        notifications.append((notification, event.at))
        return notifications

    def _told(self, planned: _Planned, event: _Event, accepted, provider_of):
        """Who the services notify of this step: (organisation, kind, template, context) tuples."""
        project = planned.project
        association = project.organisation
        quote = event.quote
        awarded = provider_of[accepted.provider_id].organisation if accepted is not None else None
        if event.action == "project.published":
            for invitation in planned.invitations:
                if planned.moments[id(invitation)] > event.at:
                    continue  # invited after the publication: told then
                yield (
                    invitation.provider,
                    "project.project_invitation",
                    "project_invitation",
                    {"association": association, "respond_by": invitation.respond_by},
                )
        elif event.action == "project.provider_invited" and project.published_at and event.at > project.published_at:
            for invitation in planned.invitations:
                if invitation.provider.name == event.data["provider"]:
                    context = {"association": association, "respond_by": invitation.respond_by}
                    yield invitation.provider, "project.project_invitation", "project_invitation", context
        elif event.action == "project.invitation_declined":
            context = {"provider": _invited_provider(planned, event.data["provider"]), "reason": event.data["reason"]}
            yield association, "project.invitation_declined", "invitation_declined", context
        elif event.action == "proposal.submitted":
            yield association, "proposal.submitted", "proposal_submitted", {"provider": quote.provider.organisation}
        elif event.action == "proposal.revised":
            yield (
                association,
                "proposal.revised",
                "proposal_revised",
                {
                    "provider": quote.provider.organisation,
                    "version": event.data["version"],
                },
            )
        elif event.action == "proposal.declined":
            yield (
                quote.provider.organisation,
                "proposal.declined",
                "proposal_declined",
                {"reason": event.data["reason"]},
            )
        elif event.action == "proposal.accepted":
            yield quote.provider.organisation, "proposal.accepted", "proposal_accepted", {"association": association}
            for other in planned.quotes:
                if other is not quote and other.proposal.decline_reason == data.DECLINED_OTHER_ACCEPTED:
                    yield (
                        other.provider.organisation,
                        "proposal.declined",
                        "proposal_declined",
                        {"reason": data.DECLINED_OTHER_ACCEPTED},
                    )
        elif event.action in ("project.started", "project.delivered", "project.closed"):
            by_association = event.actor is not None and event.actor == planned.owner
            other = awarded if by_association else association
            by = association if by_association else awarded
            step = event.action.split(".")[1]
            yield other, event.action, f"project_{step}", {"by": by}
        elif event.action == "review.published":
            review = event.review
            yield review.subject, "review.published", "review_published", {"author": review.author}


def _invited_provider(planned: _Planned, name: str) -> Organisation:
    return next(invitation.provider for invitation in planned.invitations if invitation.provider.name == name)


def _missing(context: _Context) -> list[data.ProjectSeed]:
    """The demo projects not in the database yet, whose association exists."""
    seeds = [seed for seed in data.PROJECTS if seed.association in context.associations]
    existing = set(
        Project.objects.filter(
            organisation__in=context.associations.values(), title__in={seed.title for seed in seeds}
        ).values_list("organisation__name", "title")
    )
    return [seed for seed in seeds if (seed.association, seed.title) not in existing]


def seed_projects(stdout: OutputWrapper) -> dict[str, int]:
    """Projects in every state, with their invitations, quotes, reviews, timelines and a few notifications."""
    context = _Context.load()
    planner = _Planner(context, timezone.now())
    for seed in _missing(context):
        if not planner.plan(seed):
            stdout.write(f"Projet « {seed.title} » non créé : aucun prestataire vérifié n'a pu y répondre.")
    created = planner.save()
    return {
        "projets": 0,
        "invitations": 0,
        "devis": 0,
        "versions de devis": 0,
        "avis": 0,
        "notifications": 0,
        **created,
    }
