"""API endpoints of the core: the caller, organisations, members, invitations, tokens.

Each endpoint finds the caller's membership first: an organisation the caller
does not belong to answers 404, the same as one that does not exist.
"""

from django.http import HttpResponse
from ninja import Router, Status

from ..selectors.organisations import (
    invitation_list_pending,
    membership_get,
    membership_list_for_user,
    organisation_member_list,
)
from ..selectors.tokens import api_token_list
from ..services.accounts import user_update_profile
from ..services.organisations import (
    invitation_create,
    invitation_revoke,
    membership_change_role,
    membership_remove,
    organisation_create,
    organisation_update,
)
from ..services.tokens import api_token_create, api_token_revoke
from .auth import session_auth
from .schemas import (
    ErrorOut,
    InvitationIn,
    InvitationOut,
    MemberOut,
    MeOut,
    MeUpdateIn,
    OrganisationCreateIn,
    OrganisationOut,
    OrganisationUpdateIn,
    RoleIn,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
)

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}

me_router = Router(tags=["compte"])
organisations_router = Router(tags=["organisations"])
tokens_router = Router(tags=["jetons"])


def _me(user) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "preferred_language": user.preferred_language,
        "memberships": [
            {
                "organisation_id": m.organisation_id,
                "organisation_name": m.organisation.name,
                "organisation_kind": m.organisation.kind,
                "role": m.role,
            }
            for m in membership_list_for_user(user=user)
        ],
    }


def _organisation(membership) -> dict:
    organisation = membership.organisation
    return {
        "id": organisation.pk,
        "kind": organisation.kind,
        "name": organisation.name,
        "slug": organisation.slug,
        "postcode": organisation.postcode,
        "city": organisation.city,
        "created_at": organisation.created_at,
        "role": membership.role,
    }


def _member(membership) -> dict:
    return {
        "id": membership.pk,
        "user_id": membership.user_id,
        "email": membership.user.email,
        "name": membership.user.get_full_name(),
        "role": membership.role,
        "created_at": membership.created_at,
    }


@me_router.get("", response={200: MeOut, **ERRORS}, summary="The authenticated user and their organisations")
def me(request):
    return _me(request.auth)


@me_router.patch("", response={200: MeOut, **ERRORS}, summary="Update one's name or language")
def me_update(request, payload: MeUpdateIn):
    user = request.auth
    data = payload.model_dump(exclude_unset=True)
    user_update_profile(
        user=user,
        first_name=data.get("first_name", user.first_name),
        last_name=data.get("last_name", user.last_name),
        preferred_language=data.get("preferred_language") or user.preferred_language,
    )
    return _me(user)


@organisations_router.get("", response={200: list[OrganisationOut], **ERRORS})
def organisation_list(request):
    return [_organisation(m) for m in membership_list_for_user(user=request.auth)]


@organisations_router.post("", response={201: OrganisationOut, **ERRORS})
def organisation_new(request, payload: OrganisationCreateIn):
    organisation = organisation_create(created_by=request.auth, **payload.model_dump())
    return Status(201, _organisation(membership_get(user=request.auth, organisation_id=organisation.pk)))


@organisations_router.get("/{id:organisation_id}", response={200: OrganisationOut, **ERRORS})
def organisation_detail(request, organisation_id: int):
    return _organisation(membership_get(user=request.auth, organisation_id=organisation_id))


@organisations_router.patch("/{id:organisation_id}", response={200: OrganisationOut, **ERRORS})
def organisation_change(request, organisation_id: int, payload: OrganisationUpdateIn):
    membership = membership_get(user=request.auth, organisation_id=organisation_id)
    organisation_update(membership=membership, **payload.model_dump(exclude_unset=True))
    return _organisation(membership_get(user=request.auth, organisation_id=organisation_id))


@organisations_router.get("/{id:organisation_id}/members", response={200: list[MemberOut], **ERRORS})
def member_list(request, organisation_id: int):
    membership = membership_get(user=request.auth, organisation_id=organisation_id)
    return [_member(m) for m in organisation_member_list(organisation=membership.organisation)]


@organisations_router.patch("/{id:organisation_id}/members/{id:membership_id}", response={200: MemberOut, **ERRORS})
def member_change_role(request, organisation_id: int, membership_id: int, payload: RoleIn):
    actor = membership_get(user=request.auth, organisation_id=organisation_id)
    return _member(membership_change_role(actor=actor, membership_id=membership_id, role=payload.role))


@organisations_router.delete("/{id:organisation_id}/members/{id:membership_id}", response={204: None, **ERRORS})
def member_remove(request, organisation_id: int, membership_id: int):
    actor = membership_get(user=request.auth, organisation_id=organisation_id)
    membership_remove(actor=actor, membership_id=membership_id)
    return HttpResponse(status=204)


@organisations_router.get("/{id:organisation_id}/invitations", response={200: list[InvitationOut], **ERRORS})
def invitation_list(request, organisation_id: int):
    membership = membership_get(user=request.auth, organisation_id=organisation_id)
    if not membership.can_manage:
        return []
    return list(invitation_list_pending(organisation=membership.organisation))


@organisations_router.post("/{id:organisation_id}/invitations", response={201: InvitationOut, **ERRORS})
def invitation_new(request, organisation_id: int, payload: InvitationIn):
    membership = membership_get(user=request.auth, organisation_id=organisation_id)
    return Status(201, invitation_create(membership=membership, email=payload.email, role=payload.role))


@organisations_router.delete("/{id:organisation_id}/invitations/{id:invitation_id}", response={204: None, **ERRORS})
def invitation_cancel(request, organisation_id: int, invitation_id: int):
    membership = membership_get(user=request.auth, organisation_id=organisation_id)
    invitation_revoke(membership=membership, invitation_id=invitation_id)
    return HttpResponse(status=204)


@tokens_router.get("", response={200: list[TokenOut], **ERRORS})
def token_list(request):
    return list(api_token_list(user=request.auth))


@tokens_router.post(
    "",
    auth=session_auth,
    response={201: TokenCreatedOut, **ERRORS},
    summary="Create a token (browser session only: a token cannot mint tokens)",
)
def token_new(request, payload: TokenIn):
    token, raw = api_token_create(user=request.auth, name=payload.name, expires_in_days=payload.expires_in_days)
    return Status(201, {**TokenOut.model_validate(token, from_attributes=True).model_dump(), "token": raw})


@tokens_router.delete("/{id:token_id}", response={204: None, **ERRORS})
def token_revoke(request, token_id: int):
    api_token_revoke(user=request.auth, token_id=token_id)
    return HttpResponse(status=204)
