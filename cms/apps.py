from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Contenus éditoriaux")

    def ready(self):
        from marketplace.demo.seeders import register_seeder

        from . import signals  # noqa: F401  (connects the receivers)
        from .demo import CMS_ORDER, seed_cms

        register_seeder("cms", seed_cms, order=CMS_ORDER)
