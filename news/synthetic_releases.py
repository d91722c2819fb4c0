"""Synthetic releases in bulk, for benchmarks and for trying the site with a realistic archive.

Creating pages one by one (``add_child`` plus a revision) costs more with every sibling, so
10,000 releases would take hours. Here the rows are inserted in batches instead: treebeard paths
are computed from the news index's last child, ``url_path`` per language from the index's, and
the pages are inserted live, as already published, without revisions (Wagtail creates the first
revision when an editor saves one). Texts are drawn from the demo releases in each language;
some releases exist in one or two languages only, as real ones do.

Synthetic releases are numbered; their slugs (``habarlama-00042``, ``soobshchenie-00042``,
``release-00042``) say so. Asking for N makes sure releases 1..N exist: a second run with the
same N creates nothing.
"""

import contextlib
import datetime
import itertools
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from .languages import LANGUAGE_CODES
from .models import NewsIndexPage, NewsReleasePage

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
SLUG_PREFIX = {"kk": "habarlama", "ru": "soobshchenie", "en": "release"}
SLUG_PATTERN = re.compile(r"^(?:habarlama|soobshchenie|release)-(\d{5,})$")
NUMBER_LABEL = {"kk": "№{n} хабарлама", "ru": "сообщение №{n}", "en": "release no. {n}"}
BATCH_SIZE = 500
# Which languages release n has: most have all three, some one or two (n % 10).
LANGUAGE_SETS = {3: ("ru",), 5: ("ru", "en"), 7: ("kk",), 9: ("kk", "ru")}


def languages_of(number: int) -> tuple[str, ...]:
    return LANGUAGE_SETS.get(number % 10, LANGUAGE_CODES)


def text_pool() -> dict[str, dict[str, list[str]]]:
    """Titles, leads and paragraphs of the demo releases, per language."""
    releases = json.loads((DATA_DIR / "releases.json").read_text(encoding="utf-8"))
    pool = {code: {"title": [], "lead": [], "paragraph": []} for code in LANGUAGE_CODES}
    for item in releases:
        for code, text in item["languages"].items():
            pool[code]["title"].append(text["title"])
            pool[code]["lead"].append(text["lead"])
            pool[code]["paragraph"].extend(text["body"])
    return pool


def existing_numbers(index) -> set[int]:
    numbers = set()
    columns = [f"slug_{code}" for code in LANGUAGE_CODES]
    for slugs in Page.objects.child_of(index).values_list(*columns):
        for slug in slugs:
            if slug and (match := SLUG_PATTERN.match(slug)):
                numbers.add(int(match.group(1)))
    return numbers


def next_child_number(index) -> int:
    last = Page.objects.child_of(index).order_by("-path").values_list("path", flat=True).first()
    return Page._str2int(last[-Page.steplen :]) + 1 if last else 1


