"""The provider directory's parameters, shared by the directory page and the JSON API.

One `ProviderFilterSet` reads the query string (`?q=…&skills=…&region=…`) and
validates it with one form, so the page, the API and (later) the search engine
accept exactly the same parameters and refuse the same bad values.

Decisions a reader should know about:

* `q`: the text is split into words (one-letter words such as the "l" of
  "l'association" are dropped); EVERY word must appear somewhere: in the
  organisation's name, the legal name, the presentation, the services, or a
  label or synonym of one of the provider's skills. Matching ignores case and
  French accents ("ecole" finds "École"). The search engine answers `q` once
  something is indexed (typos forgiven, see `search.faceted`); before that,
  this is substring matching in SQL.
* `skills` and `certification` match ANY of the values given: an association
  ticking "WordPress" and "Drupal" wants someone who does either.
* `region` is a region the provider says it serves (`ServedRegion` rows).
* `rate_min`/`rate_max` are euros; a provider matches when its day-rate range
  overlaps the one asked. A missing minimum counts as 0 € and a missing maximum
  as "no upper limit"; providers who state no rate at all are left out as soon
  as a rate is asked, since nothing says they fit.
* `verified`: the public directory lists verified providers only, whatever is
  asked. Staff may ask `verified=false` to see the others (pending, rejected…);
  anyone else asking it gets a form error, never a silent empty list.
* `sort`: `relevance` (the default when there are words to search), `name`
  (the default otherwise), `discount`, `rate` (cheapest first), `recent`
  (newest on the platform first), `rating` (best mean of public reviews first, then the most reviewed).
* `min_rating`: 3, 4 or 4.5; providers without a public review are left out as soon as it is asked.
* `page` and `per_page` ride on the same form so that one answer lists every
  bad parameter at once.
"""

import re
from decimal import Decimal
from functools import cached_property

import django_filters
from django import forms
from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marketplace.errors import DomainError
from marketplace.folding import Fold, fold, search_words
from marketplace.geography import Region
from marketplace.models import ProviderCertification, ProviderProfile, ServedRegion, Skill, SkillDomain
from marketplace.models.organisations import OrganisationKind, VerificationStatus
from marketplace.models.profiles import Certification
from marketplace.ranges import overlapping

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_SEARCH_WORDS = 10
MAX_DAY_RATE_EUROS = 10_000
RELEVANCE_RANKED = 300

SKILL_THROUGH = ProviderProfile.skills.through


class Sort:
    RELEVANCE = "relevance"
    NAME = "name"
    DISCOUNT = "discount"
    RATE = "rate"
    RECENT = "recent"
    RATING = "rating"

    choices = [
        (RELEVANCE, _("Pertinence")),
        (NAME, _("Nom")),
        (DISCOUNT, _("Remise solidaire la plus forte")),
        (RATE, _("Tarif journalier le plus bas")),
        (RECENT, _("Les plus récents")),
        (RATING, _("Les mieux notés")),
    ]


YES_NO = [("true", _("Oui")), ("false", _("Non"))]
# Minimum mean rating of public reviews, as the directory offers it.
MIN_RATING_CHOICES = [("3", _("3 sur 5 et plus")), ("4", _("4 sur 5 et plus")), ("4.5", _("4,5 sur 5 et plus"))]

# Parameters that narrow the list (the others, sort and pagination, only arrange it).
FILTER_PARAMS = (
    "q",
    "skills",
    "domain",
    "region",
    "remote",
    "certification",
    "min_discount",
    "rate_min",
    "rate_max",
    "min_rating",
    "verified",
)


class DirectoryQueryError(DomainError):
    """Some directory parameters are invalid; `errors` maps each one to its messages."""

    def __init__(self, form: forms.Form):
        super().__init__(gettext("Certains filtres ne sont pas valides : corrigez-les pour voir les résultats."))
        self.form = form
        self.errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}


