"""The providers' saved searches of the board and their alerts, under /projets/recherches/."""

from django.urls import path

import marketplace.converters  # noqa: F401  (the `id` path converter)

from ..views import saved_searches

app_name = "saved_searches"
urlpatterns = [
    path("recherches/", saved_searches.saved_search_list, name="list"),
    path("recherches/enregistrer/", saved_searches.saved_search_save, name="save"),
    path("recherches/alerte-par-defaut/", saved_searches.default_alert_edit, name="default_alert"),
    path("recherches/<id:saved_search_id>/", saved_searches.saved_search_edit, name="edit"),
    path("recherches/<id:saved_search_id>/supprimer/", saved_searches.saved_search_remove, name="delete"),
    path("recherches/desabonnement/<str:token>/", saved_searches.unsubscribe, name="unsubscribe"),
]
