"""French analysis and skill detection: what makes "sit internet pour les dons" find website providers."""

import pytest

from search.analysis import edit_distance_at_most_one, fold, is_typo_of, stem, terms
from search.skills import detect_skills, skill_matcher_invalidate, synonym_rules


def test_terms_fold_accents_drop_elision_and_stop_words():
    assert terms("L'association gère ses adhérents et l'équipe") == ["association", "gere", "adherent", "equip"]


def test_plural_and_accents_meet_the_same_term():
    assert stem(fold("activités")) == stem("activite") == stem("activites")
    assert terms("Dons") == terms("don")
    assert terms("réseaux") == terms("réseau")


@pytest.mark.parametrize(
    ("typed", "known", "expected"),
    [
        ("internt", "internet", True),
        ("interent", "internet", True),
        ("adherant", "adherent", True),
        ("bon", "don", False),
    ],
)
def test_typo_tolerance_is_one_edit_on_long_words(typed, known, expected):
    assert is_typo_of(typed, known) is expected


def test_edit_distance_counts_swaps_as_one():
    assert edit_distance_at_most_one("wordpress", "wrodpress")
    assert not edit_distance_at_most_one("wordpress", "drupal")


@pytest.mark.django_db
def test_skills_are_detected_from_labels_and_synonyms_without_accents_or_with_typos():
    found = detect_skills("on voudrait un sit internet et un formulaire de don, peut-etre avec hello asso")
    assert {"site-vitrine", "dons-en-ligne", "helloasso"} <= set(found)
    assert found["site-vitrine"].via == "synonym"
    assert found["dons-en-ligne"].phrase == "formulaire de don"


@pytest.mark.django_db
def test_longer_phrases_win_and_unrelated_text_finds_nothing():
    assert detect_skills("Nous organisons des randonnées le dimanche.") == {}
    found = detect_skills("Audit de sécurité de nos postes")
    assert "audit-securite" in found


@pytest.mark.django_db
def test_a_skill_edited_by_staff_is_detected_at_once():
    from marketplace.models import Skill

    skill = Skill.objects.get(slug="helloasso")
    assert "helloasso" not in detect_skills("un formulaire Billetweb")
    skill.synonyms = [*skill.synonyms, "billetweb"]
    skill.save()
    assert "helloasso" in detect_skills("un formulaire Billetweb")
    skill_matcher_invalidate()


@pytest.mark.django_db
def test_synonym_rules_are_solr_lines_without_reserved_characters():
    rules = synonym_rules()
    assert any(rule.startswith("site vitrine, site internet") for rule in rules)
    assert all("=>" not in rule for rule in rules)
