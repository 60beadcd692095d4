from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Catalogue et paiements")

    def ready(self):
        from marketplace.health import health_check_register

        from .health import payments_check, payments_configured, tasks_check

        health_check_register("tasks", tasks_check)
        health_check_register("payments", payments_check, enabled=payments_configured)

        from marketplace.personal_data import register_contributor

        from .personal_data import billing_export_section

        register_contributor(name="achats", export=billing_export_section)
