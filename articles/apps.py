from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from .images.renditions import forget_deleted_file
        from .models import Rendition
        from .page_cache import watch_writes

        # Every connection, in every process (app servers, imports, shell
        # scripts), announces the writes that change readers' pages.
        connection_created.connect(watch_writes, dispatch_uid="articles.page_cache")
        post_delete.connect(
            forget_deleted_file, sender=Rendition, dispatch_uid="articles.renditions"
        )
