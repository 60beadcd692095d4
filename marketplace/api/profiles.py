"""API for an organisation's own profile, portfolio, verification and the user's notifications.

Each endpoint under `/{organisation_id}/` finds the caller's membership first:
an organisation the caller does not belong to answers 404. Members read;
owners and admins write (the services refuse the others with 403).
"""

from datetime import datetime
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Body, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field
from pydantic import ValidationError as PydanticValidationError

from ..errors import OrganisationError
from ..money import to_euros
from ..selectors.notifications import notification_get, notification_list, notification_unread_count
from ..selectors.organisations import membership_get
from ..selectors.profiles import (
    association_profile_get,
    portfolio_item_get,
    portfolio_item_list,
    profile_identity_locked,
    provider_profile_get,
    verification_document_get,
    verification_overview,
)
from ..services.notifications import notification_mark_read
from ..services.profiles import (
    association_profile_save,
    portfolio_item_delete,
    portfolio_item_save,
    provider_profile_save,
)
from ..services.verification import verification_submit
from ..views.documents import document_response
from .pagination import Limit, Offset
from .schemas import ErrorOut, InputSchema

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
MAX_LIST = 100

profiles_router = Router(tags=["profils"])


# Schemas. Values are checked by the services, which name the field at fault; these only fix the shapes.


class AssociationProfileIn(InputSchema):
    legal_name: str = Field(..., max_length=200)
    legal_form: str = Field(..., max_length=30)
    rna_number: str = Field("", max_length=20)
    tribunal_registration: str = Field("", max_length=120)
    siren: str = Field("", max_length=20)
    siret: str = Field("", max_length=30)
    address: str = Field(..., max_length=255)
    postcode: str = Field(..., max_length=10)
    commune: str = Field(..., max_length=120)
    field_of_action: str = Field(..., max_length=20)
    budget_bracket: str = Field(..., max_length=10)
    employees: int | None = None
    volunteers: int | None = None
    website: str = Field("", max_length=200)
    description: str = Field("", max_length=5000)
    is_public: bool = False
    public_fields: list[str] = Field(default_factory=list, max_length=MAX_LIST)


class ProviderProfileIn(InputSchema):
    legal_name: str = Field(..., max_length=200)
    siret: str = Field(..., max_length=30)
    presentation: str = Field(..., max_length=5000)
    services: str = Field("", max_length=5000)
    skills: list[str] = Field(default_factory=list, max_length=MAX_LIST)
    tools: list[str] = Field(default_factory=list, max_length=MAX_LIST)
    postcode: str = Field(..., max_length=10)
    commune: str = Field(..., max_length=120)
    regions: list[str] = Field(default_factory=list, max_length=MAX_LIST)
    remote_ok: bool = True
    day_rate_min: int | None = Field(None, description="Euros HT")
    day_rate_max: int | None = Field(None, description="Euros HT")
    min_project: int | None = Field(None, description="Euros HT")
    solidarity_discount_percent: int | None = None
    pro_bono: bool = False
    pro_bono_details: str = Field("", max_length=200)
    certifications: list[str] = Field(default_factory=list, max_length=MAX_LIST)
    languages: list[str] = Field(default_factory=list, max_length=MAX_LIST)
    team_size: int | None = None
    response_time_hours: int | None = None
    website: str = Field("", max_length=200)


class AssociationProfileOut(Schema):
    legal_name: str
    legal_form: str
    rna_number: str
    tribunal_registration: str
    siren: str
    siret: str
    address: str
    postcode: str
    commune: str
    region: str
    field_of_action: str
    budget_bracket: str
    employees: int
    volunteers: int
    website: str
    logo_url: str | None
    description: str
    is_public: bool
    public_fields: list[str]
    updated_at: datetime


