"""Serve anonymous public pages from the shared cache (Redis in production).

Placed right after SecurityMiddleware (and WhiteNoise), before sessions, authentication, two-factor,
axes and Wagtail's redirects: a hit is answered from the cache alone, without the database, so
cached pages are still served while PostgreSQL is unreachable. A cache that fails (Redis down)
only makes the page uncached; it never breaks serving.

Each page is stored twice, as it is and gzip-compressed (compressed once, when it is stored), and
a hit reads only the variant the request's Accept-Encoding asks for: a browser's hit copies a
tenth of the bytes, and the two variants carry ``Vary: Accept-Encoding`` and their own ETags.
Cached pages hold nothing secret (no CSRF token, no session, no nonce), so compressing them next
to reflected input (a search query) reveals nothing (BREACH needs a secret in the body).

Stored: GET answers 200 to requests without a session or other non-anonymous cookie, whose
response sets no cookie, does not vary on Cookie and does not forbid caching. Never stored: POST,
signed-in staff (they carry the session cookie), previews (under /admin/, and with the session
cookie), the admin and the API (outside the cached address space, see keys.language_of).
"""

import gzip
import hashlib
import logging
import re

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, parse_http_date_safe

from .keys import (
    entry_key,
    gzip_key,
    language_of,
    one_generation_per_request,
    page_cache,
    read_with_generation,
)

logger = logging.getLogger(__name__)

CACHE_HEADER = "X-Cache"
UNSTORED_HEADERS = {"set-cookie", CACHE_HEADER.lower()}
FORBIDDING_DIRECTIVES = {"private", "no-store", "no-cache"}
DIRECTIVE_SEPARATOR = re.compile(r"\s*,\s*")
# Text worth compressing; below the minimum, gzip's header costs more than it saves.
COMPRESSIBLE_TYPES = ("text/", "application/xml", "application/rss+xml", "application/atom+xml")
COMPRESS_MIN_BYTES = 200
GZIP = re.compile(r"(?:^|,)\s*(?:x-)?gzip\s*(?:;\s*q\s*=\s*([0-9.]+)\s*)?(?:,|$)", re.IGNORECASE)


def accepts_gzip(request) -> bool:
    """Accept-Encoding names gzip (or x-gzip) with a quality above 0. ``*`` is not taken as
    gzip: a client that wants compressed pages names it (every browser does)."""
    match = GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if match is None:
        return False
    try:
        return match.group(1) is None or float(match.group(1)) > 0
    except ValueError:
        return False


def is_anonymous_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not any(name in request.COOKIES for name in settings.PAGE_CACHE_BYPASS_COOKIES)


def forbids_caching(response) -> bool:
    if not response.has_header("Cache-Control"):
        return False
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in DIRECTIVE_SEPARATOR.split(response["Cache-Control"])
    }
    return bool(directives & FORBIDDING_DIRECTIVES)


def is_storable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and not has_vary_header(response, "*")
        and not forbids_caching(response)
    )


def proxy_max_age(request) -> int:
    """How long a reverse proxy may keep the page: long only where our purge reaches it (a proxy
    is configured and the address has no query string), else as short as the browser's."""
    if settings.WAGTAILFRONTENDCACHE and not request.META.get("QUERY_STRING"):
        return settings.PAGE_CACHE_PURGED_PROXY_MAX_AGE
    return settings.PAGE_CACHE_PROXY_MAX_AGE


def add_public_caching_headers(request, response) -> None:
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_BROWSER_MAX_AGE,
        s_maxage=proxy_max_age(request),
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
    )
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    last_modified = getattr(request, "page_cache_last_modified", None)
    if last_modified is not None and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(last_modified.timestamp())
    patch_vary_headers(response, ["Accept-Encoding"])


def conditional(request, response):
    """304 Not Modified when the reader already has this version (ETag / Last-Modified)."""
    if request.method not in ("GET", "HEAD"):
        return response
    last_modified = parse_http_date_safe(response.get("Last-Modified", "")) or None
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )


def stored_response(content: bytes, status: int, headers: list) -> HttpResponse:
    """A plain HttpResponse to pickle into the cache: its headers are checked once, here, and a
    hit unpickles it ready to send (as Django's own cache middleware keeps responses)."""
    return HttpResponse(content, status=status, headers=dict(headers))


def gzip_variant(content: bytes, headers: list, response) -> tuple[bytes, list]:
    """(content, headers) as served to a client that accepts gzip: compressed, with its own
    length and ETag; unchanged when compressing does not apply (already encoded, not text,
    tiny)."""
    if (
        response.has_header("Content-Encoding")
        or not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
        or len(content) < COMPRESS_MIN_BYTES
    ):
        return content, headers
    compressed = gzip.compress(content, compresslevel=6, mtime=0)
    variant = []
    for name, value in headers:
        lowered = name.lower()
        if lowered == "content-length":
            value = str(len(compressed))
        elif lowered == "etag":
            # Another representation: another ETag (RFC 9110 8.8.3), "x" -> "x-gzip".
            value = f'{value[:-1]}-gzip"' if value.endswith('"') else value
        variant.append((name, value))
    variant.append(("Content-Encoding", "gzip"))
    return compressed, variant


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Every kept value this request reads (its page, route, navigation, counts) shares one
        # read of the generation: see keys.one_generation_per_request.
        with one_generation_per_request():
            return self.respond(request)

    def respond(self, request):
        if not settings.PAGE_CACHE_ENABLED or not is_anonymous_request(request):
            return self.get_response(request)
        language = language_of(request.path_info)
        if language is None:
            return self.get_response(request)
        key = self.lookup_key(request, language)
        generation = None
        if key is not None:
            generation, entry = self.read(gzip_key(key) if accepts_gzip(request) else key)
            # .get: an entry an older release stored in another shape is a miss, overwritten.
            response = entry.get("response") if entry is not None else None
            if isinstance(response, HttpResponse):
                response[CACHE_HEADER] = "HIT"
                return conditional(request, response)
        response = self.get_response(request)
        if is_storable(response):
            add_public_caching_headers(request, response)
            stored = (
                request.method == "GET"
                and generation is not None
                and self.write(key, generation, response)
            )
            response[CACHE_HEADER] = "MISS" if stored else "BYPASS"
            return conditional(request, response)
        return response

    @staticmethod
    def lookup_key(request, language):
        try:
            host = request.get_host()
        except DisallowedHost:
            return None  # Django answers 400 further down
        return entry_key(
            language, request.scheme, host, request.path, request.META.get("QUERY_STRING", "")
        )

    @staticmethod
    def read(key):
        """(generation, entry or None); (None, None) when the cache fails."""
        try:
            return read_with_generation(page_cache(), key)
        except Exception:
            logger.warning("Page cache unavailable; serving uncached", exc_info=True)
            return None, None

    @staticmethod
    def write(key, generation, response) -> bool:
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ]
        status, content = response.status_code, response.content
        compressed, compressed_headers = gzip_variant(content, headers, response)
        entries = {
            key: {"generation": generation, "response": stored_response(content, status, headers)},
            gzip_key(key): {
                "generation": generation,
                "response": stored_response(compressed, status, compressed_headers),
            },
        }
        try:
            page_cache().set_many(entries, timeout=settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            logger.warning("Page cache write failed", exc_info=True)
            return False
        return True
