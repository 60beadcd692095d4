"""Sanity checks on the seed taxonomy (plain data, no database)."""

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from marketplace import taxonomy_data
from marketplace.taxonomy_data import DOMAINS, SKILLS

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DOMAIN_SLUGS = {domain.slug for domain in DOMAINS}


def test_counts():
    assert len(DOMAINS) >= 11
    assert len(SKILLS) >= 60


def test_expected_domains_present():
    assert {
        "website-cms",
        "ecommerce-donations",
        "crm-members",
        "cloud-collaboration",
        "cybersecurity-gdpr",
        "data-dashboards",
        "networks-hardware",
        "digital-communication",
        "training-inclusion",
        "accessibility",
        "software-development",
    } <= DOMAIN_SLUGS


def test_each_domain_has_at_least_four_skills():
    per_domain = Counter(skill.domain for skill in SKILLS)
    sparse = {slug: per_domain[slug] for slug in DOMAIN_SLUGS if per_domain[slug] < 4}
    assert sparse == {}


def test_every_skill_domain_exists():
    assert [skill.slug for skill in SKILLS if skill.domain not in DOMAIN_SLUGS] == []


@pytest.mark.parametrize("items", [DOMAINS, SKILLS], ids=["domains", "skills"])
def test_slugs_unique_and_slug_shaped(items):
    slugs = [item.slug for item in items]
    assert [slug for slug, n in Counter(slugs).items() if n > 1] == []
    assert [slug for slug in slugs if not SLUG_RE.match(slug)] == []


@pytest.mark.parametrize("item", [*DOMAINS, *SKILLS], ids=lambda item: item.slug)
def test_labels_present_in_both_languages(item):
    for label in (item.label_fr, item.label_en):
        assert label and label == label.strip()
        assert "  " not in label
    # French typography: typographic apostrophe in displayed labels.
    assert "'" not in item.label_fr


@pytest.mark.parametrize("skill", SKILLS, ids=lambda skill: skill.slug)
def test_synonyms_shape(skill):
    assert isinstance(skill.synonyms, tuple)
    assert 2 <= len(skill.synonyms) <= 6
    assert len(set(skill.synonyms)) == len(skill.synonyms), "duplicate synonym"
    for synonym in skill.synonyms:
        assert synonym, "empty synonym"
        assert synonym == synonym.lower(), synonym
        assert synonym == synonym.strip() and "  " not in synonym, synonym
        # Reserved by the search engine's synonym file format.
        assert "," not in synonym and "=>" not in synonym, synonym


def test_website_skill_matches_site_internet():
    website_synonyms = {syn for skill in SKILLS if skill.domain == "website-cms" for syn in skill.synonyms}
    assert {"site internet", "site web", "site vitrine", "website"} <= website_synonyms


def test_donation_skill_matches_common_wording():
    donation_synonyms = {syn for skill in SKILLS if skill.domain == "ecommerce-donations" for syn in skill.synonyms}
    assert {"don en ligne", "collecte", "crowdfunding", "donation"} <= donation_synonyms


def test_seeds_are_immutable():
    with pytest.raises(AttributeError):
        SKILLS[0].slug = "renamed"  # type: ignore[misc]


def test_module_does_not_import_django():
    """Migrations load this module: it must stay plain data, independent of the current models."""
    tree = ast.parse(Path(taxonomy_data.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    assert not any(name.split(".")[0] in {"django", "wagtail", "marketplace"} for name in imported), imported
