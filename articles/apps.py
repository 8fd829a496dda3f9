from django.apps import AppConfig
from django.db.backends.signals import connection_created


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from .page_cache import watch_writes

        # Every connection, in every process (app servers, imports, shell
        # scripts), announces the writes that change readers' pages.
        connection_created.connect(watch_writes, dispatch_uid="articles.page_cache")
