"""The resource centre's editors also keep the catalogue: products, their solidarity price grids, training sessions.

They get no permission on orders, invoices, refunds, credit notes, registrations or
licence codes: money and what associations paid for stay with the "Finance" group.
The group is fetched or created by name, so the order of the apps' migrations does not matter.
"""

from django.db import migrations

EDITORS = "Éditeurs"
CATALOGUE = [
    ("product", ["add", "change", "view"]),
    ("productprice", ["add", "change", "delete", "view"]),
    ("trainingsession", ["add", "change", "view"]),
]


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, actions in CATALOGUE:
        content_type, _ = ContentType.objects.get_or_create(app_label="billing", model=model)
        for action in actions:
            codename = f"{action}_{model}"
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
            )
            yield permission


def grant(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITORS)
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0005_licence_codes"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
