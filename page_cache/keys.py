"""Cache keys of the public page cache.

A key names the language and the normalised address (scheme, host, path, sorted query); the
entry records the site generation it was rendered in. Every purge adds one to the generation
(``purge.purge_all``), which makes every stored page stale at once, in O(1): a release
appears on its own page, the home page, every page of the news list, its topics,
the feeds, the sitemap and search results, and enumerating all of those (with their query
strings) would be neither cheap nor complete. The generation and the entry are read together in
one round trip; stale entries are overwritten or expire by their timeout.

Nothing here touches the database: the lookup runs before sessions and authentication, so a
cached page is served while PostgreSQL is unreachable.
"""

import contextlib
import hashlib
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches

GENERATION_KEY = "page-cache:generation"
# In every entry's key: a release that stores entries in another shape uses another number, so
# workers of two releases running side by side (a rolling restart) never read each other's.
ENTRY_FORMAT = 2
# Addresses without a language prefix that are the same in every language.
NEUTRAL_LANGUAGE = "any"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def language_of(path: str) -> str | None:
    """The language a public address is served in, NEUTRAL_LANGUAGE for the crawler files,
    None for an address the page cache never stores (admin, API, static files, ...)."""
    first = path.lstrip("/").split("/", 1)[0]
    if first in settings.PAGE_CACHE_LANGUAGES and path.startswith(f"/{first}/"):
        return first
    if path in settings.PAGE_CACHE_NEUTRAL_PATHS or any(
        path.startswith(prefix) and path.endswith(".xml")
        for prefix in settings.PAGE_CACHE_NEUTRAL_PREFIXES
    ):
        return NEUTRAL_LANGUAGE
    return None


def normalised_query(query_string: str) -> str:
    """The query string with its parameters sorted, so ``?b=1&a=2`` and ``?a=2&b=1`` share an
    entry. Blank values are kept: ``?page=`` and no ``?page`` may differ to a view."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(sorted(pairs))


def current_generation(cache) -> int:
    generation = cache.get(GENERATION_KEY)
    return int(generation) if generation is not None else start_generation(cache)


def start_generation(cache) -> int:
    """First use, or Redis lost the key (restart, eviction): start from the clock, never from
    a number an older generation could have had, so no stale entry becomes valid again."""
    cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    return int(cache.get(GENERATION_KEY) or 0)


def entry_key(language: str, scheme: str, host: str, path: str, query: str) -> str:
    address = f"{scheme}://{host}{path}?{normalised_query(query)}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogatepass")).hexdigest()
    return f"page-cache:{ENTRY_FORMAT}:{language}:{digest}"


def gzip_key(key: str) -> str:
    """Where the gzip-compressed variant of the entry under ``key`` is kept."""
    return f"{key}:gzip"


def read_with_generation(cache, key: str):
    """(current generation, the entry stored under ``key`` if it was made in that generation),
    in one round trip. An entry records the generation it was rendered in; after a purge its
    generation is old, so it is ignored and then overwritten."""
    values = cache.get_many([GENERATION_KEY, key])
    generation = values.get(GENERATION_KEY)
    if generation is None:
        return start_generation(cache), None
    entry = values.get(key)
    if entry is None or entry.get("generation") != int(generation):
        return int(generation), None
    return int(generation), entry


def bump_generation(cache) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation stored yet
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def remember_until_next_purge(name: str, compute):
    """``compute()``, kept in the page cache until the next purge (a new generation), for small
    values every page needs, such as the navigation's links. A failing cache only means
    computing it each time."""
    cache = page_cache()
    key = f"page-cache:value:{name}"
    try:
        generation, entry = read_with_generation(cache, key)
    except Exception:  # noqa: BLE001 - any cache failure: compute it
        return compute()
    if entry is not None:
        return entry["value"]
    value = compute()
    # Not kept this time (cache failing): computed again next time.
    with contextlib.suppress(Exception):
        store_for_generation(cache, key, value, generation)
    return value


def store_for_generation(cache, key: str, value, generation: int) -> None:
    """Keep ``value`` under ``key`` as made in ``generation`` (read_with_generation's "value")."""
    cache.set(key, {"generation": generation, "value": value}, timeout=settings.PAGE_CACHE_TIMEOUT)
