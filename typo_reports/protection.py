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


def take_slot(client: str) -> int:
    """Counts this report against every window and returns 0 when it may go ahead, else the
    seconds until it may (Retry-After).

    One atomic increment per window (Redis INCR, after an ADD that creates the key with its
    expiry), so concurrent workers can never let more than the limit through: the n-th
    increment returns n, whichever process makes it. A report that turns out invalid gives its
    slot back (``give_back``). Raises LimitUnavailable when the store is down."""
    cache = _limits_cache()
    now = time.time()
    taken = []
    try:
        for window in rate_windows():
            key = _window_key(client, window, now)
            cache.add(key, 0, timeout=window.seconds + 60)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add() and incr(): a fresh window
                cache.add(key, 0, timeout=window.seconds + 60)
                count = cache.incr(key)
            taken.append(key)
            if count > window.limit:
                return int(window.seconds - now % window.seconds) + 1
    except CACHE_DOWN_ERRORS as error:
        raise LimitUnavailable from error
    return 0


def give_back(client: str) -> None:
    """An invalid report does not use up the reader's allowance."""
    cache = _limits_cache()
    now = time.time()
    for window in rate_windows():
        try:
            cache.decr(_window_key(client, window, now))
        except ValueError:  # the window has ended meanwhile
            pass
        except CACHE_DOWN_ERRORS:
            return
