"""The language rule, in one place, for pages and topics alike.

An object "has" language X when every field in its ``language_defining_fields`` has a value in
X: a page by default needs its title, a release its title and body, a topic its name and slug.
Validation refuses a half-filled language, so one column (``query_field``: the title, a topic's
name) is enough for the database to answer "exists in X". Listings, the switcher, hreflang
links, feeds, topic pages and the 404 for a missing language all ask the helpers below; nothing
else re-derives the rule.

For staff a language is also *complete*, *partly filled* or *empty* (``language_state``), which
counts the further fields of ``language_complete_fields`` (a release's lead).

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


LANGUAGE_STATES = ("complete", "partial", "empty")


def _model_of(obj):
    """The class that states the rule for ``obj`` (a model class, a page or a topic)."""
    if isinstance(obj, type):
        return obj
    return getattr(obj, "specific_class", None) or type(obj)


def defining_fields(obj) -> tuple[str, ...]:
    """The fields that must all be filled for ``obj`` to exist in a language."""
    return getattr(_model_of(obj), "language_defining_fields", ("title",))


def complete_fields(obj) -> tuple[str, ...]:
    """``defining_fields`` plus what staff must also fill for a language to be complete."""
    model = _model_of(obj)
    return (*defining_fields(model), *getattr(model, "language_complete_fields", ()))


def _values(obj, fields, language):
    # A plain Page row of a release has no body: read its specific instance then.
    model = _model_of(obj)
    source = obj if isinstance(obj, model) else obj.specific
    return [value_in(source, field, language) for field in fields]


def has_language(obj, language: str) -> bool:
    """Does the page or topic exist in ``language``?"""
    return all(map(is_filled, _values(obj, defining_fields(obj), language)))


def missing_language(obj, language: str) -> bool:
    return not has_language(obj, language)


def page_languages(obj) -> list[str]:
    """The languages a page or topic exists in, in site order."""
    return [code for code in LANGUAGE_CODES if has_language(obj, code)]


def language_state(obj, language: str) -> str:
    """complete / partial / empty, for staff (tab markers, the releases listing)."""
    filled = list(map(is_filled, _values(obj, complete_fields(obj), language)))
    if all(filled):
        return "complete"
    return "partial" if any(filled) else "empty"


def in_language_q(language: str, prefix: str = "", model=None) -> Q:
    """Filter for pages (or, with ``model=Topic``, topics; related rows via ``prefix``) that
    exist in ``language``. A page's title column stands for all its defining fields (validation
    keeps them together); a topic needs its name and slug."""
    fields = getattr(model, "language_query_fields", ("title",))
    query = Q()
    for field in fields:
        query &= Q(**{f"{prefix}{build_localized_fieldname(field, language)}__gt": ""})
    return query


def missing_language_q(language: str, prefix: str = "", model=None) -> Q:
    return ~in_language_q(language, prefix, model)


def complete_q(language: str, model) -> Q:
    """Filter for rows of ``model`` whose ``language_state`` is complete (see in_language_q)."""
    query = in_language_q(language, model=model)
    for field in getattr(model, "language_complete_fields", ()):
        query &= Q(**{f"{build_localized_fieldname(field, language)}__gt": ""})
    return query


def incomplete_q(language: str, model) -> Q:
    return ~complete_q(language, model)


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
