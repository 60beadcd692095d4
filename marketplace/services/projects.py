"""Projects: drafting, publishing, editing, invitations and the lifecycle up to closure or expiry.

Any member of the association may draft and publish; cancelling and awarding
commit the association, so they need an owner or an admin. Each transition
checks who and from which state, writes the project's timeline and announces
itself to the other packages after commit.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..eligibility import require_can_publish_projects
from ..errors import NotFound, PermissionDenied, ProjectError
from ..geography import approximate_coordinates, region_for_postcode
from ..models import (
    AssociationProfile,
    Membership,
    Organisation,
    Project,
    ProjectAttachment,
    ProjectChange,
    ProjectInvitation,
    Proposal,
    Skill,
)
from ..models.organisations import OrganisationKind, VerificationStatus
from ..models.projects import ProjectState, ProposalState, Visibility
from ..money import format_money
from ..project_types import ProjectType, clean_answers, spec_for
from ..signals import (
    project_closed,
    project_published,
    project_state_changed,
    project_updated,
    provider_invited,
    send_after_commit,
)
from ..validators import check_upload
from .audit import audit_record
from .notifications import notify_organisation
from .organisations import require_manager
from .responsiveness import invitation_start_clock, invitations_settle, invitations_start_clock

MAX_BUDGET_EUROS = 10_000_000
MAX_ATTACHMENTS = 10
# Fields whose change a provider who already quoted must be told about.
WATCHED_FIELDS = (
    "project_type",
    "title",
    "description",
    "answers",
    "budget_min_cents",
    "budget_max_cents",
    "desired_start",
    "deadline",
    "answer_deadline",
    "postcode",
    "commune",
    "remote_ok",
)


def _require_association_member(membership: Membership) -> None:
    if membership.organisation.kind != OrganisationKind.ASSOCIATION:
        raise PermissionDenied(_("Seules les associations publient des projets."))


def _own_project(membership: Membership, project_id: int, *, lock: bool = False) -> Project:
    projects = Project.objects.select_for_update() if lock else Project.objects
    project = projects.filter(pk=project_id, organisation_id=membership.organisation_id).first()
    if project is None:
        raise NotFound(_("Projet introuvable."))
    return project


def _text(data, field, *, minimum, maximum, multiline=False) -> str:
    raw = str(data.get(field) or "")
    value = raw.strip().replace("\r\n", "\n") if multiline else " ".join(raw.split())
    if len(value) < minimum:
        raise ProjectError(_("Au moins %(n)s caractères.") % {"n": minimum}, field=field)
    if len(value) > maximum:
        raise ProjectError(_("Au plus %(n)s caractères.") % {"n": maximum}, field=field)
    return value


def _date(data, field) -> datetime.date | None:
    value = data.get(field)
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ProjectError(_("Date invalide (AAAA-MM-JJ)."), field=field) from None


def _budget(data) -> tuple[int | None, int | None]:
    if data.get("budget_unknown"):
        return None, None
    values = []
    for field in ("budget_min", "budget_max"):
        raw = data.get(field)
        if raw in (None, ""):
            values.append(None)
            continue
        try:
            euros = int(raw)
        except (TypeError, ValueError):
            raise ProjectError(_("Indiquez un montant en euros, sans centimes."), field=field) from None
        if not 1 <= euros <= MAX_BUDGET_EUROS:
            raise ProjectError(
                _("Le montant doit être compris entre 1 € et %(max)s.")
                % {"max": format_money(MAX_BUDGET_EUROS * 100, decimals=0)},
                field=field,
            )
        values.append(euros * 100)
    low, high = values
    if low is None and high is None:
        raise ProjectError(_("Indiquez une fourchette de budget, ou cochez « Je ne sais pas »."), field="budget_min")
    if low is not None and high is not None and low > high:
        raise ProjectError(_("Le budget maximum doit être supérieur au minimum."), field="budget_max")
    return low, high


def _skills(data, project_type: str) -> list[Skill]:
    slugs = list(dict.fromkeys(data.get("skills") or [])) or list(spec_for(project_type).skills)
    skills = list(Skill.objects.filter(slug__in=slugs, is_active=True))
    unknown = sorted(set(slugs) - {s.slug for s in skills})
    if unknown and data.get("skills"):
        raise ProjectError(_("Compétence inconnue : %(values)s.") % {"values": ", ".join(unknown)}, field="skills")
    if len(skills) > 15:
        raise ProjectError(_("Choisissez au plus 15 compétences."), field="skills")
    return skills


def _place(data, organisation: Organisation) -> dict:
    if data.get("use_organisation_address", True) and not data.get("postcode"):
        profile = AssociationProfile.objects.filter(organisation=organisation).first()
        if profile is None:
            raise ProjectError(
                _("Indiquez où se déroule le projet : votre association n'a pas encore d'adresse dans son profil."),
                field="postcode",
            )
        postcode, commune = profile.postcode, profile.commune
    else:
        postcode, commune = (data.get("postcode") or "").strip(), " ".join(str(data.get("commune") or "").split())
    region = region_for_postcode(postcode)
    if region is None:
        raise ProjectError(_("Saisissez un code postal français valide (5 chiffres)."), field="postcode")
    latitude, longitude = approximate_coordinates(postcode)
    return {
        "postcode": postcode,
        "commune": commune[:120],
        "region": region,
        "latitude": latitude,
        "longitude": longitude,
    }


def _values(data: dict, organisation: Organisation) -> tuple[dict, list[Skill]]:
    project_type = data.get("project_type")
    if project_type not in ProjectType.values:
        raise ProjectError(_("Choisissez un type de projet."), field="project_type")
    try:
        answers = clean_answers(project_type, data.get("answers") or {})
    except ValueError as exc:
        key, message = exc.args
        raise ProjectError(message, field=f"answers.{key}") from exc
    budget_min, budget_max = _budget(data)
    desired_start, deadline, answer_deadline = (
        _date(data, f) for f in ("desired_start", "deadline", "answer_deadline")
    )
    if desired_start and deadline and deadline < desired_start:
        raise ProjectError(_("L'échéance doit suivre la date de début souhaitée."), field="deadline")
    if answer_deadline and deadline and answer_deadline > deadline:
        raise ProjectError(_("La date limite des devis doit précéder l'échéance du projet."), field="answer_deadline")
    visibility = data.get("visibility") or Visibility.VERIFIED_PROVIDERS
    if visibility not in Visibility.values:
        raise ProjectError(_("Choisissez une visibilité dans la liste."), field="visibility")
    values = {
        "project_type": project_type,
        "title": _text(data, "title", minimum=5, maximum=160),
        "description": _text(data, "description", minimum=20, maximum=10_000, multiline=True),
        "answers": answers,
        "budget_min_cents": budget_min,
        "budget_max_cents": budget_max,
        "desired_start": desired_start,
        "deadline": deadline,
        "answer_deadline": answer_deadline,
        "remote_ok": _flag(data.get("remote_ok", True)),
        "visibility": visibility,
        **_place(data, organisation),
    }
    return values, _skills(data, project_type)


def _check_dates_for_publication(project: Project, today: datetime.date) -> None:
    for field in ("desired_start", "deadline", "answer_deadline"):
        value = getattr(project, field, None)
        if value is not None and value < today:
            raise ProjectError(_("Cette date est passée : choisissez-en une à venir."), field=field)


def _attach(project: Project, attachments, user) -> None:
    if project.attachments.count() + len(attachments) > MAX_ATTACHMENTS:
        raise ProjectError(_("Au plus %(n)s pièces jointes par projet.") % {"n": MAX_ATTACHMENTS}, field="attachments")
    for upload in attachments:
        content_type = check_upload(upload, field="attachments")
        ProjectAttachment.objects.create(
            project=project,
            file=upload,
            original_name=upload.name[:255],
            content_type=content_type,
            size=upload.size,
            uploaded_by=user,
        )


def _timeline(project: Project, user, action: str, **data) -> None:
    audit_record(actor=user, action=f"project.{action}", organisation=project.organisation, target=project, data=data)


@transaction.atomic
def project_create(*, membership: Membership, data: dict, attachments=()) -> Project:
    """Save a draft. Any association may draft, verified or not."""
    _require_association_member(membership)
    values, skills = _values(data, membership.organisation)
    project = Project(organisation=membership.organisation, created_by=membership.user, **values)
    project.full_clean()
    project.save()
    project.skills.set(skills)
    _attach(project, list(attachments), membership.user)
    _timeline(project, membership.user, "created")
    return project


@transaction.atomic
def project_update(*, membership: Membership, project_id: int, data: dict, attachments=()) -> Project:
    """Edit a draft freely; editing a published project keeps a change log that quoting providers see."""
    _require_association_member(membership)
    project = _own_project(membership, project_id, lock=True)
    if not project.is_editable:
        raise ProjectError(_("Ce projet ne peut plus être modifié dans son état actuel."))
    values, skills = _values(data, membership.organisation)
    if project.state == ProjectState.PUBLISHED:
        # Only dates being changed must be ahead: an old start date does not block fixing a typo.
        changed_dates = {
            f: values[f] for f in ("desired_start", "deadline", "answer_deadline") if values[f] != getattr(project, f)
        }
        _check_dates_for_publication(Project(**changed_dates), timezone.localdate())
        if values["visibility"] != project.visibility:
            raise ProjectError(_("La visibilité d'un projet publié ne change plus."), field="visibility")
    changes = {
        field: [_plain(getattr(project, field)), _plain(values[field])]
        for field in WATCHED_FIELDS
        if getattr(project, field) != values[field]
    }
    old_skills = sorted(project.skills.values_list("slug", flat=True))
    new_skills = sorted(skill.slug for skill in skills)
    if old_skills != new_skills:
        changes["skills"] = [old_skills, new_skills]
    for field, value in values.items():
        setattr(project, field, value)
    project.full_clean()
    project.save()
    project.skills.set(skills)
    _attach(project, list(attachments), membership.user)
    if project.state == ProjectState.PUBLISHED and changes:
        ProjectChange.objects.create(project=project, changed_by=membership.user, fields=changes)
        _timeline(project, membership.user, "updated", fields=sorted(changes))
        _notify_quoting_providers(project, "project_updated", fields=sorted(changes))
        send_after_commit(project_updated, project_id=project.pk, fields=sorted(changes))
    return project


def _flag(value) -> bool:
    """A checkbox or JSON boolean: the string "false" must not read as true."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on", "oui")
    return bool(value)


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


