"""The default questionnaire: complete, publishable, installed once, linked to the demo resource centre."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.db.models import Max

from assessment.default_questionnaire import AXES, VERSION_NAME, install_default_questionnaire
from assessment.models import Axis, Choice, Question, QuestionnaireVersion, Recommendation, VersionStatus
from assessment.selectors import current_version
from assessment.services import questionnaire_version_publish
from cms.models import ArticlePage, HomePage, OfferPage, Theme, TrainingPage
from marketplace import taxonomy_data
from marketplace.models import Skill
from marketplace.project_types import ProjectType

from .builders import build_version

pytestmark = pytest.mark.django_db

AXIS_KEYS = ["equipment", "collaboration", "communication", "data-security", "fundraising", "skills-strategy"]


def counts() -> dict[str, int]:
    return {
        "versions": QuestionnaireVersion.objects.count(),
        "axes": Axis.objects.count(),
        "questions": Question.objects.count(),
        "choices": Choice.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "axis_themes": Axis.themes.through.objects.count(),
        "axis_skills": Axis.skills.through.objects.count(),
        "article_links": Recommendation.articles.through.objects.count(),
        "offer_links": Recommendation.offers.through.objects.count(),
        "training_links": Recommendation.trainings.through.objects.count(),
    }


def linked_slugs(attribute: str) -> set[str]:
    return {slug for axis in AXES for q in axis.questions for advice in q.advice for slug in getattr(advice, attribute)}


def test_the_loader_installs_version_one_published_with_six_axes_of_five_questions():
    version = install_default_questionnaire()

    assert (version.number, version.name, version.status) == (1, VERSION_NAME, VersionStatus.PUBLISHED)
    assert version.intro and version.published_at
    assert current_version() == version
    axes = list(version.axes.order_by("sort_order"))
    assert [axis.key for axis in axes] == AXIS_KEYS
    assert axes[0].title == "Équipement et réseaux" and axes[0].title_en == "Equipment and networks"
    assert all(axis.title and axis.title_en and axis.description for axis in axes)
    assert 28 <= Question.objects.filter(axis__version=version).count() <= 32
    assert all(axis.questions.count() == 5 for axis in axes)
    # Keys are stable identifiers: unique per axis, and across the questionnaire so the demo can script answers.
    keys = list(Question.objects.filter(axis__version=version).values_list("key", flat=True))
    assert len(keys) == len(set(keys))


def test_every_question_can_be_answered_and_scored():
    version = install_default_questionnaire()

    questions = Question.objects.filter(axis__version=version).prefetch_related("choices")
    for question in questions:
        scores = [choice.score for choice in question.choices.all()]
        assert 3 <= len(scores) <= 4, question.key
        assert max(scores) == 3 and min(scores) == 0, question.key
        assert 1 <= question.weight <= 3, question.key
        assert question.text.endswith("?") and question.why.endswith("."), question.key
        assert len({choice.label for choice in question.choices.all()}) == len(scores), question.key


def test_every_weak_answer_gets_advice_and_good_practice_gets_none():
    version = install_default_questionnaire()

    for question in Question.objects.filter(axis__version=version).prefetch_related("choices", "recommendations"):
        recommendations = list(question.recommendations.all())
        assert recommendations, question.key
        best = question.max_score
        for recommendation in recommendations:
            assert recommendation.max_score < best, question.key
            assert recommendation.title and recommendation.advice.endswith("."), question.key
            assert 2 <= recommendation.advice.count(". ") + 1 <= 3, recommendation.title
        weakest = min(choice.score for choice in question.choices.all())
        assert any(weakest <= r.max_score for r in recommendations), question.key


def test_every_axis_proposes_a_project_with_skills_that_exist_and_some_advice_calls_for_a_provider():
    version = install_default_questionnaire()
    taxonomy = {skill.slug for skill in taxonomy_data.SKILLS}

    for axis, seed in zip(version.axes.order_by("sort_order"), AXES, strict=True):
        assert axis.project_type in ProjectType.values and axis.project_type != ProjectType.OTHER, axis.key
        assert set(seed.skills) <= taxonomy, axis.key
        assert 2 <= len(seed.skills) <= 4
        assert set(axis.skills.values_list("slug", flat=True)) == set(seed.skills), axis.key
        assert set(axis.themes.values_list("slug", flat=True)) == set(seed.themes), axis.key
        assert Recommendation.objects.filter(question__axis=axis, needs_provider=True).exists(), axis.key
    assert set(Theme.objects.filter(slug__in={t for seed in AXES for t in seed.themes}).values_list("slug", flat=True))
    assert {seed.project_type for seed in AXES} >= {"hardware", "cloud", "website", "security"}


def test_the_themes_of_the_vocabulary_migration_are_the_ones_named():
    themes = set(Theme.objects.values_list("slug", flat=True))
    assert {slug for seed in AXES for slug in seed.themes} <= themes


def test_a_second_install_changes_nothing():
    first = install_default_questionnaire()
    before = counts()

    again = install_default_questionnaire()
    unpublished = install_default_questionnaire(publish=False)

    assert again == unpublished == first
    assert counts() == before


def test_an_existing_questionnaire_is_kept_as_it_is():
    editors = build_version(name="Notre questionnaire")
    before = counts()

    assert install_default_questionnaire() == editors
    assert counts() == before


def test_installed_as_a_draft_it_is_publishable_by_the_editors_service():
    draft = install_default_questionnaire(publish=False)

    assert draft.status == VersionStatus.DRAFT and current_version() is None
    assert install_default_questionnaire() == draft  # still one version: publishing is the editors' decision

    published = questionnaire_version_publish(version=draft, user=None)

    assert published.status == VersionStatus.PUBLISHED
    assert current_version() == draft
    assert QuestionnaireVersion.objects.count() == 1


def test_without_the_resource_centre_the_advice_links_nothing_and_the_skills_are_skipped_when_missing():
    Skill.objects.filter(slug="reseau-wifi").delete()

    version = install_default_questionnaire()

    assert counts()["article_links"] == counts()["offer_links"] == counts()["training_links"] == 0
    equipment = version.axes.get(key="equipment")
    assert "reseau-wifi" not in set(equipment.skills.values_list("slug", flat=True))
    assert equipment.skills.count() == 3


def test_an_article_that_exists_is_linked_and_the_link_is_stored():
    home = HomePage.objects.filter(locale__language_code="fr").first() or HomePage.objects.get()
    article = ArticlePage(title="Mots de passe", slug="mots-de-passe-gestionnaire", intro="Le bon outil.")
    home.add_child(instance=article)

    install_default_questionnaire()

    links = Recommendation.articles.through.objects.filter(articlepage=article)
    linked = Recommendation.objects.filter(pk__in=links.values("recommendation_id"))
    assert {r.title for r in linked} == {
        "Passer à un gestionnaire de mots de passe partagé",
        "Activer la double authentification sur les comptes importants",
        "Récupérer et partager les accès du site et du nom de domaine",
    }
    fresh = Recommendation.objects.get(title="Passer à un gestionnaire de mots de passe partagé")
    assert list(fresh.articles.all()) == [article]


def test_after_the_demo_resource_centre_every_page_named_is_linked():
    from demo.billing import seed_billing
    from demo.cms import seed_cms

    seed_billing(OutputWrapper(io.StringIO()))
    seed_cms(OutputWrapper(io.StringIO()))

    version = install_default_questionnaire()

    french = {"locale__language_code": "fr"}
    recommendations = Recommendation.objects.filter(question__axis__version=version)
    for model, attribute in ((ArticlePage, "articles"), (OfferPage, "offers"), (TrainingPage, "trainings")):
        expected = linked_slugs(attribute)
        assert expected == set(model.objects.filter(slug__in=expected, **french).values_list("slug", flat=True))
        through = getattr(Recommendation, attribute).through.objects.filter(recommendation__in=recommendations)
        pages = model.objects.filter(pk__in=through.values(f"{model._meta.model_name}_id"))
        # Only the French pages: the English translations share their slugs.
        assert set(pages.values_list("slug", flat=True)) == expected
        assert set(pages.values_list("locale__language_code", flat=True)) == {"fr"}
    sauvegardes = Recommendation.objects.get(title="Mettre en place des sauvegardes automatiques (règle 3-2-1)")
    assert [page.slug for page in sauvegardes.articles.all()] == ["sauvegardes-regle-3-2-1"]
    assert sauvegardes.needs_provider


def test_the_scores_reach_the_top_only_with_the_best_answers():
    version = install_default_questionnaire()

    best = Question.objects.filter(axis__version=version).annotate(best=Max("choices__score"))
    assert {question.best for question in best} == {3}


def test_the_command_installs_once_and_says_so():
    out = io.StringIO()
    call_command("install_questionnaire", stdout=out)
    assert "Default questionnaire installed: version 1 « Diagnostic numérique des associations »" in out.getvalue()
    assert "6 axes, 30 questions, published" in out.getvalue()

    out = io.StringIO()
    call_command("install_questionnaire", stdout=out)
    assert "A questionnaire already exists, nothing installed: version 1" in out.getvalue()
    assert QuestionnaireVersion.objects.count() == 1


def test_the_command_can_install_a_draft():
    out = io.StringIO()
    call_command("install_questionnaire", "--draft", stdout=out)

    assert "30 questions, draft" in out.getvalue()
    assert "Publish it from the admin" in out.getvalue()
    assert QuestionnaireVersion.objects.get().status == VersionStatus.DRAFT