class ProviderProfileOut(Schema):
    legal_name: str
    siret: str
    presentation: str
    services: str
    skills: list[str]
    tools: list[str]
    postcode: str
    commune: str
    region: str
    regions: list[str]
    remote_ok: bool
    day_rate_min: int | None
    day_rate_max: int | None
    min_project: int | None
    solidarity_discount_percent: int
    pro_bono: bool
    pro_bono_details: str
    certifications: list[str]
    languages: list[str]
    team_size: int
    response_time_hours: int
    website: str
    logo_url: str | None
    updated_at: datetime


class ProfileOut(Schema):
    organisation_id: int
    kind: str
    verification_status: str
    identity_locked: bool
    can_edit: bool
    association: AssociationProfileOut | None = None
    provider: ProviderProfileOut | None = None


class PortfolioItemIn(InputSchema):
    title: str = Field(..., max_length=160)
    association_served: str = Field("", max_length=200)
    description: str = Field("", max_length=3000)
    link: str = Field("", max_length=200)


class PortfolioItemPatch(InputSchema):
    title: str | None = Field(None, max_length=160)
    association_served: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=3000)
    link: str | None = Field(None, max_length=200)


class PortfolioItemOut(Schema):
    id: int
    title: str
    association_served: str
    description: str
    link: str
    image_url: str | None
    position: int


class DocumentKindOut(Schema):
    kind: str
    label: str


class DocumentGroupOut(Schema):
    one_of: list[DocumentKindOut]
    provided: bool


class DocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    original_name: str
    content_type: str
    size: int
    uploaded_at: datetime
    carried_over: bool
    download_url: str


class VerificationRequestOut(Schema):
    id: int
    state: str
    state_label: str
    submitted_at: datetime
    submitted_by: str | None
    note: str
    reviewed_at: datetime | None
    reviewed_by: str | None
    decision_message: str
    documents: list[DocumentOut]


class VerificationOut(Schema):
    status: str
    status_label: str
    verified_at: datetime | None
    can_submit: bool
    required_documents: list[DocumentGroupOut]
    kept_documents: list[DocumentOut]
    requests: list[VerificationRequestOut]


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


class NotificationListOut(Schema):
    count: int
    unread_count: int
    items: list[NotificationOut]


class NotificationReadIn(InputSchema):
    id: int | None = Field(None, description="One notification; all of them when absent.")


class NotificationReadOut(Schema):
    marked: int
    unread_count: int


# Output helpers


def _url(file) -> str | None:
    return file.url if file else None


def _association_out(profile) -> dict:
    fields = AssociationProfileOut.model_fields.keys() - {"logo_url"}
    return {**{name: getattr(profile, name) for name in fields}, "logo_url": _url(profile.logo)}


def _provider_out(profile) -> dict:
    return {
        **{
            name: getattr(profile, name)
            for name in (
                "legal_name",
                "siret",
                "presentation",
                "services",
                "tools",
                "postcode",
                "commune",
                "region",
                "remote_ok",
                "solidarity_discount_percent",
                "pro_bono",
                "pro_bono_details",
                "languages",
                "team_size",
                "response_time_hours",
                "website",
                "updated_at",
            )
        },
        "skills": [skill.slug for skill in profile.skills.all()],
        "regions": [row.region for row in profile.served_regions.all()],
        "certifications": [row.certification for row in profile.certifications.all()],
        "day_rate_min": to_euros(profile.day_rate_min_cents),
        "day_rate_max": to_euros(profile.day_rate_max_cents),
        "min_project": to_euros(profile.min_project_cents),
        "logo_url": _url(profile.logo),
    }


def _profile_out(membership) -> dict:
    organisation = membership.organisation
    out = {
        "organisation_id": organisation.pk,
        "kind": organisation.kind,
        "verification_status": organisation.verification_status,
        "identity_locked": profile_identity_locked(organisation=organisation),
        "can_edit": membership.can_manage,
    }
    if organisation.is_association:
        profile = association_profile_get(organisation=organisation)
        out["association"] = _association_out(profile) if profile else None
    else:
        profile = provider_profile_get(organisation=organisation)
        out["provider"] = _provider_out(profile) if profile else None
    return out


