"""A questionnaire editors version, and the assessments associations take on one version.

Editors write a questionnaire as a *version*: axes, weighted questions, scored
answers, and the recommendations an answer triggers. A published version is
frozen: an assessment keeps pointing at the exact questions and scores it was
taken on, so its result never changes under it. To change anything, editors
copy the published version into a new draft, edit it and publish it; the old
one is retired, and results taken on it stay readable.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from marketplace.models import Organisation
from marketplace.models.profiles import BudgetBracket, FieldOfAction
from marketplace.project_types import ProjectType


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    RETIRED = "retired", _("Retirée")


class QuestionnaireVersion(ClusterableModel):
    """One edition of the questionnaire. Only one is published at a time; only drafts can be edited."""

    name = models.CharField(_("nom"), max_length=120)
    number = models.PositiveIntegerField(_("numéro"), unique=True, editable=False)
    status = models.CharField(
        _("statut"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT, editable=False
    )
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Affichée avant de commencer : à quoi sert le diagnostic.")
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("version du questionnaire")
        verbose_name_plural = _("versions du questionnaire")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=models.Q(status="published"), name="assessment_one_published_version"
            )
        ]

    def __str__(self):
        return _("%(name)s (version %(number)s)") % {"name": self.name, "number": self.number}

    def save(self, *args, **kwargs):
        if self.number is None:
            last = QuestionnaireVersion.objects.order_by("-number").values_list("number", flat=True).first()
            self.number = (last or 0) + 1
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Axis(ClusterableModel, Orderable):
    """A dimension of digital maturity, scored 0-100 from its questions.

    Its themes lead to the resource centre's articles, offers and trainings on
    the subject; its project type and skills pre-fill the project brief when
    the axis calls for a provider.
    """

    version = ParentalKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="axes")
    key = models.SlugField(
        _("identifiant"),
        max_length=40,
        help_text=_("Stable d'une version à l'autre : il relie les résultats de versions différentes."),
    )
    title = models.CharField(_("titre"), max_length=120)
    title_en = models.CharField(_("titre en anglais"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(_("poids dans le score global"), default=1)
    themes = ParentalManyToManyField("cms.Theme", blank=True, related_name="+", verbose_name=_("thèmes"))
    project_type = models.CharField(
        _("type de projet proposé"),
        max_length=20,
        choices=ProjectType.choices,
        blank=True,
        help_text=_("Laissé vide, cet axe ne propose pas de projet à confier à un prestataire."),
    )
    skills = ParentalManyToManyField(
        "marketplace.Skill", blank=True, related_name="+", verbose_name=_("compétences du projet proposé")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("axe")
        verbose_name_plural = _("axes")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="assessment_axis_key_unique")]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        from django.utils import translation

        if (translation.get_language() or "").startswith("en") and self.title_en:
            return self.title_en
        return self.title


class Question(ClusterableModel, Orderable):
    """A question of one axis; its answers carry the score, its weight how much it counts in the axis."""

    axis = ParentalKey(Axis, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("identifiant"), max_length=60)
    text = models.CharField(_("question"), max_length=255)
    why = models.TextField(
        _("pourquoi c'est important"), help_text=_("Montré sous la question, en une ou deux phrases.")
    )
    weight = models.PositiveSmallIntegerField(_("poids"), default=1)

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [models.UniqueConstraint(fields=["axis", "key"], name="assessment_question_key_unique")]

    def __str__(self):
        return self.text

    @property
    def max_score(self) -> int:
        return max((choice.score for choice in self.choices.all()), default=0)


class Choice(Orderable):
    """An answer to a question and its score (0 = nothing in place, the highest score = good practice)."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("réponse"), max_length=200)
    score = models.PositiveSmallIntegerField(_("points"), default=0)

    class Meta(Orderable.Meta):
        verbose_name = _("réponse possible")
        verbose_name_plural = _("réponses possibles")

    def __str__(self):
        return self.label


class Recommendation(ClusterableModel, Orderable):
    """Advice an answer triggers: given when the chosen answer scores at most `max_score`.

    It may point at articles, offers and trainings editors chose, and may call
    for a provider, in which case the result page offers a project brief.
    """

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="recommendations")
    max_score = models.PositiveSmallIntegerField(
        _("déclenchée si la réponse vaut au plus"),
        default=0,
        help_text=_("En points : 0 pour la réponse la plus faible seulement."),
    )
    title = models.CharField(_("titre"), max_length=160)
    advice = models.TextField(_("conseil"))
    articles = ParentalManyToManyField(
        "cms.ArticlePage", blank=True, related_name="+", verbose_name=_("ressources à lire")
    )
    offers = ParentalManyToManyField("cms.OfferPage", blank=True, related_name="+", verbose_name=_("offres"))
    trainings = ParentalManyToManyField("cms.TrainingPage", blank=True, related_name="+", verbose_name=_("formations"))
    needs_provider = models.BooleanField(
        _("appelle un prestataire"),
        default=False,
        help_text=_("Propose un projet pré-rempli avec le type et les compétences de l'axe."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("recommandation")
        verbose_name_plural = _("recommandations")

    def __str__(self):
        return self.title


class AssessmentState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("En cours")
    COMPLETED = "completed", _("Terminé")


class Assessment(models.Model):
    """One time an association took the questionnaire: saved answer by answer, so it can be resumed.

    When it is completed, the association's budget bracket, field of action and
    region are copied onto it, so comparisons and the barometer group it as the
    association was then, even if its profile changes later.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="assessments")
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="assessments")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=12, choices=AssessmentState.choices, default=AssessmentState.IN_PROGRESS)
    score = models.PositiveSmallIntegerField(_("score global"), null=True, blank=True)
    budget_bracket = models.CharField(max_length=10, choices=BudgetBracket.choices, blank=True)
    field_of_action = models.CharField(max_length=20, choices=FieldOfAction.choices, blank=True)
    region = models.CharField(max_length=40, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("diagnostic")
        verbose_name_plural = _("diagnostics")
        ordering = ["-started_at", "-pk"]
        permissions = [("view_barometer", _("Voir le baromètre des diagnostics"))]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(state="in_progress"),
                name="assessment_one_in_progress_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.started_at:%Y-%m-%d}"

    @property
    def is_completed(self) -> bool:
        return self.state == AssessmentState.COMPLETED


class Answer(models.Model):
    """The answer chosen to one question; the choice must belong to that question (checked in `clean`)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    choice = models.ForeignKey(Choice, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="assessment_answer_unique")]

    def __str__(self):
        return f"{self.question} → {self.choice}"

    def clean(self):
        if self.choice.question_id != self.question_id:
            raise ValidationError(_("Cette réponse n'appartient pas à cette question."))


class AxisScore(models.Model):
    """An axis's score in a completed assessment, kept for history, comparisons and the barometer."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="axis_scores")
    axis = models.ForeignKey(Axis, on_delete=models.PROTECT, related_name="+")
    axis_key = models.SlugField(max_length=40, db_index=True)
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["axis__sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["assessment", "axis"], name="assessment_axis_score_unique")]

    def __str__(self):
        return f"{self.axis_key}: {self.score}"
