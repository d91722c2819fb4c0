"""A Redis cache that degrades: when Redis is unreachable, reads miss and writes do nothing.

Pages, sessions (``cached_db`` keeps the database as the source of truth) and template fragments
use CACHES["default"], so a stopped Redis makes the site slower, never broken. The typo-report
rate limit must not silently stop limiting: it uses CACHES["limits"], the plain RedisCache, and
answers 503 itself when Redis is down (typo_reports/protection.py).

Each method is overridden under its own name; ``tests/test_faults.py`` proves the behaviour with a
redis-server it stops, so an upgrade that renames a method fails there.

Both caches keep one redis-py client per connection pool and process (``RedisCache``): Django's
client builds a new ``redis.Redis`` object on every call (about 0.2 ms, as much as a cached
page's whole round trip to Redis). The override is Django's own ``get_client``; the system check
page_cache.E001 fails when an upgrade no longer calls it.
"""

import logging
import time

from django.core.cache.backends import redis as django_redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT

logger = logging.getLogger("ombudsman.cache")

try:  # redis is a production dependency; development without it uses LocMemCache
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    CACHE_DOWN_ERRORS: tuple[type[BaseException], ...] = (
        RedisConnectionError,
        RedisTimeoutError,
        OSError,
    )
except ImportError:  # pragma: no cover
    CACHE_DOWN_ERRORS = (OSError,)

# Log the outage once per interval per process, not once per request.
_LOG_INTERVAL_SECONDS = 30.0
_last_logged = 0.0


def _note_outage(operation: str, error: BaseException) -> None:
    global _last_logged
    now = time.monotonic()
    if now - _last_logged >= _LOG_INTERVAL_SECONDS:
        _last_logged = now
        logger.warning("cache unavailable during %s: %s", operation, error)


def redis_caches(url: str, timeout_seconds: float = 0.5) -> dict:
    """CACHES for a Redis at ``url``: "default" degrades, "limits" raises (see above)."""
    options = {
        # Fail fast when Redis is down: a request waits at most this long for the cache.
        "socket_connect_timeout": timeout_seconds,
        "socket_timeout": timeout_seconds,
    }
    return {
        "default": {
            "BACKEND": "ombudsman.cache.DegradingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "ombudsman",
            "OPTIONS": options,
        },
        "limits": {
            "BACKEND": "ombudsman.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "ombudsman-limits",
            "OPTIONS": options,
        },
    }


class PersistentRedisCacheClient(django_redis.RedisCacheClient):
    """Django's Redis cache client, with one ``redis.Redis`` per pool instead of one per call.

    A ``redis.Redis`` holds no connection of its own (it borrows one from the pool for each
    command), so one object serves every call; redis-py's pool notices a fork and starts afresh."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None or client.connection_pool is not pool:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    """Django's RedisCache on PersistentRedisCacheClient ("limits": raises when Redis is down)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PersistentRedisCacheClient


class DegradingRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except CACHE_DOWN_ERRORS as error:
            _note_outage("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except CACHE_DOWN_ERRORS as error:
            _note_outage("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except CACHE_DOWN_ERRORS as error:
            _note_outage("has_key", error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except CACHE_DOWN_ERRORS as error:
            _note_outage("add", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except CACHE_DOWN_ERRORS as error:
            _note_outage("set", error)
            return None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except CACHE_DOWN_ERRORS as error:
            _note_outage("set_many", error)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except CACHE_DOWN_ERRORS as error:
            _note_outage("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except CACHE_DOWN_ERRORS as error:
            _note_outage("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except CACHE_DOWN_ERRORS as error:
            _note_outage("delete_many", error)
            return None

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except CACHE_DOWN_ERRORS as error:
            _note_outage("incr", error)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from error

    def clear(self):
        try:
            return super().clear()
        except CACHE_DOWN_ERRORS as error:
            _note_outage("clear", error)
            return False
