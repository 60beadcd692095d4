"""Moderation in the Wagtail admin: "Signalements (n)" for staff, with the reports and the suspended accounts."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.viewsets.base import ViewSet

from marketplace.admin_views.access import is_platform_staff

from .admin_views.moderation import (
    URL_NAMESPACE,
    ReportQueueView,
    ReportReviewView,
    SuspensionLiftView,
    SuspensionListView,
)
from .selectors import report_open_count


class ReportMenuItem(MenuItem):
    """ "Signalements (n)": the number of open reports, for staff only."""

    def is_shown(self, request):
        return is_platform_staff(request.user)

    def render_component(self, request):
        return LinkMenuItem(
            self.name,
            f"{self.label} ({report_open_count()})",
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class ModerationViewSet(ViewSet):
    name = URL_NAMESPACE
    menu_label = _("Signalements")
    icon = "warning"
    add_to_admin_menu = True
    menu_order = 160
    menu_item_class = ReportMenuItem

    def get_urlpatterns(self):
        return [
            path("", self.construct_view(ReportQueueView), name="index"),
            path("results/", self.construct_view(ReportQueueView, results_only=True), name="index_results"),
            path("<int:pk>/", self.construct_view(ReportReviewView), name="review"),
            path("suspensions/", self.construct_view(SuspensionListView), name="suspensions"),
            path(
                "suspensions/results/",
                self.construct_view(SuspensionListView, results_only=True),
                name="suspensions_results",
            ),
            path("suspensions/<int:pk>/", self.construct_view(SuspensionLiftView), name="suspension"),
        ]


@hooks.register("register_admin_viewset")
def register_moderation_viewset():
    return ModerationViewSet()
