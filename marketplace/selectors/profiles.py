"""Read queries about an organisation's profile, portfolio and verification history."""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..eligibility import required_documents
from ..errors import NotFound
from ..models import (
    AssociationProfile,
    Membership,
    Organisation,
    PortfolioItem,
    ProviderProfile,
    Skill,
    SkillDomain,
    VerificationDocument,
    VerificationRequest,
)
from ..models.organisations import VerificationStatus
from ..models.verification import DocumentKind, RequestState

# The same rules as services.profiles and services.verification; kept in step by the tests of both.


def association_profile_get(*, organisation: Organisation) -> AssociationProfile | None:
    return AssociationProfile.objects.filter(organisation=organisation).first()


def provider_profile_get(*, organisation: Organisation) -> ProviderProfile | None:
    return (
        ProviderProfile.objects.filter(organisation=organisation)
        .prefetch_related(
            Prefetch("skills", queryset=Skill.objects.select_related("domain")),
            "served_regions",
            "certifications",
            "portfolio",
        )
        .first()
    )


def profile_identity_locked(*, organisation: Organisation) -> bool:
    """Identity fields go to staff with the request: from then on only staff change them."""
    return organisation.verification_status in VerificationStatus.IDENTITY_LOCKED


def skill_domain_list() -> QuerySet[SkillDomain]:
    """Domains with their active skills, for the grouped checkboxes of the provider profile."""
    return SkillDomain.objects.prefetch_related(
        Prefetch("skills", queryset=Skill.objects.filter(is_active=True).order_by("label_fr"), to_attr="active_skills")
    )


def portfolio_item_list(*, organisation: Organisation) -> QuerySet[PortfolioItem]:
    return PortfolioItem.objects.filter(profile__organisation=organisation)


def portfolio_item_get(*, organisation: Organisation, item_id: int) -> PortfolioItem:
    item = portfolio_item_list(organisation=organisation).filter(pk=item_id).first()
    if item is None:
        raise NotFound(_("Réalisation introuvable."))
    return item


@dataclass
class CompletenessStep:
    label: str
    done: bool


@dataclass
class Completeness:
    steps: list[CompletenessStep] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * sum(step.done for step in self.steps) / len(self.steps)) if self.steps else 0

    @property
    def missing(self) -> list[CompletenessStep]:
        return [step for step in self.steps if not step.done]


def _association_steps(profile: AssociationProfile | None) -> list[tuple]:
    return [
        (gettext_lazy("Identité et adresse de l'association"), profile is not None),
        (gettext_lazy("Présentation"), bool(profile and profile.description)),
        (gettext_lazy("Logo"), bool(profile and profile.logo)),
        (gettext_lazy("Site internet"), bool(profile and profile.website)),
        (gettext_lazy("Salariés et bénévoles"), bool(profile and (profile.employees or profile.volunteers))),
    ]


def _provider_profile_with_checks(*, organisation: Organisation) -> ProviderProfile | None:
    """The profile with `has_skills` and `has_portfolio`, in one query (every dashboard view shows the checklist)."""
    return (
        ProviderProfile.objects.filter(organisation=organisation)
        .annotate(
            has_skills=Exists(ProviderProfile.skills.through.objects.filter(providerprofile_id=OuterRef("pk"))),
            has_portfolio=Exists(PortfolioItem.objects.filter(profile_id=OuterRef("pk"))),
        )
        .first()
    )


def _provider_steps(profile: ProviderProfile | None) -> list[tuple]:
    return [
        (gettext_lazy("Identité, présentation et adresse"), profile is not None),
        (gettext_lazy("Services proposés"), bool(profile and profile.services)),
        (gettext_lazy("Compétences"), bool(profile and profile.has_skills)),
        (gettext_lazy("Tarifs journaliers"), bool(profile and profile.day_rate_min_cents is not None)),
        (gettext_lazy("Logo"), bool(profile and profile.logo)),
        (gettext_lazy("Au moins une réalisation"), bool(profile and profile.has_portfolio)),
    ]


