"""Which languages of a release are complete, for the staff listing and the dashboard.

A release *exists* in a language with its title and body there; for staff it is *complete*
there only with its lead as well, because listings and feeds show the lead. Both rules live in
news.languages (``language_state``, ``complete_q``).
"""

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from news.languages import LANGUAGE_CODES, incomplete_q, language_state, value_in
from news.models import NewsReleasePage

MISSING_LABELS = {
    "kk": _("Missing Kazakh"),
    "ru": _("Missing Russian"),
    "en": _("Missing English"),
}


def is_complete(release, language: str) -> bool:
    return language_state(release, language) == "complete"


def missing_languages(release) -> list[str]:
    return [code for code in LANGUAGE_CODES if not is_complete(release, code)]


def display_title(release) -> str:
    """The title in the editor's language when there is one, else in the first language the
    release has (its draft title says only what was typed first)."""
    titles = [value_in(release, "title", translation.get_language())]
    titles += [value_in(release, "title", code) for code in LANGUAGE_CODES]
    return next((title for title in titles if title), release.get_admin_display_title())


def missing_q(language: str) -> Q:
    """Releases incomplete in ``language``."""
    return incomplete_q(language, NewsReleasePage)


def missing_any_q() -> Q:
    any_missing = Q()
    for code in LANGUAGE_CODES:
        any_missing |= missing_q(code)
    return any_missing
