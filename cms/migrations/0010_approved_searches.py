"""The searches the resource centre's public "Recherches fréquentes" list may show, managed by the Éditeurs group.

Permissions may not exist yet on a fresh database (Django creates them after all migrations),
so they are fetched or created here by content type and codename, as in 0005.
"""

from django.db import migrations, models

EDITORS = "Éditeurs"
ACTIONS = ("add", "change", "delete", "view")


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="cms", model="approvedsearch")
    return [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_approvedsearch",
            defaults={"name": f"Can {action} recherche fréquente approuvée"},
        )[0]
        for action in ACTIONS
    ]


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0009_vocabulary_english_names"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApprovedSearch",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "query_string",
                    models.CharField(
                        help_text=(
                            "Telle qu'un visiteur la tape ; les majuscules et les espaces en trop ne comptent pas."
                        ),
                        max_length=100,
                        unique=True,
                        verbose_name="recherche",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="approuvée le")),
            ],
            options={
                "verbose_name": "recherche fréquente approuvée",
                "verbose_name_plural": "recherches fréquentes approuvées",
                "ordering": ["query_string"],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
