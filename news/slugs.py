"""Per-language slugs: derived from titles, unique among siblings, found by an indexed lookup.

wagtail-modeltranslation checks and routes by loading every sibling page in Python, once per
language; with thousands of releases under one index that is quadratic when saving and slow on
every request. Here each check is one query on an indexed ``slug_<lang>`` column.
"""

from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from .languages import LANGUAGE_CODES, value_in
from .transliteration import slug_from_title

__all__ = ["child_by_slug", "slug_clashes", "slug_from_title", "slugs_for_titles"]


def children_of(parent):
    return Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)


def child_by_slug(parent, slug: str, language: str):
    """The child of ``parent`` with ``slug`` in ``language``, or None. When the parent's type
    allows one child type only (a news index holds releases), the child is read as that type
    in the same query, instead of a Page row and then its specific row."""
    field = build_localized_fieldname("slug", language)
    child_models = type(parent).clean_subpage_models()
    if len(child_models) == 1 and child_models[0] is not Page:
        model = child_models[0]
        child = (
            model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .filter(**{field: slug})
            .first()
        )
        if child is not None:
            return child
    return children_of(parent).filter(**{field: slug}).first()


def slugs_for_titles(titles: dict[str, str], slugs: dict[str, str]) -> dict[str, str]:
    """The slug each language should have: an empty language gets none, a title without a slug
    gets one derived from it."""
    result = {}
    for language in LANGUAGE_CODES:
        title = (titles.get(language) or "").strip()
        slug = (slugs.get(language) or "").strip()
        result[language] = (slug or slug_from_title(title)) if title else ""
    return result


def slug_clashes(parent, page_pk, slugs: dict[str, str]) -> dict[str, str]:
    """Field name -> message for every language whose slug a sibling already uses."""
    errors = {}
    for language, slug in slugs.items():
        if not slug:
            continue
        field = build_localized_fieldname("slug", language)
        siblings = children_of(parent).filter(**{field: slug})
        if page_pk:
            siblings = siblings.exclude(pk=page_pk)
        if siblings.exists():
            errors[field] = _("The address “%(slug)s” is already used by another page here.") % {
                "slug": slug
            }
    return errors


def normalise_page_slugs(page) -> None:
    """Apply slugs_for_titles to a page instance in place."""
    titles = {code: value_in(page, "title", code) for code in LANGUAGE_CODES}
    slugs = {code: value_in(page, "slug", code) for code in LANGUAGE_CODES}
    for language, slug in slugs_for_titles(titles, slugs).items():
        setattr(page, build_localized_fieldname("slug", language), slug)
