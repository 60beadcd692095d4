"""Fulfilment: what a paid order delivers, line by line, exactly once.

`order_fulfil` runs inside `order_mark_paid` with the order row locked, so a
payment reported twice (webhook and return page, or a replayed event) finds
the lines already delivered and does nothing. What each kind delivers:

- a training seat: the held registration is confirmed (`registration_confirm_for_order`);
- a licence delivered by code: as many codes as units, taken from the product's pool;
- refurbished hardware: the units reserved from the stock when the order was made are set aside for it;
- a service package or a licence the publisher activates itself: the booking is recorded.

A line that cannot be delivered yet (the code pool ran dry) stays open and the
order stays "paid"; importing codes delivers the waiting lines, oldest first.
The order becomes "fulfilled" when its last line is.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.admin_views.access import is_platform_staff
from marketplace.models import Membership
from marketplace.plain_text import render_plain, render_subject
from marketplace.services.audit import audit_record
from marketplace.tasks import send_email

from .. import conf
from ..errors import NotFound, OrderError, PermissionDenied
from ..models import LicenceCode, Order, OrderLine, OrderState, Product, ProductKind
from .timeline import order_event

logger = logging.getLogger(__name__)

IMPORT_PERMISSION = "billing.add_licencecode"
MAX_CODES_PER_IMPORT = 5000
MAX_CODE_LENGTH = LicenceCode._meta.get_field("code").max_length


def _deliver_training(order: Order, line: OrderLine) -> bool:
    from ..models.trainings import RegistrationState
    from .trainings import registration_confirm_for_order

    registration = registration_confirm_for_order(order=order)
    return registration is not None and registration.state == RegistrationState.CONFIRMED


def _deliver_codes(order: Order, line: OrderLine, now) -> bool:
    """Give the line its codes, all or none. `skip_locked` lets concurrent payments take different codes."""
    free = (
        LicenceCode.objects.select_for_update(skip_locked=True)
        .filter(product_id=line.product_id, order_line__isnull=True)
        .order_by("id")
        .values_list("pk", flat=True)
    )
    picked = list(free[: line.quantity])
    if len(picked) == line.quantity:
        taken = LicenceCode.objects.filter(pk__in=picked, order_line__isnull=True).update(
            order_line=line, allocated_at=now
        )
        if taken == line.quantity:
            order_event(order=order, action="licence.codes_allocated", data={"line": line.pk, "count": taken})
            return True
        # Another payment took some of them between the read and the write: give ours back, wait for the pool.
        LicenceCode.objects.filter(order_line=line).update(order_line=None, allocated_at=None)
    if not order.events.filter(action="licence.codes_waiting", data__line=line.pk).exists():
        order_event(
            order=order,
            action="licence.codes_waiting",
            data={"line": line.pk, "missing": line.quantity - len(picked), "product": line.product.code},
        )
        logger.warning("Order %s waits for %d licence code(s) of %s", order, line.quantity, line.product.code)
    return False


def _deliver(order: Order, line: OrderLine, now) -> bool:
    product = line.product
    if product.kind == ProductKind.TRAINING:
        return _deliver_training(order, line)
    if product.kind == ProductKind.LICENCE and product.delivers_codes:
        return _deliver_codes(order, line, now)
    action = "hardware.reserved" if product.kind == ProductKind.HARDWARE else "service.booked"
    order_event(order=order, action=action, data={"line": line.pk, "quantity": line.quantity})
    return True


def order_fulfil(*, order: Order) -> bool:
    """Deliver every open line of a paid order; call with the order row locked. True when all are delivered."""
    if order.state != OrderState.PAID:
        return order.state == OrderState.FULFILLED
    now = timezone.now()
    done = True
    for line in order.lines.select_related("product").filter(fulfilled_at__isnull=True):
        if _deliver(order, line, now):
            line.fulfilled_at = now
            line.save(update_fields=["fulfilled_at"])
        else:
            done = False
    if done:
        order.state = OrderState.FULFILLED
        order.save(update_fields=["state"])
        order_event(order=order, action="order.fulfilled")
        transaction.on_commit(lambda: order_fulfilled_notify(order_id=order.pk))
    return done


def order_fulfilled_notify(*, order_id: int) -> None:
    """Tell who ordered (or every member) that the order is delivered; codes are shown on the order page only."""
    order = Order.objects.select_related("organisation", "created_by").get(pk=order_id)
    if order.created_by and order.created_by.email:
        recipients = [order.created_by.email]
    else:
        members = Membership.objects.filter(organisation=order.organisation)
        recipients = list(members.values_list("user__email", flat=True))
    context = {
        "order": order,
        "has_codes": LicenceCode.objects.filter(order_line__order=order).exists(),
        "url": conf.site_url() + reverse("billing:order", args=[order.pk]),
    }
    subject = render_subject("billing/emails/order_fulfilled_subject.txt", context)
    body = render_plain("billing/emails/order_fulfilled.txt", context)
    for email in recipients:
        send_email.enqueue(to=[email], subject=subject, body=body)


# Importing codes -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeImport:
    added: int
    duplicates: int
    orders_fulfilled: int
    stock: int


def import_allowed(user) -> bool:
    """Finance staff: codes are what associations pay for, editors never see them."""
    return is_platform_staff(user) and user.has_perm(IMPORT_PERMISSION)


def _parse_codes(text: str) -> list[str]:
    codes, seen = [], set()
    for number, raw in enumerate((text or "").splitlines(), start=1):
        code = raw.strip()
        if not code:
            continue
        if len(code) > MAX_CODE_LENGTH:
            message = _("Ligne %(line)d : un code fait au plus %(max)d caractères.")
            raise OrderError(message % {"line": number, "max": MAX_CODE_LENGTH}, field="codes")
        if not code.isprintable():
            raise OrderError(_("Ligne %(line)d : caractère invalide dans le code.") % {"line": number}, field="codes")
        if code not in seen:
            seen.add(code)
            codes.append(code)
    if not codes:
        raise OrderError(_("Collez au moins un code, un par ligne."), field="codes")
    if len(codes) > MAX_CODES_PER_IMPORT:
        raise OrderError(_("Importez au plus %(max)d codes à la fois.") % {"max": MAX_CODES_PER_IMPORT}, field="codes")
    return codes


def _units_promised(product: Product) -> int:
    """Units sold but holding no code yet: unpaid orders, and paid ones still waiting for the pool."""
    lines = OrderLine.objects.filter(product=product).filter(
        Q(order__state__in=OrderState.UNPAID) | Q(order__state=OrderState.PAID, fulfilled_at__isnull=True)
    )
    return lines.aggregate(n=Sum("quantity"))["n"] or 0


def _sync_stock(product: Product) -> int:
    """A code product's stock is what it can still sell: free codes minus units promised (product locked)."""
    free = LicenceCode.objects.filter(product=product, order_line__isnull=True).count()
    product.stock = max(free - _units_promised(product), 0)
    product.save(update_fields=["stock", "updated_at"])
    return product.stock


