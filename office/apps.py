from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    """The office's own pages (about, contacts, how to apply) and its contact details."""

    name = "office"
    verbose_name = _("Office pages")
    default_auto_field = "django.db.models.BigAutoField"
