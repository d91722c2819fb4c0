from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TypoReportsConfig(AppConfig):
    name = "typo_reports"
    verbose_name = _("Typo reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (connects the page_published receiver)
