"""The evaluation set is sound: it imports through the import service, covers what it claims, splits in two
fixed halves, and no grade breaks a hard rule of RUBRIC.md.

The rules are computed again here from the data alone, so a grade edited later without reading the rubric
fails this test instead of silently misleading the tuning.
"""

import re
from collections import Counter

import pytest

from marketplace.geography import Region, distance_km, region_for_postcode
from marketplace.models import Organisation, Project, ProviderProfile
from marketplace.models.organisations import OrganisationKind, VerificationStatus
from marketplace.project_types import ProjectType

from .dataset import (
    HALVES,
    HELD_OUT,
    RELEVANT_GRADE,
    TUNE,
    half_of,
    import_marketplace,
    judgements,
    lines_of,
    project_refs,
    unverified_provider_refs,
)

REACH_KM = 100
SMALL_TEAM, LARGE_TEAM = 2, 50
LONG_JOB_DAYS, MANY_SITES = 30, 3
SMALL_BUDGET_FOR_LARGE_TEAMS = 3000


def _providers() -> dict[str, dict]:
    return {line["ref"]: line for line in lines_of("provider")}


def _projects() -> dict[str, dict]:
    return {line["ref"]: line for line in lines_of("project")}


def _region(line: dict) -> str:
    return line.get("region") or str(region_for_postcode(line["postcode"]))


def _budget(project: dict) -> float | None:
    return project.get("budget_max_eur", project.get("budget_min_eur"))


def rubric_cap(project: dict, effort_days: float, provider: dict) -> tuple[int, list[str]]:
    """The highest grade the hard rules allow, and the rules that lowered it (RUBRIC.md, "Hard rules")."""
    if not provider.get("verified"):
        return 0, ["V"]
    caps = []
    served = {_region(provider), *(provider.get("regions") or [])}
    near = distance_km((project["lat"], project["lon"]), (provider["lat"], provider["lon"])) <= REACH_KM
    reaches = _region(project) in served or near
    remote_project = project.get("remote_ok", True)
    if not remote_project and not reaches:
        caps.append((1, "P1"))
    if remote_project and not reaches and not provider.get("remote", True):
        caps.append((1, "P2"))
    budget = _budget(project)
    if provider.get("pro_bono"):
        details = provider.get("pro_bono_details", "")
        days = re.search(r"(\d+) jours", details)
        capacity = int(days.group(1)) if days else (1 if "une journée" in details else 0)
        if effort_days > capacity:
            caps.append((2, "B3"))
    elif budget is not None:
        if provider.get("min_project_eur", 0) > budget:
            caps.append((1, "B1"))
        if provider.get("day_rate_min"):
            cost = effort_days * provider["day_rate_min"] * (1 - provider.get("solidarity_discount_pct", 0) / 100)
            if cost > 2 * budget:
                caps.append((1, "B2"))
            elif cost > budget:
                caps.append((2, "B2"))
    team = provider.get("team_size", 1)
    sites = (project.get("answers") or {}).get("sites", 1)
    if team <= SMALL_TEAM and (effort_days > LONG_JOB_DAYS or sites > MANY_SITES):
        caps.append((2, "S1"))
    if team >= LARGE_TEAM and budget is not None and budget < SMALL_BUDGET_FOR_LARGE_TEAMS:
        caps.append((2, "S2"))
    return min((cap for cap, _rule in caps), default=3), [rule for _cap, rule in caps]


def test_no_grade_breaks_a_hard_rule_of_the_rubric():
    providers, projects = _providers(), _projects()
    broken = []
    for ref, judgement in judgements().items():
        for provider_ref, grade in judgement.grades.items():
            cap, rules = rubric_cap(projects[ref], judgement.effort_days, providers[provider_ref])
            if grade > cap:
                broken.append(f"{ref} {provider_ref}: {grade} > {cap} ({', '.join(rules)})")
    assert not broken, "\n".join(broken)


