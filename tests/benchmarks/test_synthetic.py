"""The synthetic marketplace: reproducible, importable, and graded from latent attributes only."""

import json
import random

import pytest
from django.db.models import Count

from marketplace.models import Organisation, Project
from marketplace.services.imports import marketplace_import
from search.models import IndexQueueItem
from tests.benchmarks.synthetic import (
    REGION_BIT,
    SKILL_BIT,
    ProjectLatent,
    ProviderLatent,
    add_typo,
    marketplace_records,
    of_place,
    relevance_grade,
    write_marketplace,
)

SIZES = {"providers": 80, "associations": 12, "projects": 25}


def provider(**overrides) -> ProviderLatent:
    values = {
        "ref": "P1",
        "verified": True,
        "specialties": SKILL_BIT["site-vitrine"] | SKILL_BIT["dons-en-ligne"],
        "served": REGION_BIT["bretagne"],
        "remote": False,
        "cost_floor_eur": 1500,
    }
    return ProviderLatent(**{**values, **overrides})


PROJECT = ProjectLatent(ref="J1", need=("site-vitrine",), region="bretagne", remote_ok=True, budget_max_eur=3000)


def test_same_seed_same_records_other_seed_other_records():
    first = list(marketplace_records(**SIZES, seed=7))
    assert first == list(marketplace_records(**SIZES, seed=7))
    assert first != list(marketplace_records(**SIZES, seed=8))
    assert [r["kind"] for r in first].count("provider") == SIZES["providers"]


@pytest.mark.parametrize(
    ("overrides", "project", "grade"),
    [
        ({}, PROJECT, 3),
        ({"verified": False}, PROJECT, 0),
        ({"served": REGION_BIT["corse"]}, ProjectLatent("J", ("site-vitrine",), "bretagne", False, 3000), 2),
        ({"served": REGION_BIT["corse"], "remote": True}, PROJECT, 3),  # remote both ways
        ({"cost_floor_eur": 5000}, PROJECT, 2),
        (
            {"served": REGION_BIT["corse"], "cost_floor_eur": 5000},
            ProjectLatent("J", ("site-vitrine",), "bretagne", False, 3000),
            1,
        ),
        ({}, ProjectLatent("J", ("site-vitrine",), "bretagne", True, None), 3),  # unknown budget fits
        ({}, ProjectLatent("J", ("site-vitrine", "helloasso"), "bretagne", True, 3000), 1),  # half the need
        ({}, ProjectLatent("J", ("wordpress",), "bretagne", True, 3000), 1),  # same domain: adjacent
        ({}, ProjectLatent("J", ("rgpd-conformite",), "bretagne", True, 3000), 0),
    ],
)
def test_grades_come_from_latent_attributes(overrides, project, grade):
    assert relevance_grade(project, provider(**overrides)) == grade


def test_files_are_written_and_labels_reference_existing_refs(tmp_path):
    generated = write_marketplace(out_dir=tmp_path, **SIZES, seed=3)

    records = [json.loads(line) for line in (tmp_path / "marketplace.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == generated.lines == sum(SIZES.values())
    refs = {kind: {r["ref"] for r in records if r["kind"] == kind} for kind in ("provider", "project", "association")}
    assert {r["association"] for r in records if r["kind"] == "project"} <= refs["association"]
    labels = json.loads((tmp_path / "labels.json").read_text(encoding="utf-8"))
    assert set(labels) == refs["project"]
    unverified = {r["ref"] for r in records if r["kind"] == "provider" and not r["verified"]}
    graded = [(ref, grade) for grades in labels.values() for ref, grade in grades.items()]
    assert graded and {ref for ref, _grade in graded} <= refs["provider"] - unverified
    assert {grade for _ref, grade in graded} <= {1, 2, 3}
    assert any(grade == 3 for _ref, grade in graded)


def test_label_projects_limits_the_labelled_projects(tmp_path):
    write_marketplace(out_dir=tmp_path, **SIZES, seed=3, label_projects=5)
    assert list(json.loads((tmp_path / "labels.json").read_text(encoding="utf-8"))) == [
        f"J{i:06d}" for i in range(1, 6)
    ]


def test_text_only_partly_reveals_specialties():
    records = list(marketplace_records(**SIZES, seed=11))
    projects = [r for r in records if r["kind"] == "project"]
    assert any(not p["skills"] for p in projects)  # associations often tick no skill
    assert any(p["skills"] for p in projects)
    providers = [r for r in records if r["kind"] == "provider"]
    assert len({p["description"] for p in providers}) == len(providers)


def test_small_helpers():
    assert of_place("Évry-Courcouronnes") == "d'Évry-Courcouronnes"
    assert of_place("Le Mans") == "du Mans" and of_place("Lyon") == "de Lyon"
    assert add_typo(random.Random(1), "nous voudrions un site") != "nous voudrions un site"


@pytest.mark.django_db
def test_generated_lines_import_cleanly():
    lines = [json.dumps(record, ensure_ascii=False) for record in marketplace_records(**SIZES, seed=5)]

    result = marketplace_import(lines=lines)

    assert result.errors == []
    assert result.created == {"association": 12, "provider": 80, "project": 25}
    assert Organisation.objects.count() == 92 and Project.objects.count() == 25
    # Every imported provider and project waits in the search index queue, saved with the rows.
    queued = dict(IndexQueueItem.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    assert queued == {"provider": 80, "project": 25}
    # Imported a second time: updates only.
    assert marketplace_import(lines=lines).updated == {"association": 12, "provider": 80, "project": 25}
