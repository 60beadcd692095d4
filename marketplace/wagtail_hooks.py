"""Staff screens in the Wagtail admin for the core's data (the Django admin is not exposed)."""

from django.contrib.auth import get_user_model
from django.forms.models import modelform_factory
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_views.access import is_platform_staff
from .admin_views.forms import StableSlugForm, SynonymsField
from .admin_views.reviews import URL_NAMESPACE as REVIEWS_NAMESPACE
from .admin_views.reviews import ReviewModerationView, ReviewQueueView, reviews_open_report_count
from .admin_views.verification import (
    URL_NAMESPACE,
    VerificationDocumentDownloadView,
    VerificationQueueView,
    VerificationReviewView,
)
from .models import Organisation, Skill, SkillDomain, VerificationRequest
from .models.verification import RequestState


class SkillPermissionPolicy(ModelPermissionPolicy):
    """Skills are retired by unticking "active", never deleted: profiles, projects and search refer to their slug."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action != "delete"]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


# Must be registered before any view asks for Skill's policy, or Wagtail falls back to the default one.
register_permission_policy(Skill, SkillPermissionPolicy(Skill))


class OrganisationViewSet(ModelViewSet):
    """Staff look up organisations and correct their names or places; memberships stay with the members.

    The verification status is shown and filtered on, never edited here: only
    the verification services change it, so that every change has a decision
    and an audit entry behind it.
    """

    model = Organisation
    menu_label = _("Organisations")
    icon = "group"
    add_to_admin_menu = True
    menu_order = 200
    list_display = ["name", "kind", "verification_status", "postcode", "city", "created_at"]
    list_filter = ["kind", "verification_status"]
    search_fields = ["name", "city", "postcode"]
    form_fields = ["name", "kind", "postcode", "city"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "kind",
        "slug",
        "postcode",
        "city",
        "verification_status",
        "verified_at",
        "created_at",
    ]
    copy_view_enabled = False


class VerificationMenuItem(MenuItem):
    """ "Vérifications (n)": the number of requests waiting, for staff only."""

    def is_shown(self, request):
        return is_platform_staff(request.user)

    def render_component(self, request):
        pending = VerificationRequest.objects.filter(state=RequestState.PENDING).count()
        return LinkMenuItem(
            self.name,
            f"{self.label} ({pending})",
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class VerificationViewSet(ViewSet):
    """The review queue, a review page per request, and the staff-only download of documents."""

    name = URL_NAMESPACE
    menu_label = _("Vérifications")
    icon = "tasks"
    add_to_admin_menu = True
    menu_order = 150
    menu_item_class = VerificationMenuItem

    def get_urlpatterns(self):
        return [
            path("", self.construct_view(VerificationQueueView), name="index"),
            path("results/", self.construct_view(VerificationQueueView, results_only=True), name="index_results"),
            path("<int:pk>/", self.construct_view(VerificationReviewView), name="review"),
            path("documents/<int:pk>/", self.construct_view(VerificationDocumentDownloadView), name="document"),
        ]


class ReviewReportMenuItem(MenuItem):
    """ "Avis signalés (n)": the number of reviews with a report to handle, for staff only."""

    def is_shown(self, request):
        return is_platform_staff(request.user)

    def render_component(self, request):
        return LinkMenuItem(
            self.name,
            f"{self.label} ({reviews_open_report_count()})",
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class ReviewModerationViewSet(ViewSet):
    """Reported and hidden reviews, and the page where staff hide, restore or keep one, with a reason."""

    name = REVIEWS_NAMESPACE
    menu_label = _("Avis signalés")
    icon = "pick"
    add_to_admin_menu = True
    menu_order = 165
    menu_item_class = ReviewReportMenuItem

    def get_urlpatterns(self):
        return [
            path("", self.construct_view(ReviewQueueView), name="index"),
            path("<int:pk>/", self.construct_view(ReviewModerationView), name="review"),
        ]


class _TaxonomyViewSet(ModelViewSet):
    """Staff edit labels and the rest; a slug is chosen at creation and then frozen (see StableSlugForm)."""

    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model, form=StableSlugForm, formfield_callback=self.formfield_for_dbfield, fields=self.form_fields
        )


class SkillViewSet(_TaxonomyViewSet):
    model = Skill
    menu_label = _("Compétences")
    icon = "tag"
    list_display = [
        "label_fr",
        "label_en",
        "domain",
        "slug",
        BooleanColumn("is_active", label=_("Active"), sort_key="is_active"),
    ]
    list_filter = ["domain", "is_active"]
    search_fields = ["label_fr", "label_en", "slug", "synonyms"]
    form_fields = ["label_fr", "label_en", "slug", "domain", "synonyms", "is_active"]
    inspect_view_fields = ["label_fr", "label_en", "slug", "domain", "synonyms", "is_active"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "synonyms":
            return SynonymsField(label=capfirst(db_field.verbose_name), help_text=db_field.help_text, required=False)
        return super().formfield_for_dbfield(db_field, **kwargs)


class SkillDomainViewSet(_TaxonomyViewSet):
    model = SkillDomain
    menu_label = _("Domaines")
    icon = "folder-open-inverse"
    list_display = ["label_fr", "label_en", "slug", "position"]
    search_fields = ["label_fr", "label_en", "slug"]
    form_fields = ["label_fr", "label_en", "slug", "position"]
    inspect_view_fields = ["label_fr", "label_en", "slug", "position"]


class TaxonomyViewSetGroup(ViewSetGroup):
    """The managed skills taxonomy, grouped under one "Compétences" menu."""

    menu_label = _("Compétences")
    menu_icon = "tag"
    menu_order = 300
    items = (SkillViewSet("skills"), SkillDomainViewSet("skill_domains"))


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return OrganisationViewSet("platform_organisations")


@hooks.register("register_admin_viewset")
def register_verification_viewset():
    return VerificationViewSet()


@hooks.register("register_admin_viewset")
def register_taxonomy_viewsets():
    return TaxonomyViewSetGroup()


@hooks.register("register_admin_viewset")
def register_review_moderation_viewset():
    return ReviewModerationViewSet()
