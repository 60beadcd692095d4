"""API routers served by the search engine; `config.api` mounts them at /api/v1/."""
