"""The price of a product for an organisation, with the reasons, computed on the server only.

Any price a client sends is ignored: orders take their amounts from `price_for`.
Amounts are integer cents, excluding VAT (HT) unless named TTC; VAT is rounded
half up on each line's total, as it appears on the invoice.
"""

from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.eligibility import gets_solidarity_prices
from marketplace.models import AssociationProfile, Organisation
from marketplace.models.profiles import BudgetBracket

from .errors import BadQuantity, NotEligible, OutOfStock, QuotaExceeded
from .models import Eligibility, OrderLine, OrderState, Product, ProductPrice


@dataclass(frozen=True)
class Quota:
    year: int
    limit: int
    used: int

    @property
    def left(self) -> int:
        return max(self.limit - self.used, 0)


@dataclass(frozen=True)
class Quote:
    """What `quantity` units of `product` cost `organisation`, and why."""

    product_id: int
    quantity: int
    unit_ht_cents: int
    public_unit_ht_cents: int
    vat_rate_bp: int
    total_ht_cents: int
    vat_cents: int
    total_ttc_cents: int
    solidarity: bool
    budget_bracket: str = ""
    quota: Quota | None = None
    stock_left: int | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def discount_per_unit_cents(self) -> int:
        return self.public_unit_ht_cents - self.unit_ht_cents

    @property
    def discount_percent(self) -> int:
        if not self.public_unit_ht_cents:
            return 0
        return round(100 * self.discount_per_unit_cents / self.public_unit_ht_cents)

    @property
    def budget_bracket_label(self) -> str:
        return BudgetBracket(self.budget_bracket).label if self.budget_bracket else ""


def vat_of(amount_ht_cents: int, rate_bp: int) -> int:
    """VAT on an amount, rounded half up to the cent."""
    return (amount_ht_cents * rate_bp + 5000) // 10000


def civil_year(now=None) -> int:
    """Quotas run per civil year in France's time, not UTC's (31 December 23:30 in Paris is still that year)."""
    return timezone.localtime(now or timezone.now()).year


def quota_used(*, product: Product, organisation: Organisation, year: int) -> int:
    """Units of `product` the organisation ordered in `year`, counting orders not cancelled nor fully refunded."""
    used = OrderLine.objects.filter(
        product=product,
        order__organisation=organisation,
        order__state__in=OrderState.COUNTS_AGAINST_QUOTA,
        order__created_at__year=year,
    ).aggregate(total=Sum("quantity"))["total"]
    return used or 0


def budget_bracket_of(organisation: Organisation) -> str:
    """The association's budget bracket ("" when unknown); a caller pricing many products reads it once."""
    return (
        AssociationProfile.objects.filter(organisation=organisation).values_list("budget_bracket", flat=True).first()
        or ""
    )


def _check_quantity(product: Product, quantity) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise BadQuantity(_("La quantité doit être un nombre entier."), field="quantity")
    if quantity < 1:
        raise BadQuantity(_("La quantité doit être d'au moins 1."), field="quantity")
    if quantity > product.max_per_order:
        raise BadQuantity(
            _("Vous pouvez commander au plus %(max)d unités de ce produit à la fois.") % {"max": product.max_per_order},
            field="quantity",
        )
    return quantity


def _grid_price(product: Product, bracket: str) -> int | None:
    """The grid's price for `bracket`: from the grid a listing prefetched (`prices`), else read now."""
    prefetched = getattr(product, "_prefetched_objects_cache", {}).get("prices")
    if prefetched is not None:
        return next((row.unit_price_cents for row in prefetched if row.budget_bracket == bracket), None)
    return (
        ProductPrice.objects.filter(product=product, budget_bracket=bracket)
        .values_list("unit_price_cents", flat=True)
        .first()
    )


