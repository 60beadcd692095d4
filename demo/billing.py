"""Demo catalogue: realistic French solidarity offers (`manage.py seed_demo`), created once, found by their code."""

import hashlib

from billing.models import Eligibility, LicenceCode, Product, ProductKind, ProductPrice
from marketplace.models.profiles import BudgetBracket

BILLING_ORDER = 210
B = BudgetBracket

# Licences delivered with an activation code, and how many demo codes their pool starts with.
CODE_POOLS = {"bitdefender-gravityzone": 60}

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
        "bitdefender-gravityzone",
        "Bitdefender GravityZone Business Security — licence annuelle par poste",
        ProductKind.LICENCE,
        "Antivirus et pare-feu administrés depuis une console ; clé d'activation livrée dès le paiement.",
        32_00,
        2000,
        Eligibility.VERIFIED_ASSOCIATIONS,
        25,
        None,
        {B.LT_10K: 6_00, B.FROM_10K_TO_50K: 8_00, B.FROM_50K_TO_200K: 11_00, B.FROM_200K_TO_1M: 14_00},
    ),
    (
        "bitwarden-teams",
        "Bitwarden Teams — frais de gestion annuels par utilisateur",
        ProductKind.LICENCE,
        "Coffre-fort de mots de passe partagé, remise associative de Bitwarden ; frais de gestion par utilisateur.",
        48_00,
        2000,
        Eligibility.VERIFIED_ASSOCIATIONS,
        30,
        None,
        {B.LT_10K: 5_00, B.FROM_10K_TO_50K: 8_00, B.FROM_50K_TO_200K: 12_00, B.FROM_200K_TO_1M: 16_00},
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
    (
        "formation-microsoft-365",
        "Formation « Microsoft 365 au quotidien » (2 demi-journées)",
        ProductKind.TRAINING,
        "Une place en session à distance : Teams, OneDrive et SharePoint en pratique.",
        280_00,
        0,
        Eligibility.ANYONE,
        None,
        None,
        {B.LT_10K: 45_00, B.FROM_10K_TO_50K: 70_00, B.FROM_50K_TO_200K: 120_00},
    ),
    (
        "formation-rgpd",
        "Formation « Le RGPD en pratique pour les associations » (1 jour)",
        ProductKind.TRAINING,
        "Une place en atelier : registre, durées de conservation, droits des personnes.",
        350_00,
        0,
        Eligibility.ANYONE,
        None,
        None,
        {B.LT_10K: 60_00, B.FROM_10K_TO_50K: 90_00, B.FROM_50K_TO_200K: 150_00},
    ),
    (
        "formation-canva",
        "Formation « Créer ses visuels avec Canva » (3 heures)",
        ProductKind.TRAINING,
        "Une place en classe virtuelle, exercices sur vos prochains événements.",
        150_00,
        0,
        Eligibility.ANYONE,
        None,
        None,
        {B.LT_10K: 25_00, B.FROM_10K_TO_50K: 40_00, B.FROM_50K_TO_200K: 60_00},
    ),
    (
        "formation-tableur",
        "Formation « Suivre ses adhérents avec un tableur » (1 demi-journée)",
        ProductKind.TRAINING,
        "Une place en session à distance, avec LibreOffice Calc ou Excel.",
        180_00,
        0,
        Eligibility.ANYONE,
        None,
        None,
        {B.LT_10K: 30_00, B.FROM_10K_TO_50K: 45_00, B.FROM_50K_TO_200K: 75_00},
    ),
    (
        "formation-accessibilite",
        "Formation « Des documents et un site accessibles » (1 jour)",
        ProductKind.TRAINING,
        "Une place en session à Lyon ou à distance : documents, courriels et pages web lisibles par toutes et tous.",
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
            delivers_codes=code in CODE_POOLS,
        )
        ProductPrice.objects.bulk_create(
            ProductPrice(product=product, budget_bracket=bracket, unit_price_cents=cents)
            for bracket, cents in grid.items()
        )
        if product.delivers_codes:
            _seed_code_pool(product, CODE_POOLS[code])
        created += 1
    if created:
        stdout.write(f"billing: {created} produits au catalogue")
    return {"produits": created, "sessions": seed_training_sessions(stdout)}


def _seed_code_pool(product: Product, size: int) -> None:
    """Demo activation keys (deterministic, obviously not real); the stock of a code product is its free codes."""
    keys = []
    for number in range(size):
        digest = hashlib.sha256(f"{product.code}-{number}".encode()).hexdigest().upper()
        keys.append("DEMO-" + "-".join(digest[i : i + 4] for i in range(0, 16, 4)))
    LicenceCode.objects.bulk_create(LicenceCode(product=product, code=key) for key in keys)
    product.stock = len(keys)
    product.save(update_fields=["stock", "updated_at"])


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
    ("formation-microsoft-365", 14, 9, 12, "online", "https://visio.passerelle.example/m365-14", 16, "Sophie Lefèvre"),
    ("formation-microsoft-365", 42, 14, 17, "online", "https://visio.passerelle.example/m365-42", 16, "Sophie Lefèvre"),
    (
        "formation-rgpd",
        28,
        9,
        17,
        "on_site",
        "Maison des associations, 28 rue Denfert-Rochereau, 69004 Lyon",
        10,
        "Nadia Haddad",
    ),
    ("formation-rgpd", 56, 9, 17, "online", "https://visio.passerelle.example/rgpd-56", 15, "Nadia Haddad"),
    ("formation-canva", 10, 14, 17, "online", "https://visio.passerelle.example/canva-10", 20, "Julien Moreau"),
    ("formation-canva", 38, 9, 12, "online", "https://visio.passerelle.example/canva-38", 20, "Julien Moreau"),
    ("formation-tableur", 17, 9, 13, "online", "https://visio.passerelle.example/tableur-17", 12, "Karim Benali"),
    (
        "formation-accessibilite",
        49,
        9,
        17,
        "on_site",
        "Le Hub solidaire, 5 place Bellecour, 69002 Lyon",
        12,
        "Élise Garnier",
    ),
)


def seed_training_sessions(stdout) -> int:
    """Dated sessions of the demo trainings, created once per product (none if the product has sessions)."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from billing.models import TrainingSession

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
