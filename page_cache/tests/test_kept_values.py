"""Values kept until the next purge: one read of the generation per request, small values held
in the worker's memory for their generation, never one of an older generation."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import override_settings

from ombudsman.cache import redis_caches
from ombudsman.tests.services import TcpRelay
from page_cache import keys
from page_cache.purge import purge_all

COUNTING_CACHES = {
    "default": {"BACKEND": "page_cache.tests.test_kept_values.CountingCache", "LOCATION": "kv"}
}


class CountingCache(LocMemCache):
    """LocMemCache that counts its reads (one per get or get_many: one Redis round trip)."""

    reads = 0

    def get(self, key, default=None, version=None):
        CountingCache.reads += 1
        return super().get(key, default, version)

    def get_many(self, keys, version=None):
        CountingCache.reads += 1
        found = {key: LocMemCache.get(self, key, self, version) for key in keys}
        return {key: value for key, value in found.items() if value is not self}


class FailingCache(LocMemCache):
    """A cache whose server is down, as DegradingRedisCache reports it: nothing stored."""

    def get(self, key, default=None, version=None):
        return default

    def get_many(self, keys, version=None):
        return {}

    def add(self, *args, **kwargs):
        return False

    def set(self, *args, **kwargs):
        return None


@pytest.fixture
def counting_cache():
    with override_settings(CACHES=COUNTING_CACHES):
        caches["default"].clear()
        keys.kept_in_process.clear()
        CountingCache.reads = 0
        yield caches["default"]
    keys.kept_in_process.clear()


def remember(name, value, calls):
    def compute():
        calls.append(name)
        return value

    return keys.remember_until_next_purge(name, compute)


def test_a_request_reads_the_generation_once_and_kept_values_from_memory(counting_cache):
    calls = []
    with keys.one_generation_per_request():
        assert remember("navigation", ["home"], calls) == ["home"]
        after_first = CountingCache.reads
        assert remember("counts", 7, calls) == 7
        # The generation is known: one read for the value only, none for the generation.
        assert CountingCache.reads == after_first + 1
    assert calls == ["navigation", "counts"]

    CountingCache.reads = 0
    with keys.one_generation_per_request():
        assert remember("navigation", ["changed"], calls) == ["home"]
        assert remember("counts", 8, calls) == 7
    # The next request: the generation (with the first value) in one read, the second value
    # from the worker's memory.
    assert CountingCache.reads == 1
    assert calls == ["navigation", "counts"]


def test_a_purge_in_another_worker_makes_values_in_this_worker_stale(counting_cache):
    calls = []
    with keys.one_generation_per_request():
        remember("navigation", ["old"], calls)
    # Another worker purges: the generation in the shared cache moves on, this worker's memory
    # is untouched (bump_generation would clear it here).
    counting_cache.incr(keys.GENERATION_KEY)
    with keys.one_generation_per_request():
        assert remember("navigation", ["new"], calls) == ["new"]
    assert calls == ["navigation", "navigation"]


def test_a_purge_during_a_request_is_seen_by_its_later_reads(counting_cache):
    calls = []
    with keys.one_generation_per_request():
        remember("navigation", ["old"], calls)
        keys.bump_generation(counting_cache)  # this request published a page
        assert remember("navigation", ["new"], calls) == ["new"]


def test_outside_a_request_every_read_asks_the_cache(counting_cache):
    calls = []
    remember("navigation", ["home"], calls)
    CountingCache.reads = 0
    assert remember("navigation", ["other"], calls) == ["home"]
    assert CountingCache.reads == 1  # generation and value together
    assert calls == ["navigation"]


def test_with_the_cache_down_nothing_is_kept_in_memory():
    with override_settings(
        CACHES={"default": {"BACKEND": "page_cache.tests.test_kept_values.FailingCache"}}
    ):
        keys.kept_in_process.clear()
        calls = []
        for value in ("first", "second"):
            with keys.one_generation_per_request():
                assert remember("navigation", value, calls) == value
        # Recomputed each time: a value kept while Redis is down could never be purged.
        assert calls == ["navigation", "navigation"]
        assert not keys.kept_in_process.entries


def test_memory_holds_a_bounded_number_of_values(counting_cache, monkeypatch):
    monkeypatch.setattr(keys.kept_in_process, "size", 3)
    calls = []
    with keys.one_generation_per_request():
        for number in range(5):
            remember(f"value-{number}", number, calls)
    assert list(keys.kept_in_process.entries) == [
        f"page-cache:value:value-{number}" for number in (2, 3, 4)
    ]


def test_memory_keeps_a_value_no_longer_than_the_shared_cache(counting_cache, monkeypatch):
    calls = []
    with keys.one_generation_per_request():
        remember("navigation", ["home"], calls)
    now = keys.time.monotonic()
    monkeypatch.setattr(keys.time, "monotonic", lambda: now + settings.PAGE_CACHE_TIMEOUT + 1)
    counting_cache.delete(keys.value_key("navigation"))  # expired in the shared cache too
    with keys.one_generation_per_request():
        remember("counts", 7, calls)  # the request now knows the generation: memory is asked
        assert remember("navigation", ["changed"], calls) == ["changed"]
    assert calls == ["navigation", "counts", "navigation"]


@pytest.fixture
def redis_behind_a_cut(private_redis):
    """The page cache on a Redis reached through a relay: cut() makes it unreachable while it
    keeps everything it holds, as a network fault (not a restart) does."""
    relay = TcpRelay(private_redis.port)
    relay.restore()
    with override_settings(CACHES=redis_caches(f"redis://127.0.0.1:{relay.port}/0", 0.2)):
        caches["default"].clear()
        keys.kept_in_process.clear()
        yield relay
    relay.cut()
    keys.kept_in_process.clear()


def test_a_purge_lost_while_redis_is_unreachable_is_made_when_it_answers(
    redis_behind_a_cut, caplog
):
    calls = []
    with keys.one_generation_per_request():
        assert remember("navigation", ["old"], calls) == ["old"]
    redis_behind_a_cut.cut()
    with keys.one_generation_per_request():
        # Unreachable: computed, not kept.
        assert remember("navigation", ["during"], calls) == ["during"]
    purge_all()  # a release published meanwhile: the purge cannot reach Redis
    assert "Could not purge the page cache" in caplog.text

    redis_behind_a_cut.restore()
    # Redis still holds the old generation and the old value: neither is trusted.
    with keys.one_generation_per_request():
        assert remember("navigation", ["new"], calls) == ["new"]
    with keys.one_generation_per_request():
        assert remember("navigation", ["newer"], calls) == ["new"]  # kept again
    assert calls == ["navigation"] * 3
    assert not keys.LostPurges.pending
