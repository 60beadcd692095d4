"""Project pages: guided posting, the project page of each side, quotes, decisions, lifecycle and reviews.

Thin: selectors decide what the organisation may see, services what it may do.
Every page and action first looks the project (or quote) up among those the
organisation may see, so another organisation gets the same 404 as for an id
that does not exist, whatever the action.
"""

import datetime

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..eligibility import can_publish_projects
from ..errors import DomainError, NotFound, PermissionDenied
from ..forms.projects import (
    TYPE_EXPLANATIONS,
    CancelForm,
    ProjectForm,
    ProposalEditor,
    ReasonForm,
    ReviewForm,
    add_service_error,
    answers_for_display,
    changes_for_display,
)
from ..models import ProjectAttachment, ProposalAttachment, ProposalVersion, ProviderProfile, Review
from ..models.projects import ProjectState, ProposalState
from ..models.reviews import CRITERIA
from ..project_types import SPECS, ProjectType
from ..selectors.actions import project_actions_for, proposal_actions_for
from ..selectors.dashboards import with_proposal_counts
from ..selectors.profiles import association_profile_get, skill_domain_list
from ..selectors.project_lists import ProjectFilterError, organisation_projects_for
from ..selectors.projects import project_get_for, project_page_for, projects_visible_to, proposal_get_for
from ..selectors.responsiveness import invitation_for_provider
from ..selectors.reviews import project_reviews_for
from ..services.projects import (
    project_cancel,
    project_close,
    project_create,
    project_mark_delivered,
    project_publish,
    project_start,
    project_update,
)
from ..services.proposals import (
    proposal_accept,
    proposal_decline,
    proposal_revise,
    proposal_shortlist,
    proposal_submit,
    proposal_withdraw,
)
from ..services.responsiveness import invitation_decline
from ..services.reviews import review_create, review_respond, review_update, reviews_blind_until
from .actions import action_run
from .decorators import organisation_required
from .documents import document_response

# Looking things up: what the organisation may not see does not exist.


def _visible_project(request, project_id: int):
    try:
        return project_get_for(organisation=request.organisation, project_id=project_id)
    except NotFound as error:
        raise Http404(error.message) from error


def _own_project(request, project_id: int):
    """A project of the user's association; for anyone else, even a provider who sees it, a 404."""
    project = _visible_project(request, project_id)
    if project.organisation_id != request.organisation.pk:
        raise Http404(_("Projet introuvable."))
    return project


def _visible_proposal(request, proposal_id: int):
    try:
        return proposal_get_for(organisation=request.organisation, proposal_id=proposal_id)
    except NotFound as error:
        raise Http404(error.message) from error


def _require_association(request) -> None:
    if not request.organisation.is_association:
        raise Http404(_("Page introuvable."))


def _to_project(project_id: int):
    return redirect("projects:detail", project_id=project_id)


def _act(request, action, *, success: str, project_id: int):
    """A one-button action: the success, or the service's refusal, as a message on the project page."""
    return action_run(request, action, success=success, then=_to_project(project_id))


# The providers' board


# Posting and editing


@organisation_required
@require_GET
def project_list(request):
    """An association's projects, all of them or those in one state; providers look for projects on the board."""
    if not request.organisation.is_association:
        return redirect("board:list")
    context = {"states": ProjectState.choices, "state": request.GET.get("state", "")}
    try:
        projects = organisation_projects_for(organisation=request.organisation, params=request.GET)
    except ProjectFilterError as error:
        context.update(projects=[], error=error.message)
        return render(request, "projects/list.html", context, status=400)
    context["projects"] = with_proposal_counts(projects)
    return render(request, "projects/list.html", context)


def _type_cards() -> list[dict]:
    return [
        {
            "value": value,
            "label": label,
            "explanation": TYPE_EXPLANATIONS[value],
            "typical_low": SPECS[value].typical_budget_euros[0] * 100,
            "typical_high": SPECS[value].typical_budget_euros[1] * 100,
        }
        for value, label in ProjectType.choices
    ]


