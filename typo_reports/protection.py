"""Anti-abuse that readers never notice: form tokens, a per-client rate limit, same-site checks,
and the keyed hash that stands in for an IP address."""

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.cache import cache

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


def client_address(request) -> str:
    # The reverse proxy in front of the site sets REMOTE_ADDR (e.g. uwsgi/gunicorn behind nginx
    # with the real-IP module); forwarding headers are not trusted here.
    return request.META.get("REMOTE_ADDR", "")


def client_hash(request) -> str:
    """HMAC-SHA256 of the client's address keyed with SECRET_KEY: stable, but no IP is stored."""
    return hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
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


def seconds_until_allowed(client: str) -> int:
    """0 when the client may send another report, else how long it must wait (Retry-After).

    Fixed windows counted in the Django cache, which every worker shares (given a shared cache
    backend in production)."""
    now = time.time()
    wait = 0
    for window in rate_windows():
        if (cache.get(_window_key(client, window, now)) or 0) >= window.limit:
            wait = max(wait, int(window.seconds - now % window.seconds) + 1)
    return wait


def count_report(client: str) -> None:
    now = time.time()
    for window in rate_windows():
        key = _window_key(client, window, now)
        cache.add(key, 0, timeout=window.seconds + 60)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window.seconds + 60)
