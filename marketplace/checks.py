"""System checks that say which engines are active, so a misconfiguration shows at start-up."""

from django.core import checks

from . import conf


@checks.register(checks.Tags.compatibility)
def engines_in_use(app_configs, **kwargs):
    """An informational line per engine; `manage.py check` prints it."""
    database = conf.databases()["default"]["ENGINE"].rsplit(".", 1)[-1]
    layer = conf.channel_layers()["default"]["BACKEND"].rsplit(".", 1)[-1]
    message = (
        f"Engines: database={database}, search={conf.search_engine()}, channel layer={layer}, "
        f"tasks={conf.tasks_backend()}, payments={'stripe' if conf.stripe_secret_key() else 'off'}"
    )
    return [checks.Info(message, id="marketplace.I001")]
