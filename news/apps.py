from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import redirects
        from .models import NewsReleasePage
        from .pages import install_language_aware_behaviour

        install_language_aware_behaviour()
        redirects.connect([NewsReleasePage])
