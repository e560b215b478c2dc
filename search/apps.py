from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.backends.signals import connection_created

        from search import signals  # noqa: F401 - connects the receivers
        from search.backends.database import register_sqlite_functions
        from search.documents import register_builtin_kinds

        register_builtin_kinds()
        connection_created.connect(register_sqlite_functions, dispatch_uid="search.sqlite")
