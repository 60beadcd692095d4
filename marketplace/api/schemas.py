from datetime import datetime

from ninja import Schema
from pydantic import BaseModel, Field

from ..models.organisations import OrganisationKind, Role
from ..models.users import Language


class InputSchema(BaseModel):
    """A request body: a plain pydantic model, so only a JSON object validates.

    ninja's `Schema` also reads attributes (for ORM output), which would let a
    list or a string through as an empty update.
    """


class MembershipOut(Schema):
    organisation_id: int
    organisation_name: str
    organisation_kind: OrganisationKind
    role: Role


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    preferred_language: Language
    memberships: list[MembershipOut]


class MeUpdateIn(InputSchema):
    first_name: str | None = Field(None, max_length=150)
    last_name: str | None = Field(None, max_length=150)
    preferred_language: Language | None = None


class OrganisationOut(Schema):
    id: int
    kind: OrganisationKind
    name: str
    slug: str
    postcode: str
    city: str
    created_at: datetime
    role: Role


class OrganisationCreateIn(InputSchema):
    kind: OrganisationKind
    name: str = Field(..., min_length=2, max_length=200)
    postcode: str = Field("", max_length=5)
    city: str = Field("", max_length=120)


class OrganisationUpdateIn(InputSchema):
    name: str | None = Field(None, min_length=2, max_length=200)
    postcode: str | None = Field(None, max_length=5)
    city: str | None = Field(None, max_length=120)


class MemberOut(Schema):
    id: int
    user_id: int
    email: str
    name: str
    role: Role
    created_at: datetime


class RoleIn(InputSchema):
    role: Role


class InvitationIn(InputSchema):
    email: str = Field(..., max_length=254)
    role: Role = Role.MEMBER


class InvitationOut(Schema):
    id: int
    email: str
    role: Role
    state: str
    created_at: datetime
    expires_at: datetime


class TokenIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=100)
    expires_in_days: int | None = Field(None, ge=1, le=366)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(..., description="The secret, shown this once only.")


class ErrorOut(Schema):
    message: str
    errors: dict[str, list[str]]