def _project_form(request, project_type: str, project=None) -> ProjectForm:
    posted = request.method == "POST"
    address = association_profile_get(organisation=request.organisation)
    initial = {}
    if project is not None:
        initial = {**ProjectForm.initial_from(project, address), "project_type": project_type}
    return ProjectForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=initial,
        project_type=project_type,
        skill_domains=skill_domain_list(),
        address=address,
        published=project is not None and project.state == ProjectState.PUBLISHED,
    )


def _render_form(request, form: ProjectForm, project=None):
    context = {
        "form": form,
        "project": project,
        "type_label": ProjectType(form["project_type"].value()).label,
        "types": ProjectType.choices,
        "files_dropped": bool(form.errors and request.FILES),
    }
    return render(request, "projects/form.html", context, status=400 if form.errors else 200)


@organisation_required
@require_http_methods(["GET", "POST"])
def new(request):
    """Step 1 picks the type (a GET parameter, so it works without JavaScript); step 2 saves a draft."""
    _require_association(request)
    posted = request.method == "POST"
    project_type = (request.POST.get("project_type") if posted else request.GET.get("type")) or ""
    if project_type not in SPECS:
        context = {"types": _type_cards(), "unknown_type": bool(project_type) or posted}
        return render(request, "projects/new_type.html", context, status=400 if posted else 200)
    form = _project_form(request, project_type)
    if posted and form.is_valid():
        try:
            project = project_create(
                membership=request.membership,
                data=form.data_for_service(),
                attachments=form.cleaned_data["attachments"],
            )
        except DomainError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Votre brouillon est enregistré. Relisez-le, puis publiez-le."))
            return _to_project(project.pk)
    return _render_form(request, form)


@organisation_required
@require_http_methods(["GET", "POST"])
def edit(request, project_id: int):
    project = _own_project(request, project_id)
    if not project.is_editable:
        messages.error(request, _("Ce projet ne peut plus être modifié dans son état actuel."))
        return _to_project(project.pk)
    posted = request.method == "POST"
    project_type = (request.POST.get("project_type") if posted else request.GET.get("type")) or ""
    if project_type not in SPECS:
        project_type = project.project_type
    form = _project_form(request, project_type, project)
    if posted and form.is_valid():
        try:
            project_update(
                membership=request.membership,
                project_id=project.pk,
                data=form.data_for_service(),
                attachments=form.cleaned_data["attachments"],
            )
        except NotFound as error:
            raise Http404(error.message) from error
        except DomainError as error:
            add_service_error(form, error)
        else:
            if project.state == ProjectState.PUBLISHED:
                messages.success(
                    request,
                    _("Le projet est modifié. Les prestataires qui ont déjà envoyé un devis voient ce qui a changé."),
                )
            else:
                messages.success(request, _("Le brouillon est modifié."))
            return _to_project(project.pk)
    return _render_form(request, form, project)


@organisation_required
@require_POST
def publish(request, project_id: int):
    project = _own_project(request, project_id)
    return _act(
        request,
        lambda: project_publish(membership=request.membership, project_id=project.pk),
        success=_("Votre projet est publié : les prestataires peuvent maintenant vous envoyer leurs devis."),
        project_id=project.pk,
    )


