"""Staff screens for reviews in the Wagtail admin: the reported reviews, and one page per review to decide.

Registered by `marketplace/wagtail_hooks.py`, behind Wagtail's admin access and `is_staff`. A report never hides a
review by itself: staff read it, the reports and the review's history, then hide it, restore it or keep it, always
with a reason that the services write into the audit trail.
"""

from django import forms
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..errors import DomainError, NotFound
from ..models import AuditEntry, Review
from ..models.reviews import ReviewReportState
from ..selectors.reviews import author_display
from ..services.reviews import review_hide, review_reports_dismiss, review_restore
from .access import StaffRequiredMixin

URL_NAMESPACE = "avis_signales"
QUEUE_SIZE = 200


def url_name(view: str) -> str:
    return f"{URL_NAMESPACE}:{view}"


def reviews_for_moderation():
    """Reviews staff look at: those with a report to handle first, then the hidden ones."""
    return (
        Review.objects.filter(is_published=True)
        .annotate(open_reports=Count("reports", filter=Q(reports__state=ReviewReportState.OPEN)))
        .filter(Q(open_reports__gt=0) | Q(hidden_at__isnull=False))
        .select_related("author__association_profile", "subject", "project")
        .order_by("-open_reports", "-updated_at")
    )


def reviews_open_report_count() -> int:
    return Review.objects.filter(reports__state=ReviewReportState.OPEN).distinct().count()


class ReviewQueueView(StaffRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "marketplace/admin/review_queue.html"
    header_icon = "pick"
    page_title = gettext_lazy("Avis signalés")

    def get_context_data(self, **kwargs):
        rows = [
            {
                "review": review,
                "author": author_display(review)[0],
                "url": reverse(url_name("review"), args=[review.pk]),
            }
            for review in reviews_for_moderation()[:QUEUE_SIZE]
        ]
        return super().get_context_data(rows=rows, **kwargs)


class ReviewDecisionForm(forms.Form):
    DECISIONS = [
        ("hide", gettext_lazy("Masquer l'avis")),
        ("keep", gettext_lazy("Garder l'avis visible et clore les signalements")),
        ("restore", gettext_lazy("Rendre visible l'avis masqué")),
    ]
    decision = forms.ChoiceField(label=gettext_lazy("Décision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=gettext_lazy("Motif (gardé dans l'historique)"), max_length=2000, widget=forms.Textarea({"rows": 3})
    )

    def __init__(self, *args, hidden: bool, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ("restore",) if hidden else ("hide", "keep")
        self.fields["decision"].choices = [choice for choice in self.DECISIONS if choice[0] in allowed]


class ReviewModerationView(StaffRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """One review, who reported it and why, its history, and the decision."""

    template_name = "marketplace/admin/review_moderation.html"
    form_class = ReviewDecisionForm
    header_icon = "pick"
    DECISIONS = {"hide": review_hide, "restore": review_restore, "keep": review_reports_dismiss}

    @cached_property
    def review(self) -> Review:
        return get_object_or_404(
            Review.objects.filter(is_published=True).select_related(
                "author__association_profile", "subject", "project"
            ),
            pk=self.kwargs["pk"],
        )

    def get_page_title(self):
        return _("Avis signalé")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "hidden": self.review.hidden_at is not None}

    def get_context_data(self, **kwargs):
        review = self.review
        return super().get_context_data(
            review=review,
            author=author_display(review)[0],
            reports=review.reports.select_related("reporter", "decided_by").order_by("-created_at"),
            history=AuditEntry.objects.filter(target=f"{review._meta.label_lower}:{review.pk}")
            .select_related("actor")
            .order_by("-created_at"),
            queue_url=reverse(url_name("index")),
            **kwargs,
        )

    def form_valid(self, form):
        decide = self.DECISIONS[form.cleaned_data["decision"]]
        try:
            decide(review_id=self.review.pk, staff=self.request.user, reason=form.cleaned_data["reason"])
        except NotFound as error:
            raise Http404(error.message) from error
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Décision enregistrée."))
        return redirect(url_name("index"))
