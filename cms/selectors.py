"""Read queries of the editorial pages: live figures, upcoming events, page lists, and billing read live."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from billing.errors import PricingError
from billing.models import Eligibility, Participant, Product
from billing.pricing import Quota, Quote, budget_bracket_of, civil_year, price_for, quota_used
from marketplace.eligibility import gets_solidarity_prices
from marketplace.models import Organisation, Project
from marketplace.models.organisations import OrganisationKind, VerificationStatus
from marketplace.models.profiles import BudgetBracket
from marketplace.models.projects import ProjectState

from . import conf


@dataclass(frozen=True)
class KeyFigure:
    value: int
    label: str


def platform_key_figures() -> list[KeyFigure]:
    """The home page's figures, computed on each request from the marketplace and billing themselves.

    People trained are the participants staff marked present after a session
    (`attended=True`): a registration or a paid seat is not a person trained,
    and a figure is only ever counted from records, never estimated.
    """
    verified = Organisation.objects.filter(verification_status=VerificationStatus.VERIFIED)
    by_kind = dict(verified.values_list("kind").annotate(n=Count("id")).order_by())
    return [
        KeyFigure(by_kind.get(OrganisationKind.ASSOCIATION, 0), _("associations vérifiées")),
        KeyFigure(by_kind.get(OrganisationKind.PROVIDER, 0), _("prestataires vérifiés")),
        KeyFigure(Project.objects.filter(state__in=ProjectState.AWARDED_ONWARDS).count(), _("projets attribués")),
        KeyFigure(Participant.objects.filter(attended=True).count(), _("personnes formées")),
    ]


def event_list_upcoming(*, limit: int | None = None) -> QuerySet:
    from .models import EventPage

    events = live_in_active_locale(EventPage).filter(start__gte=timezone.now()).order_by("start")
    return events[:limit] if limit else events


def article_cards(queryset: QuerySet) -> QuerySet:
    """What an article card shows (cover, themes) read with the articles, not one query per card."""
    return queryset.select_related("cover").prefetch_related("themes")


def catalogue_cards(queryset: QuerySet) -> QuerySet:
    """What an offer or training card shows (its product) read with the pages."""
    return queryset.select_related("product")


def article_list_latest(*, limit: int) -> QuerySet:
    from .models import ArticlePage

    return article_cards(live_in_active_locale(ArticlePage)).order_by("-first_published_at")[:limit]


def live_in_active_locale(model) -> QuerySet:
    """Live pages of `model` in the language being shown, so English pages never leak into French lists.

    Filtered on the language code (a join) rather than `Locale.get_active()`,
    which would cost a query per list.
    """
    from django.utils import translation

    language = translation.get_language() or conf.language_code()
    return model.objects.live().filter(locale__language_code=language)


def offer_list_latest(*, limit: int) -> QuerySet:
    from .models import OfferPage

    return catalogue_cards(live_in_active_locale(OfferPage)).order_by("-first_published_at", "-pk")[:limit]


def training_list_latest(*, limit: int) -> QuerySet:
    from .models import TrainingPage

    return catalogue_cards(live_in_active_locale(TrainingPage)).order_by("-first_published_at", "-pk")[:limit]


def picks_or_latest(*, picked_ids: list[int], cards: QuerySet, latest, count: int) -> list:
    """Editors' picks (live ones, in their order), completed by the latest pages up to `count`; two queries."""
    by_id = cards.filter(pk__in=picked_ids).in_bulk() if picked_ids else {}
    picks = [by_id[pk] for pk in picked_ids if pk in by_id]
    if len(picks) < count:
        known = {page.pk for page in picks}
        picks += [page for page in latest(limit=count + len(picks)) if page.pk not in known]
    return picks[:count]


# --- Live prices, stock and quota from billing --------------------------------------------------


@dataclass(frozen=True)
class GridRow:
    bracket: str
    label: str
    unit_ht_cents: int


@dataclass(frozen=True)
class ProductOffer:
    """What an offer or training page shows of its billing product, for one visitor's organisation.

    `quote` is billing's own price for one unit (solidarity or public) when the
    organisation may buy; otherwise `refusal` says why. Visitors who do not get
    solidarity prices (anonymous, providers, unverified associations) see the
    whole grid by budget bracket and the sentence on who is eligible.
    """

    product: Product
    quote: Quote | None
    refusal: str
    grid: list[GridRow]
    show_grid: bool
    eligibility_text: str
    quota: Quota | None

    @property
    def stock_left(self) -> int | None:
        return self.product.stock

    @property
    def can_order(self) -> bool:
        return self.quote is not None


def _price_grid(product) -> list[GridRow]:
    order = list(BudgetBracket.values)
    rows = [
        GridRow(price.budget_bracket, BudgetBracket(price.budget_bracket).label, price.unit_price_cents)
        for price in product.prices.all()
        if price.budget_bracket in order
    ]
    return sorted(rows, key=lambda row: order.index(row.bracket))


