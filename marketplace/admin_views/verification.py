"""The staff review queue: pending requests oldest first, one page per request to check and decide.

Deciding goes through `verification_decide`, which records who decided and
when, writes the audit entry and tells the organisation; these views only
show, collect the decision and report the service's answer.
"""

import django_filters
from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin

from ..eligibility import required_documents
from ..errors import DomainError, NotFound
from ..models import AssociationProfile, ProviderProfile, VerificationDocument, VerificationRequest
from ..models.organisations import OrganisationKind
from ..models.verification import DocumentKind, RequestState
from ..services.verification import verification_decide
from .access import StaffRequiredMixin
from .forms import DecisionForm

URL_NAMESPACE = "verifications"
ALL_STATES = "all"
# What staff check, per kind of organisation, in the order they read the papers.
_ASSOCIATION_FIELDS = (
    "legal_name",
    "legal_form",
    "rna_number",
    "tribunal_registration",
    "siren",
    "siret",
    "address",
    "postcode",
    "commune",
    "region",
    "website",
)
_PROVIDER_FIELDS = ("legal_name", "siret", "postcode", "commune", "region", "website", "presentation")
# Served as attachments only, and only with a type the upload check can have produced.
_SERVABLE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})


def url_name(view: str) -> str:
    return f"{URL_NAMESPACE}:{view}"


