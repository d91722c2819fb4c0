"""GET /healthz for load balancers: is this app server able to reach its database and cache?"""

import logging
import uuid

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .cache import CACHE_DOWN_ERRORS

logger = logging.getLogger("ombudsman.health")


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("health check: database unreachable: %s", error)
        return False


def _cache_ok() -> bool:
    # The strict cache: the degrading default one would hide an outage.
    cache = caches["limits"]
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        ok = cache.get(key) == "1"
        cache.delete(key)
        return ok
    except CACHE_DOWN_ERRORS as error:
        logger.warning("health check: cache unreachable: %s", error)
        return False


@never_cache
def healthz(request):
    """{"database": "ok"|"unavailable", "cache": "ok"|"unavailable"}; 200 only when both are ok.
    Names no host, port or credential."""
    state = {
        "database": "ok" if _database_ok() else "unavailable",
        "cache": "ok" if _cache_ok() else "unavailable",
    }
    healthy = all(value == "ok" for value in state.values())
    response = JsonResponse(state, status=200 if healthy else 503)
    if not healthy:
        response["Retry-After"] = "10"
    response["Cache-Control"] = "no-store"
    return response
