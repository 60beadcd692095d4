"""`manage.py match`: the providers matching a project, or the projects matching a provider, with the reasons.

For support and for tuning `search/weights.py`: the same ranking the pages and the API show, in a terminal
(`--json` for scripts). REF is the external reference of the project or provider organisation (as imported
from a partner's file) or, failing that, its numeric id.
"""

import argparse
import json

from django.core.management.base import BaseCommand, CommandError

from marketplace.models import Organisation, Project, ProviderProfile
from marketplace.models.organisations import OrganisationKind
from search.engines.base import EngineUnavailable
from search.matching import Match, projects_for, providers_for

DEFAULT_LIMIT = 10


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return number


def _by_ref(queryset, ref: str):
    """The row whose external ref is REF; else, when REF is a number, the row with that id."""
    found = queryset.filter(external_ref=ref).first()
    if found is None and ref.isdigit():
        found = queryset.filter(pk=int(ref)).first()
    return found


def _project(ref: str) -> Project:
    project = _by_ref(Project.objects.select_related("organisation"), ref)
    if project is None:
        raise CommandError(f"No project has the external reference or id {ref!r}.")
    return project


def _provider(ref: str) -> ProviderProfile:
    organisation = _by_ref(Organisation.objects.filter(kind=OrganisationKind.PROVIDER), ref)
    if organisation is None:
        raise CommandError(f"No provider organisation has the external reference or id {ref!r}.")
    profile = ProviderProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        raise CommandError(f"The provider {organisation.name!r} ({ref}) has no profile yet: nothing to match.")
    return profile


def _as_json(match: Match) -> dict:
    return {
        "ref": match.ref,
        "id": match.id,
        "name": match.name,
        "score": match.score,
        "reasons": list(match.reasons),
        "flags": list(match.flags),
        "invited": match.invited,
        "quoting": match.quoting,
        "components": dict(match.components),
    }


class Command(BaseCommand):
    help = (
        "List the verified providers matching a project (--project REF), or the open projects matching a "
        "provider (--provider REF), best first, with their score out of 100 and the reasons. REF is the "
        "external reference, or the numeric id."
    )

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--project", metavar="REF", help="Rank providers for this project.")
        target.add_argument("--provider", metavar="REF", help="Rank open projects for this provider organisation.")
        parser.add_argument(
            "--limit", type=_positive_int, default=DEFAULT_LIMIT, help=f"How many (default {DEFAULT_LIMIT})."
        )
        parser.add_argument("--json", action="store_true", help="A JSON list in rank order instead of text.")

    def handle(self, *args, **options):
        limit = options["limit"]
        # Command.handle is also reachable through call_command, which does not run argparse's type checks.
        if not isinstance(limit, int) or limit < 1:
            raise CommandError("--limit must be a positive whole number.")
        try:
            if options["project"] is not None:
                subject = _project(options["project"])
                title = f"Providers for project {subject.external_ref or subject.pk} « {subject.title} »"
                matches = providers_for(subject, limit=limit)
            else:
                subject = _provider(options["provider"])
                organisation = subject.organisation
                title = f"Projects for provider {organisation.external_ref or organisation.pk} « {organisation.name} »"
                matches = projects_for(subject, limit=limit)
        except EngineUnavailable as exc:
            raise CommandError(f"The search engine did not answer: {exc}") from exc
        if options["json"]:
            self.stdout.write(json.dumps([_as_json(match) for match in matches], ensure_ascii=False, indent=2))
            return
        self._write_text(title, matches)

    def _write_text(self, title: str, matches: list[Match]) -> None:
        self.stdout.write(title)
        if not matches:
            self.stdout.write("No match.")
            return
        for rank, match in enumerate(matches, start=1):
            flags = f"  [{', '.join(match.flags)}]" if match.flags else ""
            self.stdout.write(f"{rank:>3}. {match.score:5.1f}  {match.name} ({match.ref}){flags}")
            for reason in match.reasons:
                self.stdout.write(f"       - {reason}")