class ProviderFilterForm(forms.Form):
    """The form every directory query is validated with; the filter set adds one field per filter."""

    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=100_000)
    per_page = forms.IntegerField(label=_("Résultats par page"), required=False, min_value=1, max_value=MAX_PER_PAGE)

    # Set by ProviderFilterSet: whether the person asking belongs to the platform's staff.
    staff = False

    def clean_q(self):
        q = self.cleaned_data.get("q") or ""
        if len(search_words(q)) > MAX_SEARCH_WORDS:
            raise forms.ValidationError(_("Au plus %(n)s mots.") % {"n": MAX_SEARCH_WORDS})
        return q

    def clean_verified(self):
        verified = self.cleaned_data.get("verified") or "true"
        if verified == "false" and not self.staff:
            raise forms.ValidationError(
                _("Seule l'équipe de la plateforme peut afficher les prestataires non vérifiés.")
            )
        return verified

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("rate_min"), cleaned.get("rate_max")
        if low is not None and high is not None and low > high:
            self.add_error("rate_max", _("Le tarif maximum doit être supérieur ou égal au tarif minimum."))
        return cleaned


class IntegerFilter(django_filters.Filter):
    """A whole number: "12.5" or "abc" is an error, not a silently ignored value."""

    field_class = forms.IntegerField


