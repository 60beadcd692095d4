from django.urls import path

from . import views, views_trainings

app_name = "billing"

urlpatterns = [
    path("boutique/", views.catalogue, name="catalogue"),
    path("boutique/commandes/", views.order_list, name="orders"),
    path("boutique/commandes/<id:order_id>/", views.order_detail, name="order"),
    path("boutique/commandes/<id:order_id>/annuler/", views.order_cancel_view, name="order_cancel"),
    path("boutique/commandes/<id:order_id>/carte-de-test/", views.order_test_card, name="order_test_card"),
    path("boutique/factures/<id:invoice_id>/pdf/", views.invoice_download, name="invoice_pdf"),
    path("boutique/avoirs/<id:credit_note_id>/pdf/", views.credit_note_download, name="credit_note_pdf"),
    path("boutique/formations/sessions/<id:session_id>/", views_trainings.session_detail, name="training_session"),
    path(
        "boutique/formations/sessions/<id:session_id>/inscription/",
        views_trainings.session_register,
        name="training_register",
    ),
    path(
        "boutique/formations/sessions/<id:session_id>/liste-attente/",
        views_trainings.session_waitlist,
        name="training_waitlist",
    ),
    path("boutique/formations/offres/<id:entry_id>/", views_trainings.waitlist_offer, name="training_offer"),
    path("boutique/formations/inscriptions/", views_trainings.registration_list, name="training_registrations"),
    path(
        "boutique/formations/inscriptions/<id:registration_id>/",
        views_trainings.registration_detail,
        name="training_registration",
    ),
    path(
        "boutique/formations/inscriptions/<id:registration_id>/annuler/",
        views_trainings.registration_cancel_view,
        name="training_registration_cancel",
    ),
    path(
        "boutique/formations/attestations/<id:participant_id>/pdf/",
        views_trainings.certificate_download,
        name="training_certificate",
    ),
    path("boutique/<slug:code>/", views.product_detail, name="product"),
    path("boutique/<slug:code>/commander/", views.checkout, name="checkout"),
    path("billing/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
