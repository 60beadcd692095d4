"""Finance staff refund a paid order, fully or partly; `refund_create` checks and applies it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from marketplace.money import format_money

from ..errors import DomainError
from ..forms import RefundForm
from ..models import Order
from ..services.refunds import refund_allowed, refund_create, refundable_cents


class FinanceRequiredMixin:
    """Refuse anyone but finance staff before anything is looked up (see `StaffRequiredMixin`)."""

    def dispatch(self, request, *args, **kwargs):
        if not refund_allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RefundView(FinanceRequiredMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "billing/admin/refund.html"
    form_class = RefundForm
    header_icon = "undo"
    page_title = gettext_lazy("Rembourser une commande")

    def get_order(self) -> Order:
        if not hasattr(self, "_order"):
            self._order = get_object_or_404(Order.objects.select_related("organisation"), pk=self.kwargs["pk"])
        return self._order

    def get_page_subtitle(self):
        return str(self.get_order())

    def get_context_data(self, **kwargs):
        order = self.get_order()
        return {
            **super().get_context_data(**kwargs),
            "order": order,
            "refundable_cents": refundable_cents(order),
            "refunds": order.refunds.select_related("credit_note"),
        }

    def form_valid(self, form):
        order = self.get_order()
        try:
            refund = refund_create(
                actor=self.request.user,
                order_id=order.pk,
                amount_cents=form.amount_cents(),
                reason=form.cleaned_data["reason"],
                restock=form.cleaned_data["restock"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Remboursement de %(amount)s enregistré pour la commande %(number)s.")
            % {"amount": format_money(refund.amount_cents, decimals=2), "number": order},
        )
        return redirect("billing_orders:inspect", order.pk)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response
