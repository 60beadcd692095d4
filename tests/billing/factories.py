"""factory_boy factories for billing's catalogue."""

from datetime import timedelta

import factory
from django.utils import timezone

from billing.models import Eligibility, Product, ProductKind, ProductPrice
from marketplace.models.profiles import BudgetBracket


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"produit-{n}")
    name = factory.Sequence(lambda n: f"Produit solidaire {n}")
    kind = ProductKind.LICENCE
    public_price_cents = 100_00
    vat_rate_bp = 2000
    eligibility = Eligibility.VERIFIED_ASSOCIATIONS

    @factory.post_generation
    def grid(self, create, extracted, **kwargs):
        """`grid={BudgetBracket.LT_10K: 2000}`; by default 40 € for 10-50 k€ budgets."""
        if not create:
            return
        grid = {BudgetBracket.FROM_10K_TO_50K: 40_00} if extracted is None else extracted
        ProductPrice.objects.bulk_create(
            [
                ProductPrice(product=self, budget_bracket=bracket, unit_price_cents=cents)
                for bracket, cents in grid.items()
            ]
        )


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    """An on-site session of a training seat product, in 30 days, registrations open until 2 days before."""

    class Meta:
        model = "billing.TrainingSession"

    product = factory.SubFactory(ProductFactory, kind=ProductKind.TRAINING, vat_rate_bp=0)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=7))
    registration_deadline = factory.LazyAttribute(lambda o: o.starts_at - timedelta(days=2))
    mode = "on_site"
    address = "Maison des associations, 69004 Lyon"
    capacity = 10
    trainer = "Claire Martin"
