from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    """The digital self-assessment: questionnaire versions, assessments, results, recommendations, barometer."""

    name = "assessment"
    verbose_name = _("Diagnostic numérique")

    def ready(self):

        from marketplace.personal_data import register_contributor

        from .personal_data import assessment_export_section

        register_contributor(name="diagnostic", export=assessment_export_section)