def _portfolio_item_out(item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "association_served": item.association_served,
        "description": item.description,
        "link": item.link,
        "image_url": _url(item.image),
        "position": item.position,
    }


def _document_out(document, organisation_id: int) -> dict:
    return {
        "id": document.pk,
        "kind": document.kind,
        "kind_label": str(document.get_kind_display()),
        "original_name": document.original_name,
        "content_type": document.content_type,
        "size": document.size,
        "uploaded_at": document.uploaded_at,
        "carried_over": getattr(document, "carried_over", True),
        "download_url": reverse(
            "api-v1:profile_document", kwargs={"organisation_id": organisation_id, "document_id": document.pk}
        ),
    }


def _person(user) -> str | None:
    return (user.get_full_name() or user.email) if user else None


def _verification_out(membership) -> dict:
    overview = verification_overview(membership=membership)
    organisation = overview.organisation
    return {
        "status": organisation.verification_status,
        "status_label": str(organisation.get_verification_status_display()),
        "verified_at": organisation.verified_at,
        "can_submit": overview.can_submit and membership.can_manage,
        "required_documents": [
            {"one_of": [{"kind": kind, "label": str(label)} for kind, label in group.kinds], "provided": group.provided}
            for group in overview.required
        ],
        "kept_documents": [_document_out(doc, organisation.pk) for doc in overview.kept_documents],
        "requests": [
            {
                "id": request.pk,
                "state": request.state,
                "state_label": str(request.get_state_display()),
                "submitted_at": request.submitted_at,
                "submitted_by": _person(request.submitted_by),
                "note": request.note,
                "reviewed_at": request.reviewed_at,
                "reviewed_by": _person(request.reviewed_by),
                "decision_message": request.decision_message,
                "documents": [_document_out(doc, organisation.pk) for doc in request.documents.all()],
            }
            for request in overview.requests
        ],
    }


def _validated(model, payload: dict):
    """Check a JSON object against the schema of this organisation's kind, in the API's error shape."""
    try:
        return model.model_validate(payload)
    except PydanticValidationError as exc:
        raise NinjaValidationError(exc.errors(include_url=False, include_context=True)) from exc


# Profile

_PROFILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [AssociationProfileIn.model_json_schema(), ProviderProfileIn.model_json_schema()],
                    "description": "AssociationProfileIn for an association, ProviderProfileIn for a provider.",
                }
            }
        },
    }
}


@profiles_router.get("/{id:organisation_id}/profile", response={200: ProfileOut, **ERRORS})
def profile_detail(request, organisation_id: int):
    return _profile_out(membership_get(user=request.auth, organisation_id=organisation_id))


@profiles_router.put(
    "/{id:organisation_id}/profile",
    response={200: ProfileOut, **ERRORS},
    summary="Replace the organisation's profile (owners and admins)",
    openapi_extra=_PROFILE_BODY,
)
def profile_replace(request, organisation_id: int, payload: dict[str, Any] = Body(...)):  # noqa: B008
    membership = membership_get(user=request.auth, organisation_id=organisation_id)
    if membership.organisation.is_association:
        data = _validated(AssociationProfileIn, payload)
        association_profile_save(membership=membership, data=data.model_dump())
    else:
        data = _validated(ProviderProfileIn, payload)
        provider_profile_save(membership=membership, data=data.model_dump())
    return _profile_out(membership_get(user=request.auth, organisation_id=organisation_id))


# Portfolio


@profiles_router.get("/{id:organisation_id}/portfolio", response={200: list[PortfolioItemOut], **ERRORS})
def portfolio_list(request, organisation_id: int):
    membership = membership_get(user=request.auth, organisation_id=organisation_id)
    return [_portfolio_item_out(item) for item in portfolio_item_list(organisation=membership.organisation)]


