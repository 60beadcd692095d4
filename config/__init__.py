"""The Django project's wiring: settings, root URLs, the API, ASGI and WSGI entry points.

Not an app: it holds no models and no business rule, only what connects the packages.
"""
