"""Organisations, memberships and invitations of colleagues."""

import re
import unicodedata
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import conf
from ..emails import email_enqueue
from ..errors import NotFound, OrganisationError, PermissionDenied
from ..models import Membership, Organisation, OrganisationInvitation, User
from ..models.organisations import InvitationState, OrganisationKind, Role
from ..signals import provider_profile_changed, send_after_commit
from ..tokens import new_secret, secret_hash
from .audit import audit_record

POSTCODE_RE = re.compile(r"[0-9]{5}", re.ASCII)


def require_manager(membership: Membership) -> None:
    if not membership.can_manage:
        raise PermissionDenied(_("Seuls les propriétaires et administrateurs peuvent faire cela."))


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _visible(text: str) -> str:
    """Collapse white space and drop invisible format characters (zero-width spaces...)."""
    return " ".join("".join(ch for ch in (text or "") if unicodedata.category(ch) != "Cf").split())


def _validate_name(name: str) -> str:
    name = _visible(name)
    if len(name) < 2:
        raise OrganisationError(_("Le nom doit compter au moins 2 caractères."), field="name")
    if len(name) > 200:
        raise OrganisationError(_("Le nom ne peut pas dépasser 200 caractères."), field="name")
    return name


def _validate_postcode(postcode: str) -> str:
    postcode = (postcode or "").strip()
    if postcode and not POSTCODE_RE.fullmatch(postcode):
        raise OrganisationError(_("Un code postal français compte 5 chiffres."), field="postcode")
    return postcode


@transaction.atomic
def organisation_create(*, created_by: User, kind: str, name: str, postcode: str = "", city: str = "") -> Organisation:
    """Create an association or a provider; its creator becomes its owner."""
    if kind not in OrganisationKind.values:
        raise OrganisationError(_("Choisissez association ou prestataire."), field="kind")
    organisation = Organisation(
        kind=kind,
        name=_validate_name(name),
        slug=_unique_slug(name),
        postcode=_validate_postcode(postcode),
        city=_visible(city),
    )
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=created_by, organisation=organisation, role=Role.OWNER)
    audit_record(actor=created_by, action="organisation.created", organisation=organisation, target=organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, membership: Membership, name: str | None = None, postcode: str | None = None, city: str | None = None
) -> Organisation:
    require_manager(membership)
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    changes = {}
    if name is not None:
        changes["name"] = _validate_name(name)
    if postcode is not None:
        changes["postcode"] = _validate_postcode(postcode)
    if city is not None:
        changes["city"] = _visible(city)
    changed = {field: value for field, value in changes.items() if getattr(organisation, field) != value}
    for field, value in changed.items():
        setattr(organisation, field, value)
    if changed:
        organisation.full_clean()
        organisation.save(update_fields=list(changed))
        audit_record(
            actor=membership.user,
            action="organisation.updated",
            organisation=organisation,
            target=organisation,
            data={"fields": sorted(changed)},
        )
        if organisation.is_provider:
            send_after_commit(provider_profile_changed, organisation_id=organisation.pk)
    return organisation


def _check_role_power(actor: Membership, role: str) -> None:
    """Admins manage members and admins; only owners create or demote owners."""
    require_manager(actor)
    if role not in Role.values:
        raise OrganisationError(_("Rôle inconnu."), field="role")
    if role == Role.OWNER and actor.role != Role.OWNER:
        raise PermissionDenied(_("Seul un propriétaire peut nommer un autre propriétaire."))


@transaction.atomic
def invitation_create(*, membership: Membership, email: str, role: str = Role.MEMBER) -> OrganisationInvitation:
    """Invite a colleague by email. Inviting the same address again replaces the pending invitation."""
    _check_role_power(membership, role)
    organisation = membership.organisation
    email = User.objects.normalize_email(email)
    try:
        validate_email(email)
    except ValidationError as exc:
        raise OrganisationError(_("Saisissez une adresse e-mail valide."), field="email") from exc
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise OrganisationError(_("Cette personne est déjà membre de l'organisation."), field="email")
    OrganisationInvitation.objects.filter(
        organisation=organisation, email__iexact=email, state=InvitationState.PENDING
    ).update(state=InvitationState.REVOKED)
    raw = new_secret()
    invitation = OrganisationInvitation(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=secret_hash(raw),
        invited_by=membership.user,
        expires_at=timezone.now() + timedelta(days=conf.organisation_invitation_days()),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        actor=membership.user,
        action="invitation.created",
        organisation=organisation,
        target=invitation,
        data={"email": email, "role": role},
    )
    existing = User.objects.filter(email__iexact=email).first()
    email_enqueue(
        to=email,
        template="organisation_invitation",
        context={
            "organisation": organisation,
            "invited_by": membership.user,
            "role": invitation.get_role_display(),
            "url": conf.site_url() + reverse("organisations:invitation", kwargs={"token": raw}),
            "days": conf.organisation_invitation_days(),
        },
        language=existing.preferred_language if existing else conf.language_code(),
    )
    return invitation


