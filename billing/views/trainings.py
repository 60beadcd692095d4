"""Training sessions for the association's members: a session's page, registering named participants,
the waiting list and its offers, my registrations, cancellation and certificates.

Another organisation's registration or certificate is a 404, never a 403 that would confirm it exists.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from marketplace.views.decorators import organisation_required

from .. import conf
from ..certificate_pdf import certificate_pdf
from ..errors import DomainError, PricingError
from ..models.trainings import WaitlistState
from ..pricing import price_for
from ..services.trainings import (
    SessionFull,
    organisation_has_confirmed_seat,
    participant_certificate_get,
    registration_cancel,
    registration_get_for,
    registration_hold,
    registration_list_for,
    session_get_open,
    waitlist_join,
    waitlist_offer_get_for,
)


class ParticipantForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("Prénom"), max_length=100)
    last_name = forms.CharField(label=gettext_lazy("Nom"), max_length=100)
    email = forms.EmailField(label=gettext_lazy("Adresse e-mail"), max_length=254)


class WaitlistForm(forms.Form):
    seats = forms.IntegerField(label=gettext_lazy("Places souhaitées"), min_value=1, max_value=100, initial=1)


def _participant_formset(data=None, places: int = 1):
    formset_class = forms.formset_factory(
        ParticipantForm,
        extra=max(places - 1, 0),
        min_num=1,
        max_num=conf.training_max_participants(),
        absolute_max=conf.training_max_participants(),
        validate_min=True,
        validate_max=True,
    )
    return formset_class(data, prefix="p")


def _places(request) -> int:
    try:
        places = int(request.GET.get("places", "1"))
    except ValueError:
        places = 1
    return min(max(places, 1), conf.training_max_participants())


def _session_or_404(session_id: int):
    session = session_get_open(session_id=session_id)
    if session is None:
        raise Http404
    return session


def _quote(session, organisation):
    try:
        return price_for(product=session.product, organisation=organisation, quantity=1), ""
    except PricingError as error:
        return None, error.message


def _session_page(request, session, *, formset=None, waitlist_form=None, full=False, error="", status=200):
    organisation = getattr(request, "organisation", None)
    quote, refusal = _quote(session, organisation)
    context = {
        "session": session,
        "quote": quote,
        "refusal": refusal,
        "seats_left": session.seats_left(organisation=organisation),
        "show_link": session.is_online and organisation_has_confirmed_seat(session=session, organisation=organisation),
        "formset": formset if formset is not None else _participant_formset(places=_places(request)),
        "waitlist_form": waitlist_form or WaitlistForm(),
        "full": full,
        "error": error,
        "max_participants": conf.training_max_participants(),
    }
    return render(request, "billing/training_session.html", context, status=status)


@require_GET
def session_detail(request, session_id: int):
    return _session_page(request, _session_or_404(session_id))


def _status(error: DomainError) -> int:
    return error.status_code if error.status_code < 500 else 400


@organisation_required
@require_http_methods(["GET", "POST"])
def session_register(request, session_id: int):
    session = _session_or_404(session_id)
    if request.method == "GET":
        return _session_page(request, session)
    formset = _participant_formset(request.POST)
    if not formset.is_valid():
        return _session_page(request, session, formset=formset, status=400)
    participants = [form.cleaned_data for form in formset.forms if form.cleaned_data]
    try:
        registration = registration_hold(
            membership=request.membership, session_id=session.pk, participants=participants
        )
    except DomainError as error:
        full = isinstance(error, SessionFull)
        return _session_page(request, session, formset=formset, full=full, error=error.message, status=_status(error))
    messages.success(
        request,
        _("Places réservées jusqu'à %(time)s : payez pour confirmer l'inscription.")
        % {"time": timezone.localtime(registration.held_until).strftime("%H:%M")},
    )
    return redirect("billing:order", order_id=registration.order_id)


@organisation_required
@require_POST
def session_waitlist(request, session_id: int):
    session = _session_or_404(session_id)
    form = WaitlistForm(request.POST)
    if not form.is_valid():
        return _session_page(request, session, waitlist_form=form, full=True, status=400)
    try:
        entry = waitlist_join(membership=request.membership, session_id=session.pk, seats=form.cleaned_data["seats"])
    except DomainError as error:
        form.add_error("seats" if error.field == "seats" else None, error.message)
        return _session_page(request, session, waitlist_form=form, full=True, status=_status(error))
    messages.success(
        request,
        _("Vous êtes n° %(position)d sur la liste d'attente : nous vous écrirons si une place se libère.")
        % {"position": entry.position},
    )
    return redirect("billing:training_registrations")


@organisation_required
@require_GET
def waitlist_offer(request, entry_id: int):
    """The emailed link: while the offer runs, the registration form for the seats kept for this organisation."""
    entry = waitlist_offer_get_for(organisation=request.organisation, entry_id=entry_id)
    if entry is None:
        raise Http404
    if entry.state != WaitlistState.OFFERED or entry.offered_until <= timezone.now():
        messages.error(request, _("Cette proposition de place n'est plus valable."))
        return redirect("billing:training_registrations")
    session = _session_or_404(entry.session_id)
    return _session_page(request, session, formset=_participant_formset(places=entry.seats))


@organisation_required
@require_GET
def registration_list(request):
    registrations = registration_list_for(organisation=request.organisation)
    return render(request, "billing/training_registrations.html", {"registrations": registrations})


def _registration_or_404(request, registration_id: int):
    registration = registration_get_for(organisation=request.organisation, registration_id=registration_id)
    if registration is None:
        raise Http404
    return registration


@organisation_required
@require_GET
def registration_detail(request, registration_id: int):
    registration = _registration_or_404(request, registration_id)
    session = registration.session
    context = {
        "registration": registration,
        "session": session,
        "show_link": session.is_online and registration.is_confirmed,
        "can_cancel": registration.holds_seats and timezone.now() < session.starts_at,
    }
    return render(request, "billing/training_registration.html", context)


@organisation_required
@require_POST
def registration_cancel_view(request, registration_id: int):
    registration = _registration_or_404(request, registration_id)
    try:
        registration = registration_cancel(membership=request.membership, registration_id=registration.pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("L'inscription est annulée."))
    return redirect("billing:training_registration", registration_id=registration.pk)


@login_required
@require_GET
def certificate_download(request, participant_id: int):
    participant = participant_certificate_get(
        user=request.user, organisation=request.organisation, participant_id=participant_id
    )
    if participant is None:
        raise Http404
    response = HttpResponse(certificate_pdf(participant), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{participant.certificate_number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
