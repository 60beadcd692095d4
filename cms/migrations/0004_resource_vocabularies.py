"""The managed lists editors start from: the resource centre's themes and audiences."""

from django.db import migrations

THEMES = [
    ("communication", "Communication", "Site, réseaux sociaux, newsletter, visuels : se faire connaître."),
    ("collaboration-cloud", "Collaboration & cloud", "Messagerie, agenda et fichiers partagés, travail à distance."),
    ("donnees-rgpd", "Données & RGPD", "Protéger les données des adhérents et donateurs, tenir son registre."),
    ("cybersecurite", "Cybersécurité", "Mots de passe, sauvegardes, hameçonnage : se protéger simplement."),
    ("equipement", "Équipement", "Ordinateurs, logiciels et réseau : bien s'équiper sans se ruiner."),
    ("collecte-de-fonds", "Collecte de fonds", "Dons en ligne, adhésions, billetterie, reçus fiscaux."),
    ("accessibilite", "Accessibilité", "Des contenus et des outils utilisables par toutes et tous."),
    ("gestion-organisation", "Gestion & organisation", "Tableurs, CRM, comptabilité : piloter l'association."),
]
AUDIENCES = [
    ("benevoles", "Bénévoles"),
    ("salaries", "Salariés"),
    ("dirigeants", "Dirigeants et bureau"),
    ("tous-publics", "Tous publics"),
]


def create(apps, schema_editor):
    Theme = apps.get_model("cms", "Theme")
    Audience = apps.get_model("cms", "Audience")
    for position, (slug, name, description) in enumerate(THEMES):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description, "position": position})
    for position, (slug, name) in enumerate(AUDIENCES):
        Audience.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


def remove(apps, schema_editor):
    apps.get_model("cms", "Theme").objects.filter(slug__in=[t[0] for t in THEMES], articles=None).delete()
    apps.get_model("cms", "Audience").objects.filter(slug__in=[a[0] for a in AUDIENCES], articles=None).delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_resource_centre")]

    operations = [migrations.RunPython(create, remove)]
