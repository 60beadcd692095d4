"""Pages of the self-assessment. Thin: selectors decide what an association may see, services what it may do.

Every page looks the assessment up among the association's own, so another
organisation's id is a 404 like an id that does not exist.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from marketplace.eligibility import can_publish_projects
from marketplace.errors import DomainError, NotFound, PermissionDenied
from marketplace.forms import add_domain_error
from marketplace.views.decorators import organisation_required

from . import selectors, services
from .briefs import brief_for
from .forms import BriefForm, StepForm
from .recommendations import assessment_plan_for_axis, assessment_plans
from .results import assessment_result


def _association_only(request) -> None:
    if not request.membership.organisation.is_association:
        raise PermissionDenied(_("Le diagnostic numérique est réservé aux associations."))


def _own(request, assessment_id: int):
    try:
        _association_only(request)
        return selectors.assessment_get_for(organisation=request.membership.organisation, assessment_id=assessment_id)
    except NotFound as error:
        raise Http404(error.message) from error


def _forbidden(request, error: PermissionDenied):
    return render(request, "assessment/not_for_you.html", {"message": error.message}, status=403)


@organisation_required
@require_GET
def home(request):
    """Where an association starts, resumes or retakes the assessment, and finds its past results."""
    organisation = request.membership.organisation
    if not organisation.is_association:
        return _forbidden(request, PermissionDenied(_("Le diagnostic numérique est réservé aux associations.")))
    history = selectors.assessment_history(organisation=organisation)
    return render(
        request,
        "assessment/home.html",
        {
            "version": selectors.current_version(),
            "ongoing": selectors.assessment_in_progress(organisation=organisation),
            "history": list(reversed(history)),
        },
    )


@organisation_required
@require_POST
def start(request):
    try:
        assessment = services.assessment_start(membership=request.membership)
    except PermissionDenied as error:
        return _forbidden(request, error)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("assessment:home")
    step = selectors.first_unanswered_step(assessment=assessment)
    return redirect("assessment:step", assessment_id=assessment.pk, number=step)


def _step_url(assessment, number: int) -> str:
    return reverse("assessment:step", kwargs={"assessment_id": assessment.pk, "number": number})


@organisation_required
@require_http_methods(["GET", "POST"])
def step(request, assessment_id: int, number: int):
    """One axis per page, saved on every submit: the association can stop anywhere and resume later."""
    assessment = _own(request, assessment_id)
    if assessment.is_completed:
        return redirect("assessment:result", assessment_id=assessment.pk)
    try:
        current = selectors.assessment_step(assessment=assessment, number=number)
    except NotFound as error:
        raise Http404(error.message) from error
    action = request.POST.get("action", "next")
    moving_on = request.method == "POST" and action in ("next", "finish")
    form = StepForm(
        request.POST if request.method == "POST" else None,
        axis=current.axis,
        require_all=moving_on,
        initial_choices=current.chosen,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save_answers(
                membership=request.membership, assessment_id=assessment.pk, answers=form.answers()
            )
            if action == "finish":
                services.assessment_complete(membership=request.membership, assessment_id=assessment.pk)
                messages.success(request, _("Votre diagnostic est terminé : voici vos résultats."))
                return redirect("assessment:result", assessment_id=assessment.pk)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if action == "save":
                messages.success(
                    request, _("Vos réponses sont enregistrées. Vous reprendrez là où vous vous êtes arrêtés.")
                )
                return redirect("assessment:home")
            if action == "previous":
                return redirect(_step_url(assessment, max(1, number - 1)))
            return redirect(_step_url(assessment, min(current.total, number + 1)))
    return render(
        request,
        "assessment/step.html",
        {"assessment": assessment, "step": current, "form": form},
        status=400 if form.errors else 200,
    )


@organisation_required
@require_GET
def result(request, assessment_id: int):
    assessment = _own(request, assessment_id)
    if not assessment.is_completed:
        return redirect(_step_url(assessment, selectors.first_unanswered_step(assessment=assessment)))
    organisation = request.membership.organisation
    return render(
        request,
        "assessment/result.html",
        {
            "assessment": assessment,
            "result": assessment_result(assessment=assessment),
            "plans": assessment_plans(assessment=assessment, organisation=organisation),
            "can_publish": can_publish_projects(organisation),
        },
    )


@organisation_required
@require_http_methods(["GET", "POST"])
def brief(request, assessment_id: int, axis_key: str):
    """The drafted project of a weak axis: edit it, publish it in one step, land on its matched providers."""
    assessment = _own(request, assessment_id)
    organisation = request.membership.organisation
    plan = assessment_plan_for_axis(assessment=assessment, axis_key=axis_key, organisation=organisation)
    if plan is None or not assessment.is_completed or not plan.axis.project_type:
        raise Http404(_("Ce diagnostic ne propose pas de projet pour cet axe."))
    draft = plan.brief or _brief_without_advice(assessment, plan)
    initial = {
        "project_type": draft.project_type,
        "title": draft.title,
        "description": draft.description,
        "budget_min": draft.budget_min_euros,
        "budget_max": draft.budget_max_euros,
    }
    form = BriefForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.assessment_brief_publish(
                membership=request.membership,
                assessment_id=assessment.pk,
                axis_key=axis_key,
                data=form.cleaned_data,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if project.state == "published":
                messages.success(request, _("Votre projet est publié : voici les prestataires qui lui correspondent."))
            else:
                messages.info(
                    request,
                    _(
                        "Votre projet est enregistré en brouillon : vous pourrez le publier dès que votre "
                        "association sera vérifiée."
                    ),
                )
            return redirect("projects:detail", project_id=project.pk)
    return render(
        request,
        "assessment/brief.html",
        {
            "assessment": assessment,
            "plan": plan,
            "brief": draft,
            "form": form,
            "can_publish": can_publish_projects(organisation),
        },
        status=400 if form.errors else 200,
    )


def _brief_without_advice(assessment, plan):
    """An axis with a project type but no advice calling for a provider still gets a brief when asked for."""
    return brief_for(assessment=assessment, axis=plan.axis, score=plan.score, triggers=plan.triggers, advice_titles=[])
