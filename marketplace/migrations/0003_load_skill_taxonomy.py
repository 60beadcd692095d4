"""Load the initial skills taxonomy; staff edit it in the admin afterwards."""

from django.db import migrations

from marketplace.taxonomy_data import DOMAINS, SKILLS


def load(apps, schema_editor):
    SkillDomain = apps.get_model("marketplace", "SkillDomain")
    Skill = apps.get_model("marketplace", "Skill")
    domains = {}
    for position, seed in enumerate(DOMAINS):
        domains[seed.slug], _ = SkillDomain.objects.get_or_create(
            slug=seed.slug, defaults={"label_fr": seed.label_fr, "label_en": seed.label_en, "position": position}
        )
    for seed in SKILLS:
        Skill.objects.get_or_create(
            slug=seed.slug,
            defaults={
                "domain": domains[seed.domain],
                "label_fr": seed.label_fr,
                "label_en": seed.label_en,
                "synonyms": list(seed.synonyms),
            },
        )


def unload(apps, schema_editor):
    apps.get_model("marketplace", "Skill").objects.filter(slug__in=[s.slug for s in SKILLS]).delete()
    apps.get_model("marketplace", "SkillDomain").objects.filter(slug__in=[d.slug for d in DOMAINS]).delete()


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0002_profiles_taxonomy_verification")]

    operations = [migrations.RunPython(load, unload)]
