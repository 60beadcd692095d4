"""Billing in the Wagtail admin: the catalogue for editors; orders and invoices for platform staff only.

Orders and invoices are read-only here: their states change through the
services (a payment, a recorded transfer, a refund), each with its timeline
entry; an invoice, once issued, never changes.
"""

from django.contrib.auth import get_user_model
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from marketplace.admin_views.access import is_platform_staff

from .admin_views.transfers import RecordTransferView
from .models import Invoice, Order, Product


class StaffReadOnlyPolicy(ModelPermissionPolicy):
    """Payment data: platform staff may look (with the model's view permission), nobody edits through the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and is_platform_staff(user) and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view"]).filter(is_staff=True, is_active=True)


register_permission_policy(Order, StaffReadOnlyPolicy(Order))
register_permission_policy(Invoice, StaffReadOnlyPolicy(Invoice))


class ProductViewSet(ModelViewSet):
    model = Product
    menu_label = _("Produits")
    icon = "pick"
    list_display = [
        "name",
        "kind",
        "code",
        "public_price_cents",
        "stock",
        BooleanColumn("is_active", label=_("En vente")),
    ]
    list_filter = ["kind", "eligibility", "is_active"]
    search_fields = ["name", "code"]
    copy_view_enabled = False
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("code"),
                FieldPanel("kind"),
                FieldPanel("summary"),
                FieldPanel("description"),
            ],
            heading=_("Présentation"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("public_price_cents"), FieldPanel("vat_rate_bp")]),
                FieldPanel("eligibility"),
                FieldRowPanel([FieldPanel("yearly_quota"), FieldPanel("stock"), FieldPanel("max_per_order")]),
                FieldPanel("is_active"),
            ],
            heading=_("Vente"),
        ),
        InlinePanel("prices", heading=_("Prix solidaires par budget annuel"), label=_("Prix solidaire")),
    ]


class OrderViewSet(ModelViewSet):
    model = Order
    menu_label = _("Commandes")
    icon = "list-ul"
    list_display = ["number", "organisation", "state", "payment_method", "total_ttc_cents", "created_at"]
    list_filter = ["state", "payment_method"]
    search_fields = ["number", "organisation__name", "stripe_payment_intent_id"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["transfer_reference"]
    inspect_view_fields = [
        "number",
        "organisation",
        "state",
        "payment_method",
        "total_ht_cents",
        "total_vat_cents",
        "total_ttc_cents",
        "refunded_cents",
        "stripe_payment_intent_id",
        "transfer_reference",
        "created_at",
        "paid_at",
        "cancelled_at",
    ]


class InvoiceViewSet(ModelViewSet):
    model = Invoice
    menu_label = _("Factures")
    icon = "doc-full"
    list_display = ["number", "order", "issued_at", "total_ttc_cents"]
    search_fields = ["number", "order__number"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["number"]
    inspect_view_fields = [
        "number",
        "order",
        "issued_at",
        "sale_date",
        "total_ht_cents",
        "total_vat_cents",
        "total_ttc_cents",
        "payment_method",
        "payment_terms",
    ]


class TransferViewSet(ViewSet):
    name = "billing_transfers"
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [path("<int:pk>/", self.construct_view(RecordTransferView), name="record")]


class BillingViewSetGroup(ViewSetGroup):
    menu_label = _("Boutique")
    menu_icon = "pick"
    menu_order = 250
    items = (ProductViewSet("billing_products"), OrderViewSet("billing_orders"), InvoiceViewSet("billing_invoices"))


@hooks.register("register_admin_viewset")
def register_billing_viewsets():
    return BillingViewSetGroup()


@hooks.register("register_admin_viewset")
def register_transfer_viewset():
    return TransferViewSet()
