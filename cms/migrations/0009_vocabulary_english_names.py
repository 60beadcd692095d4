"""English names of the themes and audiences that 0004 created, for the English pages of the resource centre.

Only empty English names are filled, and only those are emptied on the way
back: a name an editor changed in the admin is left alone both ways.
"""

from django.db import migrations

THEMES = {
    "communication": "Communication",
    "collaboration-cloud": "Collaboration & cloud",
    "donnees-rgpd": "Data & GDPR",
    "cybersecurite": "Cybersecurity",
    "equipement": "Equipment",
    "collecte-de-fonds": "Fundraising",
    "accessibilite": "Accessibility",
    "gestion-organisation": "Management & organisation",
}
AUDIENCES = {
    "benevoles": "Volunteers",
    "salaries": "Employees",
    "dirigeants": "Leaders and board",
    "tous-publics": "Everyone",
}


def fill(apps, schema_editor):
    for model, names in (("Theme", THEMES), ("Audience", AUDIENCES)):
        Model = apps.get_model("cms", model)
        for slug, name_en in names.items():
            Model.objects.filter(slug=slug, name_en="").update(name_en=name_en)


def empty(apps, schema_editor):
    for model, names in (("Theme", THEMES), ("Audience", AUDIENCES)):
        Model = apps.get_model("cms", model)
        for slug, name_en in names.items():
            Model.objects.filter(slug=slug, name_en=name_en).update(name_en="")


class Migration(migrations.Migration):
    dependencies = [("cms", "0008_article_offers_trainings_english_vocabulary")]

    operations = [migrations.RunPython(fill, empty)]
