"""The self-assessment in the Wagtail admin: questionnaire versions and questions for editors, the barometer for staff.

A version that is published or retired is read-only (its edit and delete
views refuse and say why): assessments point at its questions and scores.
Editors copy it into a new draft to change anything.
"""

from django import forms
from django.contrib import messages
from django.db.models import Max
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.views.generic.models import DeleteView, EditView, InspectView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from .admin_views.barometer import BarometerView
from .admin_views.versions import VersionCopyView, VersionPublishView
from .models import Axis, Question, QuestionnaireVersion, VersionStatus


class _FrozenMixin:
    """Refuse to change what belongs to a version no longer in draft."""

    def version_of(self, obj) -> QuestionnaireVersion:
        raise NotImplementedError

    def frozen_redirect(self, obj) -> str:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        obj = self.get_object()
        version = self.version_of(obj)
        if not version.is_editable:
            messages.error(
                request,
                _(
                    "%(version)s n'est plus un brouillon : ses questions ne changent plus, pour que les diagnostics "
                    "faits dessus gardent leur sens. Copiez-la dans une nouvelle version pour la modifier."
                )
                % {"version": version},
            )
            return redirect(self.frozen_redirect(obj))
        return super().dispatch(request, *args, **kwargs)


class _VersionButtons:
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        version, user = self.object, self.request.user
        if user.has_perm("assessment.add_questionnaireversion"):
            url = reverse("assessment_version_actions:copy", args=[version.pk])
            buttons.append(Button(_("Copier dans une nouvelle version"), url=url, icon_name="copy", priority=30))
        if version.status == VersionStatus.DRAFT and user.has_perm("assessment.change_questionnaireversion"):
            url = reverse("assessment_version_actions:publish", args=[version.pk])
            buttons.append(Button(_("Publier"), url=url, icon_name="upload", priority=40))
        return buttons


class _VersionFrozen(_FrozenMixin):
    def version_of(self, obj):
        return obj

    def frozen_redirect(self, obj):
        return reverse("assessment_versions:inspect", args=[obj.pk])


class VersionEditView(_VersionButtons, _VersionFrozen, EditView):
    pass


class VersionInspectView(_VersionButtons, InspectView):
    pass


class VersionDeleteView(_VersionFrozen, DeleteView):
    pass


class QuestionnaireVersionViewSet(ModelViewSet):
    model = QuestionnaireVersion
    menu_label = gettext_lazy("Versions")
    icon = "tasks"
    edit_view_class = VersionEditView
    inspect_view_class = VersionInspectView
    delete_view_class = VersionDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name", "number", "status", "published_at"]
    list_filter = ["status"]
    inspect_view_fields = ["name", "number", "status", "intro", "created_at", "published_at"]
    panels = [
        FieldPanel("name"),
        FieldPanel("intro"),
        InlinePanel(
            "axes",
            heading=gettext_lazy("Axes"),
            label=gettext_lazy("Axe"),
            min_num=1,
            panels=[
                FieldRowPanel([FieldPanel("key"), FieldPanel("weight")]),
                FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
                FieldPanel("description"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("project_type"),
                FieldPanel("skills"),
            ],
        ),
    ]


class QuestionForm(WagtailAdminModelForm):
    """Questions go on the axes of draft versions only; a new question goes last in its axis."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "axis" in self.fields:
            self.fields["axis"].queryset = Axis.objects.filter(version__status=VersionStatus.DRAFT).select_related(
                "version"
            )
            self.fields["axis"].label_from_instance = lambda axis: f"{axis.version} — {axis.title}"

    def save(self, commit=True):
        question = super().save(commit=False)
        if question.sort_order is None:
            last = Question.objects.filter(axis=question.axis).aggregate(last=Max("sort_order"))["last"]
            question.sort_order = (last or 0) + 1
        if commit:
            question.save()
            self.save_m2m()
        return question


class _QuestionFrozen(_FrozenMixin):
    def version_of(self, obj):
        return obj.axis.version

    def frozen_redirect(self, obj):
        return reverse("assessment_questions:index")


class QuestionEditView(_QuestionFrozen, EditView):
    pass


class QuestionDeleteView(_QuestionFrozen, DeleteView):
    pass


class QuestionViewSet(ModelViewSet):
    model = Question
    menu_label = gettext_lazy("Questions")
    icon = "help"
    form_class = QuestionForm
    edit_view_class = QuestionEditView
    delete_view_class = QuestionDeleteView
    copy_view_enabled = False
    list_display = ["text", "axis", "weight"]
    list_filter = ["axis__version", "axis__key"]
    search_fields = ["text", "key"]
    panels = [
        FieldPanel("axis"),
        FieldRowPanel([FieldPanel("key"), FieldPanel("weight")]),
        FieldPanel("text"),
        FieldPanel("why"),
        InlinePanel(
            "choices",
            heading=gettext_lazy("Réponses possibles et leurs points"),
            label=gettext_lazy("Réponse"),
            min_num=2,
            panels=[FieldRowPanel([FieldPanel("label"), FieldPanel("score")])],
        ),
        InlinePanel(
            "recommendations",
            heading=gettext_lazy("Recommandations déclenchées par les réponses"),
            label=gettext_lazy("Recommandation"),
            panels=[
                MultiFieldPanel(
                    [
                        FieldPanel("max_score"),
                        FieldPanel("title"),
                        FieldPanel("advice"),
                        FieldPanel("articles"),
                        FieldPanel("offers"),
                        FieldPanel("trainings"),
                        FieldPanel("needs_provider"),
                    ]
                )
            ],
        ),
    ]


class VersionActionViewSet(ViewSet):
    name = "assessment_version_actions"
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [
            path("<int:pk>/copier/", self.construct_view(VersionCopyView), name="copy"),
            path("<int:pk>/publier/", self.construct_view(VersionPublishView), name="publish"),
        ]


class BarometerViewSet(ViewSet):
    name = "assessment_barometer"
    menu_label = gettext_lazy("Baromètre")
    icon = "table"
    url_prefix = "barometre-diagnostic"

    def get_urlpatterns(self):
        return [path("", self.construct_view(BarometerView), name="index")]

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        item.is_shown = lambda request: request.user.has_perm("assessment.view_barometer") and request.user.is_staff
        return item


class AssessmentViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Diagnostic numérique")
    menu_icon = "tasks"
    menu_order = 260
    items = (
        QuestionnaireVersionViewSet("assessment_versions"),
        QuestionViewSet("assessment_questions"),
        BarometerViewSet(),
    )


@hooks.register("register_admin_viewset")
def register_assessment_admin():
    return [AssessmentViewSetGroup(), VersionActionViewSet()]
