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

from .models import NewsReleasePage
from .page_text import page_text

MAX_QUERY_LENGTH = 200
# PostgreSQL text-search dictionaries; it has none for Kazakh, "simple" only lower-cases.
SEARCH_CONFIGS = {"ru": "russian", "en": "english", "kk": "simple"}


def clean_query(raw: str) -> str:
    """Printable text only, whitespace collapsed, bounded length."""
    text = "".join(ch if ch.isprintable() else " " for ch in raw[: MAX_QUERY_LENGTH * 4])
    return re.sub(r"\s+", " ", text).strip()[:MAX_QUERY_LENGTH]


def listed_release_keys(language: str) -> frozenset[int]:
    """The keys of the live releases in ``language``, kept until the next purge of the page
    cache (every publish, unpublish, move or deletion makes one)."""
    from page_cache.keys import remember_until_next_purge

    def read():
        listing = NewsReleasePage.objects.in_language_listing(language).order_by()
        return frozenset(listing.values_list("pk", flat=True))

    return remember_until_next_purge(f"listed-release-keys:{language}", read)


def ranked_release_keys(query: str, language: str) -> list[int]:
    """The keys of the live releases in ``language`` matching ``query``, best first."""
    if not query:
        return []
    if connection.vendor == "postgresql":
        # Ranked on the release table alone, then kept to the language's live releases: joining
        # the page table would scan all its wide rows (every language's title and path) on each
        # search: 22 ms of SQL instead of 6 for 1,800 matches at 10,000 releases.
        vector = f"{NewsReleasePage._meta.db_table}.search_{language}"
        tsquery = f"websearch_to_tsquery('{SEARCH_CONFIGS[language]}'::regconfig, %s)"
        matches = (
            NewsReleasePage.objects.rewrite(False)
            # The stored, GIN-indexed vector of the language (migration news/0002_search_vectors).
            .filter(RawSQL(f"{vector} @@ {tsquery}", [query], output_field=BooleanField()))  # noqa: S611
            .annotate(rank=RawSQL(f"ts_rank({vector}, {tsquery})", [query], FloatField()))  # noqa: S611
            .order_by("-rank", "-date", "-pk")
            .values_list("pk", flat=True)
        )
        # One column of up to thousands of rows: read from the cursor, without the ORM's
        # per-row iteration (a tenth of the request).
        sql, params = matches.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not rows:
            return []
        listed = listed_release_keys(language)
        return [key for (key,) in rows if key in listed]
    words = query.casefold().split()
    # Rows with the language's body, no prefetching: one query however many releases there are.
    candidates = (
        NewsReleasePage.objects.in_language_listing(language, with_body=True)
        .select_related(None)
        .prefetch_related(None)
    )
    return [
        release.pk
        for release in candidates.iterator(chunk_size=500)
        if all(word in page_text(release, language).casefold() for word in words)
    ]
