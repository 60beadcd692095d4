"""Staff record a bank transfer received for an order; `order_record_transfer` checks and applies it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from marketplace.admin_views.access import StaffRequiredMixin

from ..errors import DomainError
from ..forms import TransferForm
from ..models import Order
from ..services.orders import order_record_transfer

TRANSFER_PERMISSION = "billing.record_transfer"


class RecordTransferView(StaffRequiredMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "billing/admin/record_transfer.html"
    form_class = TransferForm
    header_icon = "form"
    page_title = gettext_lazy("Enregistrer un virement")

    def dispatch(self, request, *args, **kwargs):
        # Staff alone is not enough: editors may be staff; recording money is the finance group's.
        if request.user.is_authenticated and not request.user.has_perm(TRANSFER_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_order(self) -> Order:
        return get_object_or_404(Order.objects.select_related("organisation"), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.get_order())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "order": self.get_order()}

    def form_valid(self, form):
        order = self.get_order()
        try:
            order_record_transfer(actor=self.request.user, order_id=order.pk, reference=form.cleaned_data["reference"])
        except DomainError as error:
            form.add_error("reference" if error.field == "reference" else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Virement enregistré : la commande %(number)s est payée.") % {"number": order})
        return redirect("billing_orders:inspect", order.pk)
