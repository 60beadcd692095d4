from django.conf import settings
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.sitemaps import MultilingualPageSitemap

from . import converters  # noqa: F401  (registers the `id` converter before any route uses it)
from .api import api
from .views import (
    accounts,
    csp_reports,
    dashboard,
    health,
    language,
    notification_settings,
    organisations,
    second_factor,
    tokens,
)
from .views.api import api_not_found

account_patterns = (
    [
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
    ],
    "accounts",
)

organisation_patterns = (
    [
        path("nouvelle/", organisations.create, name="create"),
        path("<id:organisation_id>/activer/", organisations.switch, name="switch"),
        path("parametres/", organisations.settings_page, name="settings"),
        path("invitations/", organisations.invite, name="invite"),
        path("invitations/<id:invitation_id>/annuler/", organisations.revoke_invitation, name="revoke_invitation"),
        path("membres/<id:membership_id>/role/", organisations.change_role, name="change_role"),
        path("membres/<id:membership_id>/retirer/", organisations.remove_member, name="remove_member"),
        path("invitation/<str:token>/", organisations.invitation, name="invitation"),
    ],
    "organisations",
)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("csp/rapport/", csp_reports.csp_report, name="csp_report"),
    # Browsers and feed readers that ignore the layout's <link rel="icon"> still find the icon.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("api/v1/", api.urls),
    # Anything else under /api/ answers in the API's JSON shape, not with an HTML page.
    re_path(r"^api/", api_not_found),
    path("compte/", include(account_patterns)),
    path("organisations/", include(organisation_patterns)),
    path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
    path("projets/", include("marketplace.urls_projects")),
    path("", include("marketplace.urls_directory")),
    path("mon-organisation/", include("marketplace.urls_profiles")),
    path("messages/", include("messaging.urls")),
    path("diagnostic/", include("assessment.urls")),
    path("", include("billing.urls")),
    path("langue/", language.switch_language, name="switch_language"),
    # Wagtail's admin login, replaced by the same view with the second factor's code step.
    path("admin/login/", second_factor.AdminLoginView.as_view(), name="admin_login"),
    path("admin/login/code/", second_factor.admin_login_code, name="admin_login_code"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualPageSitemap}}, name="sitemap"),
]

if settings.DEBUG:
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))

# Wagtail serves the editorial pages (home, resource centre...) for every other path; English pages under /en/.
urlpatterns.append(path("", include("cms.urls")))

handler400 = "frontend.views.bad_request"
handler403 = "frontend.views.permission_denied"
handler404 = "frontend.views.page_not_found"
handler500 = "frontend.views.server_error"
