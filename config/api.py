"""The JSON API, version 1, published with its OpenAPI schema at /api/v1/openapi.json: every package's routers."""

from ninja import NinjaAPI

import marketplace.converters  # noqa: F401  (the `id` path converter)
import search.api.board  # noqa: F401  (adds the project list, GET /projects, to the core's projects router)
from marketplace.api.auth import session_auth, token_auth
from marketplace.api.errors import register_error_handlers
from marketplace.api.profiles import profiles_router
from marketplace.api.projects import projects_router
from marketplace.api.public import public_router
from marketplace.api.routers import me_router, organisations_router, tokens_router
from search.api.directory import directory_router
from search.api.matches import project_matches_router, provider_matches_router

api = NinjaAPI(
    title="Passerelle API",
    version="1",
    description="API of the digital marketplace for French associations. Errors are `{message, errors}`.",
    # The token first: a request that carries one is an integration, never held to the browser's CSRF rule.
    auth=[token_auth, session_auth],
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
register_error_handlers(api)
api.add_router("/me", me_router)
api.add_router("/organisations", organisations_router)
api.add_router("/tokens", tokens_router)
api.add_router("/directory", directory_router)
api.add_router("/directory", public_router)
api.add_router("/my-organisation", profiles_router)
api.add_router("/projects", projects_router)
api.add_router("/projects", project_matches_router)
api.add_router("/providers", provider_matches_router)
