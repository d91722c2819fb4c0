from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisionConfig(AppConfig):
    """The low-vision mode: larger type, high contrast, wider spacing, images off."""

    name = "vision"
    verbose_name = _("Low-vision mode")
