"""A Redis cache that degrades: when Redis is unreachable, reads miss and writes do nothing.

Pages, sessions (``cached_db`` keeps the database as the source of truth) and template fragments
use CACHES["default"], so a stopped Redis makes the site slower, never broken. The typo-report
rate limit must not silently stop limiting: it uses CACHES["limits"], the plain RedisCache, and
answers 503 itself when Redis is down (typo_reports/protection.py).

Each method is overridden under its own name; ``tests/test_faults.py`` proves the behaviour with a
redis-server it stops, so an upgrade that renames a method fails there.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

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
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "ombudsman-limits",
            "OPTIONS": options,
        },
    }


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
