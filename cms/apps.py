from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Contenus éditoriaux")

    def ready(self):
        from marketplace.personal_data import register_contributor, register_retention

        from . import signals  # noqa: F401  (connects the receivers)
        from .personal_data import cms_export_section, search_logs_purge

        register_contributor(name="contenus", export=cms_export_section)
        register_retention(name="search_logs", purge=search_logs_purge)
