"""Public pages of organisations: a provider's page and an association's public page."""

from django.urls import path

from ..views import public

app_name = "public"
urlpatterns = [
    path("prestataires/<slug:slug>/", public.provider_detail, name="provider_detail"),
    path("associations/<slug:slug>/", public.association_detail, name="association_detail"),
    path("avis/<int:review_id>/signaler/", public.review_report_view, name="review_report"),
]
