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
import contextvars
import hashlib
import threading
import time
from collections import OrderedDict
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches

GENERATION_KEY = "page-cache:generation"
# In every entry's key: a release that stores entries in another shape uses another number, so
# workers of two releases running side by side (a rolling restart) never read each other's.
ENTRY_FORMAT = 2
# Addresses without a language prefix that are the same in every language.
NEUTRAL_LANGUAGE = "any"
# How many small remembered values (routes, navigation, asides, counts, search's sets of live
# releases) a worker also keeps in its own memory, each with the generation it was made in: a few
# thousand small dicts and three sets of release keys, a few MB at 10,000 releases.
VALUES_KEPT_IN_PROCESS = 4096


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


class _RequestGeneration:
    """The generation one request works in: read from the cache once (with the first entry it
    needs) and then reused by every later read of that request, so a page that needs five kept
    values asks Redis for the generation once instead of five times. A request is a consistent
    snapshot: a purge during it shows from the next request on, as it would if the request had
    read everything at its start."""

    _current = contextvars.ContextVar("page_cache_request_generation", default=None)

    @classmethod
    @contextlib.contextmanager
    def scope(cls):
        token = cls._current.set({})
        try:
            yield
        finally:
            cls._current.reset(token)

    @classmethod
    def get(cls) -> int | None:
        state = cls._current.get()
        return state.get("generation") if state is not None else None

    @classmethod
    def remember(cls, generation: int) -> None:
        state = cls._current.get()
        if state is not None:
            state["generation"] = generation

    @classmethod
    def forget(cls) -> None:
        state = cls._current.get()
        if state is not None:
            state.pop("generation", None)


one_generation_per_request = _RequestGeneration.scope