@transaction.atomic
def project_publish(*, membership: Membership, project_id: int) -> Project:
    """Only verified associations publish; dates must still be ahead."""
    _require_association_member(membership)
    require_can_publish_projects(membership.organisation)
    project = _own_project(membership, project_id, lock=True)
    if project.state != ProjectState.DRAFT:
        raise ProjectError(_("Seul un brouillon peut être publié."))
    _check_dates_for_publication(project, timezone.localdate())
    project.state = ProjectState.PUBLISHED
    project.published_at = timezone.now()
    project.save(update_fields=["state", "published_at", "updated_at"])
    # Providers invited on the draft learn of it now: their time to answer starts now.
    invitations_start_clock(project=project, at=project.published_at)
    _timeline(project, membership.user, "published")
    for invitation in project.invitations.select_related("provider"):
        _notify_provider(project, invitation.provider, "project_invitation", respond_by=invitation.respond_by)
    send_after_commit(project_published, project_id=project.pk)
    return project


@transaction.atomic
def project_invite(*, membership: Membership, project_id: int, provider_id: int) -> ProjectInvitation:
    """Ask a verified provider to quote; it is told at once if the project is published, else on publication.

    Being told starts the provider's time to answer (`services.responsiveness`).
    """
    _require_association_member(membership)
    project = _own_project(membership, project_id, lock=True)
    if not project.is_invitable:
        raise ProjectError(_("On ne peut plus inviter de prestataire sur ce projet."))
    provider = Organisation.objects.filter(
        pk=provider_id, kind=OrganisationKind.PROVIDER, verification_status=VerificationStatus.VERIFIED
    ).first()
    if provider is None:
        raise NotFound(_("Prestataire introuvable ou pas encore vérifié."))
    invitation, created = ProjectInvitation.objects.get_or_create(
        project=project, provider=provider, defaults={"invited_by": membership.user}
    )
    if not created:
        raise ProjectError(_("Ce prestataire est déjà invité."))
    _timeline(project, membership.user, "provider_invited", provider=provider.name)
    send_after_commit(provider_invited, project_id=project.pk, provider_id=provider.pk)
    if project.state == ProjectState.PUBLISHED:
        invitation_start_clock(invitation=invitation, at=invitation.created_at)
        _notify_provider(project, provider, "project_invitation", respond_by=invitation.respond_by)
    return invitation