def _unit_price(
    product: Product, organisation: Organisation | None, bracket: str | None = None
) -> tuple[int, bool, str, list[str]]:
    """(unit price HT, solidarity?, bracket, reasons); refuses who may not buy. `bracket`: already read, if known."""
    if organisation is None:
        raise NotEligible(_("Connectez-vous avec votre organisation pour commander."))
    solidarity = gets_solidarity_prices(organisation)
    if not solidarity:
        if product.eligibility == Eligibility.VERIFIED_ASSOCIATIONS:
            raise NotEligible(_("Ce produit est réservé aux associations vérifiées par la plateforme."))
        return product.public_price_cents, False, "", [_("Prix public : tarif réservé aux associations vérifiées.")]
    if bracket is None:
        bracket = budget_bracket_of(organisation)
    if not bracket:
        return (
            product.public_price_cents,
            False,
            "",
            [_("Prix public : renseignez le budget annuel de votre association.")],
        )
    unit = _grid_price(product, bracket)
    label = BudgetBracket(bracket).label
    if unit is None or unit >= product.public_price_cents:
        return (
            product.public_price_cents,
            False,
            bracket,
            [_("Prix public : pas de prix solidaire pour un budget annuel %(bracket)s.") % {"bracket": label}],
        )
    return unit, True, bracket, [_("Prix solidaire pour un budget annuel %(bracket)s.") % {"bracket": label}]


def price_for(
    *, product: Product, organisation: Organisation | None, quantity: int, now=None, budget_bracket: str | None = None
) -> Quote:
    """Price `quantity` units of `product` for `organisation`, or raise a PricingError saying why not.

    `budget_bracket`: the organisation's, when the caller prices many products and read it once
    (`budget_bracket_of`); read here otherwise.

    Checks, in the order a buyer can act on them: the product is on sale, the
    quantity, who may buy, the yearly quota left, the stock left. Callers that
    reserve quota or stock lock the product row first (see `order_create`).
    """
    if not product.is_active:
        raise NotEligible(_("Ce produit n'est plus en vente."))
    quantity = _check_quantity(product, quantity)
    unit, solidarity, bracket, reasons = _unit_price(product, organisation, budget_bracket)

    quota = None
    if product.yearly_quota is not None:
        year = civil_year(now)
        quota = Quota(
            year=year,
            limit=product.yearly_quota,
            used=quota_used(product=product, organisation=organisation, year=year),
        )
        if quantity > quota.left:
            raise QuotaExceeded(
                _(
                    "Quota annuel atteint : %(left)d unité(s) restante(s) sur %(limit)d pour %(year)d, "
                    "vous en demandez %(quantity)d."
                )
                % {"left": quota.left, "limit": quota.limit, "year": year, "quantity": quantity},
                field="quantity",
            )
        reasons.append(
            _("Quota %(year)d : %(used)d utilisée(s), %(left)d restante(s) sur %(limit)d.")
            % {"year": year, "used": quota.used, "left": quota.left, "limit": quota.limit}
        )
    if product.stock is not None:
        if product.stock == 0:
            raise OutOfStock(_("Ce produit est épuisé."))
        if quantity > product.stock:
            raise OutOfStock(
                _("Il ne reste que %(stock)d unité(s) en stock.") % {"stock": product.stock}, field="quantity"
            )
        reasons.append(_("Stock : %(stock)d unité(s) disponible(s).") % {"stock": product.stock})

    total_ht = unit * quantity
    vat = vat_of(total_ht, product.vat_rate_bp)
    if solidarity:
        reasons.insert(
            1,
            _("Remise de %(percent)d %% sur le prix public.")
            % {"percent": round(100 * (product.public_price_cents - unit) / product.public_price_cents)},
        )
    return Quote(
        product_id=product.pk,
        quantity=quantity,
        unit_ht_cents=unit,
        public_unit_ht_cents=product.public_price_cents,
        vat_rate_bp=product.vat_rate_bp,
        total_ht_cents=total_ht,
        vat_cents=vat,
        total_ttc_cents=total_ht + vat,
        solidarity=solidarity,
        budget_bracket=bracket,
        quota=quota,
        stock_left=product.stock,
        reasons=reasons,
    )
