"""Anti-abuse that readers never notice: form tokens, a per-client rate limit, same-site checks,
and the keyed hash that stands in for an IP address."""

import secrets
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils.crypto import salted_hmac

from ombudsman.cache import CACHE_DOWN_ERRORS
from ombudsman.client_ip import client_ip

TOKEN_SALT = "typo_reports.form-token"  # noqa: S105 (a signing namespace, not a secret)


def new_form_token() -> str:
    """A signed, timestamped random value. Pages stay cacheable: the token is fetched (JS) or
    rendered into the no-JS form page, never into a release's HTML."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(secrets.token_urlsafe(12))


def form_token_is_valid(token: str) -> bool:
    try:
        signing.TimestampSigner(salt=TOKEN_SALT).unsign(
            token or "", max_age=settings.TYPO_REPORTS_TOKEN_MAX_AGE
        )
    except signing.BadSignature:  # also SignatureExpired
        return False
    return True


def client_hash(request, day: date | None = None) -> str:
    """HMAC-SHA256 of the client's address (as the trusted proxy reports it) under a key that
    changes every day (derived from SECRET_KEY and the UTC date): one reader's reports can be
    told apart from another's within a day, but no address can be recovered, and the same
    reader cannot be linked from one day to the next."""
    day = day or datetime.now(UTC).date()
    return salted_hmac(
        f"typo_reports.client:{day.isoformat()}", client_ip(request), algorithm="sha256"
    ).hexdigest()


def is_same_site(request) -> bool:
    """False when the Origin (or, without it, the Referer) names another host. Clients that send
    neither (scripts, other services) pass; they still need a valid form token."""
    origin = request.headers.get("Origin")
    if origin is None:
        referer = request.headers.get("Referer")
        if not referer:
            return True
        origin = referer
    if origin == "null":
        return False
    parts = urlsplit(origin)
    trusted = {urlsplit(url).netloc for url in getattr(settings, "CSRF_TRUSTED_ORIGINS", [])}
    return bool(parts.netloc) and (parts.netloc == request.get_host() or parts.netloc in trusted)


@dataclass
class Window:
    limit: int
    seconds: int


def rate_windows() -> list[Window]:
    return [
        Window(
            settings.TYPO_REPORTS_RATE_LIMIT_SHORT, settings.TYPO_REPORTS_RATE_LIMIT_SHORT_SECONDS
        ),
        Window(settings.TYPO_REPORTS_RATE_LIMIT_DAILY, 24 * 60 * 60),
    ]


def _window_key(client: str, window: Window, now: float) -> str:
    return f"typo_reports:rate:{client}:{window.seconds}:{int(now // window.seconds)}"


class LimitUnavailable(Exception):
    """The shared counter store (Redis) cannot be reached: refuse rather than not limit."""


def _limits_cache():
    return caches["limits"]


# One round trip, atomic in Redis (a script runs alone): count this report in each window in turn,
# giving a new window its expiry, and stop at the first window it exceeds (its 1-based number;
# 0: every window has room). KEYS are the windows' keys, ARGV their limits and lifetimes.
TAKE_SLOT_SCRIPT = """
for i, key in ipairs(KEYS) do
    local count = redis.call('INCR', key)
    if count == 1 then
        redis.call('EXPIRE', key, ARGV[2 * i])
    end
    if count > tonumber(ARGV[2 * i - 1]) then
        return i
    end
end
return 0
"""
# Give a slot back in the windows that still exist (one that has ended stays gone).
GIVE_BACK_SCRIPT = """
for _, key in ipairs(KEYS) do
    if redis.call('EXISTS', key) == 1 then
        redis.call('DECR', key)
    end
end
return 0
"""
_scripts: dict = {}


def _redis_script(cache, source: str):
    """(redis-py client, registered script) for a Redis cache, else None (LocMemCache in
    development and tests: add and incr there hold the cache's lock)."""
    if not isinstance(cache, RedisCache):
        return None
    client = cache._cache.get_client(write=True)
    script = _scripts.get(source)
    if script is None:
        script = _scripts[source] = client.register_script(source)
    return client, script


def _retry_after(window: Window, now: float) -> int:
    return int(window.seconds - now % window.seconds) + 1


def take_slot(client: str) -> int:
    """Counts this report against every window and returns 0 when it may go ahead, else the
    seconds until it may (Retry-After).

    On Redis one script makes every increment (INCR, and EXPIRE on a new window's key) in one
    atomic round trip, so concurrent workers can never let more than the limit through: the n-th
    increment returns n, whichever process makes it. A report that turns out invalid gives its
    slot back (``give_back``). Raises LimitUnavailable when the store is down."""
    cache = _limits_cache()
    now = time.time()
    windows = rate_windows()
    keys = [cache.make_and_validate_key(_window_key(client, w, now)) for w in windows]
    try:
        redis = _redis_script(cache, TAKE_SLOT_SCRIPT)
        if redis is not None:
            connection, script = redis
            arguments = [value for w in windows for value in (w.limit, w.seconds + 60)]
            exceeded = int(script(keys=keys, args=arguments, client=connection))
            return _retry_after(windows[exceeded - 1], now) if exceeded else 0
        for window in windows:
            key = _window_key(client, window, now)
            cache.add(key, 0, timeout=window.seconds + 60)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add() and incr(): a fresh window
                cache.add(key, 0, timeout=window.seconds + 60)
                count = cache.incr(key)
            if count > window.limit:
                return _retry_after(window, now)
    except CACHE_DOWN_ERRORS as error:
        raise LimitUnavailable from error
    return 0


def give_back(client: str) -> None:
    """An invalid report does not use up the reader's allowance."""
    cache = _limits_cache()
    now = time.time()
    windows = rate_windows()
    try:
        redis = _redis_script(cache, GIVE_BACK_SCRIPT)
        if redis is not None:
            connection, script = redis
            keys = [cache.make_and_validate_key(_window_key(client, w, now)) for w in windows]
            script(keys=keys, args=[], client=connection)
            return
    except CACHE_DOWN_ERRORS:
        return
    for window in windows:
        try:
            cache.decr(_window_key(client, window, now))
        except ValueError:  # the window has ended meanwhile
            pass
        except CACHE_DOWN_ERRORS:
            return
