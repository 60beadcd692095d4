"""Editors write the questionnaire (versions and questions) and may read the barometer; nobody else edits it.

Permissions are fetched or created by name, so the order of the apps' migrations does not matter.
"""

from django.db import migrations

EDITORS = "Éditeurs"
PERMISSIONS = [
    ("questionnaireversion", ["add_questionnaireversion", "change_questionnaireversion", "delete_questionnaireversion", "view_questionnaireversion"]),
    ("question", ["add_question", "change_question", "delete_question", "view_question"]),
    ("assessment", ["view_barometer"]),
]


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, codenames in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="assessment", model=model)
        for codename in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
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
        ("assessment", "0001_questionnaire_and_assessments"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
