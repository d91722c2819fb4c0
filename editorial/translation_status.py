"""Which languages of a release are complete, for the staff listing and the dashboard.

A release *exists* in a language with its title and body there (news.languages); for staff it is
*complete* there only with its lead as well, because listings and feeds show the lead.
"""

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from news.languages import LANGUAGE_CODES, has_language, value_in

MISSING_LABELS = {
    "kk": _("Missing Kazakh"),
    "ru": _("Missing Russian"),
    "en": _("Missing English"),
}


def is_complete(release, language: str) -> bool:
    lead = value_in(release, "lead", language)
    return has_language(release, language) and bool(lead and lead.strip())


def missing_languages(release) -> list[str]:
    return [code for code in LANGUAGE_CODES if not is_complete(release, code)]


def display_title(release) -> str:
    """The title in the editor's language when there is one, else in the first language the
    release has (its draft title says only what was typed first)."""
    titles = [value_in(release, "title", translation.get_language())]
    titles += [value_in(release, "title", code) for code in LANGUAGE_CODES]
    return next((title for title in titles if title), release.get_admin_display_title())


def missing_q(language: str) -> Q:
    """Releases incomplete in ``language``. Validation keeps title and body together (a title
    without a body is refused), so the title column stands for both and no JSON is queried."""
    missing = Q()
    for field in ("title", "lead"):
        column = build_localized_fieldname(field, language)
        missing |= Q(**{column: ""}) | Q(**{f"{column}__isnull": True})
    return missing


def missing_any_q() -> Q:
    any_missing = Q()
    for code in LANGUAGE_CODES:
        any_missing |= missing_q(code)
    return any_missing
