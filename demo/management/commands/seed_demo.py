"""`manage.py seed_demo`: fill the database with the French demo, again and again safely."""

from base64 import b32encode

from django.core.management.base import BaseCommand, CommandError

from demo import data
from demo.seeders import SeederResult, run_seeders
from marketplace import conf
from marketplace.models import Organisation, User
from marketplace.models.organisations import OrganisationKind
from search.indexing import indexing_held


class Command(BaseCommand):
    help = (
        "Crée ou complète les données de démonstration (associations, prestataires, comptes de test). "
        "Sans effet sur ce qui existe déjà : la relancer ne crée rien de nouveau."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Autoriser l'exécution avec les réglages de production (comptes au mot de passe public !).",
        )

    def handle(self, *args, allow_production=False, verbosity=1, **options):
        # The demo creates a superuser whose password is in the README.
        settings_module = conf.settings_module() or ""
        if settings_module.endswith("settings.production") and not allow_production:
            raise CommandError(
                "Réglages de production : seed_demo créerait un superutilisateur au mot de passe public. "
                "Ajoutez --allow-production si c'est bien voulu (préproduction, démonstration)."
            )
        # The seeders change hundreds of projects and profiles: their documents are sent in one round at the end.
        with indexing_held():
            results = run_seeders(self.stdout)
        if verbosity:
            self._print_summary(results)
            self._print_logins()

    def _print_summary(self, results: list[SeederResult]) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING("Données de démonstration"))
        for result in results:
            if result.created_anything:
                details = ", ".join(f"{label} +{count}" for label, count in result.created.items())
            else:
                details = "rien de nouveau, tout existait déjà"
            self.stdout.write(f"  {result.name} : {details}")
        associations = Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION).count()
        providers = Organisation.objects.filter(kind=OrganisationKind.PROVIDER).count()
        self.stdout.write(
            f"  en base : {associations} associations, {providers} prestataires, {User.objects.count()} utilisateurs"
        )

    def _print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Comptes de démonstration (mot de passe : {data.DEMO_PASSWORD})"))
        width = max(len(login.email) for login in data.DEMO_LOGINS)
        for login in data.DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<{width}}  {login.description}")
        self.stdout.write(
            f"  Chaque autre organisation a un propriétaire contact@<identifiant>.{data.DEMO_EMAIL_DOMAIN}, "
            "même mot de passe."
        )
        self.stdout.write(
            "  Le personnel a une double authentification : ajoutez la clé "
            f"{b32encode(bytes.fromhex(data.DEMO_STAFF_TOTP_KEY)).decode()} à une application d'authentification."
        )