def build_release(number, index, pool, topics, content_type, now, rng):
    languages = languages_of(number)
    release = NewsReleasePage(
        content_type=content_type,
        locale_id=index.locale_id,
        depth=index.depth + 1,
        numchild=0,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        date=timezone.localdate() - datetime.timedelta(days=number // 3),
    )
    for code in LANGUAGE_CODES:
        present = code in languages
        slug = f"{SLUG_PREFIX[code]}-{number:05d}"
        label = NUMBER_LABEL[code].format(n=number)
        texts = pool[code]
        title = f"{rng.choice(texts['title'])} ({label})" if present else None
        paragraphs = rng.sample(texts["paragraph"], k=min(4, len(texts["paragraph"])))
        setattr(release, f"title_{code}", title)
        setattr(release, f"slug_{code}", slug if present else "")
        setattr(release, f"lead_{code}", rng.choice(texts["lead"]) if present else None)
        setattr(
            release,
            f"body_{code}",
            [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs] if present else [],
        )
    first = languages[0]
    for code in LANGUAGE_CODES:
        # Wagtail computes each language's url_path from that language's slug, else the
        # first one it has (what modeltranslation's fallback gives a page saved normally).
        slug = getattr(release, f"slug_{code}") or getattr(release, f"slug_{first}")
        setattr(release, f"url_path_{code}", f"{getattr(index, f'url_path_{code}')}{slug}/")
    # The untranslated columns: assigning them would write the active language's column.
    for field in ("title", "slug", "url_path"):
        release.__dict__[field] = getattr(release, f"{field}_{first}")
    release.draft_title = release.__dict__["title"]
    release._topic_ids = [topic.pk for topic in rng.sample(topics, k=min(2, len(topics)))]
    return release


def insert_batch(index, releases, first_child_number):
    """Insert the page rows, then the release rows, then their topics."""
    for offset, release in enumerate(releases):
        release.path = Page._get_path(index.path, index.depth + 1, first_child_number + offset)
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    # The page rows straight from the release objects (no second model instance per row).
    for release in releases:
        for field in ("title", "slug", "url_path"):
            release.__dict__.setdefault(field, None)
    release_fields = list(NewsReleasePage._meta.local_concrete_fields)
    through = NewsReleasePage.topics.through
    if connection.vendor == "postgresql":
        copy_batch(releases, page_fields, release_fields, through)
        return
    keys = Page.objects._insert(
        releases, fields=page_fields, returning_fields=[Page._meta.pk], raw=True
    )
    for (key,), release in zip(keys, releases, strict=True):
        release.page_ptr_id = release.id = key
    NewsReleasePage._base_manager._insert(releases, fields=release_fields, raw=False)
    through.objects.bulk_create(
        [
            through(newsreleasepage_id=release.pk, topic_id=topic_id)
            for release in releases
            for topic_id in release._topic_ids
        ]
    )


def copy_batch(releases, page_fields, release_fields, through):
    """The same rows through PostgreSQL's COPY: a multi-row INSERT binds each column as an
    array, which psycopg quotes in Python, element by element (a third of the time at 10,000
    releases, mostly the JSON bodies); COPY streams the rows as they are. Keys come from the
    page table's sequence first, so the release and topic rows can name their pages."""
    page_table = Page._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [page_table, len(releases)],
        )
        for (key,), release in zip(cursor.fetchall(), releases, strict=True):
            release.page_ptr_id = release.id = key
        copy_rows(
            cursor,
            page_table,
            ["id", *(f.column for f in page_fields)],
            (
                [release.id]
                + [f.get_db_prep_save(getattr(release, f.attname), connection) for f in page_fields]
                for release in releases
            ),
        )
        copy_rows(
            cursor,
            NewsReleasePage._meta.db_table,
            [f.column for f in release_fields],
            (
                [f.get_db_prep_save(f.pre_save(release, True), connection) for f in release_fields]
                for release in releases
            ),
        )
        copy_rows(
            cursor,
            through._meta.db_table,
            ["newsreleasepage_id", "topic_id"],
            ([release.pk, topic_id] for release in releases for topic_id in release._topic_ids),
        )


def copy_rows(cursor, table: str, columns: list[str], rows) -> None:
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    # Table and column names from the models' _meta only; values go through COPY's protocol.
    with cursor.cursor.copy(
        f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row(row)


# The GIN indexes of migration news/0002_search_vectors, by name and column.
SEARCH_INDEXES = {f"news_release_search_{code}": f"search_{code}" for code in LANGUAGE_CODES}


@contextlib.contextmanager
def search_indexes_rebuilt_after(count: int):
    """On PostgreSQL, for a large batch: drop the full-text GIN indexes, insert, build them
    again. Building a GIN index once is far cheaper than growing it row by row."""
    if connection.vendor != "postgresql" or count < 1000:
        yield
        return
    table = NewsReleasePage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname = ANY(%s)",
            [table, list(SEARCH_INDEXES)],
        )
        present = [name for (name,) in cursor.fetchall()]
        for name in present:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        # Deferred foreign-key checks must run before an index can be built in the transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name in present:
            cursor.execute(f'CREATE INDEX "{name}" ON {table} USING GIN ({SEARCH_INDEXES[name]})')


def create_synthetic_releases(
    count: int, progress: Callable[[int, int], None] | None = None
) -> int:
    """Make sure synthetic releases 1..count exist under the first news index; returns how many
    were created."""
    from .models import Topic

    index = NewsIndexPage.objects.order_by("path").first()
    if index is None:
        raise ValueError("There is no news index to add releases to.")
    missing = sorted(set(range(1, count + 1)) - existing_numbers(index))
    if not missing:
        return 0
    pool = text_pool()
    topics = list(Topic.objects.all())
    content_type = ContentType.objects.get_for_model(NewsReleasePage)
    now = timezone.now()
    created = 0
    with transaction.atomic(), search_indexes_rebuilt_after(len(missing)):
        child_number = next_child_number(index)
        for batch in itertools.batched(missing, BATCH_SIZE):
            releases = [
                build_release(n, index, pool, topics, content_type, now, random.Random(n))  # noqa: S311
                for n in batch
            ]
            insert_batch(index, releases, child_number)
            child_number += len(releases)
            created += len(releases)
            if progress:
                progress(created, len(missing))
        Page.objects.filter(pk=index.pk).update(numchild=Page.objects.child_of(index).count())
    if connection.vendor == "postgresql":
        # Fresh statistics, or the planner takes the new rows for a handful until autovacuum
        # catches up.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Page._meta.db_table}, {NewsReleasePage._meta.db_table}")
    from page_cache.purge import purge_after_change

    purge_after_change(None)
    return created
