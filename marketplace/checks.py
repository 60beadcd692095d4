"""System checks that say which engines are active, so a misconfiguration shows at start-up."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def engines_in_use(app_configs, **kwargs):
    """An informational line per engine; `manage.py check` prints it."""
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    layer = settings.CHANNEL_LAYERS["default"]["BACKEND"].rsplit(".", 1)[-1]
    message = (
        f"Engines: database={database}, search={settings.SEARCH_ENGINE}, channel layer={layer}, "
        f"tasks={settings.TASKS_BACKEND}, payments={'stripe' if settings.STRIPE_SECRET_KEY else 'off'}"
    )
    return [checks.Info(message, id="marketplace.I001")]