@organisation_required
@require_http_methods(["GET", "POST"])
def cancel(request, project_id: int):
    project = _own_project(request, project_id)
    form = CancelForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            project_cancel(membership=request.membership, project_id=project.pk, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_service_error(form, error)
            status = error.status_code
        else:
            messages.success(request, _("Le projet est annulé."))
            return _to_project(project.pk)
    if form.errors and status == 200:
        status = 400
    return render(request, "projects/cancel.html", {"project": project, "form": form}, status=status)


# The project page


@organisation_required
@require_GET
def detail(request, project_id: int):
    return _detail(request, project_id)


def _detail(request, project_id: int, *, editor=None, review_form=None, status: int = 200):
    try:
        context = project_page_for(organisation=request.organisation, project_id=project_id)
    except NotFound as error:
        raise Http404(error.message) from error
    project = context["project"]
    organisation = request.organisation
    own_proposal = context["own_proposal"]
    invitation = (
        None if context["is_owner"] else invitation_for_provider(project_id=project.pk, provider_id=organisation.pk)
    )
    actions = project_actions_for(
        organisation=organisation, project=project, own_proposal=own_proposal, invitation=invitation
    )
    project_reviews = (
        project_reviews_for(project=project, organisation_id=organisation.pk) if actions.is_party else None
    )
    if review_form is None and project_reviews is not None and actions.review:
        subject_kind = "provider" if actions.is_owner else "association"
        review_form = review_form_for(project_reviews.own, subject_kind=subject_kind)
    context.update(
        actions=actions,
        membership=request.membership,
        answers=answers_for_display(project),
        readable_changes=changes_for_display(project, context["changes"]),
        attachments=project.attachments.all(),
        reviews=project_reviews.reviews if project_reviews else [],
        own_review=project_reviews.own if project_reviews else None,
        other_review_waiting=project_reviews.other_waiting if project_reviews else False,
        review_form=review_form,
    )
    if actions.is_owner:
        context.update(
            proposals=context["proposals"].select_related("provider__provider_profile"),
            can_publish=can_publish_projects(organisation),
            invitations=project.invitations.select_related("provider").order_by("created_at"),
        )
    else:
        context.update(
            invitation=invitation,
            versions=_versions(own_proposal),
            editor=editor or (ProposalEditor() if actions.quote else None),
            discount_percent=_discount_percent(organisation) if actions.quote or editor else 0,
        )
    return render(request, "projects/detail.html", context, status=status)


def _versions(proposal) -> list[ProposalVersion]:
    """The quote's versions, newest first, with their milestones' dates as dates for display."""
    if proposal is None:
        return []
    versions = list(ProposalVersion.objects.filter(proposal=proposal).prefetch_related("lines").order_by("-number"))
    for version in versions:
        version.milestone_items = [
            {"label": item["label"], "date": datetime.date.fromisoformat(item["date"])} for item in version.milestones
        ]
    return versions


def _discount_percent(organisation) -> int:
    profile = ProviderProfile.objects.filter(organisation=organisation).only("solidarity_discount_percent").first()
    return profile.solidarity_discount_percent if profile else 0


def _posted_reason(request) -> str:
    """The optional reason sent with a decline; one too long is dropped, not refused, so the decline goes through."""
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


@organisation_required
@require_POST
def invitation_decline_view(request, project_id: int):
    """The invited provider says no; the association is told. Anyone else gets the project's 404."""
    project = _visible_project(request, project_id)
    reason = _posted_reason(request)
    return _act(
        request,
        lambda: invitation_decline(membership=request.membership, project_id=project.pk, reason=reason),
        success=_("Vous avez décliné l'invitation ; l'association est prévenue."),
        project_id=project.pk,
    )


@organisation_required
@require_GET
def attachment(request, attachment_id: int):
    """A project's attachment, for the organisations that may see the project; a 404 for anyone else."""
    found = ProjectAttachment.objects.filter(
        pk=attachment_id, project__in=projects_visible_to(organisation=request.organisation)
    ).first()
    if found is None:
        raise Http404(_("Pièce jointe introuvable."))
    return document_response(found)


@organisation_required
@require_GET
def proposal_attachment(request, attachment_id: int):
    """A quote's attachment, for the association of the project and the provider who quoted; 404 otherwise."""
    found = ProposalAttachment.objects.filter(
        Q(version__proposal__provider=request.organisation)
        | Q(version__proposal__project__organisation=request.organisation),
        pk=attachment_id,
    ).first()
    if found is None:
        raise Http404(_("Pièce jointe introuvable."))
    return document_response(found)


# Lifecycle and reviews


@organisation_required
@require_POST
def start(request, project_id: int):
    return _act(
        request,
        lambda: project_start(membership=request.membership, project_id=project_id),
        success=_("Le projet est en cours. Bon travail !"),
        project_id=project_id,
    )


@organisation_required
@require_POST
def deliver(request, project_id: int):
    return _act(
        request,
        lambda: project_mark_delivered(membership=request.membership, project_id=project_id),
        success=_("Le projet est marqué comme livré. L'association va pouvoir le clôturer."),
        project_id=project_id,
    )


@organisation_required
@require_POST
def close(request, project_id: int):
    return _act(
        request,
        lambda: project_close(membership=request.membership, project_id=project_id),
        success=_("Le projet est terminé. Pensez à laisser un avis au prestataire."),
        project_id=project_id,
    )


def review_form_for(own_review, *, subject_kind: str, data=None) -> ReviewForm | None:
    """The form to write a review, or to change one still blind; none once the own review is published."""
    if own_review is None:
        return ReviewForm(data, subject_kind=subject_kind)
    if own_review.is_published:
        return None
    initial = {criterion: str(getattr(own_review, criterion)) for criterion in CRITERIA}
    initial.update(comment=own_review.comment, is_anonymous=own_review.is_anonymous)
    return ReviewForm(data, initial=initial, subject_kind=subject_kind)


@organisation_required
@require_POST
def review(request, project_id: int):
    """Write the review of the other side, or change it while it is still blind."""
    project = _visible_project(request, project_id)
    organisation = request.organisation
    subject_kind = "provider" if project.organisation_id == organisation.pk else "association"
    own = Review.objects.filter(project_id=project.pk, author=organisation).first()
    form = review_form_for(own, subject_kind=subject_kind, data=request.POST)
    if form is None:
        messages.error(request, _("Votre avis est publié : il ne peut plus être modifié."))
        return _to_project(project_id)
    if form.is_valid():
        try:
            if own is None:
                created = review_create(membership=request.membership, project_id=project_id, data=form.cleaned_data)
            else:
                created = review_update(membership=request.membership, review_id=own.pk, data=form.cleaned_data)
        except NotFound as error:
            raise Http404(error.message) from error
        except DomainError as error:
            add_service_error(form, error)
        else:
            if created.is_published:
                messages.success(request, _("Merci : votre avis et celui de l'autre partie sont publiés."))
            else:
                messages.success(
                    request,
                    _(
                        "Merci, votre avis est enregistré. Il sera publié quand l'autre partie aura donné le sien, "
                        "ou au plus tard le %(date)s ; d'ici là, vous pouvez encore le modifier."
                    )
                    % {"date": date_format(localtime(reviews_blind_until(created)), "j F Y")},
                )
            return _to_project(project_id)
    return _detail(request, project_id, review_form=form, status=400)


@organisation_required
@require_POST
def review_respond_view(request, review_id: int):
    """The reviewed organisation answers a public review, once."""
    try:
        review = review_respond(
            membership=request.membership, review_id=review_id, response=request.POST.get("response")
        )
    except NotFound as error:
        raise Http404(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
        project_id = (
            Review.objects.filter(pk=review_id, subject=request.organisation)
            .values_list("project_id", flat=True)
            .first()
        )
        return _to_project(project_id)
    messages.success(request, _("Votre réponse est publiée."))
    return _to_project(review.project_id)


# Quotes


@organisation_required
@require_POST
def proposal_new(request, project_id: int):
    project = _visible_project(request, project_id)
    editor = ProposalEditor(request.POST, request.FILES)
    if editor.is_valid():
        try:
            proposal_submit(
                membership=request.membership,
                project_id=project.pk,
                data=editor.data_for_service(),
                attachments=editor.attachments,
            )
        except NotFound as error:
            raise Http404(error.message) from error
        except DomainError as error:
            if isinstance(error, PermissionDenied) or error.field is None:
                # Not about what was typed (already quoted, no longer open...): the page says why.
                messages.error(request, error.message)
                return _to_project(project.pk)
            editor.add_service_error(error)
        else:
            messages.success(request, _("Votre devis est envoyé à l'association."))
            return _to_project(project.pk)
    return _detail(request, project.pk, editor=editor, status=400)


@organisation_required
@require_GET
def proposal_detail(request, proposal_id: int):
    proposal = _visible_proposal(request, proposal_id)
    is_owner = proposal.project.organisation_id == request.organisation.pk
    context = {
        "proposal": proposal,
        "project": proposal.project,
        "is_owner": is_owner,
        "membership": request.membership,
        "versions": _versions(proposal),
        "profile": ProviderProfile.objects.filter(organisation_id=proposal.provider_id).first(),
        "actions": proposal_actions_for(organisation=request.organisation, proposal=proposal),
        "reason_form": ReasonForm(),
    }
    return render(request, "projects/proposal_detail.html", context)


def _own_proposal(request, proposal_id: int):
    proposal = _visible_proposal(request, proposal_id)
    if proposal.provider_id != request.organisation.pk:
        raise Http404(_("Devis introuvable."))
    return proposal


def _association_proposal(request, proposal_id: int):
    proposal = _visible_proposal(request, proposal_id)
    if proposal.project.organisation_id != request.organisation.pk:
        raise Http404(_("Devis introuvable."))
    return proposal


@organisation_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request, proposal_id: int):
    """A new version of the provider's own quote; the earlier ones stay in the history."""
    proposal = _own_proposal(request, proposal_id)
    if not proposal.is_live:
        messages.error(request, _("Ce devis ne peut plus être modifié."))
        return _to_project(proposal.project_id)
    posted = request.method == "POST"
    editor = ProposalEditor(
        request.POST if posted else None,
        request.FILES if posted else None,
        version=proposal.current_version,
        spare_lines=2,
    )
    if posted and editor.is_valid():
        try:
            version = proposal_revise(
                membership=request.membership,
                proposal_id=proposal.pk,
                data=editor.data_for_service(),
                attachments=editor.attachments,
            )
        except NotFound as error:
            raise Http404(error.message) from error
        except DomainError as error:
            editor.add_service_error(error)
        else:
            messages.success(
                request, _("La version %(n)s de votre devis est envoyée à l'association.") % {"n": version.number}
            )
            return _to_project(proposal.project_id)
    context = {
        "proposal": proposal,
        "project": proposal.project,
        "editor": editor,
        "discount_percent": _discount_percent(request.organisation),
    }
    return render(request, "projects/proposal_form.html", context, status=400 if editor.errors else 200)


@organisation_required
@require_POST
def proposal_withdraw_view(request, proposal_id: int):
    proposal = _own_proposal(request, proposal_id)
    return _act(
        request,
        lambda: proposal_withdraw(membership=request.membership, proposal_id=proposal.pk),
        success=_("Votre devis est retiré."),
        project_id=proposal.project_id,
    )


@organisation_required
@require_POST
def proposal_shortlist_view(request, proposal_id: int):
    proposal = _association_proposal(request, proposal_id)
    shortlisted = request.POST.get("shortlisted", "1") != "0"
    return _act(
        request,
        lambda: proposal_shortlist(membership=request.membership, proposal_id=proposal.pk, shortlisted=shortlisted),
        success=_("Le devis de %(name)s est présélectionné.") % {"name": proposal.provider}
        if shortlisted
        else _("Le devis de %(name)s n'est plus présélectionné.") % {"name": proposal.provider},
        project_id=proposal.project_id,
    )


@organisation_required
@require_POST
def proposal_decline_view(request, proposal_id: int):
    proposal = _association_proposal(request, proposal_id)
    reason = _posted_reason(request)
    return _act(
        request,
        lambda: proposal_decline(membership=request.membership, proposal_id=proposal.pk, reason=reason),
        success=_("Le devis de %(name)s est décliné ; le prestataire est prévenu.") % {"name": proposal.provider},
        project_id=proposal.project_id,
    )


@organisation_required
@require_http_methods(["GET", "POST"])
def proposal_accept_view(request, proposal_id: int):
    """Accepting commits the association: a confirmation page first, and only owners and admins may."""
    proposal = _association_proposal(request, proposal_id)
    error, status = None, 200
    if request.method == "POST":
        try:
            proposal_accept(membership=request.membership, proposal_id=proposal.pk)
        except NotFound as refusal:
            raise Http404(refusal.message) from refusal
        except DomainError as refusal:
            error, status = refusal.message, refusal.status_code
        else:
            messages.success(
                request,
                _("Vous avez retenu le devis de %(name)s. Les autres prestataires sont prévenus.")
                % {"name": proposal.provider},
            )
            return _to_project(proposal.project_id)
    others = proposal.project.proposals.filter(state__in=ProposalState.OPEN).exclude(pk=proposal.pk).count()
    context = {
        "proposal": proposal,
        "project": proposal.project,
        "membership": request.membership,
        "error": error,
        "others": others,
    }
    return render(request, "projects/proposal_accept.html", context, status=status)