class ProviderFilterSet(django_filters.FilterSet):
    """Filters, search and sort of the provider directory. See the module docstring for the rules."""

    q = django_filters.CharFilter(label=_("Rechercher"), method="filter_q", max_length=200)
    skills = django_filters.ModelMultipleChoiceFilter(
        label=_("Compétences"),
        queryset=Skill.objects.all(),
        to_field_name="slug",
        method="filter_skills",
        error_messages={"invalid_choice": _("Compétence inconnue : %(value)s.")},
    )
    domain = django_filters.ModelChoiceFilter(
        label=_("Domaine"),
        queryset=SkillDomain.objects.all(),
        to_field_name="slug",
        method="filter_domain",
        error_messages={"invalid_choice": _("Domaine inconnu.")},
    )
    region = django_filters.ChoiceFilter(
        label=_("Région couverte"),
        choices=Region.choices,
        method="filter_region",
        error_messages={"invalid_choice": _("Région inconnue : %(value)s.")},
    )
    remote = django_filters.ChoiceFilter(
        label=_("Travaille à distance"),
        choices=YES_NO,
        method="filter_remote",
        error_messages={"invalid_choice": _("Répondez true ou false.")},
    )
    certification = django_filters.MultipleChoiceFilter(
        label=_("Certifications et labels"),
        choices=Certification.choices,
        method="filter_certification",
        error_messages={"invalid_choice": _("Certification inconnue : %(value)s.")},
    )
    min_discount = IntegerFilter(
        label=_("Remise solidaire minimale (%)"),
        field_name="solidarity_discount_percent",
        lookup_expr="gte",
        min_value=0,
        max_value=100,
    )
    rate_min = IntegerFilter(
        label=_("Tarif journalier à partir de (€)"), method="filter_rate_min", min_value=0, max_value=MAX_DAY_RATE_EUROS
    )
    rate_max = IntegerFilter(
        label=_("Tarif journalier jusqu'à (€)"), method="filter_rate_max", min_value=0, max_value=MAX_DAY_RATE_EUROS
    )
    min_rating = django_filters.ChoiceFilter(
        label=_("Note des avis"),
        choices=MIN_RATING_CHOICES,
        method="filter_min_rating",
        empty_label=_("Toutes les notes"),
        error_messages={"invalid_choice": _("Note minimale inconnue : %(value)s (3, 4 ou 4.5).")},
    )
    verified = django_filters.ChoiceFilter(
        label=_("Vérification"),
        choices=[("true", _("Prestataires vérifiés")), ("false", _("Prestataires non vérifiés"))],
        method="filter_verified",
        error_messages={"invalid_choice": _("Répondez true ou false.")},
    )
    sort = django_filters.ChoiceFilter(
        label=_("Trier par"),
        choices=Sort.choices,
        method="keep",
        error_messages={"invalid_choice": _("Tri inconnu : %(value)s.")},
    )

    class Meta:
        model = ProviderProfile
        fields = []
        form = ProviderFilterForm

    # Set by the directory selector when the search index answered `q`: provider id -> relevance. None keeps
    # the substring matching below (nothing indexed yet).
    text_matches: dict[int, float] | None = None

    def __init__(self, data=None, queryset=None, *, staff: bool = False, **kwargs):
        if queryset is None:
            queryset = ProviderProfile.objects.filter(organisation__kind=OrganisationKind.PROVIDER)
        super().__init__(data, queryset, **kwargs)
        self.staff = staff

    @property
    def form(self):
        form = super().form
        form.staff = self.staff
        return form

    # Filtering

    def filter_queryset(self, queryset, *, exclude: tuple[str, ...] = ()) -> QuerySet:
        """Apply every filter but those in `exclude`: a facet is counted with all the OTHER filters.

        Visibility (verified or not) always applies, whatever is excluded. Every filter narrows with EXISTS
        subqueries or one-to-one joins, so the result never holds a provider twice.
        """
        cleaned = self.form.cleaned_data
        queryset = self.filter_verified(queryset, "verified", cleaned.get("verified") or "true")
        for name, filter_ in self.filters.items():
            if name in exclude or name == "verified" or name not in cleaned:
                continue
            queryset = filter_.filter(queryset, cleaned[name])
        return queryset

    def keep(self, queryset, name, value):
        return queryset

    def filter_verified(self, queryset, name, value):
        if value == "false" and self.staff:
            return queryset.exclude(organisation__verification_status=VerificationStatus.VERIFIED)
        return queryset.filter(organisation__verification_status=VerificationStatus.VERIFIED)

    def filter_q(self, queryset, name, value):
        if self.text_matches is not None:
            # The search engine's index answered for the words (typos forgiven): keep what it found.
            return queryset.filter(pk__in=list(self.text_matches))
        queryset = self._with_search_text(queryset)
        for word, skill_ids in self.search_terms:
            condition = Q(_search_text__contains=word)
            if skill_ids:
                condition |= self._has_skill(skill_ids)
            queryset = queryset.filter(condition)
        return queryset

    def filter_skills(self, queryset, name, value):
        skill_ids = [skill.pk for skill in value]
        return queryset.filter(self._has_skill(skill_ids)) if skill_ids else queryset

    def filter_domain(self, queryset, name, value):
        return queryset.filter(
            Exists(SKILL_THROUGH.objects.filter(providerprofile_id=OuterRef("pk"), skill__domain=value))
        )

    def filter_region(self, queryset, name, value):
        return queryset.filter(Exists(ServedRegion.objects.filter(profile_id=OuterRef("pk"), region=value)))

    def filter_min_rating(self, queryset, name, value):
        # Providers without any public review have no rating: asking for a minimum leaves them out.
        return queryset.filter(rating_count__gt=0, rating_average__gte=Decimal(value))

    def filter_remote(self, queryset, name, value):
        return queryset.filter(remote_ok=value == "true")

    def filter_certification(self, queryset, name, value):
        return queryset.filter(
            Exists(ProviderCertification.objects.filter(profile_id=OuterRef("pk"), certification__in=value))
        )

    def filter_rate_min(self, queryset, name, value):
        # The provider's range reaches at least `value`: its maximum does, or it has a minimum and no maximum.
        return queryset.filter(
            overlapping(low_field="day_rate_min_cents", high_field="day_rate_max_cents", low=value * 100)
        )

    def filter_rate_max(self, queryset, name, value):
        # The provider's range starts at or below `value`: its minimum does, or it has a maximum and no minimum.
        return queryset.filter(
            overlapping(low_field="day_rate_min_cents", high_field="day_rate_max_cents", high=value * 100)
        )

    @staticmethod
    def _has_skill(skill_ids):
        return Exists(SKILL_THROUGH.objects.filter(providerprofile_id=OuterRef("pk"), skill_id__in=skill_ids))

    @staticmethod
    def _with_search_text(queryset):
        text = Concat(
            "organisation__name",
            Value(" "),
            "legal_name",
            Value(" "),
            "presentation",
            Value(" "),
            "services",
            output_field=TextField(),
        )
        return queryset.alias(_search_text=Fold(text), _search_name=Fold(F("organisation__name")))

    @cached_property
    def taxonomy(self) -> list[Skill]:
        """Every skill with its domain, read once for the search words and the directory's skill facet."""
        return list(Skill.objects.select_related("domain"))

    @cached_property
    def search_terms(self) -> list[tuple[str, frozenset[int]]]:
        """Each search word with the skills it names (a label or synonym has a word starting with it).

        The taxonomy is small (about a hundred skills), so it is matched here in Python, accents folded, in one
        query; providers are then matched on those skills' ids.
        """
        words = search_words(self.form.cleaned_data.get("q") or "")
        if not words:
            return []
        skill_words = {
            skill.pk: set(re.findall(r"\w+", fold(" ".join([skill.label_fr, skill.label_en, *(skill.synonyms or [])]))))
            for skill in self.taxonomy
        }
        return [
            (word, frozenset(pk for pk, tokens in skill_words.items() if any(t.startswith(word) for t in tokens)))
            for word in words
        ]

    # Sorting

    @property
    def effective_sort(self) -> str:
        """The sort in effect: relevance needs words to rank on, name is the fallback."""
        sort = self.form.cleaned_data.get("sort") or ""
        if self.search_terms and sort in ("", Sort.RELEVANCE):
            return Sort.RELEVANCE
        return Sort.NAME if sort in ("", Sort.RELEVANCE) else sort

    def order(self, queryset) -> QuerySet:
        """The filtered queryset in the order asked; ties are broken by name, then id, so pages are stable."""
        queryset = queryset.alias(_sort_name=Fold(F("organisation__name")))
        by_name = ["_sort_name", "pk"]
        sort = self.effective_sort
        if sort == Sort.RELEVANCE:
            return queryset.alias(_relevance=self._relevance()).order_by("-_relevance", *by_name)
        if sort == Sort.DISCOUNT:
            return queryset.order_by("-solidarity_discount_percent", *by_name)
        if sort == Sort.RATE:
            return queryset.order_by(F("day_rate_min_cents").asc(nulls_last=True), *by_name)
        if sort == Sort.RECENT:
            return queryset.order_by("-organisation__created_at", "-pk")
        if sort == Sort.RATING:
            return queryset.order_by(F("rating_average").desc(nulls_last=True), "-rating_count", *by_name)
        return queryset.order_by(*by_name)

    def _relevance(self):
        """A word in the name weighs 3, in a skill 2, elsewhere 1; the sum ranks the providers.

        With the index's answer, its relevance ranks them instead (the best few hundred; the rest tie)."""
        if self.text_matches is not None:
            best = sorted(self.text_matches.items(), key=lambda item: -item[1])[:RELEVANCE_RANKED]
            whens = [When(pk=pk, then=Value(len(best) - rank)) for rank, (pk, _score) in enumerate(best)]
            return Case(*whens, default=Value(0), output_field=IntegerField()) if whens else Value(0)
        score = Value(0)
        for word, skill_ids in self.search_terms:
            score += Case(When(_search_name__contains=word, then=Value(3)), default=Value(0))
            score += Case(When(_search_text__contains=word, then=Value(1)), default=Value(0))
            if skill_ids:
                score += Case(When(self._has_skill(skill_ids), then=Value(2)), default=Value(0))
        return ExpressionWrapper(score, output_field=IntegerField())
