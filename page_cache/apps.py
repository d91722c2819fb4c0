from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "page_cache"
    verbose_name = "Public page cache"

    def ready(self):
        from . import checks, purge  # noqa: F401 (checks registers itself)

        purge.connect_signals()
