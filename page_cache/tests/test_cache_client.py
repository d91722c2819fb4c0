"""One redis-py client per process for the Redis caches (ombudsman/cache.py), and the system check
that fails when an upgrade of Django undoes it (page_cache/checks.py)."""

from django.core.cache.backends import redis as django_redis

from ombudsman.cache import DegradingRedisCache, PersistentRedisCacheClient, RedisCache
from page_cache import checks

CLOSED = "redis://127.0.0.1:1/0"  # nothing listens: building a client never connects


def test_each_call_reuses_one_redis_client_per_pool():
    for backend in (RedisCache(CLOSED, {}), DegradingRedisCache(CLOSED, {})):
        client = backend._cache
        assert isinstance(client, PersistentRedisCacheClient)
        first = client.get_client("a")
        assert client.get_client("b") is first
        assert client.get_client(write=True) is first  # one server: one pool for both
        assert first.connection_pool is client._get_connection_pool(False)


def test_the_check_passes_on_this_django():
    assert checks.client_override_problems() == []
    assert checks.check_cache_client_override() == []


def test_the_check_fails_when_django_stops_calling_get_client(monkeypatch):
    def get_many_without_get_client(self, keys):
        return dict.fromkeys(keys)

    monkeypatch.setattr(django_redis.RedisCacheClient, "get_many", get_many_without_get_client)
    errors = checks.check_cache_client_override()
    assert [error.id for error in errors] == ["page_cache.E001"]
    assert "RedisCacheClient.get_many does not call get_client" in errors[0].msg


def test_the_check_fails_when_the_backend_no_longer_uses_the_client_class(monkeypatch, settings):
    settings.CACHES = {"default": {"BACKEND": "ombudsman.cache.RedisCache", "LOCATION": CLOSED}}

    def init_ignoring_class(self, server, params):
        django_redis.RedisCache.__init__(self, server, params)
        self._class = django_redis.RedisCacheClient

    monkeypatch.setattr(RedisCache, "__init__", init_ignoring_class)
    errors = checks.check_cache_client_override()
    assert [error.id for error in errors] == ["page_cache.E001"]
    assert 'CACHES["default"] does not build its client' in errors[0].msg
