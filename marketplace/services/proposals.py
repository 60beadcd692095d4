"""Quotes: providers submit, revise and withdraw; the association shortlists, declines and accepts one.

Totals are always recomputed here from the lines and the provider's own
solidarity discount: whatever total a client sends is ignored.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..eligibility import require_verified_provider
from ..errors import NotFound, ProposalError
from ..models import (
    Membership,
    Project,
    Proposal,
    ProposalAttachment,
    ProposalLine,
    ProposalVersion,
    ProviderProfile,
)
from ..models.projects import ProjectState, ProposalState
from ..selectors.projects import project_get_for
from ..signals import (
    proposal_accepted,
    proposal_declined,
    proposal_revised,
    proposal_submitted,
    proposal_withdrawn,
    send_after_commit,
)
from ..validators import check_upload
from .audit import audit_record
from .notifications import notify_organisation
from .organisations import require_manager
from .responsiveness import invitation_quoted, invitations_settle

VAT_RATES_BP = (0, 550, 1000, 2000)  # exempt, 5.5 %, 10 %, 20 %
MAX_LINES = 50
MAX_MILESTONES = 20
MAX_QUANTITY = Decimal(10_000)
MAX_UNIT_PRICE_CENTS = 1_000_000_00
MAX_TOTAL_CENTS = 10_000_000_00
MAX_ATTACHMENTS = 5


def _cents(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _lines(data: dict) -> list[dict]:
    raw_lines = data.get("lines") or []
    if not raw_lines:
        raise ProposalError(_("Ajoutez au moins une ligne au devis."), field="lines")
    if len(raw_lines) > MAX_LINES:
        raise ProposalError(_("Au plus %(n)s lignes.") % {"n": MAX_LINES}, field="lines")
    lines = []
    for index, line in enumerate(raw_lines):
        field = f"lines.{index}"
        label = " ".join(str(line.get("label") or "").split())
        if not 1 <= len(label) <= 200:
            raise ProposalError(_("Chaque ligne a un libellé (200 caractères au plus)."), field=f"{field}.label")
        try:
            quantity = Decimal(str(line.get("quantity", "1")).replace(",", "."))
            unit_price = Decimal(str(line.get("unit_price")).replace(",", "."))
        except InvalidOperation:
            raise ProposalError(_("Quantité et prix doivent être des nombres."), field=field) from None
        if not (quantity.is_finite() and unit_price.is_finite()) or max(abs(quantity), abs(unit_price)) > 10**12:
            raise ProposalError(_("Quantité et prix doivent être des nombres."), field=field)
        if not (Decimal("0.01") <= quantity <= MAX_QUANTITY) or quantity != quantity.quantize(Decimal("0.01")):
            raise ProposalError(_("Quantité entre 0,01 et 10 000."), field=f"{field}.quantity")
        unit_cents = unit_price * 100
        if not (1 <= unit_cents <= MAX_UNIT_PRICE_CENTS) or unit_cents != unit_cents.quantize(Decimal(1)):
            raise ProposalError(
                _("Prix unitaire HT en euros, positif, au centime près (1 000 000 € au plus)."),
                field=f"{field}.unit_price",
            )
        lines.append(
            {
                "position": index,
                "label": label,
                "quantity_hundredths": int(quantity * 100),
                "unit_price_cents": int(unit_cents),
                "total_cents": _cents(quantity * unit_cents),
            }
        )
    return lines


def _milestones(data: dict) -> list[dict]:
    milestones = []
    for index, item in enumerate(data.get("milestones") or []):
        label = " ".join(str(item.get("label") or "").split())[:200]
        try:
            date = datetime.date.fromisoformat(str(item.get("date")))
        except ValueError:
            raise ProposalError(_("Date invalide (AAAA-MM-JJ)."), field=f"milestones.{index}.date") from None
        if not label:
            raise ProposalError(_("Chaque étape a un libellé."), field=f"milestones.{index}.label")
        milestones.append({"label": label, "date": date.isoformat()})
    if len(milestones) > MAX_MILESTONES:
        raise ProposalError(_("Au plus %(n)s étapes.") % {"n": MAX_MILESTONES}, field="milestones")
    return sorted(milestones, key=lambda m: m["date"])


def _version_values(data: dict, provider_profile: ProviderProfile | None) -> tuple[dict, list[dict]]:
    lines = _lines(data)
    try:
        vat_rate_bp = int(data.get("vat_rate_bp", 2000))
    except (TypeError, ValueError):
        vat_rate_bp = -1
    if vat_rate_bp not in VAT_RATES_BP:
        raise ProposalError(_("Taux de TVA possibles : 0 %, 5,5 %, 10 % ou 20 %."), field="vat_rate_bp")
    start_date = data.get("start_date") or None
    if start_date:
        try:
            start_date = datetime.date.fromisoformat(str(start_date))
        except ValueError:
            raise ProposalError(_("Date invalide (AAAA-MM-JJ)."), field="start_date") from None
        if start_date < timezone.localdate():
            raise ProposalError(_("La date de début est passée."), field="start_date")
    subtotal = sum(line["total_cents"] for line in lines)
    # The discount is the one the provider publishes on its profile: a quote cannot claim another.
    discount_percent = provider_profile.solidarity_discount_percent if provider_profile else 0
    discount = _cents(Decimal(subtotal) * discount_percent / 100)
    total_ht = subtotal - discount
    vat = _cents(Decimal(total_ht) * vat_rate_bp / 10_000)
    if total_ht + vat > MAX_TOTAL_CENTS:
        raise ProposalError(_("Le montant total dépasse la limite de 10 000 000 €."), field="lines")
    message = str(data.get("message") or "").strip()[:5000]
    return (
        {
            "vat_rate_bp": vat_rate_bp,
            "subtotal_cents": subtotal,
            "discount_percent": discount_percent,
            "discount_cents": discount,
            "total_ht_cents": total_ht,
            "vat_cents": vat,
            "total_ttc_cents": total_ht + vat,
            "start_date": start_date,
            "milestones": _milestones(data),
            "message": message,
        },
        lines,
    )


def _checked_attachments(attachments) -> list[tuple[object, str]]:
    attachments = list(attachments or [])
    if len(attachments) > MAX_ATTACHMENTS:
        raise ProposalError(_("Au plus %(n)s pièces jointes.") % {"n": MAX_ATTACHMENTS}, field="attachments")
    return [(upload, check_upload(upload, field="attachments")) for upload in attachments]


def _new_version(proposal: Proposal, membership: Membership, data: dict, attachments=()) -> ProposalVersion:
    """A new version with its lines and attachments; the previous version's attachments carry over."""
    profile = ProviderProfile.objects.filter(organisation_id=proposal.provider_id).first()
    values, lines = _version_values(data, profile)
    uploads = _checked_attachments(attachments)
    previous = proposal.current_version
    number = (proposal.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = ProposalVersion.objects.create(proposal=proposal, number=number, created_by=membership.user, **values)
    ProposalLine.objects.bulk_create([ProposalLine(version=version, **line) for line in lines])
    carried = list(previous.attachments.all()) if previous else []
    if len(carried) + len(uploads) > MAX_ATTACHMENTS:
        raise ProposalError(_("Au plus %(n)s pièces jointes.") % {"n": MAX_ATTACHMENTS}, field="attachments")
    ProposalAttachment.objects.bulk_create(
        [
            ProposalAttachment(
                version=version,
                file=old.file.name,
                original_name=old.original_name,
                content_type=old.content_type,
                size=old.size,
            )
            for old in carried
        ]
    )
    for upload, content_type in uploads:
        ProposalAttachment.objects.create(
            version=version, file=upload, original_name=upload.name[:255], content_type=content_type, size=upload.size
        )
    proposal.current_version = version
    proposal.save(update_fields=["current_version", "updated_at"])
    return version


def _timeline(proposal: Proposal, user, action: str, organisation=None, **data) -> None:
    audit_record(
        actor=user,
        action=f"proposal.{action}",
        organisation=organisation or proposal.project.organisation,
        target=proposal.project,
        data={"proposal": proposal.pk, "provider": proposal.provider.name, **data},
    )


def _project_url(project: Project) -> str:
    return reverse("projects:detail", kwargs={"project_id": project.pk})


@transaction.atomic
def proposal_submit(*, membership: Membership, project_id: int, data: dict, attachments=()) -> Proposal:
    """A verified provider quotes on a published project it can see."""
    require_verified_provider(membership.organisation)
    project = project_get_for(organisation=membership.organisation, project_id=project_id)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.state != ProjectState.PUBLISHED:
        raise ProposalError(_("Ce projet ne reçoit plus de devis."))
    _refuse_after_deadline(project)
    proposal = Proposal.objects.filter(project=project, provider=membership.organisation).first()
    if proposal is not None and proposal.state != ProposalState.WITHDRAWN:
        raise ProposalError(_("Vous avez déjà envoyé un devis pour ce projet : modifiez-le plutôt."))
    if proposal is None:
        proposal = Proposal.objects.create(project=project, provider=membership.organisation)
    else:
        # A provider who withdrew may quote again; the earlier versions stay in the history.
        proposal.state = ProposalState.SUBMITTED
        proposal.save(update_fields=["state", "updated_at"])
    version = _new_version(proposal, membership, data, attachments)
    # A quote answers the provider's invitation, if it had one.
    invitation_quoted(project_id=project.pk, provider_id=membership.organisation_id, at=version.created_at)
    _timeline(proposal, membership.user, "submitted")
    notify_organisation(
        organisation=project.organisation,
        kind="proposal.submitted",
        template="proposal_submitted",
        context={"project": project, "provider": membership.organisation},
        url=_project_url(project),
    )
    send_after_commit(proposal_submitted, proposal_id=proposal.pk)
    return proposal


def _lock_project_then_proposal(proposals, proposal_id: int) -> Proposal | None:
    """Lock the project row, then the proposal row: the order every service uses, so two of them
    (a withdrawal and an acceptance, say) wait for each other instead of deadlocking."""
    project_id = proposals.filter(pk=proposal_id).values_list("project_id", flat=True).first()
    if project_id is None:
        return None
    Project.objects.select_for_update().filter(pk=project_id).first()
    return (
        proposals.select_for_update(of=("self",)).select_related("project", "provider").filter(pk=proposal_id).first()
    )


def _own_open_proposal(membership: Membership, proposal_id: int) -> Proposal:
    proposal = _lock_project_then_proposal(Proposal.objects.filter(provider=membership.organisation), proposal_id)
    if proposal is None:
        raise NotFound(_("Devis introuvable."))
    if not proposal.is_live:
        raise ProposalError(_("Ce devis ne peut plus être modifié."))
    return proposal


def _refuse_after_deadline(project: Project) -> None:
    if project.answer_deadline and project.answer_deadline < timezone.localdate():
        raise ProposalError(_("La date limite des devis est passée."))


@transaction.atomic
def proposal_revise(*, membership: Membership, proposal_id: int, data: dict, attachments=()) -> ProposalVersion:
    """A new version; the previous ones stay in the history the association can read."""
    proposal = _own_open_proposal(membership, proposal_id)
    _refuse_after_deadline(proposal.project)
    version = _new_version(proposal, membership, data, attachments)
    _timeline(proposal, membership.user, "revised", version=version.number)
    notify_organisation(
        organisation=proposal.project.organisation,
        kind="proposal.revised",
        template="proposal_revised",
        context={"project": proposal.project, "provider": proposal.provider, "version": version.number},
        url=_project_url(proposal.project),
    )
    send_after_commit(proposal_revised, proposal_id=proposal.pk, version=version.number)
    return version


@transaction.atomic
def proposal_withdraw(*, membership: Membership, proposal_id: int) -> Proposal:
    proposal = _own_open_proposal(membership, proposal_id)
    proposal.state = ProposalState.WITHDRAWN
    proposal.save(update_fields=["state", "updated_at"])
    _timeline(proposal, membership.user, "withdrawn")
    send_after_commit(proposal_withdrawn, proposal_id=proposal.pk)
    return proposal


def _association_proposal(membership: Membership, proposal_id: int) -> Proposal:
    proposal = _lock_project_then_proposal(
        Proposal.objects.filter(project__organisation=membership.organisation), proposal_id
    )
    if proposal is None:
        raise NotFound(_("Devis introuvable."))
    return proposal


@transaction.atomic
def proposal_shortlist(*, membership: Membership, proposal_id: int, shortlisted: bool = True) -> Proposal:
    proposal = _association_proposal(membership, proposal_id)
    if not proposal.is_live:
        raise ProposalError(_("Ce devis n'est plus en lice."))
    proposal.state = ProposalState.SHORTLISTED if shortlisted else ProposalState.SUBMITTED
    proposal.save(update_fields=["state", "updated_at"])
    _timeline(proposal, membership.user, "shortlisted" if shortlisted else "unshortlisted")
    return proposal


@transaction.atomic
def proposal_decline(*, membership: Membership, proposal_id: int, reason: str = "") -> Proposal:
    proposal = _association_proposal(membership, proposal_id)
    if not proposal.is_open:
        raise ProposalError(_("Ce devis n'est plus en lice."))
    proposal.state = ProposalState.DECLINED
    proposal.decline_reason = " ".join((reason or "").split())[:500]
    proposal.save(update_fields=["state", "decline_reason", "updated_at"])
    _timeline(proposal, membership.user, "declined", reason=proposal.decline_reason)
    notify_organisation(
        organisation=proposal.provider,
        kind="proposal.declined",
        template="proposal_declined",
        context={"project": proposal.project, "reason": proposal.decline_reason},
        url=_project_url(proposal.project),
    )
    send_after_commit(proposal_declined, proposal_id=proposal.pk, project_id=proposal.project_id)
    return proposal


@transaction.atomic
def proposal_accept(*, membership: Membership, proposal_id: int) -> Proposal:
    """Award the project to this quote. The project row is locked: of two simultaneous accepts,
    the second sees the project already awarded and gets a clear message."""
    require_manager(membership)
    proposal = _association_proposal(membership, proposal_id)
    project = proposal.project
    if project.state != ProjectState.PUBLISHED:
        raise ProposalError(_("Ce projet a déjà été attribué ou n'est plus ouvert."))
    if not proposal.is_open:
        raise ProposalError(_("Ce devis n'est plus en lice."))
    invitations_settle(project=project)
    proposal.state = ProposalState.ACCEPTED
    proposal.save(update_fields=["state", "updated_at"])
    project.state = ProjectState.AWARDED
    project.awarded_proposal = proposal
    project.save(update_fields=["state", "awarded_proposal", "updated_at"])
    others = list(
        project.proposals.filter(state__in=ProposalState.OPEN).exclude(pk=proposal.pk).select_related("provider")
    )
    reason = _("Un autre devis a été retenu.")
    Proposal.objects.filter(pk__in=[p.pk for p in others]).update(
        state=ProposalState.DECLINED, decline_reason=reason, updated_at=timezone.now()
    )
    _timeline(proposal, membership.user, "accepted")
    notify_organisation(
        organisation=proposal.provider,
        kind="proposal.accepted",
        template="proposal_accepted",
        context={"project": project, "association": project.organisation},
        url=_project_url(project),
    )
    for other in others:
        notify_organisation(
            organisation=other.provider,
            kind="proposal.declined",
            template="proposal_declined",
            context={"project": project, "reason": reason},
            url=_project_url(project),
        )
        send_after_commit(proposal_declined, proposal_id=other.pk, project_id=project.pk)
    send_after_commit(proposal_accepted, proposal_id=proposal.pk, project_id=project.pk)
    return proposal
