from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Places and pages")

    def ready(self):
        from core import signals  # noqa: F401 - connects the receivers
