"""A page's readable text in one language, as plain text with whitespace normalised.

Search on the SQLite development database matches words in it; a reported typo must occur in it
(typo_reports: the reader selected it on the page), the admin shows the text around it, and a
new publication that no longer contains it flags the report "possibly fixed". Values come from
the per-language columns only (news.languages.value_in), so another language's text can never
match. Nothing is rendered: the text is read from the StreamField values.
"""

import html
import re

from django.utils.html import strip_tags
from wagtail.rich_text import RichText

from .languages import has_language, value_in

WHITESPACE = re.compile(r"\s+")
# Block-level tags separate words on screen (and in a browser's selection) but not in the HTML
# source: "<p>one</p><p>two</p>" must read "one two", while inline tags join ("wo<b>rd</b>").
BLOCK_TAG = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|br|div|blockquote|figure|figcaption|table|tr|td|th)\b[^>]*>",
    re.IGNORECASE,
)
# Fields shown on a page around its body, in reading order.
FIELDS_BEFORE_BODY = ("title", "lead", "hero_caption", "hero_credit")
FIELDS_AFTER_BODY = ("source",)
# Struct keys that hold no selectable text: markup choices, chosen objects, alt texts.
NOT_TEXT = {"level", "image", "document", "alt_text"}


def normalise(text: str) -> str:
    return WHITESPACE.sub(" ", text or "").strip()


def html_to_text(markup: str) -> str:
    return html.unescape(strip_tags(BLOCK_TAG.sub(" ", markup or "")))


def _block_texts(value):
    """Every piece of text in a StreamField/StructBlock value that a reader sees."""
    if value is None:
        return
    if isinstance(value, RichText):
        yield html_to_text(value.source)
    elif isinstance(value, str):
        yield value
    elif hasattr(value, "items"):  # StructValue
        for key, item in value.items():
            if key in NOT_TEXT:
                # A document link without its own text shows the document's title.
                if key == "document" and not value.get("title") and item is not None:
                    yield item.title
                continue
            yield from _block_texts(item)
    elif hasattr(value, "__iter__"):  # StreamValue, ListValue
        for item in value:
            yield from _block_texts(getattr(item, "value", item))


def page_text(page, language: str) -> str:
    """The page's text in ``language`` (empty when it lacks the language)."""
    page = page.specific
    if not has_language(page, language):
        return ""
    parts = [value_in(page, field, language) or "" for field in FIELDS_BEFORE_BODY]
    parts.extend(_block_texts(value_in(page, "body", language)))
    parts += [value_in(page, field, language) or "" for field in FIELDS_AFTER_BODY]
    return normalise(" ".join(str(part) for part in parts))


def occurs_in_text(fragment: str, text: str) -> bool:
    """Whether the fragment, normalised as page_text normalises, is in ``text`` (page_text's)."""
    fragment = normalise(fragment)
    return bool(fragment) and fragment in text


def text_around(fragment: str, text: str, width: int = 200) -> tuple[str, str, str] | None:
    """(before, fragment, after) of the fragment's first occurrence in ``text``, or None."""
    fragment = normalise(fragment)
    position = text.find(fragment) if fragment else -1
    if position < 0:
        return None
    end = position + len(fragment)
    return text[max(0, position - width) : position], fragment, text[end : end + width]