def invitation_get_pending(*, token: str) -> OrganisationInvitation:
    """The pending, unexpired invitation behind a link, or a clear error."""
    invitation = (
        OrganisationInvitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=secret_hash(token or ""))
        .first()
    )
    if invitation is None:
        raise NotFound(_("Cette invitation n'existe pas."))
    if invitation.state == InvitationState.ACCEPTED:
        raise OrganisationError(_("Cette invitation a déjà été acceptée."))
    if invitation.state == InvitationState.REVOKED:
        raise OrganisationError(_("Cette invitation a été annulée."))
    if invitation.expires_at <= timezone.now():
        raise OrganisationError(_("Cette invitation a expiré : demandez-en une nouvelle."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Join the organisation. The invitation is bound to the address it was sent to."""
    invitation = invitation_get_pending(token=token)
    invitation = OrganisationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != InvitationState.PENDING:
        raise OrganisationError(_("Cette invitation a déjà été utilisée."))
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied(
            _("Cette invitation a été envoyée à %(email)s : connectez-vous avec cette adresse.")
            % {"email": invitation.email}
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, organisation=invitation.organisation, role=invitation.role
            )
    except IntegrityError as exc:
        raise OrganisationError(_("Vous êtes déjà membre de cette organisation.")) from exc
    invitation.state = InvitationState.ACCEPTED
    invitation.accepted_by = user
    invitation.save(update_fields=["state", "accepted_by"])
    audit_record(
        actor=user,
        action="membership.created",
        organisation=invitation.organisation,
        target=membership,
        data={"role": invitation.role, "invitation": invitation.pk},
    )
    return membership


@transaction.atomic
def invitation_revoke(*, membership: Membership, invitation_id: int) -> OrganisationInvitation:
    require_manager(membership)
    invitation = (
        OrganisationInvitation.objects.select_for_update()
        .filter(pk=invitation_id, organisation_id=membership.organisation_id)
        .first()
    )
    if invitation is None:
        raise NotFound(_("Invitation introuvable."))
    if invitation.state == InvitationState.PENDING:
        invitation.state = InvitationState.REVOKED
        invitation.save(update_fields=["state"])
        audit_record(
            actor=membership.user,
            action="invitation.revoked",
            organisation=membership.organisation,
            target=invitation,
        )
    return invitation


def _target_membership(actor: Membership, membership_id: int) -> Membership:
    """The member being changed, with the organisation row locked.

    Locking the organisation first serialises every change to its members, so
    two owners leaving at once cannot both pass the "one owner remains" check
    (and cannot deadlock by locking each other's rows in turn).
    """
    Organisation.objects.select_for_update().filter(pk=actor.organisation_id).first()
    target = (
        Membership.objects.select_for_update()
        .select_related("user")
        .filter(pk=membership_id, organisation_id=actor.organisation_id)
        .first()
    )
    if target is None:
        raise NotFound(_("Membre introuvable."))
    return target


def _ensure_an_owner_remains(target: Membership) -> None:
    owners = Membership.objects.filter(organisation_id=target.organisation_id, role=Role.OWNER)
    if target.role == Role.OWNER and owners.count() <= 1:
        raise OrganisationError(_("Une organisation garde au moins un propriétaire : nommez-en un autre d'abord."))


@transaction.atomic
def membership_change_role(*, actor: Membership, membership_id: int, role: str) -> Membership:
    _check_role_power(actor, role)
    target = _target_membership(actor, membership_id)
    if target.role == role:
        return target
    if target.role == Role.OWNER and actor.role != Role.OWNER:
        raise PermissionDenied(_("Seul un propriétaire peut changer le rôle d'un propriétaire."))
    _ensure_an_owner_remains(target)
    previous = target.role
    target.role = role
    target.save(update_fields=["role"])
    audit_record(
        actor=actor.user,
        action="membership.role_changed",
        organisation=target.organisation,
        target=target,
        data={"from": previous, "to": role, "user": target.user.email},
    )
    return target


@transaction.atomic
def membership_remove(*, actor: Membership, membership_id: int) -> None:
    """Remove a member, or leave when the actor removes themself."""
    target = _target_membership(actor, membership_id)
    if target.pk != actor.pk:
        require_manager(actor)
        if target.role == Role.OWNER and actor.role != Role.OWNER:
            raise PermissionDenied(_("Seul un propriétaire peut retirer un propriétaire."))
    _ensure_an_owner_remains(target)
    audit_record(
        actor=actor.user,
        action="membership.removed" if target.pk != actor.pk else "membership.left",
        organisation=target.organisation,
        target=target,
        data={"user": target.user.email, "role": target.role},
    )
    target.delete()