def _datetime(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def waiting_time(verification: VerificationRequest) -> str:
    """How long the organisation waited: until the decision, or until now for a pending request."""
    return timesince(verification.submitted_at, verification.reviewed_at or timezone.now())


def _decision_summary(verification: VerificationRequest) -> str:
    if verification.reviewed_at is None:
        return ""
    return _("%(who)s, le %(when)s") % {
        "who": verification.reviewed_by or _("compte supprimé"),
        "when": _datetime(verification.reviewed_at),
    }


class VerificationRequestFilterSet(WagtailFilterSet):
    """State defaults to "to review" (the queue); "all states" shows the decided ones as well."""

    state = django_filters.ChoiceFilter(
        label=gettext_lazy("État"),
        choices=[*RequestState.choices, (ALL_STATES, gettext_lazy("Tous les états"))],
        method="filter_state",
        empty_label=None,
        initial=RequestState.PENDING,
        widget=forms.RadioSelect,
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Type"),
        field_name="organisation__kind",
        choices=OrganisationKind.choices,
        empty_label=gettext_lazy("Tous les types"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = VerificationRequest
        fields = []

    def filter_state(self, queryset, name, value):
        return queryset if value == ALL_STATES else queryset.filter(state=value)


class VerificationQueueView(StaffRequiredMixin, BaseListingView):
    """The list staff work through: pending requests, oldest first, so nobody waits longer than needed."""

    model = VerificationRequest
    page_title = gettext_lazy("Vérifications")
    header_icon = "tasks"
    paginate_by = 50
    default_ordering = "submitted_at"
    filterset_class = VerificationRequestFilterSet
    index_url_name = url_name("index")
    index_results_url_name = url_name("index_results")
    verbose_name = gettext_lazy("demande de vérification")
    verbose_name_plural = gettext_lazy("demandes de vérification")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "organisation",
                label=_("Organisation"),
                accessor="organisation.name",
                url_name=url_name("review"),
                sort_key="organisation__name",
            ),
            Column("kind", label=_("Type"), accessor=lambda r: r.organisation.get_kind_display()),
            StatusTagColumn(
                "state",
                label=_("État"),
                accessor="get_state_display",
                primary=lambda r: r.state == RequestState.PENDING,
            ),
            Column(
                "submitted_at",
                label=_("Soumise le"),
                accessor=lambda r: _datetime(r.submitted_at),
                sort_key="submitted_at",
            ),
            Column("waiting", label=_("Attente"), accessor=waiting_time),
            Column("decision", label=_("Décidée par"), accessor=_decision_summary),
        ]

    def get_base_queryset(self):
        return VerificationRequest.objects.select_related("organisation", "reviewed_by")

    def get_filterset_kwargs(self):
        data = self.request.GET.copy()
        if not data.get("state"):
            data["state"] = RequestState.PENDING
        return {**super().get_filterset_kwargs(), "data": data}


def _profile_rows(profile, fields: tuple[str, ...]) -> list[tuple[str, str]]:
    rows = []
    for name in fields:
        field = profile._meta.get_field(name)
        value = getattr(profile, f"get_{name}_display")() if field.choices else getattr(profile, name)
        rows.append((field.verbose_name, value))
    return rows


def _profile(organisation):
    model, fields = (
        (ProviderProfile, _PROVIDER_FIELDS) if organisation.is_provider else (AssociationProfile, _ASSOCIATION_FIELDS)
    )
    profile = model.objects.filter(organisation=organisation).first()
    return profile, (_profile_rows(profile, fields) if profile else [])


def _expected_documents(organisation, documents) -> list[dict]:
    """Each group of acceptable documents, and whether this request holds one of them."""
    present = {document.kind for document in documents}
    return [
        {
            "label": f" {_('ou')} ".join(str(DocumentKind(kind).label) for kind in group),
            "present": bool(present.intersection(group)),
        }
        for group in required_documents(organisation)
    ]


class VerificationReviewView(StaffRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """Everything staff need to check one request, its organisation's history, and the decision form."""

    template_name = "marketplace/admin/verification_review.html"
    form_class = DecisionForm
    header_icon = "tasks"

    @cached_property
    def verification(self) -> VerificationRequest:
        return get_object_or_404(
            VerificationRequest.objects.select_related("organisation", "submitted_by", "reviewed_by"),
            pk=self.kwargs["pk"],
        )

    def get_page_title(self):
        return _("Vérification")

    def get_page_subtitle(self):
        return self.verification.organisation.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(url_name("index")), "label": _("Vérifications")},
            {"url": "", "label": self.verification.organisation.name},
        ]

    def get_context_data(self, **kwargs):
        verification = self.verification
        organisation = verification.organisation
        documents = list(verification.documents.all())
        profile, profile_rows = _profile(organisation)
        return super().get_context_data(
            verification=verification,
            organisation=organisation,
            is_pending=verification.state == RequestState.PENDING,
            profile=profile,
            profile_rows=profile_rows,
            documents=documents,
            expected_documents=_expected_documents(organisation, documents),
            waiting=waiting_time(verification),
            history=organisation.verification_requests.exclude(pk=verification.pk).select_related(
                "submitted_by", "reviewed_by"
            ),
            queue_url=reverse(url_name("index")),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            decided = verification_decide(
                reviewer=self.request.user,
                request_id=self.verification.pk,
                decision=form.cleaned_data["decision"],
                message=form.cleaned_data["message"],
            )
        except NotFound as error:
            raise Http404(error.message) from error
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("« %(organisation)s » : %(decision)s. L'organisation a été prévenue.")
            % {"organisation": decided.organisation.name, "decision": decided.get_state_display()},
        )
        return redirect(url_name("index"))

    def form_invalid(self, form):
        messages.error(self.request, _("La décision n'a pas été enregistrée."))
        return super().form_invalid(form)


class VerificationDocumentDownloadView(StaffRequiredMixin, View):
    """A supporting document from private storage, always as a download so a browser never renders it."""

    def get(self, request, pk):
        document = get_object_or_404(VerificationDocument, pk=pk)
        try:
            if not document.file:
                raise FileNotFoundError(document.pk)
            handle = document.file.storage.open(document.file.name, "rb")
        except FileNotFoundError as error:
            raise Http404(_("Ce fichier n'est plus disponible.")) from error
        content_type = document.content_type if document.content_type in _SERVABLE_TYPES else None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=document.original_name,
            content_type=content_type or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
