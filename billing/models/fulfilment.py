"""Licence codes: a pool per product, imported by finance staff, each code given to one paid order line."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .catalogue import Product
from .orders import OrderLine


class LicenceCode(models.Model):
    """One activation code of a publisher's licence. `order_line` is set once, when the code is allocated."""

    product = models.ForeignKey(
        Product, verbose_name=_("produit"), on_delete=models.PROTECT, related_name="licence_codes"
    )
    code = models.CharField(_("code"), max_length=200)
    order_line = models.ForeignKey(
        OrderLine,
        verbose_name=_("ligne de commande"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="licence_codes",
    )
    allocated_at = models.DateTimeField(_("attribué le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("importé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("code de licence")
        verbose_name_plural = _("codes de licence")
        ordering = ["product", "id"]
        constraints = [models.UniqueConstraint(fields=["product", "code"], name="billing_licence_code_unique")]
        indexes = [models.Index(fields=["product", "order_line"])]

    def __str__(self):
        return f"{self.product} — {self.code[:4]}…"

    @property
    def is_allocated(self) -> bool:
        return self.order_line_id is not None