def _decline_open_proposals(project: Project, reason: str) -> list[int]:
    open_ids = list(project.proposals.filter(state__in=ProposalState.OPEN).values_list("pk", flat=True))
    Proposal.objects.filter(pk__in=open_ids).update(
        state=ProposalState.DECLINED, decline_reason=reason, updated_at=timezone.now()
    )
    return open_ids


@transaction.atomic
def project_cancel(*, membership: Membership, project_id: int, reason: str = "") -> Project:
    require_manager(membership)
    project = _own_project(membership, project_id, lock=True)
    if not project.is_cancellable:
        raise ProjectError(_("Ce projet ne peut plus être annulé."))
    reason = " ".join((reason or "").split())[:500]
    if project.state == ProjectState.PUBLISHED:
        invitations_settle(project=project)
    declined = _decline_open_proposals(project, _("Projet annulé par l'association."))
    if project.awarded_proposal_id:
        Proposal.objects.filter(pk=project.awarded_proposal_id).update(
            state=ProposalState.DECLINED, decline_reason=_("Projet annulé par l'association.")
        )
        declined.append(project.awarded_proposal_id)
    was_public = project.state != ProjectState.DRAFT
    project.state = ProjectState.CANCELLED
    project.save(update_fields=["state", "updated_at"])
    _timeline(project, membership.user, "cancelled", reason=reason)
    if was_public:
        for proposal in Proposal.objects.filter(pk__in=declined).select_related("provider"):
            _notify_provider(project, proposal.provider, "project_cancelled", reason=reason)
        send_after_commit(project_closed, project_id=project.pk, state=project.state)
    return project


