"""Staff's view of the assessments: anonymous averages by region, budget bracket or field of action, and CSV."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from marketplace.admin_views.access import StaffRequiredMixin

from ..barometer import DIMENSIONS, barometer, barometer_csv

BAROMETER_PERMISSION = "assessment.view_barometer"


class BarometerView(StaffRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "assessment/admin/barometer.html"
    header_icon = "table"
    page_title = gettext_lazy("Baromètre du diagnostic numérique")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(BAROMETER_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def dimension(self) -> str:
        value = self.request.GET.get("dimension") or "region"
        if value not in DIMENSIONS:
            messages.error(self.request, _("Regroupement inconnu : les chiffres sont présentés par région."))
            return "region"
        return value

    def get(self, request, *args, **kwargs):
        data = barometer(dimension=self.dimension())
        if request.GET.get("format") == "csv":
            response = HttpResponse(barometer_csv(data), content_type="text/csv; charset=utf-8")
            filename = f"barometre-{data.dimension}-{timezone.localdate():%Y-%m-%d}.csv"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        context = self.get_context_data(
            barometer=data, dimensions=[(key, str(label)) for key, (label, _choices) in DIMENSIONS.items()]
        )
        return self.render_to_response(context)
