"""Inviting providers to a project from its proposed providers or from a search, under /projets/."""

from django.urls import path

import marketplace.converters  # noqa: F401  (the `id` path converter)

from ..views import matches

app_name = "matching"
urlpatterns = [
    path("<id:project_id>/inviter/", matches.invite, name="invite"),
    path("<id:project_id>/prestataires-proposes/inviter/", matches.invite_match, name="invite_match"),
]