def _awarded_provider_id(project: Project) -> int | None:
    return project.awarded_proposal.provider_id if project.awarded_proposal_id else None


def _transition(*, membership: Membership, project_id: int, source: str, target: str, by: str, action: str) -> Project:
    """Move a project one step along awarded -> in progress -> delivered -> closed.

    `by` says whose step it is: "association", "provider" (the awarded one) or "either".
    """
    # of=("self",): lock the project row only (PostgreSQL refuses to lock the nullable side of a join).
    project = (
        Project.objects.select_for_update(of=("self",))
        .select_related("awarded_proposal", "organisation")
        .filter(pk=project_id)
        .first()
    )
    is_association = project is not None and project.organisation_id == membership.organisation_id
    is_provider = project is not None and _awarded_provider_id(project) == membership.organisation_id
    if project is None or not (is_association or is_provider):
        raise NotFound(_("Projet introuvable."))
    allowed = {"association": is_association, "provider": is_provider, "either": is_association or is_provider}[by]
    if not allowed:
        raise PermissionDenied(_("Cette étape revient à l'autre partie du projet."))
    if project.state != source:
        raise ProjectError(
            _("Cette étape n'est pas possible : le projet est « %(state)s ».") % {"state": project.get_state_display()}
        )
    project.state = target
    project.save(update_fields=["state", "updated_at"])
    _timeline(project, membership.user, action)
    other = project.awarded_proposal.provider if is_association else project.organisation
    notify_organisation(
        organisation=other,
        kind=f"project.{action}",
        template=f"project_{action}",
        context={"project": project, "by": membership.organisation},
        url=reverse("projects:detail", kwargs={"project_id": project.pk}),
    )
    send_after_commit(project_state_changed, project_id=project.pk, state=target)
    if target == ProjectState.CLOSED:
        send_after_commit(project_closed, project_id=project.pk, state=target)
    return project


@transaction.atomic
def project_start(*, membership: Membership, project_id: int) -> Project:
    return _transition(
        membership=membership,
        project_id=project_id,
        source=ProjectState.AWARDED,
        target=ProjectState.IN_PROGRESS,
        by="either",
        action="started",
    )


@transaction.atomic
def project_mark_delivered(*, membership: Membership, project_id: int) -> Project:
    return _transition(
        membership=membership,
        project_id=project_id,
        source=ProjectState.IN_PROGRESS,
        target=ProjectState.DELIVERED,
        by="provider",
        action="delivered",
    )


@transaction.atomic
def project_close(*, membership: Membership, project_id: int) -> Project:
    return _transition(
        membership=membership,
        project_id=project_id,
        source=ProjectState.DELIVERED,
        target=ProjectState.CLOSED,
        by="association",
        action="closed",
    )


def projects_expire_overdue(*, today: datetime.date | None = None) -> int:
    """Published projects whose answer deadline passed without an award expire; returns how many.

    Each project is handled in its own transaction with its row locked, so an
    award at the same moment wins or loses cleanly.
    """
    today = today or timezone.localdate()
    due = list(
        Project.objects.filter(state=ProjectState.PUBLISHED, answer_deadline__lt=today).values_list("pk", flat=True)
    )
    expired = 0
    for project_id in due:
        with transaction.atomic():
            project = Project.objects.select_for_update().filter(pk=project_id, state=ProjectState.PUBLISHED).first()
            if project is None:
                continue
            invitations_settle(project=project)
            declined = _decline_open_proposals(project, _("Le projet a expiré sans être attribué."))
            project.state = ProjectState.EXPIRED
            project.save(update_fields=["state", "updated_at"])
            _timeline(project, None, "expired")
            notify_organisation(
                organisation=project.organisation,
                kind="project.expired",
                template="project_expired",
                context={"project": project},
                url=reverse("projects:detail", kwargs={"project_id": project.pk}),
            )
            for proposal in Proposal.objects.filter(pk__in=declined).select_related("provider"):
                _notify_provider(project, proposal.provider, "project_expired_provider")
            send_after_commit(project_closed, project_id=project.pk, state=project.state)
            expired += 1
    return expired


def _notify_provider(project: Project, provider: Organisation, template: str, **extra) -> None:
    notify_organisation(
        organisation=provider,
        kind=f"project.{template}",
        template=template,
        context={"project": project, "association": project.organisation, **extra},
        url=reverse("projects:detail", kwargs={"project_id": project.pk}),
    )


def _notify_quoting_providers(project: Project, template: str, **extra) -> None:
    for proposal in project.proposals.filter(state__in=ProposalState.OPEN).select_related("provider"):
        _notify_provider(project, proposal.provider, template, **extra)
