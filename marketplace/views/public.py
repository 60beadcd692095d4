"""Public pages of organisations: a provider's page, an association's public page.

The views call one selector and render; `marketplace.presentation` turns stored values (cents, codes) into what a
French reader expects ("450 €", "Anglais").
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from .. import ratelimit
from ..errors import DomainError, NotFound
from ..forms import add_domain_error
from ..forms.projects import ReviewReportForm
from ..models.organisations import OrganisationKind
from ..models.profiles import Language
from ..money import format_money
from ..presentation import day_rate, safe_link
from ..selectors.public import association_public_get, provider_public_get
from ..selectors.responsiveness import organisation_responsiveness
from ..selectors.reviews import ReviewSort, author_display, reputation_summary, reviews_public, reviews_public_page
from ..selectors.saved_providers import saved_provider_ids
from ..services.reviews import review_report


def _reviews_context(request, *, organisation_id: int, subject_kind: str) -> dict:
    """The reviews block of a public page: the figures, a page of reviews and the sort asked (`?tri=`)."""
    sort = request.GET.get("tri") or ReviewSort.RECENT
    if sort not in ReviewSort.ordering:
        sort = ReviewSort.RECENT
    return {
        "reputation": reputation_summary(organisation_id=organisation_id, subject_kind=subject_kind),
        "reviews_page": reviews_public_page(
            organisation_id=organisation_id, subject_kind=subject_kind, sort=sort, page=request.GET.get("page") or 1
        ),
        "review_sort": sort,
        "review_sorts": ReviewSort.choices,
    }


def _saving_context(request, *, provider_id: int) -> dict:
    """Whether the visitor's association may keep this provider in "Mes prestataires", and already does."""
    organisation = getattr(request, "organisation", None)
    if organisation is None or organisation.kind != OrganisationKind.ASSOCIATION:
        return {"may_save": False, "is_saved": False}
    return {"may_save": True, "is_saved": provider_id in saved_provider_ids(organisation=organisation)}


@require_safe
def provider_detail(request, slug: str):
    try:
        provider = provider_public_get(slug=slug, staff=request.user.is_staff)
    except NotFound as error:
        raise Http404(error.message) from error
    languages = [str(Language(code).label) for code in provider.languages or [] if code in Language.values]
    portfolio = [{"item": item, "link": safe_link(item.link)} for item in provider.portfolio.all()]
    context = {
        "title": provider.organisation.name,
        "provider": provider,
        "organisation": provider.organisation,
        "day_rate": day_rate(provider),
        "min_project": format_money(provider.min_project_cents, decimals=0) if provider.min_project_cents else "",
        "languages": languages,
        "website": safe_link(provider.website),
        "portfolio": portfolio,
        "responsiveness": organisation_responsiveness(organisation_id=provider.organisation_id),
        **_reviews_context(request, organisation_id=provider.organisation_id, subject_kind=OrganisationKind.PROVIDER),
        **_saving_context(request, provider_id=provider.organisation_id),
    }
    return render(request, "public/provider_detail.html", context)


@require_safe
def association_detail(request, slug: str):
    try:
        association = association_public_get(slug=slug)
    except NotFound as error:
        raise Http404(error.message) from error
    context = {
        "title": association.name,
        "association": association,
        "website": safe_link(association.website or ""),
        "responsiveness": organisation_responsiveness(organisation_id=association.organisation_id),
        **_reviews_context(
            request, organisation_id=association.organisation_id, subject_kind=OrganisationKind.ASSOCIATION
        ),
    }
    return render(request, "public/association_detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def review_report_view(request, review_id: int):
    """Anyone, signed in or not, reports a public review to staff; it stays visible until they decide."""
    review = reviews_public().select_related("author__association_profile", "subject").filter(pk=review_id).first()
    if review is None:
        raise Http404(_("Avis introuvable."))
    back = _subject_page(review.subject)
    form = ReviewReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        if ratelimit.is_blocked(ratelimit.REVIEW_REPORT, email="", ip=ip):
            form.add_error(None, _("Trop de signalements depuis votre connexion : réessayez dans quelques minutes."))
            status = 429
        elif form.is_valid():
            try:
                review_report(review_id=review.pk, reporter=request.user, **form.cleaned_data)
            except NotFound as error:
                raise Http404(error.message) from error
            except DomainError as error:
                add_domain_error(form, error)
            else:
                ratelimit.record(ratelimit.REVIEW_REPORT, email="", ip=ip)
                messages.success(
                    request, _("Merci, votre signalement est transmis à l'équipe de modération, qui l'examinera.")
                )
                return redirect(back)
        if status == 200:
            status = 400
    author_name, _author_url = author_display(review)
    context = {
        "title": _("Signaler un avis"),
        "review": review,
        "author_name": author_name,
        "subject_name": review.subject.name,
        "back": back,
        "form": form,
    }
    return render(request, "public/review_report.html", context, status=status)


def _subject_page(subject) -> str:
    """Where a reader of a review came from: the public page of the organisation it is about."""
    if subject.kind == OrganisationKind.PROVIDER:
        return f"{reverse('public:provider_detail', args=[subject.slug])}#avis"
    return f"{reverse('public:association_detail', args=[subject.slug])}#avis"
