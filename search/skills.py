"""The skills taxonomy as search sees it: phrases per skill, detection of skills in free text, synonym rules.

Associations rarely tick skills; they write « on voudrait un site internet simple pour recevoir des dons ».
Detecting the taxonomy's labels and synonyms in that text, with typo tolerance, gives matching the same skill
signal whatever engine runs, and lets the explanation say "via « dons en ligne »".
"""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language

from marketplace.models import Skill

from .analysis import is_typo_of, terms

_CACHE_KEY = "search:skill-taxonomy-version"
_RECHECK_SECONDS = 5


@dataclass(frozen=True)
class SkillPhrase:
    slug: str
    # "label" when the phrase is one of the skill's labels, "synonym" otherwise.
    via: str
    phrase: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class DetectedSkill:
    slug: str
    phrase: str
    via: str


class SkillMatcher:
    """The taxonomy's phrases indexed by their first term, with a memo of which typed words are typos of which.

    Detection runs on every indexed provider, so it must cost a dictionary lookup per word, not a pass over
    every phrase of the taxonomy.
    """

    def __init__(self, phrases: list[SkillPhrase], *, domains: dict[str, str], labels: dict[str, tuple[str, str]]):
        self.domain_of = domains
        self._labels = labels
        self.by_first: dict[str, list[SkillPhrase]] = {}
        for phrase in sorted(phrases, key=lambda p: (-len(p.terms), p.via != "label", p.slug)):
            self.by_first.setdefault(phrase.terms[0], []).append(phrase)
        self._phrases_of: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            self._phrases_of.setdefault(phrase.slug, []).append(phrase.terms)
        self.vocabulary = {term for phrase in phrases for term in phrase.terms}
        self._by_initial: dict[str, list[str]] = {}
        for term in self.vocabulary:
            self._by_initial.setdefault(term[0], []).append(term)
        self._resolved: dict[str, str | None] = {}

    def phrases_of(self, slug: str) -> list[tuple[str, ...]]:
        """The analysed labels and synonyms of a skill: what the database engine expands a query with."""
        return self._phrases_of.get(slug, [])

    def label(self, slug: str) -> str:
        """The skill's label in the active language, for explanations."""
        french, english = self._labels.get(slug, (slug, slug))
        return english if (get_language() or "fr").startswith("en") and english else french

    def resolve(self, term: str) -> str | None:
        """The taxonomy term this word stands for: itself, or the one it is a typo of."""
        if term in self.vocabulary:
            return term
        if term not in self._resolved:
            self._resolved[term] = next(
                (known for known in self._by_initial.get(term[0], ()) if is_typo_of(term, known)), None
            )
        return self._resolved[term]

    def detect(self, text: str) -> dict[str, DetectedSkill]:
        resolved = [self.resolve(term) for term in terms(text)]
        found: dict[str, DetectedSkill] = {}
        position = 0
        while position < len(resolved):
            longest = 0
            for phrase in self.by_first.get(resolved[position], ()):
                if len(phrase.terms) < longest:
                    break  # phrases are sorted longest first: "don de matériel" hides "don" at this place
                end = position + len(phrase.terms)
                if tuple(resolved[position:end]) == phrase.terms:
                    found.setdefault(phrase.slug, DetectedSkill(phrase.slug, phrase.phrase, phrase.via))
                    longest = len(phrase.terms)
            position += max(1, longest)
        return found


_memo: dict[str, object] = {"matcher": None, "version": None, "checked": 0.0}


def skill_matcher() -> SkillMatcher:
    """Every active skill's labels (FR and EN) and synonyms, analysed.

    Built once per process; the shared cache holds a version number that staff edits bump, checked at most
    every few seconds, so other processes pick an edit up without rebuilding the matcher on every call.
    """
    now = time.monotonic()
    if _memo["matcher"] is not None and now - _memo["checked"] < _RECHECK_SECONDS:
        return _memo["matcher"]
    version = cache.get_or_set(_CACHE_KEY, time.time_ns, timeout=None)
    if _memo["matcher"] is None or _memo["version"] != version:
        _memo["matcher"] = _build_matcher()
        _memo["version"] = version
    _memo["checked"] = now
    return _memo["matcher"]


def _build_matcher() -> SkillMatcher:
    phrases, domains, labels = [], {}, {}
    for skill in Skill.objects.filter(is_active=True).select_related("domain"):
        domains[skill.slug] = skill.domain.slug
        labels[skill.slug] = (skill.label_fr, skill.label_en)
        seen = set()
        candidates = [("label", skill.label_fr), ("label", skill.label_en)]
        candidates += [("synonym", synonym) for synonym in skill.synonyms or []]
        for via, text in candidates:
            analysed = tuple(terms(text))
            if analysed and analysed not in seen:
                seen.add(analysed)
                phrases.append(SkillPhrase(skill.slug, via, text, analysed))
    return SkillMatcher(phrases, domains=domains, labels=labels)


def skill_matcher_invalidate(**kwargs) -> None:
    """Connected to Skill saves and deletes: the next detection in any process reads the new taxonomy."""
    cache.set(_CACHE_KEY, time.time_ns(), None)
    _memo["matcher"] = None


def detect_skills(text: str) -> dict[str, DetectedSkill]:
    """Skills the text speaks of, by slug: a phrase matches when its terms appear in a row, typos allowed.

    Longer phrases are tried first at each position, so « refonte du site internet » is one skill, not two.
    """
    return skill_matcher().detect(text)


def synonym_rules() -> list[str]:
    """Solr-format synonym lines ("site internet, site web, website") for the cluster's search analyzer."""
    rules = []
    for skill in Skill.objects.filter(is_active=True).only("label_fr", "synonyms"):
        variants = []
        for text in [skill.label_fr, *(skill.synonyms or [])]:
            cleaned = " ".join(text.replace(",", " ").replace("=>", " ").split()).lower()
            if cleaned and cleaned not in variants:
                variants.append(cleaned)
        if len(variants) > 1:
            rules.append(", ".join(variants))
    return rules
