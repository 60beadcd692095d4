"""API of projects, quotes (proposals) and reviews, under /api/v1/projects.

The services decide every rule; these endpoints check shapes, find the
organisation the caller acts for, call one service or selector and render.

The acting organisation: a caller acts for one of their organisations. Give it
as `organisation_id` (in the query string for reads, in the JSON body for
writes); when it is left out, it is the caller's only organisation or, for a
project, proposal or review, the only one of theirs concerned by it (the
association of the project, a provider that can see it or whose quote it is,
the organisation a review is about). When several are concerned the request is
refused with an error on `organisation_id`. Objects an organisation may not
see answer 404, exactly like those that do not exist.

Amounts sent are in euros, as the forms take them (`budget_min`, `unit_price`);
amounts returned are integer cents named so (`total_ttc_cents`).
"""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from ..errors import DomainError, NotFound, ProjectError
from ..models import Membership, Organisation, Project, Proposal, ProposalVersion, Review, Skill
from ..models.projects import ProjectState, ProposalState, Visibility
from ..money import to_euros
from ..project_types import SPECS, AnswerKind, ProjectType
from ..selectors.organisations import membership_get, membership_list_for_user
from ..selectors.projects import project_get_for, project_page_for, projects_visible_to, proposal_get_for
from ..selectors.reviews import project_reviews_for
from ..services import projects as project_services
from ..services import proposals as proposal_services
from ..services.projects import MAX_BUDGET_EUROS
from ..services.reviews import review_create, review_respond, review_update
from .schemas import ErrorOut, InputSchema, Schema

# The largest id the `id` path converter accepts: ids in bodies and queries are held to the same bound.
MAX_ID = 10**18 - 1
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}

projects_router = Router(tags=["projets"])

_ACTING = "The organisation the caller acts for; needed only when several of theirs are concerned."
OrganisationId = Field(None, ge=1, le=MAX_ID, description=_ACTING)
ActingOrganisation = Annotated[int | None, Query(ge=1, le=MAX_ID, description=_ACTING)]
Euros = Annotated[int | None, Query(ge=0, le=MAX_BUDGET_EUROS, description="Whole euros; budget ranges overlapping.")]


# Output


class SkillOut(Schema):
    slug: str
    label: str


class ChoiceOut(Schema):
    value: str
    label: str


class QuestionOut(Schema):
    key: str
    label: str
    kind: AnswerKind
    required: bool
    choices: list[ChoiceOut]
    maximum: int | None = Field(None, description="For numbers: the largest accepted answer.")


class ProjectTypeOut(Schema):
    value: ProjectType
    label: str
    questions: list[QuestionOut]
    suggested_skills: list[SkillOut]
    typical_budget_min_cents: int
    typical_budget_max_cents: int


class ProjectChangeOut(Schema):
    fields: dict[str, list]
    created_at: datetime.datetime


class ProjectOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str
    project_type: ProjectType
    project_type_label: str
    title: str
    description: str
    answers: dict
    skills: list[SkillOut]
    budget_min_cents: int | None
    budget_max_cents: int | None
    desired_start: datetime.date | None
    deadline: datetime.date | None
    answer_deadline: datetime.date | None
    postcode: str
    commune: str
    region: str
    remote_ok: bool
    visibility: Visibility
    state: ProjectState
    published_at: datetime.datetime | None
    awarded_proposal_id: int | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ProjectDetailOut(ProjectOut):
    is_owner: bool
    changes: list[ProjectChangeOut] = Field(
        description="Edits made after publication; shown to the association and to providers who quoted."
    )


class ProjectPageOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[ProjectOut]


class ProjectInvitationOut(Schema):
    id: int
    project_id: int
    provider_id: int
    provider_name: str
    created_at: datetime.datetime


class ProposalLineOut(Schema):
    position: int
    label: str
    quantity: str = Field(description="Decimal, up to two places, as a string.")
    unit_price_cents: int
    total_cents: int


class MilestoneOut(Schema):
    label: str
    date: datetime.date


class ProposalVersionOut(Schema):
    number: int
    vat_rate_bp: int
    subtotal_cents: int
    discount_percent: int
    discount_cents: int
    total_ht_cents: int
    vat_cents: int
    total_ttc_cents: int
    start_date: datetime.date | None
    milestones: list[MilestoneOut]
    message: str
    created_at: datetime.datetime
    lines: list[ProposalLineOut]