@profiles_router.post("/{id:organisation_id}/portfolio", response={201: PortfolioItemOut, **ERRORS})
def portfolio_create(request, organisation_id: int, payload: PortfolioItemIn):
    membership = membership_get(user=request.auth, organisation_id=organisation_id)
    item = portfolio_item_save(membership=membership, data=payload.model_dump())
    return Status(201, _portfolio_item_out(item))


@profiles_router.patch("/{id:organisation_id}/portfolio/{id:item_id}", response={200: PortfolioItemOut, **ERRORS})
def portfolio_update(request, organisation_id: int, item_id: int, payload: PortfolioItemPatch):
    membership = membership_get(user=request.auth, organisation_id=organisation_id)
    item = portfolio_item_get(organisation=membership.organisation, item_id=item_id)
    # A partial update: the service saves whole items, so unsent fields keep their values.
    data = {name: getattr(item, name) for name in PortfolioItemIn.model_fields}
    data.update(payload.model_dump(exclude_unset=True))
    item = portfolio_item_save(membership=membership, data=data, item_id=item.pk)
    return _portfolio_item_out(item)


@profiles_router.delete("/{id:organisation_id}/portfolio/{id:item_id}", response={204: None, **ERRORS})
def portfolio_remove(request, organisation_id: int, item_id: int):
    membership = membership_get(user=request.auth, organisation_id=organisation_id)
    portfolio_item_delete(membership=membership, item_id=item_id)
    return HttpResponse(status=204)


# Verification


@profiles_router.get("/{id:organisation_id}/verification", response={200: VerificationOut, **ERRORS})
def verification_detail(request, organisation_id: int):
    return _verification_out(membership_get(user=request.auth, organisation_id=organisation_id))


@profiles_router.post(
    "/{id:organisation_id}/verification",
    response={201: VerificationOut, **ERRORS},
    summary="Submit for verification: files in `documents`, their kinds in `kinds`, in the same order",
)
def verification_create(
    request,
    organisation_id: int,
    documents: list[UploadedFile] = File(None),  # noqa: B008
    kinds: list[str] = Form(None),  # noqa: B008
    note: str = Form("", max_length=3000),  # noqa: B008
):
    membership = membership_get(user=request.auth, organisation_id=organisation_id)
    documents, kinds = documents or [], kinds or []
    if len(documents) != len(kinds):
        raise OrganisationError(
            _("Indiquez un type (kinds) pour chaque fichier (documents), dans le même ordre."), field="kinds"
        )
    verification_submit(membership=membership, documents=list(zip(kinds, documents, strict=True)), note=note)
    # Read again: the service changed the organisation's status on its own copy.
    return Status(201, _verification_out(membership_get(user=request.auth, organisation_id=organisation_id)))


@profiles_router.get(
    "/{id:organisation_id}/documents/{id:document_id}",
    response={200: None, **ERRORS},
    url_name="profile_document",
    summary="Download a supporting document",
)
def document_download(request, organisation_id: int, document_id: int):
    membership = membership_get(user=request.auth, organisation_id=organisation_id)
    return document_response(verification_document_get(organisation=membership.organisation, document_id=document_id))


# Notifications


@profiles_router.get("/notifications", response={200: NotificationListOut, **ERRORS})
def notifications(
    request,
    unread: bool = Query(False),  # noqa: B008
    limit: Limit = 50,
    offset: Offset = 0,
):
    items = notification_list(user=request.auth, unread_only=unread)
    return {
        "count": items.count(),
        "unread_count": notification_unread_count(user=request.auth),
        "items": list(items[offset : offset + limit]),
    }


@profiles_router.post("/notifications/read", response={200: NotificationReadOut, **ERRORS})
def notifications_read(request, payload: NotificationReadIn = Body(None)):  # noqa: B008
    notification_id = payload.id if payload else None
    if notification_id is not None:
        notification_get(user=request.auth, notification_id=notification_id)
    marked = notification_mark_read(user=request.auth, notification_id=notification_id)
    return {"marked": marked, "unread_count": notification_unread_count(user=request.auth)}
