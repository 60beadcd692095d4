"""Finance staff import licence codes into a product's pool; `licence_codes_import` checks, stores and delivers."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..errors import DomainError
from ..forms import LicenceCodeImportForm
from ..services.fulfilment import import_allowed, licence_codes_import


class LicenceCodeImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "billing/admin/licence_code_import.html"
    form_class = LicenceCodeImportForm
    header_icon = "key"
    page_title = gettext_lazy("Importer des codes de licence")

    def dispatch(self, request, *args, **kwargs):
        if not import_allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        product = self.request.GET.get("product", "")
        return {"product": product} if product.isdigit() else {}

    def form_valid(self, form):
        try:
            result = licence_codes_import(
                actor=self.request.user, product_id=form.cleaned_data["product"].pk, text=form.cleaned_data["codes"]
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "%(added)d code(s) ajouté(s), %(duplicates)d déjà présent(s) ignoré(s) ; "
                "%(orders)d commande(s) en attente livrée(s) ; stock disponible : %(stock)d."
            )
            % {
                "added": result.added,
                "duplicates": result.duplicates,
                "orders": result.orders_fulfilled,
                "stock": result.stock,
            },
        )
        return redirect("billing_licence_codes:index")
