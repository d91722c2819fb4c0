"""The office's standard pages and its contact details (a site setting, translated per language).

Translated fields are declared in office/translation.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.search import index

from news.pages import LanguageAwarePage
from news.panels import language_edit_handler

from .blocks import StandardPageBodyBlock


class StandardPage(LanguageAwarePage):
    """A page of the office itself: "About the Commissioner", "Contacts", "How to apply"."""

    # Like a release, an office page exists in a language with its title and body there.
    language_defining_fields = ("title", "body")

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(StandardPageBodyBlock(), blank=True, verbose_name=_("body"))

    # One tab per language, like every page (news/panels.py).
    edit_handler = language_edit_handler(["intro", "body"])
    search_fields = [*LanguageAwarePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("office page")
        verbose_name_plural = _("office pages")


@register_setting(icon="mail")
class OfficeContacts(BaseSiteSetting):
    """What the footer of every page says about reaching the office."""

    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    hotline = models.CharField(_("hotline"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    reception_hours = models.TextField(_("reception hours"), blank=True)

    panels = [
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("hotline"),
        FieldPanel("email"),
        FieldPanel("reception_hours"),
    ]

    class Meta:
        verbose_name = _("office contacts")
