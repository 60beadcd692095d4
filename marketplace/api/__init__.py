"""The JSON API, version 1, published with its OpenAPI schema at /api/v1/openapi.json."""

from .site import api

__all__ = ["api"]