@transaction.atomic
def _store_codes(*, actor, product_id: int, codes: list[str]) -> tuple[int, int]:
    product = Product.objects.select_for_update().filter(pk=product_id).first()
    if product is None:
        raise NotFound(_("Ce produit n'existe pas."))
    if not product.delivers_codes:
        raise OrderError(_("Ce produit n'est pas livré avec des codes de licence."), field="product")
    existing = set(LicenceCode.objects.filter(product=product, code__in=codes).values_list("code", flat=True))
    new = [LicenceCode(product=product, code=code, created_by=actor) for code in codes if code not in existing]
    LicenceCode.objects.bulk_create(new)
    audit_record(
        actor=actor,
        action="licence.codes_imported",
        organisation=None,
        target=product,
        data={"added": len(new), "duplicates": len(existing)},
    )
    return len(new), len(existing)


def _waiting_order_ids(product_id: int) -> list[int]:
    return list(
        Order.objects.filter(state=OrderState.PAID, lines__product_id=product_id, lines__fulfilled_at__isnull=True)
        .order_by("paid_at", "id")
        .values_list("pk", flat=True)
        .distinct()
    )


def orders_fulfil_waiting(*, product_id: int) -> int:
    """Deliver paid orders waiting for this product's codes, oldest payment first; how many were completed."""
    completed = 0
    for order_id in _waiting_order_ids(product_id):
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order_id)
            completed += order_fulfil(order=order)
    return completed


def licence_codes_import(*, actor, product_id: int, text: str) -> CodeImport:
    """Add codes to a product's pool (one per line; codes already there are skipped), then deliver waiting orders.

    The product's stock is recomputed from the pool afterwards, so it never
    promises units the pool cannot deliver.
    """
    if not import_allowed(actor):
        raise PermissionDenied(_("Seule l'équipe finance de la plateforme importe des codes de licence."))
    codes = _parse_codes(text)
    added, duplicates = _store_codes(actor=actor, product_id=product_id, codes=codes)
    completed = orders_fulfil_waiting(product_id=product_id)
    with transaction.atomic():
        stock = _sync_stock(Product.objects.select_for_update().get(pk=product_id))
    return CodeImport(added=added, duplicates=duplicates, orders_fulfilled=completed, stock=stock)


def licence_codes_for_order(*, order: Order) -> list[LicenceCode]:
    """The codes an order received, for the association's order page (callers check membership)."""
    return list(LicenceCode.objects.filter(order_line__order=order).select_related("product").order_by("id"))
