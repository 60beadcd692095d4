"""Catalogue, checkout, orders and invoices for the association's members; the Stripe webhook endpoint.

Views read the active organisation set by the middleware (membership checked
on every request), call one service or selector, and render. Another
organisation's order or invoice is a 404, never a 403 that would confirm it exists.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from marketplace.content_security import content_security_allow

from .. import conf
from ..errors import DomainError, PaymentError, PricingError
from ..forms import CheckoutForm
from ..invoice_pdf import credit_note_pdf, invoice_pdf
from ..models import Order
from ..models.catalogue import ProductKind
from ..pricing import price_for
from ..selectors import (
    credit_note_get_for,
    invoice_get_for,
    order_get_for,
    order_list_for,
    product_get_on_sale,
    product_list_on_sale,
)
from ..services.fulfilment import licence_codes_for_order
from ..services.orders import order_cancel, order_create
from ..services.payments import card_payment_confirm_test_card, card_payment_prepare, test_cards_enabled
from ..webhooks import WebhookError, webhook_receive

ORDERS_PER_PAGE = 25


def _organisation(request):
    return getattr(request, "organisation", None)


def _offer(product, organisation) -> dict:
    """The visitor's price for one unit, or why they cannot buy (then the public price is shown)."""
    try:
        return {"product": product, "quote": price_for(product=product, organisation=organisation, quantity=1)}
    except PricingError as error:
        return {"product": product, "quote": None, "refusal": error.message}


@require_GET
def catalogue(request):
    organisation = _organisation(request)
    offers = [_offer(product, organisation) for product in product_list_on_sale()]
    return render(request, "billing/catalogue.html", {"offers": offers})


def _product_or_404(code: str):
    product = product_get_on_sale(code=code)
    if product is None:
        raise Http404
    return product


def _product_page(request, product, form, status=200):
    context = {**_offer(product, _organisation(request)), "form": form}
    return render(request, "billing/product_detail.html", context, status=status)


@require_GET
def product_detail(request, code: str):
    return _product_page(request, _product_or_404(code), CheckoutForm())


@login_required
@require_POST
def checkout(request, code: str):
    product = _product_or_404(code)
    form = CheckoutForm(request.POST)
    organisation = _organisation(request)
    if organisation is None:
        form.add_error(None, _no_organisation_message())
    if product.kind == ProductKind.TRAINING:
        # Seats are bought for a session with named participants, through the registration form.
        form.add_error(None, _("Choisissez une session de formation et inscrivez vos participants."))
    if not form.is_valid():
        return _product_page(request, product, form, status=400)
    try:
        order = order_create(
            user=request.user,
            organisation=organisation,
            product_id=product.pk,
            quantity=form.cleaned_data["quantity"],
            payment_method=form.cleaned_data["payment_method"],
        )
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _product_page(request, product, form, status=error.status_code if error.status_code < 500 else 400)
    return redirect("billing:order", order_id=order.pk)


def _no_organisation_message():
    return _("Choisissez ou créez d'abord l'organisation pour laquelle vous commandez.")


@login_required
@require_GET
def order_list(request):
    """The organisation's orders, newest first, a page at a time (an association may order every month for years)."""
    organisation = _organisation(request)
    orders = order_list_for(organisation=organisation) if organisation else Order.objects.none()
    page = Paginator(orders, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "billing/order_list.html", {"orders": page.object_list, "page": page})


def _order_or_404(request, order_id: int):
    order = order_get_for(organisation=_organisation(request), order_id=order_id)
    if order is None:
        raise Http404
    return order


@login_required
@require_GET
def order_detail(request, order_id: int):
    order = _order_or_404(request, order_id)
    session, payment_error = None, ""
    if order.payment_method == "card" and order.is_unpaid and conf.stripe_secret_key():
        try:
            session = card_payment_prepare(order_id=order.pk, organisation=order.organisation)
        except (PaymentError, DomainError) as error:
            payment_error = error.message
        order.refresh_from_db()
    context = {
        "order": order,
        "session": session,
        "payment_error": payment_error,
        "seller": conf.billing_seller(),
        "invoice": getattr(order, "invoice", None) if order.is_paid else None,
        "just_paid": request.GET.get("paiement") == "ok" and order.is_unpaid,
        "licence_codes": licence_codes_for_order(order=order) if order.is_paid else [],
        "test_cards": test_cards_enabled(),
    }
    response = render(request, "billing/order_detail.html", context)
    if session is not None:
        content_security_allow(response, session.content_security_sources)
    return response


@login_required
@require_POST
def order_cancel_view(request, order_id: int):
    order = _order_or_404(request, order_id)
    try:
        order_cancel(user=request.user, order_id=order.pk, organisation=_organisation(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("La commande %(number)s est annulée.") % {"number": order.number})
    return redirect("billing:order", order_id=order.pk)


@login_required
@require_GET
def invoice_download(request, invoice_id: int):
    invoice = invoice_get_for(user=request.user, organisation=_organisation(request), invoice_id=invoice_id)
    if invoice is None:
        raise Http404
    return _pdf_response(invoice_pdf(invoice), invoice.number)


def _pdf_response(content: bytes, number: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def credit_note_download(request, credit_note_id: int):
    note = credit_note_get_for(user=request.user, organisation=_organisation(request), credit_note_id=credit_note_id)
    if note is None:
        raise Http404
    return _pdf_response(credit_note_pdf(note), note.number)


@login_required
@require_POST
def order_test_card(request, order_id: int):
    """localstripe only: the page's stand-in card form posts the test card here (JSON in, JSON out)."""
    try:
        card = json.loads(request.body or b"{}").get("card")
    except (ValueError, AttributeError):
        return JsonResponse({"detail": _("Requête illisible.")}, status=400)
    organisation = _organisation(request)
    if organisation is None:
        raise Http404
    try:
        state = card_payment_confirm_test_card(order_id=order_id, organisation=organisation, card=card)
    except DomainError as error:
        return JsonResponse({"detail": error.message, "field": error.field}, status=error.status_code)
    return JsonResponse({"status": state.status, "error": state.failure_message})


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe retries on any non-2xx: 400 for a forged or unreadable request, 503 while Stripe cannot be reached."""
    try:
        result = webhook_receive(payload=request.body, signature=request.headers.get("Stripe-Signature", ""))
    except WebhookError as error:
        return JsonResponse({"detail": error.message}, status=400)
    except PaymentError as error:
        return JsonResponse({"detail": error.message}, status=503)
    return JsonResponse({"id": result.event_id, "duplicate": result.duplicate, "handled": result.handled})
