"""Read queries about organisations and memberships."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ..errors import NotFound
from ..models import Membership, Organisation, OrganisationInvitation
from ..models.organisations import InvitationState


def membership_list_for_user(*, user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")


def membership_for_active_organisation(*, memberships: list[Membership], organisation_id) -> Membership | None:
    """Among the user's memberships (read once per request), the one for the organisation chosen in the
    session, else the first one."""
    for membership in memberships:
        if organisation_id is not None and membership.organisation_id == organisation_id:
            return membership
    return memberships[0] if memberships else None


def membership_get(*, user, organisation_id) -> Membership:
    """The user's membership in that organisation.

    Raises NotFound rather than PermissionDenied for organisations the user is
    not in, so that ids do not reveal which organisations exist.
    """

    membership = (
        Membership.objects.filter(user=user, organisation_id=organisation_id).select_related("organisation").first()
    )
    if membership is None:
        raise NotFound(_("Organisation introuvable."))
    return membership


def organisation_member_list(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__last_name", "user__email")
    )


def invitation_list_pending(*, organisation: Organisation) -> QuerySet[OrganisationInvitation]:
    return OrganisationInvitation.objects.filter(organisation=organisation, state=InvitationState.PENDING).order_by(
        "-created_at"
    )
