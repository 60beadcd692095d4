"""Associations write « recevoir des dons » far more often than « dons en ligne »: teach the taxonomy."""

from django.db import migrations

ADDED = {"dons-en-ligne": ["dons", "recevoir des dons", "faire un don", "bouton de don"]}


def add_synonyms(apps, schema_editor):
    Skill = apps.get_model("marketplace", "Skill")
    for slug, synonyms in ADDED.items():
        skill = Skill.objects.filter(slug=slug).first()
        if skill is not None:
            skill.synonyms = [*skill.synonyms, *(s for s in synonyms if s not in skill.synonyms)]
            skill.save(update_fields=["synonyms"])


def remove_synonyms(apps, schema_editor):
    Skill = apps.get_model("marketplace", "Skill")
    for slug, synonyms in ADDED.items():
        skill = Skill.objects.filter(slug=slug).first()
        if skill is not None:
            skill.synonyms = [s for s in skill.synonyms if s not in synonyms]
            skill.save(update_fields=["synonyms"])


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0006_external_refs_and_skill_review")]

    operations = [migrations.RunPython(add_synonyms, remove_synonyms)]
