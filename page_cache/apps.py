from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "page_cache"
    verbose_name = "Public page cache"

    def ready(self):
        from . import purge

        purge.connect_signals()
