"""A small marketplace that reads like real associations and providers, for the engines' shared scenarios."""

import pytest

from marketplace.geography import Region
from marketplace.models.organisations import VerificationStatus
from marketplace.models.projects import ProjectState
from marketplace.project_types import ProjectType
from search.engines import get_engine
from search.maintenance import index_rebuild
from search.models import IndexKind
from tests.profile_factories import ProviderOrganisationFactory, ProviderProfileFactory
from tests.project_factories import ProjectFactory


def provider(name, *, skills=(), verified=True, **fields):
    organisation = ProviderOrganisationFactory(
        name=name,
        verification_status=VerificationStatus.VERIFIED if verified else VerificationStatus.PENDING,
    )
    if not verified:
        organisation.verified_at = None
        organisation.save()
    regions = fields.pop("regions", None)
    return ProviderProfileFactory(organisation=organisation, skills=list(skills), regions=regions, **fields)


ANGERS = {
    "postcode": "49000",
    "commune": "Angers",
    "region": Region.PAYS_DE_LA_LOIRE,
    "latitude": 47.478,
    "longitude": -0.563,
}
NANTES = {
    "postcode": "44000",
    "commune": "Nantes",
    "region": Region.PAYS_DE_LA_LOIRE,
    "latitude": 47.218,
    "longitude": -1.554,
}
LILLE = {
    "postcode": "59000",
    "commune": "Lille",
    "region": Region.HAUTS_DE_FRANCE,
    "latitude": 50.629,
    "longitude": 3.057,
}
PARIS = {
    "postcode": "75011",
    "commune": "Paris",
    "region": Region.ILE_DE_FRANCE,
    "latitude": 48.857,
    "longitude": 2.379,
}


@pytest.fixture
def marketplace(db):
    """Five providers and three open projects; `expected` names who should come first for each project."""
    providers = {
        "web_nantes": provider(
            "Atelier Web Solidaire",
            skills=["site-vitrine", "wordpress", "dons-en-ligne", "helloasso"],
            presentation="Nous créons des sites internet simples pour les associations, avec dons en ligne HelloAsso.",
            services="Sites vitrines WordPress, formulaires de dons, formation des bénévoles à la mise à jour.",
            remote_ok=True,
            day_rate_min_cents=380_00,
            day_rate_max_cents=520_00,
            solidarity_discount_percent=20,
            rating_average="4.80",
            rating_count=14,
            **NANTES,
        ),
        "cyber_angers": provider(
            "Bouclier Numérique",
            skills=["audit-securite", "rgpd-conformite"],
            presentation=(
                "Audits de cybersécurité, sauvegardes et mise en conformité RGPD pour les structures de l'ESS."
            ),
            services="Audit de sécurité, sensibilisation au phishing, registre RGPD.",
            day_rate_min_cents=650_00,
            day_rate_max_cents=900_00,
            certifications=["expertcyber"],
            **ANGERS,
        ),
        "web_unverified": provider(
            "Sites Express",
            skills=["site-vitrine", "dons-en-ligne"],
            presentation="Sites internet et dons en ligne pour associations, livrés en deux semaines.",
            verified=False,
            **ANGERS,
        ),
        "web_lille_expensive": provider(
            "Nord Agence Digitale",
            skills=["site-vitrine", "refonte-site"],
            presentation="Agence web : refonte de sites internet institutionnels et stratégie digitale.",
            remote_ok=False,
            min_project_cents=25_000_00,
            day_rate_min_cents=900_00,
            day_rate_max_cents=1200_00,
            **LILLE,
        ),
        "web_in_text_paris": provider(
            "Julie Martin, développeuse freelance",
            skills=["developpement-web"],
            presentation=(
                "Freelance, je réalise des sites WordPress pour des associations et je branche HelloAsso pour les dons."
            ),
            services="Développement web sur mesure.",
            remote_ok=True,
            day_rate_min_cents=350_00,
            day_rate_max_cents=450_00,
            **PARIS,
        ),
        "archives": provider(
            "Mémoire Vive",
            skills=[],
            presentation=(
                "Numérisation d'archives photographiques et de fonds documentaires anciens pour musées et associations."
            ),
            services="Scan haute définition, indexation des photos, mise en ligne des collections.",
            **PARIS,
        ),
    }
    projects = {
        "website_donations": ProjectFactory(
            published=True,
            project_type=ProjectType.WEBSITE,
            title="Un site pour notre association",
            description="On voudrait un site internet simple pour présenter nos activités et recevoir des dons.",
            budget_min_cents=2_000_00,
            budget_max_cents=5_000_00,
            **ANGERS,
        ),
        "security": ProjectFactory(
            published=True,
            project_type=ProjectType.SECURITY,
            title="Audit de sécurité de nos postes",
            description="Nous avons été victimes d'un rançongiciel et voulons un audit de sécurité et un plan RGPD.",
            budget_min_cents=3_000_00,
            budget_max_cents=8_000_00,
            **ANGERS,
        ),
        "draft": ProjectFactory(state=ProjectState.DRAFT, title="Un brouillon de site internet"),
    }
    return providers, projects


def rebuild_indices():
    engine = get_engine()
    for kind in IndexKind.values:
        index_rebuild(engine=engine, kind=kind, on_batch=lambda done, total: None)
