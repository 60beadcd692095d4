from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    """The digital self-assessment: questionnaire versions, assessments, results, recommendations, barometer."""

    name = "assessment"
    verbose_name = _("Diagnostic numérique")
