"""Billing in the Wagtail admin: the catalogue for editors; orders, invoices, refunds for finance staff only.

Orders and invoices are read-only here: their states change through the
services (a payment, a recorded transfer, a refund), each with its timeline
entry; an invoice or a credit note, once issued, never changes. Seeing them
takes platform staff *and* the model's view permission (the "Finance" group
has them, the editors' groups do not); refunding takes `billing.add_refund`,
recording a transfer `billing.record_transfer`.
"""

from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from marketplace.admin_views.access import is_platform_staff

from .admin_views.licence_codes import LicenceCodeImportView
from .admin_views.refunds import RefundView
from .admin_views.transfers import TRANSFER_PERMISSION, RecordTransferView
from .models import CreditNote, Invoice, LicenceCode, Order, OrderState, PaymentMethod, Product, Refund
from .services.fulfilment import import_allowed
from .services.refunds import refund_allowed


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
register_permission_policy(Refund, StaffReadOnlyPolicy(Refund))
register_permission_policy(CreditNote, StaffReadOnlyPolicy(CreditNote))
register_permission_policy(LicenceCode, StaffReadOnlyPolicy(LicenceCode))


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
                FieldPanel("delivers_codes"),
                FieldPanel("is_active"),
            ],
            heading=_("Vente"),
        ),
        InlinePanel("prices", heading=_("Prix solidaires par budget annuel"), label=_("Prix solidaire")),
    ]


class OrderInspectView(InspectView):
    """The order's page in the admin, with the money actions the user may take on it."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        order, user = self.object, self.request.user
        if order.state in OrderState.REFUNDABLE and refund_allowed(user):
            url = reverse("billing_refund_order:create", args=[order.pk])
            buttons.append(Button(_("Rembourser"), url=url, icon_name="undo", priority=30))
        if order.payment_method == PaymentMethod.TRANSFER and order.is_unpaid and user.has_perm(TRANSFER_PERMISSION):
            url = reverse("billing_transfers:record", args=[order.pk])
            buttons.append(Button(_("Enregistrer le virement"), url=url, icon_name="form", priority=40))
        return buttons


class OrderViewSet(ModelViewSet):
    model = Order
    inspect_view_class = OrderInspectView
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


class RefundViewSet(ModelViewSet):
    model = Refund
    menu_label = _("Remboursements")
    icon = "undo"
    list_display = ["order", "amount_cents", "state", "method", "source", "created_at"]
    list_filter = ["state", "method", "source"]
    search_fields = ["order__number", "stripe_refund_id", "reason"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["reason"]
    inspect_view_fields = [
        "order",
        "amount_cents",
        "reason",
        "method",
        "state",
        "source",
        "restock",
        "restocked_units",
        "stripe_refund_id",
        "failure_message",
        "created_by",
        "created_at",
        "completed_at",
    ]


class CreditNoteViewSet(ModelViewSet):
    model = CreditNote
    menu_label = _("Avoirs")
    icon = "doc-empty"
    list_display = ["number", "invoice", "order", "issued_at", "total_ttc_cents"]
    search_fields = ["number", "invoice__number", "order__number"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["number"]
    inspect_view_fields = [
        "number",
        "invoice",
        "order",
        "issued_at",
        "reason",
        "total_ht_cents",
        "total_vat_cents",
        "total_ttc_cents",
        "refund_terms",
    ]


class LicenceCodeIndexView(IndexView):
    """The pool of codes, with the import form one click away for finance staff."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if import_allowed(self.request.user):
            url = reverse("billing_licence_code_import:import")
            buttons.append(HeaderButton(_("Importer des codes"), url=url, icon_name="upload"))
        return buttons