def test_grades_name_known_providers_and_every_project_is_graded():
    providers = _providers()
    assert set(judgements()) == set(project_refs())
    for ref, judgement in judgements().items():
        assert set(judgement.grades) <= set(providers), ref
        assert set(judgement.grades.values()) <= {0, 1, 2, 3}, ref
        assert judgement.effort_days > 0 and judgement.need, ref


def test_every_project_has_providers_that_would_solve_it():
    unverified = unverified_provider_refs()
    for ref, judgement in judgements().items():
        verified = {p: g for p, g in judgement.grades.items() if p not in unverified}
        assert 3 in verified.values(), f"{ref} has no grade-3 provider"
        assert sum(g >= RELEVANT_GRADE for g in verified.values()) >= 3, f"{ref} has fewer than 3 relevant providers"


def test_the_set_covers_what_the_brief_asks():
    projects, providers = lines_of("project"), lines_of("provider")
    assert len(projects) >= 80 and len(providers) >= 200
    assert {line["type"] for line in projects} == set(ProjectType.values)
    assert {_region(line) for line in projects} == set(Region.values)
    assert {_region(line) for line in providers} == set(Region.values)
    budgets = [_budget(line) for line in projects]
    assert sum(1 for b in budgets if b is not None and b <= 1000) >= 10
    assert sum(1 for b in budgets if b is not None and b >= 15000) >= 5
    assert sum(1 for b in budgets if b is None) >= 3
    assert sum(1 for line in projects if not line["remote_ok"]) >= 15
    assert sum(1 for line in projects if line.get("answers")) >= len(projects) // 3
    assert sum(1 for line in projects if line.get("skills")) >= len(projects) // 4
    assert len(unverified_provider_refs()) >= 10
    decoys = {p for j in judgements().values() for p, g in j.grades.items() if g == 0} - unverified_provider_refs()
    assert len(decoys) >= 10
    tags = Counter(tag for judgement in judgements().values() for tag in judgement.tags)
    for kind in (
        "plain-words",
        "remote-far-best",
        "small-budget",
        "tool-variant",
        "tool-named",
        "general-need",
        "vague",
        "on-site",
        "overseas",
        "big-budget",
    ):
        assert tags[kind] >= 2, kind
    assert sum(count for tag, count in tags.items() if tag.startswith("context-")) >= 10


def test_the_halves_follow_the_fixed_rule_and_are_balanced():
    assert half_of("J001") == TUNE and half_of("J002") == HELD_OUT and half_of("J099") == TUNE
    sizes = Counter(half_of(ref) for ref in project_refs())
    assert abs(sizes[TUNE] - sizes[HELD_OUT]) <= 1
    for half in HALVES:
        types = {line["type"] for line in lines_of("project") if half_of(line["ref"]) == half}
        assert types == set(ProjectType.values), half
        assert project_refs(half) == [ref for ref in project_refs() if half_of(ref) == half]


@pytest.mark.django_db
def test_the_set_loads_through_the_import_service():
    result = import_marketplace()

    assert not result.errors and not result.new_skills
    assert result.created["provider"] == len(lines_of("provider"))
    assert result.created["project"] == len(lines_of("project"))
    unverified = set(
        Organisation.objects.filter(kind=OrganisationKind.PROVIDER)
        .exclude(verification_status=VerificationStatus.VERIFIED)
        .values_list("external_ref", flat=True)
    )
    assert unverified == unverified_provider_refs()
    # The guided form's answers and the profiles' details arrive as a partner's import writes them.
    cloud = Project.objects.get(external_ref="J033")
    assert cloud.answers == {"target": "google-workspace", "users": 12, "mail_migration": True}
    assert sorted(cloud.skills.values_list("slug", flat=True)) == sorted(
        ["migration-cloud", "microsoft-365", "google-workspace", "nextcloud"]
    )
    flutter = ProviderProfile.objects.get(organisation__external_ref="p.yanis-flutter")
    assert "Flutter" in flutter.tools and flutter.team_size == 1
    assert ProviderProfile.objects.get(organisation__external_ref="p.orion-mecenat").pro_bono
