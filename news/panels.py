"""The admin's edit forms, one tab per language.

Each language tab holds that language's title, slug and every translated field, named by
their ``<field>_<lang>`` columns; wagtail-modeltranslation's panel patching leaves such names
alone (it only expands untranslated names), so it works with these layouts unchanged. The
shared fields and Wagtail's publishing settings follow in tabs of their own.

Titles and slugs carry ``data-news-title`` / ``data-news-slug`` for the admin script
(static/news/js/language_tabs.js), which replaces Wagtail's title-to-slug sync for them: each
title fills only its own language's slug, by news.transliteration.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    CommentPanel,
    FieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)

from .languages import LANGUAGE_CODES, LANGUAGE_NAMES
from .pages import LanguageAwarePageForm

TAB_CLASS = "news-language-tab"


def title_panel(field: str, code: str) -> FieldPanel:
    return FieldPanel(
        f"{field}_{code}",
        classname="title",
        widget=forms.TextInput(attrs={"data-news-title": code}),
    )


def slug_panel(code: str) -> FieldPanel:
    # A plain text input: Wagtail's SlugInput re-slugifies with its own map on blur.
    return FieldPanel(
        f"slug_{code}",
        widget=forms.TextInput(attrs={"data-news-slug": code, "autocomplete": "off"}),
        help_text=_("The address of this language's version; made from its title."),
    )


def language_tab(code: str, panels: list) -> ObjectList:
    return ObjectList(
        panels,
        heading=LANGUAGE_NAMES[code],
        classname=f"{TAB_CLASS} {TAB_CLASS}--{code}",
    )


def page_language_panels(code: str, fields: list[str]) -> list:
    return [
        title_panel("title", code),
        slug_panel(code),
        *(FieldPanel(f"{field}_{code}") for field in fields),
        FieldPanel(f"seo_title_{code}"),
        FieldPanel(f"search_description_{code}"),
    ]


def comments_enabled() -> bool:
    return getattr(settings, "WAGTAILADMIN_COMMENTS_ENABLED", True)


def language_edit_handler(fields: list[str], shared: list | None = None) -> TabbedInterface:
    """Tabs Қазақша / Русский / English, then the shared fields, then Wagtail's settings
    (scheduling, comments) and the menu flag."""
    tabs = [language_tab(code, page_language_panels(code, fields)) for code in LANGUAGE_CODES]
    if shared:
        tabs.append(ObjectList(shared, heading=_("Shared fields")))
    tabs.append(
        ObjectList(
            [
                PublishingPanel(),
                FieldPanel("show_in_menus"),
                *(
                    [CommentPanel()]
                    if getattr(settings, "WAGTAILADMIN_COMMENTS_ENABLED", True)
                    else []
                ),
            ],
            heading=_("Settings"),
        )
    )
    return TabbedInterface(tabs, base_form_class=LanguageAwarePageForm)


def topic_edit_handler() -> TabbedInterface:
    return TabbedInterface(
        [
            language_tab(
                code,
                [
                    title_panel("name", code),
                    FieldPanel(
                        f"slug_{code}",
                        widget=forms.TextInput(attrs={"data-news-slug": code}),
                        help_text=_("Made from the name when left empty."),
                    ),
                ],
            )
            for code in LANGUAGE_CODES
        ]
    )