class _KeptInProcess:
    """Small remembered values this worker has read or made, with their generation: once the
    request knows the current generation, a value made in it needs no round trip at all. An
    entry of an older generation is never returned (a purge anywhere bumps the generation in
    Redis, which every worker reads per request), nor one older than the shared cache's own
    timeout (PAGE_CACHE_TIMEOUT), so a value is never kept here longer than in Redis. Values
    are shared by every request of the worker: callers treat them as read-only (they copy
    before changing one)."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict[str, tuple[dict, float]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str, generation: int):
        with self.lock:
            kept = self.entries.get(key)
            if kept is None:
                return None
            entry, deadline = kept
            if entry["generation"] != generation or time.monotonic() > deadline:
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        deadline = time.monotonic() + settings.PAGE_CACHE_TIMEOUT
        with self.lock:
            self.entries[key] = (entry, deadline)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


class LostPurges:
    """Whether this process may have missed purges: it could not reach the cache, so a purge it
    made then did not bump the generation, and neither could other processes' purges while the
    cache was unreachable for them too. Redis may come back with what it held (a network cut,
    not a restart): its generation and entries would look current. The first read that reaches
    it again starts a new generation (each process that saw the outage makes one: a few
    extra misses, never a stale page)."""

    pending = False


kept_in_process = _KeptInProcess(VALUES_KEPT_IN_PROCESS)


def read_with_generation(cache, key: str, *, small: bool = False):
    """(current generation, the entry stored under ``key`` if it was made in that generation),
    in one round trip (none for a ``small`` value this worker already holds, once the request
    knows the generation). An entry records the generation it was rendered in; after a purge
    its generation is old, so it is ignored and then overwritten."""
    generation = _RequestGeneration.get()
    if small and generation is not None:
        entry = kept_in_process.get(key, generation)
        if entry is not None:
            return generation, entry
    generation, entries = read_many_with_generation(cache, [key])
    entry = entries.get(key)
    if entry is not None and small and generation:
        kept_in_process.put(key, entry)
    return generation, entry


def read_many_with_generation(cache, keys: list[str]):
    """(current generation, {key: entry} for the entries under ``keys`` made in it), in one
    round trip: the generation is read with them unless this request already knows it."""
    generation = _RequestGeneration.get()
    if generation is not None:
        found = cache.get_many(keys)
    else:
        found = cache.get_many([GENERATION_KEY, *keys])
        stored = found.pop(GENERATION_KEY, None)
        if stored is None:
            # Redis restarted, lost the key or is failing (then 0): nothing is trusted.
            generation = start_generation(cache)
            if not generation:
                LostPurges.pending = True
            return _known(generation), {}
        if LostPurges.pending:
            with contextlib.suppress(PurgeLost):  # unreachable again: 0, nothing trusted
                return _known(bump_generation(cache)), {}
            return 0, {}
        generation = _known(int(stored))
    return generation, {
        key: entry
        for key, entry in found.items()
        if isinstance(entry, dict) and entry.get("generation") == generation
    }


def _known(generation: int) -> int:
    """Remember the generation for the rest of the request, unless the cache failed (0): then
    every read asks again, and nothing is kept in the process."""
    if generation:
        _RequestGeneration.remember(generation)
    return generation


def bump_generation(cache) -> int:
    """A new generation (returned); PurgeLost when the cache is unreachable."""
    # This request's later reads see the new generation too (a view that publishes and then
    # renders); other requests read it from the cache.
    _RequestGeneration.forget()
    kept_in_process.clear()
    try:
        generation = int(cache.incr(GENERATION_KEY))
    except ValueError:  # no generation stored yet, or the cache is unreachable
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = int(cache.get(GENERATION_KEY) or 0)
        if not generation:
            LostPurges.pending = True
            raise PurgeLost("the cache is unreachable; purged once it answers again") from None
    LostPurges.pending = False
    return generation


class PurgeLost(Exception):
    """A purge could not reach the cache (see LostPurges)."""


def value_key(name: str) -> str:
    return f"page-cache:value:{name}"


def remember_until_next_purge(name: str, compute, keep_if=None):
    """``compute()``, kept in the page cache until the next purge (a new generation), for small
    values every page needs, such as the navigation's links; with ``keep_if``, only a value it
    accepts is kept. A failing cache only means computing it each time."""
    cache = page_cache()
    key = value_key(name)
    try:
        generation, entry = read_with_generation(cache, key, small=True)
    except Exception:  # noqa: BLE001 - any cache failure: compute it
        return compute()
    if entry is not None:
        return entry["value"]
    value = compute()
    if keep_if is not None and not keep_if(value):
        return value
    # Not kept this time (cache failing): computed again next time.
    with contextlib.suppress(Exception):
        store_for_generation(cache, key, value, generation, small=True)
    return value


def remember_many_until_next_purge(names: list[str], compute_missing):
    """{name: value} for every name, read in one round trip; ``compute_missing(names)`` gives
    {name: value} for those not kept in the current generation, which are then kept (in the
    shared cache only: for values too large or too many to hold in every worker)."""
    cache = page_cache()
    keyed = {value_key(name): name for name in names}
    try:
        generation, entries = read_many_with_generation(cache, list(keyed))
    except Exception:  # noqa: BLE001 - any cache failure: compute them
        return compute_missing(names)
    values = {keyed[key]: entry["value"] for key, entry in entries.items()}
    missing = [name for name in names if name not in values]
    if missing:
        made = compute_missing(missing)
        values.update(made)
        entries = {
            value_key(name): {"generation": generation, "value": value}
            for name, value in made.items()
        }
        with contextlib.suppress(Exception):  # not kept: computed again next time
            cache.set_many(entries, timeout=settings.PAGE_CACHE_TIMEOUT)
    return values


def store_for_generation(cache, key: str, value, generation: int, *, small=False) -> None:
    """Keep ``value`` under ``key`` as made in ``generation`` (read_with_generation's "value");
    a ``small`` one in this worker's memory too."""
    entry = {"generation": generation, "value": value}
    cache.set(key, entry, timeout=settings.PAGE_CACHE_TIMEOUT)
    if small and generation:
        kept_in_process.put(key, entry)
