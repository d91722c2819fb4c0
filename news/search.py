"""Search within one language.

Wagtail's search index keeps one title and one body per page, mixing our three languages, so
it cannot answer "Kazakh releases that contain this Kazakh word". We search the language's own
columns instead: on PostgreSQL with its full-text search and the language's dictionary (Russian
and English word forms match: "человеку" finds "человека"); elsewhere (the SQLite development
database) with a case-insensitive substring match done in Python, because SQLite's LIKE folds
only ASCII letters.
"""

import re

from django.db import connection
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from .languages import in_language_q
from .models import NewsReleasePage
from .page_text import page_text

MAX_QUERY_LENGTH = 200
# PostgreSQL text-search dictionaries; it has none for Kazakh, "simple" only lower-cases.
SEARCH_CONFIGS = {"ru": "russian", "en": "english", "kk": "simple"}


def clean_query(raw: str) -> str:
    """Printable text only, whitespace collapsed, bounded length."""
    text = "".join(ch if ch.isprintable() else " " for ch in raw[: MAX_QUERY_LENGTH * 4])
    return re.sub(r"\s+", " ", text).strip()[:MAX_QUERY_LENGTH]


def search_releases(query: str, language: str):
    """Live releases in ``language`` matching ``query``, best first."""
    releases = NewsReleasePage.objects.in_language_listing(language)
    if not query:
        return releases.none()
    if connection.vendor == "postgresql":
        # The stored, GIN-indexed vector of the language (migration news/0002_search_vectors).
        vector = f"{NewsReleasePage._meta.db_table}.search_{language}"
        tsquery = f"websearch_to_tsquery('{SEARCH_CONFIGS[language]}'::regconfig, %s)"
        return (
            releases.filter(RawSQL(f"{vector} @@ {tsquery}", [query], output_field=BooleanField()))  # noqa: S611
            .annotate(rank=RawSQL(f"ts_rank({vector}, {tsquery})", [query], FloatField()))  # noqa: S611
            .order_by("-rank", "-date", "-pk")
        )
    words = query.casefold().split()
    matching = []
    # Whole rows (bodies included), no prefetching: one query however many releases there are.
    candidates = NewsReleasePage.objects.live().filter(in_language_q(language))
    for release in candidates.iterator(chunk_size=500):
        text = page_text(release, language).casefold()
        if all(word in text for word in words):
            matching.append(release.pk)
    return releases.filter(pk__in=matching)
