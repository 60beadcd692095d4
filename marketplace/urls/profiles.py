"""The organisation's own profile, verification, portfolio, documents and the user's notifications."""

from django.urls import path

from .. import converters  # noqa: F401  (the `id` path converter)
from ..views import documents, notifications, profiles, verification

app_name = "profiles"
urlpatterns = [
    path("profil/", profiles.profile, name="profile"),
    path("realisations/nouvelle/", profiles.portfolio_new, name="portfolio_new"),
    path("realisations/<id:item_id>/", profiles.portfolio_edit, name="portfolio_edit"),
    path("realisations/<id:item_id>/supprimer/", profiles.portfolio_delete, name="portfolio_delete"),
    path("verification/", verification.verification, name="verification"),
    path("justificatifs/<id:document_id>/", documents.download, name="document"),
    path("notifications/", notifications.notification_list_page, name="notifications"),
    path("notifications/<id:notification_id>/lue/", notifications.notification_read, name="notification_read"),
    path("notifications/tout-lire/", notifications.notification_read_all, name="notifications_read_all"),
]
