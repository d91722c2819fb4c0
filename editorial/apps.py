from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import display_names, signals  # noqa: F401  (signals connects the receivers)

        display_names.connect()

        from . import admin_labels

        admin_labels.install()
