"""When PostgreSQL is unreachable: 503 with Retry-After and a page in the visitor's language.

The page is built without templates, the database or the cache, so nothing it needs can be down
too. The language comes from the URL prefix (/kk/, /ru/, /en/), else Accept-Language, else
Kazakh. Django's connection handling reconnects by itself on the next request once the
database is back (CONN_HEALTH_CHECKS), so recovery needs no restart.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from news.languages import LANGUAGE_CODES
from ombudsman.errors import server_error as static_server_error

logger = logging.getLogger("ombudsman.faults")

DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

TITLE = gettext_lazy("The site is temporarily unavailable")
EXPLANATION = gettext_lazy(
    "We are restoring the service. Please try again in a minute; nothing you sent before has "
    "been lost."
)
SITE_NAME = gettext_lazy("Commissioner for Human Rights")


def visitor_language(request) -> str:
    prefix = request.path_info.lstrip("/").split("/", 1)[0]
    if prefix in LANGUAGE_CODES:
        return prefix
    accepted = translation.get_language_from_request(request, check_path=False)
    return accepted if accepted in LANGUAGE_CODES else settings.LANGUAGE_CODE


def unavailable_response(request, retry_after: int = RETRY_AFTER_SECONDS) -> HttpResponse:
    language = visitor_language(request)
    with translation.override(language):
        title, explanation, site = escape(_(TITLE)), escape(_(EXPLANATION)), escape(_(SITE_NAME))
    body = (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title></head><body><main><p>{site}</p><h1>{title}</h1>"
        f"<p>{explanation}</p></main></body></html>"
    )
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


class DatabaseUnavailableMiddleware:
    """Turns a view's database connection failure into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN_ERRORS):
            logger.error("database unavailable: %s", exception)
            return unavailable_response(request)
        return None


def server_error(request):
    """handler500. Database failures raised outside a view (a middleware loading the session
    or the user) reach only this handler, so it gives them the same 503 page; anything else
    gets the static 500 page in the visitor's language."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN_ERRORS):
        return unavailable_response(request)
    try:
        return static_server_error(request)
    except Exception:  # noqa: BLE001 — the 500 page must not fail (e.g. a template error)
        return HttpResponseServerError("Server error", content_type="text/plain")
