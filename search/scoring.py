"""The match score and its explanation, computed the same way whatever engine found the candidates.

`Need` is what a project asks (from its search document); a provider is its search document. Each component
returns a value between 0 and 1 and, when it has something to say, a short sentence for the explanation.
Weights and constants live in `weights.py`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.geography import Region, distance_km
from marketplace.models.profiles import Certification
from marketplace.money import format_money
from marketplace.project_types import SPECS

from . import weights as w
from .skills import skill_matcher


@dataclass(frozen=True)
class NeededSkill:
    slug: str
    weight: float
    # "selected" (ticked by the association), "label" or "synonym" (found in its text), "type" (project type).
    via: str
    phrase: str = ""


@dataclass
class Need:
    """A project as matching reads it."""

    skills: dict[str, NeededSkill]
    location: tuple[float, float] | None
    region: str
    remote_ok: bool
    budget_min: int | None
    budget_max: int | None
    commune: str = ""

    @property
    def domains(self) -> set[str]:
        domain_of = skill_matcher().domain_of
        return {domain_of[slug] for slug in self.skills if slug in domain_of}

    @classmethod
    def from_source(cls, source: dict) -> "Need":
        skills = {slug: NeededSkill(slug, 1.0, "selected") for slug in source.get("skills") or []}
        for slug, detected in (source.get("text_skill_phrases") or {}).items():
            skills.setdefault(slug, NeededSkill(slug, 1.0, detected["via"], detected["phrase"]))
        if not skills:
            spec = SPECS.get(source.get("project_type"))
            for slug in spec.skills if spec else ():
                skills[slug] = NeededSkill(slug, w.SKILL_FROM_TYPE_WEIGHT, "type")
        location = source.get("location")
        return cls(
            skills=skills,
            location=(location["lat"], location["lon"]) if location else None,
            region=source.get("region") or "",
            remote_ok=bool(source.get("remote_ok", True)),
            budget_min=source.get("budget_min"),
            budget_max=source.get("budget_max"),
            commune=source.get("commune") or "",
        )


@dataclass
class Scored:
    """One match: the score out of 100, each component's value, and the sentences that explain it."""

    id: int
    source: dict
    score: float
    components: dict[str, float]
    reasons: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def _nothing() -> list[str]:
    return []


def _skills(need: Need, provider: dict) -> tuple[float, Callable[[], list[str]]]:
    if not need.skills:
        return 0.0, _nothing
    matcher = skill_matcher()
    declared = set(provider.get("skills") or [])
    in_text = set(provider.get("text_skills") or [])
    provider_domains = {matcher.domain_of.get(slug) for slug in declared | in_text}
    total = credit = 0.0
    matched, via_synonym, mentioned = [], [], []
    for wanted in need.skills.values():
        total += wanted.weight
        if wanted.slug in declared:
            credit += wanted.weight
            (via_synonym if wanted.via == "synonym" else matched).append(wanted)
        elif wanted.slug in in_text:
            credit += wanted.weight * w.SKILL_IN_TEXT_CREDIT
            mentioned.append(wanted)
        elif matcher.domain_of.get(wanted.slug) in provider_domains:
            credit += wanted.weight * w.SKILL_DOMAIN_CREDIT

    def reasons() -> list[str]:
        said = []
        if matched:
            labels = ", ".join(matcher.label(skill.slug) for skill in matched)
            said.append(_("Compétences demandées : %(skills)s") % {"skills": labels})
        for skill in via_synonym:
            said.append(
                _("Compétence %(skill)s, d'après « %(phrase)s » dans la description")
                % {"skill": matcher.label(skill.slug), "phrase": skill.phrase}
            )
        if mentioned:
            labels = ", ".join(matcher.label(skill.slug) for skill in mentioned)
            said.append(_("Mentionne dans sa présentation : %(skills)s") % {"skills": labels})
        return said

    return credit / total, reasons


