"""Refunds and credit notes (own yearly sequence), the transfer reminder's date, and the "Finance" group.

Permissions may not exist yet on a fresh database (Django creates them after
all migrations), so the group's are fetched or created by content type and codename.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FINANCE = "Finance"
FINANCE_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("billing", "order", "view_order"),
    ("billing", "order", "record_transfer"),
    ("billing", "invoice", "view_invoice"),
    ("billing", "refund", "view_refund"),
    ("billing", "refund", "add_refund"),
    ("billing", "creditnote", "view_creditnote"),
]


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
    )
    return permission


def create_finance_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=FINANCE)
    group.permissions.add(*(_permission(apps, *spec) for spec in FINANCE_PERMISSIONS))


def delete_finance_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=FINANCE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0001_catalogue_orders_invoices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="order",
            options={
                "ordering": ["-created_at", "-id"],
                "permissions": [("record_transfer", "Peut enregistrer un virement reçu")],
                "verbose_name": "commande",
                "verbose_name_plural": "commandes",
            },
        ),
        migrations.AddField(
            model_name="order",
            name="transfer_reminded_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="relance de virement envoyée le"),
        ),
        migrations.CreateModel(
            name="CreditNoteSequence",
            fields=[
                ("year", models.PositiveIntegerField(primary_key=True, serialize=False)),
                ("last_number", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="Refund",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("amount_cents", models.PositiveIntegerField(verbose_name="montant TTC (centimes)")),
                ("reason", models.CharField(max_length=255, verbose_name="motif")),
                (
                    "method",
                    models.CharField(
                        choices=[("card", "Carte bancaire"), ("transfer", "Virement bancaire")],
                        max_length=10,
                        verbose_name="moyen",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[("pending", "En cours"), ("succeeded", "Effectué"), ("failed", "Échoué")],
                        default="pending",
                        max_length=10,
                        verbose_name="état",
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("admin", "Administration de la plateforme"),
                            ("provider", "Tableau de bord du prestataire de paiement"),
                        ],
                        default="admin",
                        max_length=10,
                        verbose_name="origine",
                    ),
                ),
                ("restock", models.BooleanField(default=False, verbose_name="remettre le matériel en stock")),
                ("restocked_units", models.PositiveIntegerField(default=0, verbose_name="unités remises en stock")),
                ("stripe_refund_id", models.CharField(blank=True, max_length=255)),
                ("failure_message", models.CharField(blank=True, max_length=255, verbose_name="erreur")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="créé le")),
                ("completed_at", models.DateTimeField(blank=True, null=True, verbose_name="effectué le")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="refunds", to="billing.order"
                    ),
                ),
            ],
            options={
                "verbose_name": "remboursement",
                "verbose_name_plural": "remboursements",
                "ordering": ["-created_at", "-id"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("stripe_refund_id", ""), _negated=True),
                        fields=("stripe_refund_id",),
                        name="billing_refund_unique_stripe_id",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CreditNote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.CharField(max_length=30, unique=True, verbose_name="numéro")),
                ("year", models.PositiveIntegerField()),
                ("sequence", models.PositiveIntegerField()),
                ("issued_at", models.DateTimeField(verbose_name="émis le")),
                ("seller", models.JSONField(verbose_name="vendeur")),
                ("buyer", models.JSONField(verbose_name="acheteur")),
                ("reason", models.CharField(max_length=255, verbose_name="motif")),
                ("total_ht_cents", models.PositiveIntegerField(verbose_name="total HT (centimes)")),
                ("total_vat_cents", models.PositiveIntegerField(verbose_name="TVA (centimes)")),
                ("total_ttc_cents", models.PositiveIntegerField(verbose_name="total TTC (centimes)")),
                ("vat_breakdown", models.JSONField(verbose_name="TVA par taux")),
                ("payment_method", models.CharField(max_length=20, verbose_name="moyen de remboursement")),
                ("refund_terms", models.TextField(verbose_name="modalités du remboursement")),
                (
                    "invoice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="credit_notes", to="billing.invoice"
                    ),
                ),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="credit_notes", to="billing.order"
                    ),
                ),
                (
                    "refund",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="credit_note", to="billing.refund"
                    ),
                ),
            ],
            options={
                "verbose_name": "avoir",
                "verbose_name_plural": "avoirs",
                "ordering": ["-year", "-sequence"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(fields=("year", "sequence"), name="billing_creditnote_unique_sequence")
                ],
            },
        ),
        migrations.CreateModel(
            name="CreditNoteLine",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveIntegerField()),
                ("invoice_position", models.PositiveIntegerField()),
                ("description", models.CharField(max_length=255, verbose_name="désignation")),
                ("quantity", models.PositiveIntegerField(verbose_name="quantité")),
                ("unit_price_ht_cents", models.PositiveIntegerField(verbose_name="prix unitaire HT (centimes)")),
                ("vat_rate_bp", models.PositiveIntegerField(verbose_name="taux de TVA (points de base)")),
                ("total_ht_cents", models.PositiveIntegerField(verbose_name="total HT (centimes)")),
                ("vat_cents", models.PositiveIntegerField(verbose_name="TVA (centimes)")),
                ("total_ttc_cents", models.PositiveIntegerField(verbose_name="total TTC (centimes)")),
                (
                    "credit_note",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="lines", to="billing.creditnote"
                    ),
                ),
            ],
            options={"ordering": ["credit_note", "position"], "abstract": False},
        ),
        migrations.RunPython(create_finance_group, delete_finance_group),
    ]
