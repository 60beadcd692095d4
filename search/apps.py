from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Recherche et mise en relation")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from marketplace.health import health_check_register
        from marketplace.models import Skill
        from marketplace.personal_data import register_contributor

        from . import receivers  # noqa: F401  (connects to the core's signals)
        from .engines import engine_health
        from .personal_data import search_export_section
        from .skills import skill_matcher_invalidate

        health_check_register("search", engine_health)
        register_contributor(name="recherches", export=search_export_section)
        post_save.connect(skill_matcher_invalidate, sender=Skill, dispatch_uid="search-skill-saved")
        post_delete.connect(skill_matcher_invalidate, sender=Skill, dispatch_uid="search-skill-deleted")