def _text(relative: float) -> tuple[float, Callable[[], list[str]]]:
    if relative >= 0.6:
        return relative, lambda: [_("Présentation et réalisations proches de la description du projet")]
    return relative, _nothing


def _place(need: Need, provider: dict, *, for_provider: bool) -> tuple[float, Callable[[], list[str]]]:
    value, said = 0.0, []
    location = provider.get("location")
    if need.location and location:
        distance = distance_km(need.location, (location["lat"], location["lon"]))
        value = 1.0 if distance <= w.PLACE_NEAR_KM else 0.5 ** ((distance - w.PLACE_NEAR_KM) / w.PLACE_HALF_DECAY_KM)
        if distance <= 150:
            commune = need.commune if for_provider else provider.get("commune")
            said.append(lambda: _("À %(km)s km (%(commune)s)") % {"km": round(distance), "commune": commune or "—"})
    if need.region and need.region in (provider.get("regions_served") or []) and value < w.PLACE_SAME_REGION:
        value = w.PLACE_SAME_REGION
        if for_provider:
            said.append(
                lambda: _("Projet en %(region)s, une région où vous intervenez") % {"region": Region(need.region).label}
            )
        else:
            said.append(lambda: _("Intervient en %(region)s") % {"region": Region(need.region).label})
    if need.remote_ok and provider.get("remote_ok") and value < w.PLACE_REMOTE:
        value = w.PLACE_REMOTE
        said.append(lambda: _("Réalisable à distance") if for_provider else _("Travaille à distance"))
    if not need.location and not need.region and value < w.PLACE_UNKNOWN:
        value = w.PLACE_UNKNOWN
    return value, lambda: [str(say()) for say in said]


def _budget(need: Need, provider: dict) -> tuple[float, Callable[[], list[str]]]:
    budget = need.budget_max if need.budget_max is not None else need.budget_min
    if budget is None:
        return w.BUDGET_UNKNOWN, _nothing
    minimum = provider.get("min_project") or 0
    if minimum > budget:
        return 0.0, lambda: [
            _("Projet minimum de %(amount)s, au-dessus du budget") % {"amount": format_money(minimum * 100, decimals=0)}
        ]
    rate = provider.get("day_rate_min")
    if not rate:
        return w.BUDGET_UNKNOWN, _nothing
    days = budget / rate
    if days < 1:
        return 0.0, lambda: [
            _("Tarif journalier de %(rate)s : le budget couvre moins d'une journée")
            % {"rate": format_money(rate * 100, decimals=0)}
        ]

    def reasons() -> list[str]:
        return [
            ngettext(
                "Le budget couvre environ %(days)s jour à %(rate)s par jour",
                "Le budget couvre environ %(days)s jours à %(rate)s par jour",
                int(days),
            )
            % {"days": int(days), "rate": format_money(rate * 100, decimals=0)}
        ]

    return min(1.0, days / w.BUDGET_FULL_DAYS), reasons


def _budget_is_too_small(need: Need, provider: dict) -> bool:
    budget = need.budget_max if need.budget_max is not None else need.budget_min
    return budget is not None and (provider.get("min_project") or 0) > budget


def _rating(provider: dict) -> tuple[float, Callable[[], list[str]]]:
    count, rating = provider.get("reviews") or 0, provider.get("rating")
    if not count or rating is None:
        return (w.RATING_PRIOR - 1) / 4, _nothing
    mean = (rating * count + w.RATING_PRIOR * w.RATING_PRIOR_WEIGHT) / (count + w.RATING_PRIOR_WEIGHT)

    def reasons() -> list[str]:
        message = ngettext("Note %(rating)s/5 (%(count)s avis)", "Note %(rating)s/5 (%(count)s avis)", count)
        return [message % {"rating": number_format(rating, decimal_pos=1), "count": count}]

    return (mean - 1) / 4, reasons


