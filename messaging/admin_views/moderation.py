"""Staff screens of the Wagtail admin for moderation: reports, their decision page, account suspensions.

Registered by `messaging/wagtail_hooks.py`. Every URL sits behind Wagtail's
admin access check and, on top of it, requires `is_staff`. The decisions go
through `moderation`, which closes the report, writes the audit entry and
tells open pages; these views show, collect the decision and report the answer.
"""

import django_filters
from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from marketplace.admin_views.access import StaffRequiredMixin
from marketplace.errors import DomainError, NotFound

from ..models import MessageKind, Report, ReportReason, ReportState, UserSuspension
from ..moderation import (
    MAX_SUSPENSION_REASON,
    report_dismiss,
    report_hide_message,
    report_suspend_author,
    user_suspension_lift,
)
from ..selectors import report_context_messages, reports_for_staff, suspensions_for_staff
from ..system_events import system_sentence

URL_NAMESPACE = "signalements"
ALL = "all"


def url_name(view: str) -> str:
    return f"{URL_NAMESPACE}:{view}"


def _datetime(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def _target(report: Report) -> str:
    if report.message_id:
        return _("Message n° %(seq)s") % {"seq": report.message.seq}
    return _("Conversation entière")


def _conversation_label(report: Report) -> str:
    conversation = report.conversation
    return f"{conversation.association.name} ↔ {conversation.provider.name}"


def _decision(report: Report) -> str:
    if report.closed_at is None:
        return ""
    return _("%(outcome)s — %(who)s, le %(when)s") % {
        "outcome": report.get_outcome_display(),
        "who": report.closed_by or _("compte supprimé"),
        "when": _datetime(report.closed_at),
    }


# Reports


class ReportFilterSet(WagtailFilterSet):
    """State defaults to "to handle" (the queue); the others show what was decided."""

    state = django_filters.ChoiceFilter(
        label=gettext_lazy("État"),
        choices=[*ReportState.choices, (ALL, gettext_lazy("Tous"))],
        method="filter_state",
        empty_label=None,
        initial=ReportState.OPEN,
        widget=forms.RadioSelect,
    )
    reason = django_filters.ChoiceFilter(
        label=gettext_lazy("Motif"),
        choices=ReportReason.choices,
        empty_label=gettext_lazy("Tous les motifs"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Report
        fields = []

    def filter_state(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(state=value)


class ReportQueueView(StaffRequiredMixin, BaseListingView):
    """Open reports oldest first, so nobody waits longer than needed; closed ones on request."""

    model = Report
    page_title = gettext_lazy("Signalements")
    header_icon = "warning"
    paginate_by = 50
    default_ordering = "created_at"
    filterset_class = ReportFilterSet
    index_url_name = url_name("index")
    index_results_url_name = url_name("index_results")
    verbose_name = gettext_lazy("signalement")
    verbose_name_plural = gettext_lazy("signalements")

    @cached_property
    def columns(self):
        return [
            TitleColumn("target", label=_("Signalement"), accessor=_target, url_name=url_name("review")),
            Column("conversation", label=_("Conversation"), accessor=_conversation_label),
            Column("reason", label=_("Motif"), accessor="get_reason_display"),
            Column("reporter", label=_("Signalé par"), accessor=lambda r: r.reporter or _("compte supprimé")),
            StatusTagColumn(
                "state", label=_("État"), accessor="get_state_display", primary=lambda r: r.state == ReportState.OPEN
            ),
            Column(
                "created_at", label=_("Signalé le"), accessor=lambda r: _datetime(r.created_at), sort_key="created_at"
            ),
            Column("decision", label=_("Décision"), accessor=_decision),
        ]

    def get_header_buttons(self):
        return [
            *super().get_header_buttons(),
            HeaderButton(_("Comptes suspendus"), url=reverse(url_name("suspensions")), icon_name="lock"),
        ]

    def get_base_queryset(self):
        return reports_for_staff()

    def get_filterset_kwargs(self):
        data = self.request.GET.copy()
        if not data.get("state"):
            data["state"] = ReportState.OPEN
        return {**super().get_filterset_kwargs(), "data": data}


class ModerationForm(forms.Form):
    """A staff decision on one report. Which message and note are needed is the services' rule."""

    DECISIONS = (
        ("hide", gettext_lazy("Masquer le message")),
        ("dismiss", gettext_lazy("Classer sans suite")),
        ("suspend", gettext_lazy("Suspendre l'auteur du message")),
    )

    decision = forms.ChoiceField(label=gettext_lazy("Décision"), choices=DECISIONS, widget=forms.RadioSelect)
    message = forms.TypedChoiceField(
        label=gettext_lazy("Message concerné"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy("Le message signalé par défaut ; à choisir pour une conversation signalée."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note (motif de la suspension, le cas échéant)"),
        required=False,
        max_length=MAX_SUSPENSION_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Obligatoire pour une suspension. Visible de l'équipe seulement."),
    )
    hide_message = forms.BooleanField(
        label=gettext_lazy("En cas de suspension, masquer aussi le message"), required=False, initial=True
    )

    def __init__(self, *args, messages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].choices = [
            ("", "—"),
            *[
                (message.pk, f"n° {message.seq} — {message.sender_user or '?'} — {Truncator(message.body).chars(60)}")
                for message in messages
                if message.kind == MessageKind.TEXT and message.hidden_at is None
            ],
        ]


def _context_row(message) -> dict:
    """A message as staff read it: the real text even if hidden, and what a deletion took away."""
    deleted_text = ""
    if message.deleted_at:
        revisions = [revision for revision in message.revisions.all() if revision.action == "deleted"]
        deleted_text = revisions[-1].body if revisions else ""
    if message.kind == MessageKind.SYSTEM:
        sender, text = "Passerelle", system_sentence(message.system_event, message.data) or message.body
    else:
        sender = message.sender_org.name if message.sender_org_id else _("Équipe Passerelle")
        text = message.body
    return {
        "message": message,
        "sender": sender,
        "text": text,
        "deleted_text": deleted_text,
        "attachments": list(message.attachments.all()),
    }


class ReportReviewView(StaffRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """Everything staff need to judge one report: the messages around it, who reported, why; and the decision."""

    template_name = "messaging/admin/report_review.html"
    form_class = ModerationForm
    header_icon = "warning"
    DECISIONS = {
        "hide": lambda staff, report, data: report_hide_message(
            staff=staff, report_id=report.pk, message_id=data["message"], note=data["note"]
        ),
        "dismiss": lambda staff, report, data: report_dismiss(staff=staff, report_id=report.pk, note=data["note"]),
        "suspend": lambda staff, report, data: report_suspend_author(
            staff=staff,
            report_id=report.pk,
            message_id=data["message"],
            reason=data["note"],
            hide_message=data["hide_message"],
        ),
    }

    @cached_property
    def report(self) -> Report:
        return get_object_or_404(reports_for_staff(), pk=self.kwargs["pk"])

    @cached_property
    def context_messages(self):
        return report_context_messages(report=self.report)

    def get_page_title(self):
        return _("Signalement")

    def get_page_subtitle(self):
        return _conversation_label(self.report)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(url_name("index")), "label": _("Signalements")},
            {"url": "", "label": _target(self.report)},
        ]

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "messages": self.context_messages,
            "initial": {"message": self.report.message_id, "hide_message": True},
        }

    def get_context_data(self, **kwargs):
        report = self.report
        return super().get_context_data(
            report=report,
            rows=[_context_row(message) for message in self.context_messages],
            other_reports=Report.objects.filter(conversation=report.conversation)
            .exclude(pk=report.pk)
            .select_related("reporter", "message")
            .order_by("-created_at")[:20],
            queue_url=reverse(url_name("index")),
            **kwargs,
        )

    def form_valid(self, form):
        decide = self.DECISIONS[form.cleaned_data["decision"]]
        try:
            decide(self.request.user, self.report, form.cleaned_data)
        except NotFound as error:
            raise Http404(error.message) from error
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Décision enregistrée : le signalement est clos."))
        return redirect(url_name("index"))

    def form_invalid(self, form):
        messages.error(self.request, _("La décision n'a pas été enregistrée."))
        return super().form_invalid(form)


# Suspensions


class SuspensionFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("État"),
        choices=[
            ("active", gettext_lazy("En cours")),
            ("lifted", gettext_lazy("Levées")),
            (ALL, gettext_lazy("Toutes")),
        ],
        method="filter_state",
        empty_label=None,
        initial="active",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = UserSuspension
        fields = []

    def filter_state(self, queryset, name, value):
        if value == "active":
            return queryset.filter(lifted_at__isnull=True)
        if value == "lifted":
            return queryset.filter(lifted_at__isnull=False)
        return queryset


class SuspensionListView(StaffRequiredMixin, BaseListingView):
    """Suspended accounts, latest first, each with the page to lift the suspension."""

    model = UserSuspension
    page_title = gettext_lazy("Comptes suspendus")
    header_icon = "lock"
    paginate_by = 50
    default_ordering = "-suspended_at"
    filterset_class = SuspensionFilterSet
    index_url_name = url_name("suspensions")
    index_results_url_name = url_name("suspensions_results")
    verbose_name = gettext_lazy("suspension")
    verbose_name_plural = gettext_lazy("suspensions")

    @cached_property
    def columns(self):
        return [
            TitleColumn("user", label=_("Compte"), accessor=lambda s: s.user.email, url_name=url_name("suspension")),
            Column("reason", label=_("Motif"), accessor=lambda s: Truncator(s.reason).chars(80)),
            Column(
                "suspended_at",
                label=_("Suspendu le"),
                accessor=lambda s: _datetime(s.suspended_at),
                sort_key="suspended_at",
            ),
            Column("suspended_by", label=_("Par"), accessor=lambda s: s.suspended_by or _("compte supprimé")),
            Column("lifted_at", label=_("Levée le"), accessor=lambda s: _datetime(s.lifted_at)),
        ]

    def get_base_queryset(self):
        return suspensions_for_staff(active_only=False)

    def get_filterset_kwargs(self):
        data = self.request.GET.copy()
        if not data.get("state"):
            data["state"] = "active"
        return {**super().get_filterset_kwargs(), "data": data}


class LiftForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=MAX_SUSPENSION_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SuspensionLiftView(StaffRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """One suspension: why and by whom, and the button that gives the account back."""

    template_name = "messaging/admin/suspension.html"
    form_class = LiftForm
    header_icon = "lock"

    @cached_property
    def suspension(self) -> UserSuspension:
        return get_object_or_404(suspensions_for_staff(active_only=False), pk=self.kwargs["pk"])

    def get_page_title(self):
        return _("Suspension")

    def get_page_subtitle(self):
        return self.suspension.user.email

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(url_name("suspensions")), "label": _("Comptes suspendus")},
            {"url": "", "label": self.suspension.user.email},
        ]

    def get_context_data(self, **kwargs):
        suspension = self.suspension
        report_url = reverse(url_name("review"), args=[suspension.report_id]) if suspension.report_id else ""
        return super().get_context_data(
            suspension=suspension,
            report_url=report_url,
            list_url=reverse(url_name("suspensions")),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            lifted = user_suspension_lift(
                staff=self.request.user, suspension_id=self.suspension.pk, note=form.cleaned_data["note"]
            )
        except NotFound as error:
            raise Http404(error.message) from error
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            messages.error(self.request, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Suspension levée : %(email)s peut de nouveau se connecter.") % {"email": lifted.user.email}
        )
        return redirect(url_name("suspensions"))