def _eligibility_text(product) -> str:
    if product.eligibility == Eligibility.VERIFIED_ASSOCIATIONS:
        return str(
            _(
                "Réservé aux associations vérifiées par Passerelle : le prix solidaire dépend du budget annuel "
                "renseigné dans le profil de l'association."
            )
        )
    return str(
        _(
            "Ouvert à toutes les organisations : les associations vérifiées paient le prix solidaire de leur "
            "tranche de budget annuel, les autres le prix public."
        )
    )


def _quota(product, organisation):
    if organisation is None or product.yearly_quota is None:
        return None
    year = civil_year()
    return Quota(
        year=year,
        limit=product.yearly_quota,
        used=quota_used(product=product, organisation=organisation, year=year),
    )


def page_product_offer(*, page, organisation, budget_bracket: str | None = None) -> ProductOffer | None:
    """An offer or training page's live offer; None without a product or once billing stopped selling it."""
    if page.product_id is None or not page.product.is_active:
        return None
    return product_offer_for(product=page.product, organisation=organisation, budget_bracket=budget_bracket)


def product_offer_for(*, product, organisation, budget_bracket: str | None = None) -> ProductOffer:
    """Read billing live: `price_for` one unit, the grid, the stock and this year's quota left.

    `budget_bracket`: the organisation's, read once by a caller listing several products.
    """
    try:
        quote = price_for(product=product, organisation=organisation, quantity=1, budget_bracket=budget_bracket)
        refusal = ""
    except PricingError as error:
        quote, refusal = None, str(error.message)
    return ProductOffer(
        product=product,
        quote=quote,
        refusal=refusal,
        grid=_price_grid(product),
        show_grid=not gets_solidarity_prices(organisation),
        eligibility_text=_eligibility_text(product),
        quota=quote.quota if quote and quote.quota else _quota(product, organisation),
    )


# --- Training sessions (billing.models.trainings, landing while this is written) ----------------


@dataclass(frozen=True)
class SessionView:
    """What a training page shows of one session: no participant, no online link (those are for registrants)."""

    start: object
    end: object
    place: str
    is_online: bool
    seats_left: int | None
    is_open: bool = True


def _training_session_model():
    """billing's TrainingSession, or None while it does not exist (imported lazily, on purpose)."""
    try:
        from billing.models.trainings import TrainingSession
    except ImportError:
        return None
    return TrainingSession


def _is_cancelled(session) -> bool:
    return bool(getattr(session, "is_cancelled", False))


def training_session_list_upcoming(*, product, limit: int = 6) -> list[SessionView]:
    """The next sessions of a training-seat product with seats left, read live; [] without the session model."""
    model = _training_session_model()
    if model is None or product is None:
        return []
    sessions = model.objects.filter(product=product, starts_at__gte=timezone.now()).with_seats_left()
    return [
        _session_view(session) for session in sessions.order_by("starts_at")[: limit * 2] if not _is_cancelled(session)
    ][:limit]


def _session_view(session) -> SessionView:
    return SessionView(
        start=session.starts_at,
        end=getattr(session, "ends_at", None),
        place=getattr(session, "address", ""),
        is_online=bool(getattr(session, "is_online", False)),
        seats_left=getattr(session, "seats_left_now", None),
        is_open=bool(getattr(session, "is_open_for_registration", True)),
    )


@dataclass(frozen=True)
class PricedPageView:
    """An offer or training page as another page (an article) shows it: the same live offer its own page shows
    the visitor's organisation, and for a training the next session one could still register for."""

    page: object
    offer: ProductOffer | None
    next_session: SessionView | None = None


def _next_sessions(products) -> dict[int, SessionView]:
    """product id -> the next session one can still register for (else the next one), for all products at once."""
    model = _training_session_model()
    ids = [product.pk for product in products]
    if model is None or not ids:
        return {}
    upcoming: dict[int, list[SessionView]] = {}
    sessions = model.objects.filter(product_id__in=ids, starts_at__gte=timezone.now()).with_seats_left()
    for session in sessions.order_by("starts_at", "pk"):
        if not _is_cancelled(session):
            upcoming.setdefault(session.product_id, []).append(_session_view(session))
    return {
        product_id: next((view for view in views if view.is_open), views[0]) for product_id, views in upcoming.items()
    }


def priced_page_list_for(*, pages, organisation, with_next_session: bool = False) -> list[PricedPageView]:
    """Offer or training pages with their live price for `organisation`, read from billing like their own pages.

    The organisation's budget bracket and the next sessions are read once for the whole list; each
    product still costs its own price and quota reads, unless the caller prefetched the products'
    grids (`select_related("product")`, `prefetch_related("product__prices")`, as `resources` does).
    """
    pages = list(pages)
    bracket = budget_bracket_of(organisation) if organisation is not None else None
    offers = [page_product_offer(page=page, organisation=organisation, budget_bracket=bracket) for page in pages]
    sold = [page.product for page, offer in zip(pages, offers, strict=True) if offer is not None]
    sessions = _next_sessions(sold) if with_next_session else {}
    return [
        PricedPageView(page=page, offer=offer, next_session=sessions.get(page.product_id) if offer else None)
        for page, offer in zip(pages, offers, strict=True)
    ]
