"""A person's account: sign-up, e-mail confirmation, login, passwords, profile, e-mail preferences, API tokens,
their data (archive, deletion)."""

from django.urls import path

from .. import converters  # noqa: F401  (the `id` path converter)
from ..views import accounts, notification_settings, personal_data, second_factor, tokens

app_name = "accounts"
urlpatterns = [
    path("inscription/", accounts.sign_up, name="sign_up"),
    path("inscription/envoyee/", accounts.sign_up_done, name="sign_up_done"),
    path("confirmer/<str:token>/", accounts.confirm_email, name="confirm_email"),
    path("confirmer-a-nouveau/", accounts.resend_confirmation, name="resend_confirmation"),
    path("connexion/", accounts.LoginView.as_view(), name="login"),
    path("connexion/code/", second_factor.login_code, name="login_code"),
    path("deconnexion/", accounts.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/oublie/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe/envoye/", accounts.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("mot-de-passe/change/", accounts.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("mot-de-passe/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("profil/", accounts.profile, name="profile"),
    path("securite/", second_factor.security, name="security"),
    path("securite/activer/", second_factor.second_factor_setup, name="second_factor_setup"),
    path("securite/desactiver/", second_factor.second_factor_disable_view, name="second_factor_disable"),
    path("securite/codes-de-secours/", second_factor.recovery_codes_renew, name="recovery_codes_renew"),
    path("jetons/", tokens.token_list, name="tokens"),
    path("e-mails/", notification_settings.email_preferences, name="notification_emails"),
    path("jetons/<id:token_id>/revoquer/", tokens.token_revoke, name="token_revoke"),
    path("donnees/", personal_data.my_data, name="my_data"),
    path("donnees/archive/", personal_data.data_export_request, name="data_export_request"),
    path("donnees/archive/<id:export_id>/etat/", personal_data.data_export_status, name="data_export_status"),
    path(
        "donnees/archive/<id:export_id>/telecharger/",
        personal_data.data_export_download,
        name="data_export_download",
    ),
    path("supprimer/", personal_data.account_delete_view, name="account_delete"),
]
