"""Replace Wagtail's placeholder root child by our home page and point the default site at it."""

from django.db import migrations

HERO_TITLE = "Le numérique au service de votre association"
HERO_TEXT = (
    "Décrivez votre projet numérique, recevez des devis de prestataires vérifiés, "
    "équipez-vous à prix solidaires et formez votre équipe."
)


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    # Wagtail's initial migration creates a "Welcome" page at this path.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    locale = Locale.objects.first()
    if locale is None:
        locale = Locale.objects.create(language_code="fr")
    home = HomePage.objects.create(
        title="Accueil",
        draft_title="Accueil",
        slug="accueil",
        content_type=content_type,
        path="00010002",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=locale,
        hero_title=HERO_TITLE,
        hero_text=HERO_TEXT,
        hero_cta_label="Inscrire mon association",
        live=True,
        has_unpublished_changes=False,
    )
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page_id=home.id, is_default_site=True, site_name="Passerelle")


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("cms.HomePage")
    HomePage.objects.filter(slug="accueil", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