def _discount(provider: dict) -> tuple[float, Callable[[], list[str]]]:
    if provider.get("pro_bono"):
        return 1.0, lambda: [_("Accepte le mécénat de compétences")]
    percent = provider.get("discount_pct") or 0
    if not percent:
        return 0.0, _nothing
    return min(1.0, percent / w.DISCOUNT_FULL_PERCENT), lambda: [
        _("Remise solidaire de %(percent)s %%") % {"percent": percent}
    ]


def _certifications(need: Need, provider: dict) -> tuple[float, Callable[[], list[str]]]:
    held = set(provider.get("certifications") or [])
    if not held:
        return 0.0, _nothing
    relevant = set().union(*(w.RELEVANT_CERTIFICATIONS.get(domain, set()) for domain in need.domains))
    value = 1.0 if held & relevant else 0.5

    def reasons() -> list[str]:
        labels = ", ".join(str(Certification(held).label) for held in sorted(held_known))
        return [_("Certifié : %(labels)s") % {"labels": labels}] if labels else []

    held_known = [value for value in held if value in Certification.values]
    return value, reasons


def responsiveness_factor(provider: dict) -> float:
    """What share of its score a provider keeps for the invitations it let expire (1.0: all of it).

    Reads `invitations_due` and `invitations_expired`, which `matching.providers_for` adds to the
    candidates' documents from the database (see weights.py, "Responsiveness").
    """
    due = provider.get("invitations_due") or 0
    expired = provider.get("invitations_expired") or 0
    if due < w.EXPIRY_MIN_INVITATIONS:
        return 1.0
    excess = (expired / due - w.EXPIRY_TOLERATED_SHARE) / (1 - w.EXPIRY_TOLERATED_SHARE)
    return 1.0 - w.EXPIRY_PENALTY_MAX * min(1.0, max(0.0, excess))


def _late_reason(provider: dict) -> str:
    due, expired = provider.get("invitations_due") or 0, provider.get("invitations_expired") or 0
    message = ngettext(
        "Répond souvent après le délai : %(expired)s invitation sur %(due)s restée sans réponse à temps (12 mois)",
        "Répond souvent après le délai : %(expired)s invitations sur %(due)s restées sans réponse à temps (12 mois)",
        expired,
    )
    return message % {"expired": expired, "due": due}


# What a provider reading its own matches already knows about itself.
_SELF_EVIDENT = ("rating", "discount", "certifications")


def score(
    *, need: Need, provider: dict, text_relative: float, for_provider: bool = False, explain: bool = True
) -> tuple[float, dict[str, float], list[str]]:
    """The score out of 100 of a provider for a need, its components and the reasons, most important first.

    `for_provider` phrases the explanation for the provider reading "projects for you". Without `explain` the
    reasons are not written: ranking a hundred candidates only needs the numbers, and words cost more.
    """
    parts = {
        "skills": _skills(need, provider),
        "text": _text(text_relative),
        "place": _place(need, provider, for_provider=for_provider),
        "budget": _budget(need, provider),
        "rating": _rating(provider),
        "discount": _discount(provider),
        "certifications": _certifications(need, provider),
    }
    components = {name: round(value, 4) for name, (value, _reasons) in parts.items()}
    total = sum(w.WEIGHTS[name] * value for name, value in components.items())
    if _budget_is_too_small(need, provider):
        total *= w.DEALBREAKER_FACTOR
    if components["place"] < w.PLACE_OUT_OF_REACH:
        total *= w.DEALBREAKER_FACTOR
    responsiveness = responsiveness_factor(provider)
    total *= responsiveness
    ordered = sorted(parts, key=lambda name: -w.WEIGHTS[name] * components[name])
    shown = [name for name in ordered if not (for_provider and name in _SELF_EVIDENT)]
    reasons = [reason for name in shown for reason in parts[name][1]()] if explain else []
    if explain and responsiveness < 1.0 and not for_provider:
        reasons.append(_late_reason(provider))
    return round(total, 2), components, reasons
