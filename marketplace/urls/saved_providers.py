""" "Mes prestataires": an association's saved providers."""

from django.urls import path

from ..views import saved_providers

app_name = "saved_providers"
urlpatterns = [
    path("", saved_providers.saved_provider_list, name="list"),
    path("enregistrer/", saved_providers.saved_provider_save, name="save"),
    path("retirer/", saved_providers.saved_provider_unsave, name="unsave"),
    path("note/", saved_providers.saved_provider_edit_note, name="note"),
    path("inviter/", saved_providers.saved_provider_invite, name="invite"),
]
