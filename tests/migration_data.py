"""Put back the rows data migrations create, after a transactional test's flush emptied the database.

A browser test runs on a transactional database, which Django empties
(flush) after each test: what migrations inserted (Wagtail's root page and
site, the French home, the locales, themes and audiences, the skills
taxonomy, staff groups and their permissions) is gone for the next test.
`serialized_rollback` would restore it, but clashes with the content types
that the flush of a test without it recreates. So the tree's roots are made
again here and our own data migrations' forward steps run again, on today's
models (they only insert rows with get_or_create or fixed paths).
"""

from importlib import import_module

from django.apps import apps

# (migration module, forward function), in migration order.
DATA_MIGRATIONS = (
    ("marketplace.migrations.0003_load_skill_taxonomy", "load"),
    ("marketplace.migrations.0007_donation_synonyms", "add_synonyms"),
    ("cms.migrations.0002_create_homepage", "create_homepage"),
    ("cms.migrations.0004_resource_vocabularies", "create"),
    ("cms.migrations.0005_editorial_workflow", "create"),
    ("cms.migrations.0007_english_locale", "create"),
    ("cms.migrations.0009_vocabulary_english_names", "fill"),
    ("billing.migrations.0003_refunds_credit_notes", "create_finance_group"),
    ("billing.migrations.0005_licence_codes", "grant_finance"),
    ("billing.migrations.0006_editors_manage_catalogue", "grant"),
    ("assessment.migrations.0002_editors_manage_questionnaire", "grant"),
)


def migration_data_missing() -> bool:
    from wagtail.models import Page

    return not Page.objects.exists()


def _wagtail_roots() -> None:
    """What Wagtail's own migrations create: the default locale, the root page and the root collection."""
    from wagtail.models import Collection, Locale, Page

    locale, _created = Locale.objects.get_or_create(language_code="fr")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale, live=True))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")


def ensure_migration_data() -> None:
    if not migration_data_missing():
        return
    _wagtail_roots()
    for module, function in DATA_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)