class ProposalOut(Schema):
    id: int
    project_id: int
    provider_id: int
    provider_name: str
    state: ProposalState
    decline_reason: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    current_version: ProposalVersionOut | None


class ProposalDetailOut(ProposalOut):
    versions: list[ProposalVersionOut] = Field(description="Every version, oldest first.")


class ReviewOut(Schema):
    id: int
    project_id: int
    author_id: int
    subject_id: int
    quality: int
    communication: int
    deadlines: int
    value: int
    rating: str = Field(description="Mean of the four scores, two decimal places, as a string.")
    comment: str
    is_anonymous: bool = Field(description="An association's review shown publicly with its sector only.")
    is_published: bool = Field(
        description="False while blind: until the other side writes its own, or 14 days after it was written."
    )
    published_at: datetime.datetime | None
    is_hidden: bool = Field(description="Hidden by the platform's moderation after a report.")
    response: str
    responded_at: datetime.datetime | None
    created_at: datetime.datetime


# Input


def _answer_value(value):
    """One error per answer, at `answers.<key>`, rather than one per member of a union."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise PydanticCustomError(
        "answer_type", _("Une réponse est un texte, un nombre entier, un booléen ou une liste de textes.")
    )


AnswerValue = Annotated[Any, AfterValidator(_answer_value)]


class ActingIn(InputSchema):
    """A body that may name the organisation the caller acts for."""

    organisation_id: int | None = OrganisationId


class ProjectFieldsIn(ActingIn):
    """A project as the guided form takes it. Budgets are whole euros.

    Pydantic does not validate defaults: a field left out stays out of the data
    sent to the service (which applies its own default, or keeps the stored
    value on update), while an explicit `null` is refused on fields that cannot
    be empty. Only the budget bounds and the dates may be cleared with `null`.
    """

    title: str = None
    description: str = None
    answers: dict[str, AnswerValue] = Field(
        None,
        description="Answers to the type's questions, by question key: text, integer, boolean, or a list of texts "
        "for multiple-choice questions (see GET /projects/types).",
    )
    skills: list[str] = Field(None, max_length=100, description="Skill slugs; left empty, the type's suggested skills.")
    budget_min: int | None = Field(None, description="Whole euros.")
    budget_max: int | None = Field(None, description="Whole euros.")
    budget_unknown: bool = Field(None, description="True when the association does not know its budget.")
    desired_start: datetime.date | None = None
    deadline: datetime.date | None = None
    answer_deadline: datetime.date | None = Field(None, description="Date by which quotes are due.")
    use_organisation_address: bool = Field(
        None, description="Place the project at the association's address (the default when no postcode is given)."
    )
    postcode: str = None
    commune: str = None
    remote_ok: bool = Field(None, description="Remote work possible (default true).")
    visibility: Visibility = Field(None, description="Default: verified_providers. Fixed once published.")


class ProjectCreateIn(ProjectFieldsIn):
    organisation_id: int = Field(..., ge=1, le=MAX_ID, description="The association that drafts the project.")
    project_type: ProjectType
    title: str
    description: str


class ProjectUpdateIn(ProjectFieldsIn):
    """Only the fields sent change; `null` clears a budget bound or a date."""

    project_type: ProjectType = None


class CancelIn(ActingIn):
    reason: str = ""


class InvitationCreateIn(ActingIn):
    provider_id: int = Field(..., ge=1, le=MAX_ID)


class LineIn(InputSchema):
    # Digits are bounded here so that no exponent ('1e999999') reaches the service's arithmetic.
    label: str
    quantity: Decimal = Field(Decimal(1), max_digits=20, decimal_places=6, description="Up to two decimal places.")
    unit_price: Decimal = Field(
        ..., max_digits=20, decimal_places=6, description="Unit price before tax, in euros, to the cent."
    )


class MilestoneIn(InputSchema):
    label: str
    date: datetime.date


class ProposalIn(ActingIn):
    """A quote's lines and terms.

    Totals, VAT and the solidarity discount are computed by the server from the
    lines, the VAT rate and the provider's published discount: any total or
    discount field sent (`total_ttc_cents`, `discount_percent`...) is ignored.
    """

    lines: list[LineIn] = Field(..., description="At least one line.")
    vat_rate_bp: int = Field(2000, description="VAT rate in basis points: 0, 550, 1000 or 2000.")
    start_date: datetime.date | None = None
    milestones: list[MilestoneIn] = []
    message: str = ""


class ShortlistIn(ActingIn):
    shortlisted: bool = Field(True, description="False takes the quote off the shortlist.")


class DeclineIn(ActingIn):
    reason: str = ""


class ReviewIn(ActingIn):
    quality: int = Field(..., description="1 to 5.")
    communication: int = Field(..., description="1 to 5.")
    deadlines: int = Field(..., description="1 to 5.")
    value: int = Field(..., description="1 to 5.")
    comment: str = ""
    is_anonymous: bool = Field(False, description="An association may publish without its name (sector only).")


class ReviewResponseIn(ActingIn):
    response: str


# The acting organisation


def acting_membership(
    request: HttpRequest, organisation_id: int | None, concerned: Callable[[Organisation], bool]
) -> Membership:
    """The caller's membership for this request (see the module docstring)."""
    if organisation_id is not None:
        return membership_get(user=request.auth, organisation_id=organisation_id)
    memberships = list(membership_list_for_user(user=request.auth))
    if len(memberships) == 1:
        return memberships[0]
    candidates = [m for m in memberships if concerned(m.organisation)]
    if not candidates:
        raise NotFound(_("Ressource introuvable."))
    if len(candidates) > 1:
        raise DomainError(
            _("Vous êtes membre de plusieurs organisations concernées : précisez laquelle avec organisation_id."),
            field="organisation_id",
        )
    return candidates[0]


