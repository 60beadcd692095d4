from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The French demo (`manage.py seed_demo`): reads every package, seeds them through their services.

    No models: the app exists so that Django finds its management command.
    """

    name = "demo"
    verbose_name = "Démonstration"