def profile_completeness(*, organisation: Organisation) -> Completeness:
    """What the profile already says and what would make it more convincing, as a checklist."""
    if organisation.is_association:
        steps = _association_steps(association_profile_get(organisation=organisation))
    else:
        steps = _provider_steps(_provider_profile_with_checks(organisation=organisation))
    steps.append(
        (gettext_lazy("Vérification demandée"), organisation.verification_status != VerificationStatus.UNVERIFIED)
    )
    return Completeness(steps=[CompletenessStep(label=label, done=done) for label, done in steps])


def verification_request_list(*, organisation: Organisation) -> list[VerificationRequest]:
    """Every request, newest first, with its documents; a document kept from an earlier request is marked
    `carried_over`, so the history shows what was sent again and what was new."""
    requests = list(
        VerificationRequest.objects.filter(organisation=organisation)
        .select_related("submitted_by", "reviewed_by")
        .prefetch_related("documents")
    )
    seen: set[str] = set()
    for request in reversed(requests):
        documents = list(request.documents.all())
        for document in documents:
            document.carried_over = document.file.name in seen
        seen.update(document.file.name for document in documents)
    return requests


@dataclass
class DocumentGroup:
    """One required document, as acceptable alternatives; `provided` when an earlier request already has it."""

    kinds: list[tuple[str, str]]
    provided: bool

    @property
    def label(self) -> str:
        return _(" ou ").join(str(label) for _kind, label in self.kinds)


@dataclass
class VerificationOverview:
    organisation: Organisation
    can_submit: bool
    requests: list[VerificationRequest]
    required: list[DocumentGroup]
    kept_documents: list[VerificationDocument]

    @cached_property
    def has_profile(self) -> bool:
        """Read only by the pages that say a profile must come first (not by the dashboard)."""
        model = AssociationProfile if self.organisation.is_association else ProviderProfile
        return model.objects.filter(organisation=self.organisation).exists()

    @property
    def latest(self) -> VerificationRequest | None:
        return self.requests[0] if self.requests else None

    @property
    def missing(self) -> list[DocumentGroup]:
        return [group for group in self.required if not group.provided]


def verification_overview(*, membership: Membership) -> VerificationOverview:
    """Where the organisation stands, what staff need from it, and what an answer may leave out."""
    organisation = membership.organisation
    requests = verification_request_list(organisation=organisation)
    can_submit = organisation.verification_status in VerificationStatus.SUBMITTABLE
    # The documents a new request keeps unless replaced: those of the last request staff answered.
    answered = next((r for r in requests if r.state != RequestState.PENDING), None)
    kept = list(answered.documents.all()) if (answered and can_submit) else []
    kept_kinds = {document.kind for document in kept}
    required = [
        DocumentGroup(
            kinds=[(kind, DocumentKind(kind).label) for kind in group],
            provided=bool(kept_kinds.intersection(group)),
        )
        for group in required_documents(organisation)
    ]
    return VerificationOverview(
        organisation=organisation,
        can_submit=can_submit,
        requests=requests,
        required=required,
        kept_documents=kept,
    )


def verification_document_for_user(*, user, document_id: int) -> VerificationDocument:
    """A supporting document, for a member of its organisation or for staff; anyone else gets "not found"."""
    document = VerificationDocument.objects.select_related("request__organisation").filter(pk=document_id).first()
    allowed = (
        document is not None
        and user.is_authenticated
        and user.is_active
        and (
            user.is_staff
            or Membership.objects.filter(user=user, organisation_id=document.request.organisation_id).exists()
        )
    )
    if not allowed:
        raise NotFound(_("Document introuvable."))
    return document


def verification_document_get(*, organisation: Organisation, document_id: int) -> VerificationDocument:
    document = VerificationDocument.objects.filter(pk=document_id, request__organisation=organisation).first()
    if document is None:
        raise NotFound(_("Document introuvable."))
    return document
