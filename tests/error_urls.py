"""The site's URLs plus four that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a bug")


def database_gone(request):
    raise OperationalError("server closed the connection unexpectedly")


urlpatterns = [
    path("essai/interdit/", forbidden),
    path("essai/panne/", broken),
    path("essai/base-injoignable/", database_gone),
    *urlpatterns,
]
