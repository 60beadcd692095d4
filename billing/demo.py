"""Demo catalogue: realistic French solidarity offers (`manage.py seed_demo`), created once, found by their code."""

from marketplace.models.profiles import BudgetBracket

from .models import Eligibility, Product, ProductKind, ProductPrice

BILLING_ORDER = 210
B = BudgetBracket

# (code, name, kind, summary, public price HT in cents, VAT bp, eligibility, yearly quota, stock, grid)
PRODUCTS = (
    (
        "microsoft-365-business-premium",
        "Microsoft 365 Business Premium — frais de gestion annuels",
        ProductKind.LICENCE,
        "Licence offerte par le programme associatif de Microsoft ; frais de gestion par utilisateur et par an.",
        36_00,
        2000,
        Eligibility.VERIFIED_ASSOCIATIONS,
        10,
        None,
        {B.LT_10K: 9_00, B.FROM_10K_TO_50K: 12_00, B.FROM_50K_TO_200K: 15_00, B.FROM_200K_TO_1M: 18_00},
    ),
    (
        "canva-pro-associations",
        "Canva Pro pour les associations — frais de gestion",
        ProductKind.LICENCE,
        "Accès Canva Pro pour toute l'équipe, frais de gestion annuels.",
        120_00,
        2000,
        Eligibility.VERIFIED_ASSOCIATIONS,
        1,
        None,
        {B.LT_10K: 15_00, B.FROM_10K_TO_50K: 25_00, B.FROM_50K_TO_200K: 40_00},
    ),
    (
        "ordinateur-portable-reconditionne",
        'Ordinateur portable reconditionné (Dell Latitude 14", i5, 16 Go, SSD 256 Go)',
        ProductKind.HARDWARE,
        "Reconditionné en France par une entreprise d'insertion, garanti 2 ans.",
        329_00,
        2000,
        Eligibility.ANYONE,
        5,
        40,
        {B.LT_10K: 189_00, B.FROM_10K_TO_50K: 209_00, B.FROM_50K_TO_200K: 239_00, B.FROM_200K_TO_1M: 269_00},
    ),
    (
        "pack-support-site-web",
        "Pack support site internet (10 heures)",
        ProductKind.SERVICE,
        "Mises à jour, sauvegardes et petites évolutions de votre site WordPress par un prestataire vérifié.",
        750_00,
        2000,
        Eligibility.ANYONE,
        None,
        None,
        {B.LT_10K: 350_00, B.FROM_10K_TO_50K: 450_00, B.FROM_50K_TO_200K: 550_00},
    ),
    (
        "audit-rgpd",
        "Audit RGPD et plan d'action",
        ProductKind.SERVICE,
        "Cartographie des traitements, registre, mentions et plan d'action priorisé.",
        1_200_00,
        2000,
        Eligibility.VERIFIED_ASSOCIATIONS,
        1,
        None,
        {B.LT_10K: 490_00, B.FROM_10K_TO_50K: 690_00, B.FROM_50K_TO_200K: 890_00},
    ),
    (
        "formation-cybersecurite",
        "Formation « Sécuriser les outils numériques de l'association » (1 jour)",
        ProductKind.TRAINING,
        "Une place en session inter-associations, en ligne ou à Lyon.",
        350_00,
        0,
        Eligibility.ANYONE,
        None,
        None,
        {B.LT_10K: 60_00, B.FROM_10K_TO_50K: 90_00, B.FROM_50K_TO_200K: 150_00},
    ),
)


def seed_billing(stdout) -> dict[str, int]:
    """Create the demo catalogue's missing products, keyed by code; no order, no call to Stripe."""
    created = 0
    for code, name, kind, summary, price, vat, eligibility, quota, stock, grid in PRODUCTS:
        if Product.objects.filter(code=code).exists():
            continue
        product = Product.objects.create(
            code=code,
            name=name,
            kind=kind,
            summary=summary,
            public_price_cents=price,
            vat_rate_bp=vat,
            eligibility=eligibility,
            yearly_quota=quota,
            stock=stock,
        )
        ProductPrice.objects.bulk_create(
            ProductPrice(product=product, budget_bracket=bracket, unit_price_cents=cents)
            for bracket, cents in grid.items()
        )
        created += 1
    if created:
        stdout.write(f"billing: {created} produits au catalogue")
    return {"produits": created, "sessions": seed_training_sessions(stdout)}


# (product code, days from today, start hour, end hour, mode, address or link, capacity, trainer)
TRAINING_SESSIONS = (
    (
        "formation-cybersecurite",
        21,
        9,
        17,
        "on_site",
        "Maison des associations, 28 rue Denfert-Rochereau, 69004 Lyon",
        12,
        "Claire Martin",
    ),
    ("formation-cybersecurite", 35, 9, 17, "online", "https://visio.passerelle.example/cyber-35", 20, "Karim Benali"),
    (
        "formation-cybersecurite",
        63,
        9,
        17,
        "on_site",
        "Le Hub solidaire, 5 place Bellecour, 69002 Lyon",
        3,
        "Claire Martin",
    ),
)


def seed_training_sessions(stdout) -> int:
    """Dated sessions of the demo trainings, created once per product (none if the product has sessions)."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from .models import TrainingSession

    created = 0
    today = timezone.localdate()
    for code, days, start, end, mode, where, capacity, trainer in TRAINING_SESSIONS:
        product = Product.objects.filter(code=code, kind=ProductKind.TRAINING).first()
        if (
            product is None
            or TrainingSession.objects.filter(product=product, trainer=trainer, capacity=capacity).exists()
        ):
            continue
        day = today + timedelta(days=days)
        starts = timezone.make_aware(datetime.combine(day, time(start)))
        TrainingSession.objects.create(
            product=product,
            starts_at=starts,
            ends_at=timezone.make_aware(datetime.combine(day, time(end))),
            registration_deadline=starts - timedelta(days=2),
            mode=mode,
            address=where if mode == "on_site" else "",
            online_url=where if mode == "online" else "",
            capacity=capacity,
            trainer=trainer,
        )
        created += 1
    if created:
        stdout.write(f"billing: {created} sessions de formation")
    return created