def _for_project(request, project_id: int, organisation_id: int | None) -> Membership:
    return acting_membership(
        request,
        organisation_id,
        lambda organisation: projects_visible_to(organisation=organisation).filter(pk=project_id).exists(),
    )


def _for_proposal(request, proposal_id: int, organisation_id: int | None) -> Membership:
    def concerned(organisation):
        try:
            proposal_get_for(organisation=organisation, proposal_id=proposal_id)
        except NotFound:
            return False
        return True

    return acting_membership(request, organisation_id, concerned)


def _for_review(request, review_id: int, organisation_id: int | None) -> Membership:
    # Only the organisation a review is about may answer it.
    return acting_membership(
        request,
        organisation_id,
        lambda organisation: Review.objects.filter(pk=review_id, subject=organisation).exists(),
    )


def any_organisation(organisation) -> bool:
    return True


# Rendering

# Fields copied as they are from the model; the others are computed below.
_PROJECT_FIELDS = [
    name for name in ProjectOut.model_fields if name not in ("organisation_name", "project_type_label", "skills")
]
_VERSION_FIELDS = [name for name in ProposalVersionOut.model_fields if name != "lines"]


def _skills(skills) -> list[dict]:
    return [{"slug": skill.slug, "label": skill.label} for skill in skills]


def project_out(project: Project) -> dict:
    return {
        **{field: getattr(project, field) for field in _PROJECT_FIELDS},
        "organisation_name": project.organisation.name,
        "project_type_label": str(project.get_project_type_display()),
        "skills": _skills(project.skills.all()),
    }


def _project_detail(organisation: Organisation, project_id: int) -> dict:
    page = project_page_for(organisation=organisation, project_id=project_id)
    return {
        **project_out(page["project"]),
        "is_owner": page["is_owner"],
        "changes": [{"fields": change.fields, "created_at": change.created_at} for change in page["changes"]],
    }


def _version(version: ProposalVersion) -> dict:
    return {
        **{field: getattr(version, field) for field in _VERSION_FIELDS},
        "lines": [
            {
                "position": line.position,
                "label": line.label,
                "quantity": f"{line.quantity:.2f}",
                "unit_price_cents": line.unit_price_cents,
                "total_cents": line.total_cents,
            }
            for line in version.lines.all()
        ],
    }


def _proposal(proposal: Proposal) -> dict:
    version = proposal.current_version
    return {
        "id": proposal.pk,
        "project_id": proposal.project_id,
        "provider_id": proposal.provider_id,
        "provider_name": proposal.provider.name,
        "state": proposal.state,
        "decline_reason": proposal.decline_reason,
        "created_at": proposal.created_at,
        "updated_at": proposal.updated_at,
        "current_version": _version(version) if version else None,
    }


def _proposal_detail(organisation: Organisation, proposal_id: int) -> dict:
    proposal = proposal_get_for(organisation=organisation, proposal_id=proposal_id)
    versions = proposal.versions.prefetch_related("lines")
    return {**_proposal(proposal), "versions": [_version(version) for version in versions]}


