"""What the platform sells, at which price for which association."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from marketplace.models.profiles import BudgetBracket

# 20 %, 10 %, 5,5 %, 2,1 % and 0 % are the French rates; stored in basis points so that money stays integer.
VAT_STANDARD_BP = 2000


class ProductKind(models.TextChoices):
    LICENCE = "licence", _("Licence ou abonnement (frais de gestion)")
    HARDWARE = "hardware", _("Matériel reconditionné")
    SERVICE = "service", _("Pack de services")
    TRAINING = "training", _("Place de formation")


class Eligibility(models.TextChoices):
    """Who may buy: only verified associations (at solidarity prices), or anyone (others pay the public price)."""

    VERIFIED_ASSOCIATIONS = "verified_associations", _("Associations vérifiées uniquement")
    ANYONE = "anyone", _("Tout le monde (prix public hors associations vérifiées)")


class Product(ClusterableModel):
    """One offer of the catalogue. Prices are excluding VAT (HT), in cents; the grid gives the solidarity prices.

    `stock` counts units still available (None: not limited) and is decremented when an order reserves them;
    `yearly_quota` caps what one association may order per civil year (None: no cap).
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=ProductKind.choices)
    summary = models.CharField(_("accroche"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    public_price_cents = models.PositiveIntegerField(_("prix public HT (centimes)"), validators=[MinValueValidator(1)])
    vat_rate_bp = models.PositiveIntegerField(
        _("taux de TVA (points de base)"),
        default=VAT_STANDARD_BP,
        validators=[MaxValueValidator(10000)],
        help_text=_("2000 pour 20 %, 550 pour 5,5 %, 0 si exonéré."),
    )
    eligibility = models.CharField(
        _("qui peut acheter"), max_length=30, choices=Eligibility.choices, default=Eligibility.VERIFIED_ASSOCIATIONS
    )
    yearly_quota = models.PositiveIntegerField(
        _("quota annuel par association"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Nombre maximum d'unités par association et par année civile ; vide : sans limite."),
    )
    stock = models.PositiveIntegerField(
        _("stock disponible"), null=True, blank=True, help_text=_("Vide : pas de limite de stock.")
    )
    max_per_order = models.PositiveIntegerField(
        _("quantité maximale par commande"), default=100, validators=[MinValueValidator(1)]
    )
    delivers_codes = models.BooleanField(
        _("livré avec un code de licence"),
        default=False,
        help_text=_(
            "Chaque unité payée reçoit un code du stock de codes du produit. Le stock disponible suit alors "
            "les codes importés : ne le modifiez pas à la main."
        ),
    )
    is_active = models.BooleanField(_("en vente"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("produit")
        verbose_name_plural = _("produits")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.delivers_codes and self.kind != ProductKind.LICENCE:
            raise ValidationError({"delivers_codes": _("Seule une licence est livrée avec un code.")})

    @property
    def is_goods(self) -> bool:
        """Hardware is a delivery of goods; everything else is a service (an invoice mention depends on it)."""
        return self.kind == ProductKind.HARDWARE


class ProductPrice(models.Model):
    """The solidarity price HT of a product for associations of one budget bracket."""

    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="prices")
    budget_bracket = models.CharField(_("budget annuel"), max_length=10, choices=BudgetBracket.choices)
    unit_price_cents = models.PositiveIntegerField(_("prix solidaire HT (centimes)"))

    class Meta:
        verbose_name = _("prix solidaire")
        verbose_name_plural = _("grille de prix solidaires")
        ordering = ["product", "budget_bracket"]
        constraints = [
            models.UniqueConstraint(fields=["product", "budget_bracket"], name="billing_price_one_per_bracket")
        ]

    def __str__(self):
        return f"{self.product} — {self.get_budget_bracket_display()}"

    def clean(self):
        product = getattr(self, "product", None)
        if product is not None and product.public_price_cents and self.unit_price_cents > product.public_price_cents:
            raise ValidationError({"unit_price_cents": _("Un prix solidaire ne peut pas dépasser le prix public.")})
