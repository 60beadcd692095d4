"""Public pages of organisations: a provider's page, an association's public page.

The views call one selector and render; `marketplace.presentation` turns stored values (cents, codes) into what a
French reader expects ("450 €", "Anglais").
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..errors import NotFound
from ..models.profiles import Language
from ..money import format_money
from ..presentation import day_rate, safe_link
from ..selectors.public import association_public_get, provider_public_get
from ..selectors.responsiveness import organisation_responsiveness


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
    }
    return render(request, "public/association_detail.html", context)
