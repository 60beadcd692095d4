"""factory_boy factories for projects, proposals and the organisations that post and quote on them.

Two ways to get a proposal: `ProposalFactory` writes the rows directly (fast, for
selectors and constraints), `submit_proposal` goes through the service (totals
computed, notifications sent), which is what tests of behaviour should use.
Profiles come from `tests/profile_factories.py`.
"""

import datetime

import factory
from django.utils import timezone

from marketplace.geography import Region
from marketplace.models import Project, ProjectInvitation, Proposal, ProposalLine, ProposalVersion
from marketplace.models.organisations import OrganisationKind, Role, VerificationStatus
from marketplace.models.projects import ProjectState, ProposalState
from marketplace.project_types import ProjectType

from .factories import MembershipFactory, OrganisationFactory
from .profile_factories import ProviderProfileFactory


def today() -> datetime.date:
    return timezone.localdate()


def in_days(days: int) -> datetime.date:
    return today() + datetime.timedelta(days=days)


# Organisations


class AssociationFactory(OrganisationFactory):
    """An association that has not been verified yet: it may draft, not publish."""

    kind = OrganisationKind.ASSOCIATION
    name = factory.Sequence(lambda n: f"Association solidaire {n}")


class VerifiedAssociationFactory(AssociationFactory):
    verification_status = VerificationStatus.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)


class ProviderFactory(OrganisationFactory):
    """A provider that has not been verified yet: it cannot quote nor be invited."""

    kind = OrganisationKind.PROVIDER
    name = factory.Sequence(lambda n: f"Prestataire numérique {n}")


class VerifiedProviderFactory(ProviderFactory):
    verification_status = VerificationStatus.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)


def member_of(organisation, role: str = Role.OWNER, **kwargs):
    """A Membership (what the services take) of the given organisation."""
    return MembershipFactory(organisation=organisation, role=role, **kwargs)


# Projects


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project written directly; use `published=True` for one already open to quotes."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(state=ProjectState.PUBLISHED, published_at=factory.LazyFunction(timezone.now))

    organisation = factory.SubFactory(VerifiedAssociationFactory)
    project_type = ProjectType.WEBSITE
    title = factory.Sequence(lambda n: f"Refonte du site internet n°{n}")
    description = "Notre site date de 2012 : nous voulons un site clair, accessible et facile à mettre à jour."
    answers = factory.LazyFunction(lambda: {"pages": 8})
    budget_min_cents = 150_000
    budget_max_cents = 500_000
    desired_start = factory.LazyFunction(lambda: in_days(30))
    deadline = factory.LazyFunction(lambda: in_days(120))
    answer_deadline = factory.LazyFunction(lambda: in_days(20))
    postcode = "69001"
    commune = "Lyon"
    region = Region.AUVERGNE_RHONE_ALPES
    state = ProjectState.DRAFT


class ProjectInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectInvitation

    project = factory.SubFactory(ProjectFactory, published=True)
    provider = factory.SubFactory(VerifiedProviderFactory)


def project_data(**overrides) -> dict:
    """What the guided form sends for a valid website project (dates ahead, Lyon, budget range)."""
    data = {
        "project_type": ProjectType.WEBSITE,
        "title": "Refonte du site du centre social",
        "description": "Notre site date de 2012 : nous voulons un site clair, accessible et facile à mettre à jour.",
        "answers": {"pages": "12", "content_ready": "unsure", "languages": ["fr", "en"], "donations": "yes"},
        "budget_min": "2000",
        "budget_max": "6000",
        "desired_start": in_days(30).isoformat(),
        "deadline": in_days(120).isoformat(),
        "answer_deadline": in_days(20).isoformat(),
        "postcode": "69001",
        "commune": "Lyon",
    }
    data.update(overrides)
    return data


# Proposals


class ProposalFactory(factory.django.DjangoModelFactory):
    """A proposal with one version and its lines written directly (no discount, 20 % VAT).

    `lines` is a list of (label, quantity in hundredths, unit price in cents).
    """

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory, published=True)
    provider = factory.SubFactory(VerifiedProviderFactory)
    state = ProposalState.SUBMITTED

    @factory.post_generation
    def lines(proposal, create, extracted, **kwargs):
        if not create:
            return
        lines = extracted or [("Développement du site", 500, 45_000)]
        totals = [quantity * unit // 100 for _label, quantity, unit in lines]
        subtotal = sum(totals)
        vat = (subtotal * 2000 + 5000) // 10_000
        version = ProposalVersion.objects.create(
            proposal=proposal,
            number=1,
            vat_rate_bp=2000,
            subtotal_cents=subtotal,
            total_ht_cents=subtotal,
            vat_cents=vat,
            total_ttc_cents=subtotal + vat,
        )
        ProposalLine.objects.bulk_create(
            ProposalLine(
                version=version,
                position=index,
                label=label,
                quantity_hundredths=quantity,
                unit_price_cents=unit,
                total_cents=total,
            )
            for index, ((label, quantity, unit), total) in enumerate(zip(lines, totals, strict=True))
        )
        proposal.current_version = version
        proposal.save(update_fields=["current_version"])


def proposal_data(**overrides) -> dict:
    """What the quote form sends: 3 days of work at 450 € plus 1 hosting year at 120 €, 20 % VAT."""
    data = {
        "lines": [
            {"label": "Conception et développement", "quantity": "3", "unit_price": "450"},
            {"label": "Hébergement (1 an)", "quantity": "1", "unit_price": "120.00"},
        ],
        "vat_rate_bp": 2000,
        "message": "Bonjour, voici notre proposition.",
    }
    data.update(overrides)
    return data


def submit_proposal(membership, project, **overrides) -> Proposal:
    """Quote through the service, as the provider's member would."""
    from marketplace.services.proposals import proposal_submit

    return proposal_submit(membership=membership, project_id=project.pk, data=proposal_data(**overrides))


def quoting_provider(*, discount_percent: int = 0, name: str | None = None, email: str | None = None):
    """A verified provider with its profile, and its owner's Membership."""
    organisation = VerifiedProviderFactory(**({"name": name} if name else {}))
    ProviderProfileFactory(organisation=organisation, solidarity_discount_percent=discount_percent)
    return member_of(organisation, Role.OWNER, **({"user__email": email} if email else {}))


def awarded_project(*, association_membership=None, provider_membership=None):
    """A published project whose association accepted one provider's quote through the services.

    Returns (project, proposal, association_membership, provider_membership), all fresh from the database.
    """
    from marketplace.services.proposals import proposal_accept

    association_membership = association_membership or member_of(VerifiedAssociationFactory(), Role.OWNER)
    provider_membership = provider_membership or quoting_provider()
    project = ProjectFactory(organisation=association_membership.organisation, published=True)
    proposal = submit_proposal(provider_membership, project)
    # Awarding takes an owner or an admin; the membership returned may be a plain member.
    accepter = association_membership if association_membership.can_manage else member_of(project.organisation)
    proposal_accept(membership=accepter, proposal_id=proposal.pk)
    project.refresh_from_db()
    proposal.refresh_from_db()
    return project, proposal, association_membership, provider_membership
