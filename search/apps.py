from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Recherche et mise en relation")

    def ready(self):
        from marketplace.health import health_check_register

        from .engines import engine_health

        health_check_register("search", engine_health)
