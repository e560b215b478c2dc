from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "elections"
    verbose_name = _("Elections and candidates")

    def ready(self):
        from elections import signals  # noqa: F401 - connects the receivers
        from elections.search import register_candidates

        register_candidates()
