from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Place de marché")

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
        from .personal_data import register_contributor, register_retention
        from .selectors.personal_data import account_export_section
        from .services import personal_data

        # The core's part comes first in every archive and runs last in an erasure (the account row goes with it).
        register_contributor(name="compte", export=account_export_section, erase=personal_data.account_erase_core)
        register_retention(name="unconfirmed_accounts", purge=personal_data.unconfirmed_accounts_purge)
        register_retention(name="verification_documents", purge=personal_data.verification_documents_purge)
        register_retention(name="personal_data_exports", purge=personal_data.personal_data_exports_purge)
        register_retention(name="expired_sessions", purge=personal_data.sessions_purge)
