"""Public pages: the provider directory and public organisation pages."""

from django.urls import path

from .views import directory

app_name = "directory"
urlpatterns = [
    path("prestataires/", directory.provider_list, name="provider_list"),
    path("prestataires/<slug:slug>/", directory.provider_detail, name="provider_detail"),
    path("associations/<slug:slug>/", directory.association_detail, name="association_detail"),
]
