from django.urls import path

from .views import shop, trainings

app_name = "billing"

urlpatterns = [
    path("boutique/", shop.catalogue, name="catalogue"),
    path("boutique/commandes/", shop.order_list, name="orders"),
    path("boutique/commandes/<id:order_id>/", shop.order_detail, name="order"),
    path("boutique/commandes/<id:order_id>/annuler/", shop.order_cancel_view, name="order_cancel"),
    path("boutique/commandes/<id:order_id>/carte-de-test/", shop.order_test_card, name="order_test_card"),
    path("boutique/factures/<id:invoice_id>/pdf/", shop.invoice_download, name="invoice_pdf"),
    path("boutique/avoirs/<id:credit_note_id>/pdf/", shop.credit_note_download, name="credit_note_pdf"),
    path("boutique/formations/sessions/<id:session_id>/", trainings.session_detail, name="training_session"),
    path(
        "boutique/formations/sessions/<id:session_id>/inscription/",
        trainings.session_register,
        name="training_register",
    ),
    path(
        "boutique/formations/sessions/<id:session_id>/liste-attente/",
        trainings.session_waitlist,
        name="training_waitlist",
    ),
    path("boutique/formations/offres/<id:entry_id>/", trainings.waitlist_offer, name="training_offer"),
    path("boutique/formations/inscriptions/", trainings.registration_list, name="training_registrations"),
    path(
        "boutique/formations/inscriptions/<id:registration_id>/",
        trainings.registration_detail,
        name="training_registration",
    ),
    path(
        "boutique/formations/inscriptions/<id:registration_id>/annuler/",
        trainings.registration_cancel_view,
        name="training_registration_cancel",
    ),
    path(
        "boutique/formations/attestations/<id:participant_id>/pdf/",
        trainings.certificate_download,
        name="training_certificate",
    ),
    path("boutique/<slug:code>/", shop.product_detail, name="product"),
    path("boutique/<slug:code>/commander/", shop.checkout, name="checkout"),
    path("billing/stripe/webhook/", shop.stripe_webhook, name="stripe_webhook"),
]
