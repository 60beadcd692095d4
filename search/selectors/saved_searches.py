"""Reads of the providers' saved searches and alerts: who may see them, and their settings."""

from django.http import QueryDict
from django.utils.translation import gettext as _

from marketplace.errors import NotFound
from marketplace.models import Organisation

from ..models import DefaultAlert, SavedSearch


def saved_searches_may_use(*, organisation: Organisation | None) -> bool:
    """Saving searches and receiving alerts is for verified providers: the others see no project to alert on."""
    return organisation is not None and organisation.is_provider and organisation.is_verified


def saved_searches_for(*, organisation: Organisation):
    """The organisation's saved searches, by name; only its members reach this."""
    return SavedSearch.objects.filter(organisation=organisation).order_by("name", "pk")


def saved_search_get_for(*, organisation: Organisation, saved_search_id: int) -> SavedSearch:
    """One of the organisation's saved searches; another organisation's is not found, as if it did not exist."""
    saved = SavedSearch.objects.filter(organisation=organisation, pk=saved_search_id).first()
    if saved is None:
        raise NotFound(_("Recherche enregistrée introuvable."))
    return saved


def default_alert_for(*, organisation: Organisation) -> DefaultAlert:
    """The organisation's "Projets qui me correspondent" settings: its own row, or the defaults (not saved)."""
    return DefaultAlert.objects.filter(organisation=organisation).first() or DefaultAlert(organisation=organisation)


def saved_search_params(saved: SavedSearch) -> QueryDict:
    """The board's parameters a saved search holds, as the board reads them from a query string."""
    return QueryDict(saved.query)
