"""A small, realistic matching dataset, indexed, for the tests of the match command, API and pages.

An association in Angers wants its WordPress site redone. Three providers answer the description:

- Anjou Web: verified, in Angers, WordPress and showcase sites: the obvious first match;
- Web Loire (not verified yet), same skills and town: must never be proposed;
- Cyber Nord: verified, in Lille, security audits of websites, no remote work: far and off-topic, ranked last.
"""

from dataclasses import dataclass

from marketplace.geography import Region
from marketplace.models import Membership, Organisation, Project, ProviderProfile
from marketplace.models.organisations import Role, VerificationStatus
from marketplace.project_types import ProjectType
from search.indexing import index_enqueue, index_process_queue
from search.models import IndexKind

from .profile_factories import ProviderOrganisationFactory, ProviderProfileFactory
from .project_factories import ProjectFactory, VerifiedAssociationFactory, member_of

ANGERS = {"postcode": "49000", "commune": "Angers", "region": Region.PAYS_DE_LA_LOIRE}
ANGERS_POINT = {"latitude": 47.4739, "longitude": -0.5517}


@dataclass
class MatchWorld:
    association: Organisation
    association_member: Membership
    project: Project
    anjou: ProviderProfile
    unverified: ProviderProfile
    cyber: ProviderProfile
    provider_member: Membership


def _provider(name: str, slug: str, *, status=VerificationStatus.VERIFIED, ref=None, **profile) -> ProviderProfile:
    organisation = ProviderOrganisationFactory(name=name, slug=slug, verification_status=status, external_ref=ref)
    return ProviderProfileFactory(organisation=organisation, **profile)


def index_everything() -> None:
    """Write every provider and project document now, as the queue's task would after the commit."""
    index_enqueue(kind=IndexKind.PROVIDER, ids=ProviderProfile.objects.values_list("pk", flat=True))
    index_enqueue(kind=IndexKind.PROJECT, ids=Project.objects.values_list("pk", flat=True))
    report = index_process_queue()
    assert not report.failed, report.error


def match_world(*, project_state_published: bool = True) -> MatchWorld:
    association = VerifiedAssociationFactory(name="Les Amis du Quartier", postcode="49000", city="Angers")
    project = ProjectFactory(
        organisation=association,
        published=project_state_published,
        external_ref="PRJ-ANGERS-1",
        project_type=ProjectType.WEBSITE,
        title="Refonte du site WordPress de l'association",
        description="Notre site WordPress date de 2014 : nous voulons un site vitrine clair, accessible "
        "et facile à mettre à jour par les bénévoles.",
        budget_min_cents=2_000_00,
        budget_max_cents=6_000_00,
        **ANGERS,
        **ANGERS_POINT,
    )
    project.skills.set(project.skills.model.objects.filter(slug__in=["wordpress", "site-vitrine"]))
    web_profile = {
        "presentation": "Agence web angevine : sites WordPress pour les associations, accessibles et sobres.",
        "services": "Création et refonte de sites vitrines WordPress, formation des bénévoles.",
        "skills": ["wordpress", "site-vitrine"],
        **ANGERS,
        **ANGERS_POINT,
    }
    anjou = _provider("Anjou Web", "anjou-web", ref="PRV-ANJOU", solidarity_discount_percent=15, **web_profile)
    unverified = _provider("Web Loire", "web-loire", status=VerificationStatus.PENDING, **web_profile)
    cyber = _provider(
        "Cyber Nord",
        "cyber-nord",
        presentation="Audits de sécurité des sites web et tests d'intrusion pour les associations et les entreprises.",
        services="Audit de sécurité, durcissement des serveurs.",
        skills=["audit-securite"],
        postcode="59000",
        commune="Lille",
        region=Region.HAUTS_DE_FRANCE,
        latitude=50.6292,
        longitude=3.0573,
        remote_ok=False,
        solidarity_discount_percent=0,
    )
    index_everything()
    return MatchWorld(
        association=association,
        association_member=member_of(association, Role.OWNER, user__email="presidente@amis-angers.test"),
        project=project,
        anjou=anjou,
        unverified=unverified,
        cyber=cyber,
        provider_member=member_of(anjou.organisation, Role.OWNER, user__email="contact@anjou-web.test"),
    )
