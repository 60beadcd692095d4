"""Saving searches of the project board, changing their alerts, and turning an alert's e-mails off."""

from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from marketplace.errors import DomainError, NotFound
from marketplace.models import Membership, Organisation, Project

from ..filters.board import BoardFilterSet
from ..models import AlertEmail, DefaultAlert, SavedSearch
from ..selectors.saved_searches import saved_search_get_for, saved_searches_may_use


class SavedSearchError(DomainError):
    pass


def saved_search_clean_query(query: str) -> str:
    """Keep the board's own parameters (not the page number, nor anything else) and check them with its FilterSet.

    An invalid value is refused with the board's own message rather than saved and failing every evening.
    """
    params = QueryDict(query or "")
    kept = QueryDict(mutable=True)
    for name in BoardFilterSet.base_filters:
        values = [value for value in params.getlist(name) if value != ""]
        if values:
            kept.setlist(name, values)
    filterset = BoardFilterSet(kept, queryset=Project.objects.none())
    if not filterset.is_valid():
        messages = [
            f"{filterset.form.fields[name].label} : {' '.join(errors)}"
            for name, errors in filterset.errors.items()
            if name in filterset.form.fields
        ]
        messages += [" ".join(errors) for name, errors in filterset.errors.items() if name not in filterset.form.fields]
        raise SavedSearchError(
            _("Cette recherche a des filtres non valides : %(errors)s") % {"errors": " ".join(messages)}, field="query"
        )
    return kept.urlencode()


def _require_provider(membership: Membership) -> Organisation:
    organisation = membership.organisation
    if not saved_searches_may_use(organisation=organisation):
        raise NotFound(_("Les recherches enregistrées sont réservées aux prestataires vérifiés."))
    return organisation


def _email_choice(email: str) -> str:
    if email not in AlertEmail.values:
        raise SavedSearchError(_("Choisissez comment recevoir les alertes par e-mail."), field="email")
    return email


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise SavedSearchError(_("Donnez un nom à cette recherche."), field="name")
    if len(name) > 120:
        raise SavedSearchError(_("Le nom d'une recherche tient en 120 caractères."), field="name")
    return name


@transaction.atomic
def saved_search_create(
    *, membership: Membership, name: str, query: str, in_app: bool = True, email: str = AlertEmail.INSTANT
) -> SavedSearch:
    """Keep the board's current filters under a name; its alerts go to the member who saved it."""
    organisation = _require_provider(membership)
    saved = SavedSearch(
        organisation=organisation,
        created_by=membership.user,
        name=_name(name),
        query=saved_search_clean_query(query),
        in_app=bool(in_app),
        email=_email_choice(email),
    )
    saved.full_clean()
    saved.save()
    return saved


@transaction.atomic
def saved_search_update(
    *, membership: Membership, saved_search_id: int, name: str, in_app: bool, email: str
) -> SavedSearch:
    """Rename a saved search or change its alerts; any member of its organisation may."""
    organisation = _require_provider(membership)
    saved = saved_search_get_for(organisation=organisation, saved_search_id=saved_search_id)
    saved.name = _name(name)
    saved.in_app = bool(in_app)
    saved.email = _email_choice(email)
    saved.full_clean()
    saved.save(update_fields=["name", "in_app", "email"])
    return saved


@transaction.atomic
def saved_search_delete(*, membership: Membership, saved_search_id: int) -> None:
    """Forget a saved search; the alerts already sent stay sent."""
    organisation = _require_provider(membership)
    saved_search_get_for(organisation=organisation, saved_search_id=saved_search_id).delete()


@transaction.atomic
def default_alert_set(*, membership: Membership, enabled: bool, threshold, in_app: bool, email: str) -> DefaultAlert:
    """Change the "Projets qui me correspondent" alert: on or off, from which score, and how it is told."""
    organisation = _require_provider(membership)
    try:
        threshold = int(threshold)
    except (TypeError, ValueError):
        threshold = -1
    if not 0 <= threshold <= 100:
        raise SavedSearchError(_("La correspondance minimale est un nombre entre 0 et 100."), field="threshold")
    alert, _created = DefaultAlert.objects.select_for_update().get_or_create(organisation=organisation)
    alert.enabled = bool(enabled)
    alert.threshold = threshold
    alert.in_app = bool(in_app)
    alert.email = _email_choice(email)
    alert.full_clean()
    alert.save()
    return alert


@transaction.atomic
def alert_emails_stop(*, organisation_id: int, saved_search_ids: list[int], default_alert: bool) -> int:
    """Turn off the e-mails of the alerts an unsubscribe link names, and only those (RFC 8058's one click).

    Nobody is logged in: the signed link is the proof. A saved search deleted meanwhile is simply gone.
    Returns how many alerts were changed.
    """
    changed = SavedSearch.objects.filter(organisation_id=organisation_id, pk__in=saved_search_ids).update(
        email=AlertEmail.NONE
    )
    if default_alert and Organisation.objects.filter(pk=organisation_id).exists():
        alert, _created = DefaultAlert.objects.select_for_update().get_or_create(organisation_id=organisation_id)
        if alert.email != AlertEmail.NONE:
            alert.email = AlertEmail.NONE
            alert.save(update_fields=["email"])
        changed += 1
    return changed
