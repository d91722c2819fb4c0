"""Requests Django cannot even turn into a request object, answered 400 instead of 500.

Django builds the request (``WSGIRequest.__init__``) before any middleware: a Content-Type with
RFC 2231 parameters in an unknown charset (``charset*=undefined''x``) raises there. A charset
that Python knows but that is not a plain text encoding (idna, base64, utf-7, rot13, ...) fails
later, when the query string or the body is decoded, wherever ``request.GET`` or
``request.POST`` is first read (often a middleware). Both are refused here, at the WSGI level,
for every URL, before Django sees them. ``guard_wsgi`` wraps the application in wsgi.py, which
gunicorn and runserver both load.
"""

import codecs
import json

from django.conf import settings
from django.utils import translation
from django.utils.http import parse_header_parameters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from news.languages import LANGUAGE_CODES

UNREADABLE_CONTENT_TYPE = gettext_lazy("The Content-Type header of the request cannot be read.")
UNSUPPORTED_CHARSET = gettext_lazy(
    "The request declares a character set this site does not accept. Send it as UTF-8."
)

# Text encodings browsers and clients really send; each decodes any byte string with
# errors="replace" (Django's choice), which idna, utf-7 and the bytes codecs do not.
ACCEPTED_CHARSETS = frozenset(
    [
        "utf-8",
        "ascii",
        "iso8859-1",
        "cp866",
        "koi8-r",
        "koi8-u",
        "kz1048",
        *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16)),
        *(f"cp{n}" for n in range(1250, 1259)),
    ]
)


def charset_is_accepted(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name in ACCEPTED_CHARSETS
    except (LookupError, ValueError):  # unknown, or a name with a NUL byte
        return False


def content_type_problem(content_type: str):
    """None when Django can read this Content-Type, else the (lazy) reason it cannot."""
    if not content_type:
        return None
    try:
        _main, params = parse_header_parameters(content_type)
    except ValueError:  # UnicodeError included
        return UNREADABLE_CONTENT_TYPE
    charset = params.get("charset")
    if charset and not charset_is_accepted(charset):
        return UNSUPPORTED_CHARSET
    return None


def _language(environ) -> str:
    prefix = environ.get("PATH_INFO", "").lstrip("/").split("/", 1)[0]
    if prefix in LANGUAGE_CODES:
        return prefix
    for code, _quality in translation.trans_real.parse_accept_lang_header(
        environ.get("HTTP_ACCEPT_LANGUAGE", "")
    ):
        code = code.split("-")[0].lower()
        if code in LANGUAGE_CODES:
            return code
    return settings.LANGUAGE_CODE


def bad_request(environ, start_response, reason):
    language = _language(environ)
    with translation.override(language):
        message = _(reason)
    if "application/json" in environ.get("HTTP_ACCEPT", ""):
        body = json.dumps({"errors": {"__all__": [message]}}, ensure_ascii=False)
        content_type = "application/json"
    else:
        body, content_type = message + "\n", "text/plain; charset=utf-8"
    data = body.encode("utf-8")
    start_response(
        "400 Bad Request",
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(data))),
            ("Content-Language", language),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ],
    )
    return [data]


def guard_wsgi(application):
    def guarded(environ, start_response):
        reason = content_type_problem(environ.get("CONTENT_TYPE", ""))
        if reason is not None:
            # Django never saw it: drain nothing, say why, and close.
            return bad_request(environ, start_response, reason)
        return application(environ, start_response)

    guarded.wrapped = application
    return guarded
