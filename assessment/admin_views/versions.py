"""Editors' actions on questionnaire versions: copy one into a new draft, publish a draft.

Both take a confirmation page then a POST, like Wagtail's own unpublish or
delete: a GET never changes anything.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from marketplace.errors import DomainError

from ..models import QuestionnaireVersion
from ..services import questionnaire_version_copy, questionnaire_version_publish


class _VersionActionView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "assessment/admin/version_action.html"
    header_icon = "tasks"
    permission = "assessment.change_questionnaireversion"
    question = ""
    button = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_version(self) -> QuestionnaireVersion:
        return get_object_or_404(QuestionnaireVersion, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.get_version())

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "version": self.get_version(),
            "question": self.question,
            "button": self.button,
        }

    def post(self, request, *args, **kwargs):
        version = self.get_version()
        try:
            result = self.act(version)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(
                "assessment_versions:edit" if version.is_editable else "assessment_versions:inspect", version.pk
            )
        return redirect("assessment_versions:edit" if result.is_editable else "assessment_versions:inspect", result.pk)


class VersionCopyView(_VersionActionView):
    permission = "assessment.add_questionnaireversion"
    page_title = gettext_lazy("Nouvelle version du questionnaire")
    question = gettext_lazy(
        "Copier cette version dans un nouveau brouillon ? Vous pourrez y modifier axes, questions, réponses et "
        "recommandations, puis le publier : les diagnostics déjà faits garderont leur version."
    )
    button = gettext_lazy("Créer le brouillon")

    def act(self, version):
        copy = questionnaire_version_copy(version=version, user=self.request.user)
        messages.success(self.request, _("Brouillon créé : %(version)s.") % {"version": copy})
        return copy


class VersionPublishView(_VersionActionView):
    page_title = gettext_lazy("Publier la version")
    question = gettext_lazy(
        "Publier cette version ? Les nouveaux diagnostics se feront sur elle ; la version publiée jusqu'ici est "
        "retirée, et ses résultats restent consultables. Une version publiée ne se modifie plus."
    )
    button = gettext_lazy("Publier")

    def act(self, version):
        published = questionnaire_version_publish(version=version, user=self.request.user)
        messages.success(self.request, _("%(version)s est publiée.") % {"version": published})
        return published