def _review(review: Review) -> dict:
    computed = {"rating": f"{review.rating:.2f}", "is_hidden": review.hidden_at is not None}
    return {
        **{field: getattr(review, field) for field in ReviewOut.model_fields if field not in computed},
        **computed,
    }


def _project_data(project: Project) -> dict:
    """A stored project in the shape the services take, so that a partial update can send it whole."""
    euros = {
        field: to_euros(cents)
        for field, cents in (("budget_min", project.budget_min_cents), ("budget_max", project.budget_max_cents))
    }
    return {
        "project_type": project.project_type,
        "title": project.title,
        "description": project.description,
        "answers": project.answers,
        "skills": [skill.slug for skill in project.skills.all()],
        **euros,
        "budget_unknown": not project.budget_known,
        "desired_start": project.desired_start,
        "deadline": project.deadline,
        "answer_deadline": project.answer_deadline,
        "use_organisation_address": not project.postcode,
        "postcode": project.postcode,
        "commune": project.commune,
        "remote_ok": project.remote_ok,
        "visibility": project.visibility,
    }


def _merge(current: dict, changes: dict) -> dict:
    data = {**current, **changes}
    if ("budget_min" in changes or "budget_max" in changes) and "budget_unknown" not in changes:
        data["budget_unknown"] = False
    if changes.get("use_organisation_address") and "postcode" not in changes:
        data["postcode"] = data["commune"] = ""
    return data


def _check_answer_shapes(data: dict) -> None:
    """Only multiple-choice questions take a list: the services expect one value for the others."""
    kinds = {question.key: question.kind for question in SPECS[data["project_type"]].questions}
    for key, value in (data.get("answers") or {}).items():
        if isinstance(value, list) and kinds.get(key, AnswerKind.MULTIPLE) != AnswerKind.MULTIPLE:
            raise ProjectError(_("Une seule réponse est attendue pour cette question."), field=f"answers.{key}")


def _body(payload) -> dict:
    """The fields sent, in JSON types (dates as ISO strings, decimals as strings), without the acting organisation."""
    data = payload.model_dump(mode="json", exclude_unset=True) if payload is not None else {}
    data.pop("organisation_id", None)
    return data


def _organisation_id(payload) -> int | None:
    return payload.organisation_id if payload is not None else None


# Project types


@projects_router.get(
    "/types",
    auth=None,
    response={200: list[ProjectTypeOut]},
    summary="Project types, their questions, suggested skills and typical budgets",
    description="Public. Labels follow the request's language (Accept-Language, or the language cookie).",
)
def project_types(request):
    slugs = {slug for spec in SPECS.values() for slug in spec.skills}
    skills = {skill.slug: skill for skill in Skill.objects.filter(slug__in=slugs)}
    return [_project_type(project_type, skills) for project_type in ProjectType]


def _project_type(project_type: ProjectType, skills: dict[str, Skill]) -> dict:
    spec = SPECS[project_type]
    low, high = spec.typical_budget_euros
    return {
        "value": project_type.value,
        "label": str(project_type.label),
        "questions": [
            {
                "key": question.key,
                "label": str(question.label),
                "kind": question.kind,
                "required": question.required,
                "choices": [{"value": value, "label": str(label)} for value, label in question.choices],
                "maximum": question.maximum if question.kind == AnswerKind.NUMBER else None,
            }
            for question in spec.questions
        ],
        # A slug missing from the taxonomy (renamed by staff) still shows, under its slug.
        "suggested_skills": [
            {"slug": slug, "label": skills[slug].label if slug in skills else slug} for slug in spec.skills
        ],
        "typical_budget_min_cents": low * 100,
        "typical_budget_max_cents": high * 100,
    }


# Projects


@projects_router.post("", response={201: ProjectDetailOut, **ERRORS}, summary="Draft a project")
def project_new(request, payload: ProjectCreateIn):
    membership = membership_get(user=request.auth, organisation_id=payload.organisation_id)
    data = _body(payload)
    _check_answer_shapes(data)
    project = project_services.project_create(membership=membership, data=data)
    return Status(201, _project_detail(membership.organisation, project.pk))


@projects_router.get("/{id:project_id}", response={200: ProjectDetailOut, **ERRORS}, summary="A project")
def project_detail(request, project_id: int, organisation_id: ActingOrganisation = None):
    membership = _for_project(request, project_id, organisation_id)
    return _project_detail(membership.organisation, project_id)


