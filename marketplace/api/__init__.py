"""The core's JSON API routers, authentication and error shape; `config.api` mounts them at /api/v1/."""
