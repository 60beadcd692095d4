"""The provider directory, served by the search engine."""

from django.urls import path

from ..views import directory

app_name = "directory"
urlpatterns = [
    path("prestataires/", directory.provider_list, name="provider_list"),
]