@projects_router.patch(
    "/{id:project_id}",
    response={200: ProjectDetailOut, **ERRORS},
    summary="Edit a draft or a published project",
    description="Only the fields sent change. Edits to a published project are shown to the providers who quoted.",
)
def project_change(request, project_id: int, payload: ProjectUpdateIn):
    membership = _for_project(request, project_id, payload.organisation_id)
    current = project_get_for(organisation=membership.organisation, project_id=project_id)
    data = _merge(_project_data(current), _body(payload))
    _check_answer_shapes(data)
    project_services.project_update(membership=membership, project_id=project_id, data=data)
    return _project_detail(membership.organisation, project_id)


def _project_step(request, project_id: int, payload, service, **arguments) -> dict:
    membership = _for_project(request, project_id, _organisation_id(payload))
    service(membership=membership, project_id=project_id, **arguments)
    return _project_detail(membership.organisation, project_id)


@projects_router.post(
    "/{id:project_id}/publish",
    response={200: ProjectDetailOut, **ERRORS},
    summary="Publish a draft (verified associations)",
)
def project_publish(request, project_id: int, payload: ActingIn | None = None):
    return _project_step(request, project_id, payload, project_services.project_publish)


@projects_router.post(
    "/{id:project_id}/cancel", response={200: ProjectDetailOut, **ERRORS}, summary="Cancel a project (managers)"
)
def project_cancel(request, project_id: int, payload: CancelIn | None = None):
    reason = payload.reason if payload is not None else ""
    return _project_step(request, project_id, payload, project_services.project_cancel, reason=reason)


@projects_router.post(
    "/{id:project_id}/start",
    response={200: ProjectDetailOut, **ERRORS},
    summary="Start an awarded project (the association or the awarded provider)",
)
def project_start(request, project_id: int, payload: ActingIn | None = None):
    return _project_step(request, project_id, payload, project_services.project_start)


@projects_router.post(
    "/{id:project_id}/deliver",
    response={200: ProjectDetailOut, **ERRORS},
    summary="Mark a project delivered (the awarded provider)",
)
def project_deliver(request, project_id: int, payload: ActingIn | None = None):
    return _project_step(request, project_id, payload, project_services.project_mark_delivered)


@projects_router.post(
    "/{id:project_id}/close", response={200: ProjectDetailOut, **ERRORS}, summary="Close a delivered project"
)
def project_close(request, project_id: int, payload: ActingIn | None = None):
    return _project_step(request, project_id, payload, project_services.project_close)


@projects_router.post(
    "/{id:project_id}/invitations",
    response={201: ProjectInvitationOut, **ERRORS},
    summary="Invite a verified provider to quote",
)
def project_invitation_new(request, project_id: int, payload: InvitationCreateIn):
    membership = _for_project(request, project_id, payload.organisation_id)
    invitation = project_services.project_invite(
        membership=membership, project_id=project_id, provider_id=payload.provider_id
    )
    return Status(
        201,
        {
            "id": invitation.pk,
            "project_id": invitation.project_id,
            "provider_id": invitation.provider_id,
            "provider_name": invitation.provider.name,
            "created_at": invitation.created_at,
        },
    )


# Proposals


@projects_router.get(
    "/{id:project_id}/proposals",
    response={200: list[ProposalOut], **ERRORS},
    summary="Quotes on a project: all of them for the association, its own for a provider",
)
def proposal_list(request, project_id: int, organisation_id: ActingOrganisation = None):
    membership = _for_project(request, project_id, organisation_id)
    page = project_page_for(organisation=membership.organisation, project_id=project_id)
    proposals = page["proposals"] if page["is_owner"] else [p for p in [page["own_proposal"]] if p is not None]
    return [_proposal(proposal) for proposal in proposals]


@projects_router.post(
    "/{id:project_id}/proposals",
    response={201: ProposalDetailOut, **ERRORS},
    summary="Submit a quote (verified providers)",
)
def proposal_new(request, project_id: int, payload: ProposalIn):
    membership = _for_project(request, project_id, payload.organisation_id)
    proposal = proposal_services.proposal_submit(membership=membership, project_id=project_id, data=_body(payload))
    return Status(201, _proposal_detail(membership.organisation, proposal.pk))


