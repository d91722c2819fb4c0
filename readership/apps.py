from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    """How many times each page was read: counted by a beacon, batched through the cache."""

    name = "readership"
    verbose_name = _("Readership")
    default_auto_field = "django.db.models.BigAutoField"