class LicenceCodeViewSet(ModelViewSet):
    """Codes are secrets an association paid for: finance staff only (view permission), never edited here."""

    model = LicenceCode
    index_view_class = LicenceCodeIndexView
    menu_label = _("Codes de licence")
    icon = "key"
    list_display = ["product", "code", "order_line", "allocated_at", "created_at"]
    list_filter = ["product", "allocated_at"]
    search_fields = ["code", "product__name", "order_line__order__number"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["code"]


class LicenceCodeImportViewSet(ViewSet):
    name = "billing_licence_code_import"
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [path("", self.construct_view(LicenceCodeImportView), name="import")]


class RefundActionViewSet(ViewSet):
    """`/admin/billing_refund_order/<order id>/`: the refund form of one order."""

    name = "billing_refund_order"
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [path("<int:pk>/", self.construct_view(RefundView), name="create")]


class TransferViewSet(ViewSet):
    name = "billing_transfers"
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [path("<int:pk>/", self.construct_view(RecordTransferView), name="record")]


class BillingViewSetGroup(ViewSetGroup):
    menu_label = _("Boutique")
    menu_icon = "pick"
    menu_order = 250
    items = (
        ProductViewSet("billing_products"),
        OrderViewSet("billing_orders"),
        InvoiceViewSet("billing_invoices"),
        RefundViewSet("billing_refunds"),
        CreditNoteViewSet("billing_credit_notes"),
        LicenceCodeViewSet("billing_licence_codes"),
    )


@hooks.register("register_admin_viewset")
def register_billing_viewsets():
    return BillingViewSetGroup()


@hooks.register("register_admin_viewset")
def register_transfer_viewset():
    return TransferViewSet()


@hooks.register("register_admin_viewset")
def register_licence_code_import_viewset():
    return LicenceCodeImportViewSet()


# Training sessions ---------------------------------------------------------------------------------------------------
# Sessions are edited by staff; their registrations are read-only (they change through the services), and one
# screen per session records attendance or cancels the session (every registration refunded in full).

from django.shortcuts import get_object_or_404, redirect  # noqa: E402
from django.utils.translation import gettext  # noqa: E402
from django.views.generic import TemplateView  # noqa: E402
from wagtail.admin import messages as admin_messages  # noqa: E402
from wagtail.admin.ui.tables import Column  # noqa: E402
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin  # noqa: E402

from marketplace.admin_views.access import StaffRequiredMixin  # noqa: E402

from .errors import DomainError  # noqa: E402
from .models.trainings import Participant, Registration, RegistrationState, TrainingSession  # noqa: E402
from .services.trainings import attendance_record, session_cancel  # noqa: E402

register_permission_policy(Registration, StaffReadOnlyPolicy(Registration))


class TrainingSessionAdminView(StaffRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Registrations of one session, attendance per participant, and the session's cancellation."""

    template_name = "billing/admin/training_attendance.html"
    header_icon = "date"
    page_title = _("Inscriptions et présences")

    def get_session(self) -> TrainingSession:
        return get_object_or_404(TrainingSession.objects.select_related("product"), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.get_session())

    def get_context_data(self, **kwargs):
        session = self.get_session()
        return {
            **super().get_context_data(**kwargs),
            "session": session,
            "registrations": session.registrations.select_related("organisation", "order"),
            "participants": Participant.objects.filter(
                registration__session=session, registration__state=RegistrationState.CONFIRMED
            ).select_related("registration__organisation"),
        }

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        try:
            if request.POST.get("action") == "cancel":
                session_cancel(actor=request.user, session_id=session.pk)
                admin_messages.success(request, gettext("Session annulée ; les inscriptions sont remboursées."))
            else:
                present = [value for value in request.POST.getlist("present") if value.isdigit()]
                count = attendance_record(actor=request.user, session_id=session.pk, present_ids=present)
                admin_messages.success(request, gettext("%(count)d présence(s) enregistrée(s).") % {"count": count})
        except DomainError as error:
            return self.render_to_response(self.get_context_data(error=error.message), status=400)
        return redirect("billing_training_attendance:session", session.pk)


class TrainingAttendanceViewSet(ViewSet):
    name = "billing_training_attendance"
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [path("<int:pk>/", self.construct_view(TrainingSessionAdminView), name="session")]


class TrainingSessionViewSet(ModelViewSet):
    model = TrainingSession
    menu_label = _("Sessions de formation")
    icon = "date"
    list_display = [
        "product",
        "starts_at",
        "mode",
        "capacity",
        Column("seats_left_now", label=_("Places restantes")),
        "state",
    ]
    list_filter = ["state", "mode", "product"]
    search_fields = ["product__name", "trainer"]
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("product"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("registration_deadline"),
        FieldPanel("mode"),
        FieldPanel("address"),
        FieldPanel("online_url"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("trainer")]),
    ]


class RegistrationViewSet(ModelViewSet):
    model = Registration
    menu_label = _("Inscriptions aux formations")
    icon = "group"
    list_display = ["session", "organisation", "seats", "state", "held_until", "created_at"]
    list_filter = ["state"]
    search_fields = ["organisation__name", "order__number"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["refund_due_cents"]


class TrainingViewSetGroup(ViewSetGroup):
    menu_label = _("Formations")
    menu_icon = "date"
    menu_order = 251
    items = (TrainingSessionViewSet("billing_training_sessions"), RegistrationViewSet("billing_registrations"))


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()


@hooks.register("register_admin_viewset")
def register_training_attendance_viewset():
    return TrainingAttendanceViewSet()


@hooks.register("register_admin_viewset")
def register_refund_action_viewset():
    return RefundActionViewSet()
