from django.urls import path

from . import views

app_name = "billing"

urlpatterns = [
    path("boutique/", views.catalogue, name="catalogue"),
    path("boutique/commandes/", views.order_list, name="orders"),
    path("boutique/commandes/<id:order_id>/", views.order_detail, name="order"),
    path("boutique/commandes/<id:order_id>/annuler/", views.order_cancel_view, name="order_cancel"),
    path("boutique/factures/<id:invoice_id>/pdf/", views.invoice_download, name="invoice_pdf"),
    path("boutique/<slug:code>/", views.product_detail, name="product"),
    path("boutique/<slug:code>/commander/", views.checkout, name="checkout"),
    path("billing/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
