from django.core.management.base import BaseCommand

from assessment.default_questionnaire import install_default_questionnaire
from assessment.models import Question, QuestionnaireVersion, VersionStatus


class Command(BaseCommand):
    help = (
        "Install the default digital self-assessment questionnaire (6 axes, 30 questions) when the database has "
        "no questionnaire yet; otherwise change nothing. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Install it as a draft, for editors to review and publish from the admin.",
        )

    def handle(self, *args, draft=False, **options):
        had_questionnaire = QuestionnaireVersion.objects.exists()
        version = install_default_questionnaire(publish=not draft)
        questions = Question.objects.filter(axis__version=version).count()
        summary = (
            f"version {version.number} « {version.name} », {version.axes.count()} axes, "
            f"{questions} questions, {version.status}"
        )
        if had_questionnaire:
            self.stdout.write(f"A questionnaire already exists, nothing installed: {summary}.")
            return
        self.stdout.write(self.style.SUCCESS(f"Default questionnaire installed: {summary}."))
        if version.status == VersionStatus.DRAFT:
            self.stdout.write("Publish it from the admin when it is ready.")
