"""Root URLs: every package's pages under their French paths; Wagtail serves the rest."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

import marketplace.converters  # noqa: F401  (registers the `id` converter before any route uses it)
from cms.sitemaps import MultilingualPageSitemap
from frontend.views import cookies
from marketplace.views import csp_reports, dashboard, health, language, second_factor
from marketplace.views.api import api_not_found

from .api import api

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("csp/rapport/", csp_reports.csp_report, name="csp_report"),
    # Browsers and feed readers that ignore the layout's <link rel="icon"> still find the icon.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path("api/v1/", api.urls),
    # Anything else under /api/ answers in the API's JSON shape, not with an HTML page.
    re_path(r"^api/", api_not_found),
    path("compte/", include("marketplace.urls.accounts")),
    path("organisations/", include("marketplace.urls.organisations")),
    path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
    path("projets/", include("search.urls.board")),
    path("projets/", include("search.urls.saved_searches")),
    path("projets/", include("search.urls.matching")),
    path("projets/", include("marketplace.urls.projects")),
    path("", include("search.urls.directory")),
    path("", include("marketplace.urls.public")),
    path("mon-organisation/", include("marketplace.urls.profiles")),
    path("mes-prestataires/", include("marketplace.urls.saved_providers")),
    path("messages/", include("messaging.urls")),
    path("diagnostic/", include("assessment.urls")),
    path("", include("billing.urls")),
    path("langue/", language.switch_language, name="switch_language"),
    path("cookies/", cookies, name="cookies"),
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