@projects_router.get(
    "/proposals/{id:proposal_id}",
    response={200: ProposalDetailOut, **ERRORS},
    summary="A quote with all its versions and lines",
)
def proposal_detail(request, proposal_id: int, organisation_id: ActingOrganisation = None):
    membership = _for_proposal(request, proposal_id, organisation_id)
    return _proposal_detail(membership.organisation, proposal_id)


def _proposal_step(request, proposal_id: int, payload, service, **arguments) -> dict:
    membership = _for_proposal(request, proposal_id, _organisation_id(payload))
    service(membership=membership, proposal_id=proposal_id, **arguments)
    return _proposal_detail(membership.organisation, proposal_id)


@projects_router.post(
    "/proposals/{id:proposal_id}/revise",
    response={200: ProposalDetailOut, **ERRORS},
    summary="Send a new version of one's quote",
    description="Same body as a submission; totals are recomputed by the server, any total sent is ignored.",
)
def proposal_revise(request, proposal_id: int, payload: ProposalIn):
    return _proposal_step(request, proposal_id, payload, proposal_services.proposal_revise, data=_body(payload))


@projects_router.post(
    "/proposals/{id:proposal_id}/withdraw", response={200: ProposalDetailOut, **ERRORS}, summary="Withdraw one's quote"
)
def proposal_withdraw(request, proposal_id: int, payload: ActingIn | None = None):
    return _proposal_step(request, proposal_id, payload, proposal_services.proposal_withdraw)


@projects_router.post(
    "/proposals/{id:proposal_id}/shortlist",
    response={200: ProposalDetailOut, **ERRORS},
    summary="Shortlist a quote, or take it off the shortlist (the association)",
)
def proposal_shortlist(request, proposal_id: int, payload: ShortlistIn | None = None):
    shortlisted = payload.shortlisted if payload is not None else True
    return _proposal_step(request, proposal_id, payload, proposal_services.proposal_shortlist, shortlisted=shortlisted)


@projects_router.post(
    "/proposals/{id:proposal_id}/decline", response={200: ProposalDetailOut, **ERRORS}, summary="Decline a quote"
)
def proposal_decline(request, proposal_id: int, payload: DeclineIn | None = None):
    reason = payload.reason if payload is not None else ""
    return _proposal_step(request, proposal_id, payload, proposal_services.proposal_decline, reason=reason)


@projects_router.post(
    "/proposals/{id:proposal_id}/accept",
    response={200: ProposalDetailOut, **ERRORS},
    summary="Accept a quote: the project is awarded and the other quotes declined (managers)",
)
def proposal_accept(request, proposal_id: int, payload: ActingIn | None = None):
    return _proposal_step(request, proposal_id, payload, proposal_services.proposal_accept)


# Reviews


@projects_router.post(
    "/{id:project_id}/reviews",
    response={201: ReviewOut, **ERRORS},
    summary="Review the other party of a delivered project, once",
)
def review_new(request, project_id: int, payload: ReviewIn):
    membership = _for_project(request, project_id, payload.organisation_id)
    return Status(201, _review(review_create(membership=membership, project_id=project_id, data=_body(payload))))


@projects_router.get(
    "/{id:project_id}/reviews",
    response={200: list[ReviewOut], **ERRORS},
    summary="A project's reviews as one of its two parties reads them: both once public, its own always",
)
def review_list(request, project_id: int, organisation_id: ActingOrganisation = None):
    membership = _for_project(request, project_id, organisation_id)
    project = project_get_for(organisation=membership.organisation, project_id=project_id)
    visible = project_reviews_for(project=project, organisation_id=membership.organisation_id)
    return [_review(review) for review in visible.reviews]


@projects_router.put(
    "/reviews/{id:review_id}",
    response={200: ReviewOut, **ERRORS},
    summary="Change one's own review while it is still blind",
)
def review_edit(request, review_id: int, payload: ReviewIn):
    membership = acting_membership(
        request,
        payload.organisation_id,
        lambda organisation: Review.objects.filter(pk=review_id, author=organisation).exists(),
    )
    return _review(review_update(membership=membership, review_id=review_id, data=_body(payload)))


@projects_router.post(
    "/reviews/{id:review_id}/response",
    response={200: ReviewOut, **ERRORS},
    summary="Answer a review about one's organisation, once",
)
def review_response(request, review_id: int, payload: ReviewResponseIn):
    membership = _for_review(request, review_id, payload.organisation_id)
    return _review(review_respond(membership=membership, review_id=review_id, response=payload.response))
