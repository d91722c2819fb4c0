from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks, redirects  # noqa: F401  (checks register themselves)
        from .models import NewsReleasePage
        from .pages import restore_overrides

        restore_overrides()
        redirects.connect([NewsReleasePage])
        from .translated_columns import after_migrate

        # Once per migrate (sender: this app), after every migration has run.
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="news_translated_columns")
