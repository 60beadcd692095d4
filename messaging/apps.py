from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messagerie")

    def ready(self):
        from marketplace.health import health_check_register

        from .health import channel_layer_check

        health_check_register("channel_layer", channel_layer_check)

        from . import receivers

        receivers.connect()

        from . import responsiveness

        responsiveness.register()

        from marketplace.personal_data import register_contributor

        from .personal_data import messaging_export_section

        register_contributor(name="messagerie", export=messaging_export_section)
