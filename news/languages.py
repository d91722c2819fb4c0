"""The language rule, in one place.

A page "has" language X when every field in its ``language_defining_fields`` (by default only
``title``) has a value in X; a release also needs its body (``NewsReleasePage`` says so, and its
validation keeps title and body together so that the indexed title column alone answers queries).
Listings, the switcher, hreflang links and the 404 for a missing language all ask the helpers
below; nothing else re-derives the rule.

Values are always read from the ``<field>_<lang>`` columns: the untranslated attributes fall back
to other languages (Wagtail's core needs that fallback) and would leak their text.
"""

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
LANGUAGE_NAMES: dict[str, str] = dict(settings.LANGUAGES)
# The languages named in the reader's or editor's language (LANGUAGE_NAMES are self-names).
LANGUAGE_LABELS = {"kk": _("Kazakh"), "ru": _("Russian"), "en": _("English")}


def active_language() -> str:
    """The language of the current request, always one of LANGUAGE_CODES."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def value_in(obj, field_name: str, language: str):
    """The value of a translated field in exactly one language, never a fallback."""
    return getattr(obj, build_localized_fieldname(field_name, language), None)


def is_filled(value) -> bool:
    """A field value counts as given: non-blank text, or a non-empty StreamField / list."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return len(value) > 0  # StreamValue, lists


def has_language(page, language: str) -> bool:
    fields = getattr(page.specific_class or type(page), "language_defining_fields", ("title",))
    specific = page.specific if len(fields) > 1 else page
    return all(is_filled(value_in(specific, field, language)) for field in fields)


def page_languages(page) -> list[str]:
    return [code for code in LANGUAGE_CODES if has_language(page, code)]


def in_language_q(language: str, prefix: str = "", field: str = "title") -> Q:
    """Filter for pages (or related rows via ``prefix``) that exist in ``language``: their
    ``field`` (the title; a topic's name) is filled in there."""
    column = prefix + build_localized_fieldname(field, language)
    return Q(**{f"{column}__gt": ""})


def page_url_in(page, language: str, request=None) -> str | None:
    """The page's address in ``language``, or None when the page lacks that language."""
    if not has_language(page, language):
        return None
    with translation.override(language):
        return page.get_url(request=request)


def absolute(url: str | None, request=None) -> str | None:
    """An absolute URL on the host the reader asked for (validated by ALLOWED_HOSTS)."""
    if url is None or request is None or "://" in url:
        return url
    return request.build_absolute_uri(url)


def translations_of(page, request=None) -> list[dict]:
    """One entry per site language: its code, its own name and the page's URL there (or None)."""
    versions = []
    for code in LANGUAGE_CODES:
        url = page_url_in(page, code, request)
        versions.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": url,
                "full_url": absolute(url, request),
            }
        )
    return versions
