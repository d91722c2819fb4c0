"""System check: learn at start-up, not from a slower site, when an upgrade undoes the cache
client override (ombudsman/cache.py).

* page_cache.E001: a Redis cache does not keep one redis-py client per process, because Django's
  RedisCache no longer builds its client from ``_class`` or its client no longer asks
  ``get_client`` for the redis-py object (or has no ``_get_connection_pool`` to call).
"""

from django.conf import settings
from django.core import checks
from django.core.cache import caches

from ombudsman.cache import PersistentRedisCacheClient, RedisCache


class _Asked(Exception):
    pass


def _calls_get_client(method_name: str) -> bool:
    """Does Django's client reach Redis through ``get_client`` in ``method_name``? Tried on a
    client whose get_client raises before any connection is made."""
    client = PersistentRedisCacheClient(["redis://127.0.0.1:1/0"])

    def asked(*args, **kwargs):
        raise _Asked

    client.get_client = asked
    call = {
        "get": lambda: client.get("key", None),
        "get_many": lambda: client.get_many(["key"]),
        "set": lambda: client.set("key", b"value", 1),
        "add": lambda: client.add("key", b"value", 1),
        "incr": lambda: client.incr("key", 1),
    }[method_name]
    try:
        call()
    except _Asked:
        return True
    except Exception:  # noqa: BLE001 - anything else means it went another way
        return False
    return False


def client_override_problems() -> list[str]:
    problems = []
    if not callable(getattr(PersistentRedisCacheClient, "_get_connection_pool", None)):
        problems.append("Django's RedisCacheClient has no _get_connection_pool any more")
    for name in ("get", "get_many", "set", "add", "incr"):
        if not _calls_get_client(name):
            problems.append(f"Django's RedisCacheClient.{name} does not call get_client")
    for alias in settings.CACHES:
        backend = caches[alias]
        if isinstance(backend, RedisCache) and not isinstance(
            backend._cache, PersistentRedisCacheClient
        ):
            problems.append(f'CACHES["{alias}"] does not build its client from _class')
    return problems


@checks.register(checks.Tags.caches)
def check_cache_client_override(app_configs=None, **kwargs):
    return [
        checks.Error(
            problem + ": each cache call builds a new redis-py client again.",
            hint="Review ombudsman.cache.PersistentRedisCacheClient against this Django version.",
            id="page_cache.E001",
        )
        for problem in client_override_problems()
    ]
