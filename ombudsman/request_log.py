"""Structured logs: one JSON object a line on stdout, each carrying the request's id.

The id comes from the proxy's X-Request-ID when it is a sane token (so nginx's $request_id ties
its access log to ours), else a fresh one; the response echoes it in X-Request-ID.
"""

import contextvars
import json
import logging
import re
import traceback
import uuid
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# Letters, digits and a few separators, at most 128: nothing that could forge a log line.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    """First in MIDDLEWARE: every later log line of the request carries its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = offered if _SAFE_ID.match(offered) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """{"time", "level", "logger", "message", "request_id", "status"?, "path"?, "exception"?}"""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", current_request_id()),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if isinstance(path, str):
            entry["method"] = getattr(request, "method", "")
            entry["path"] = path
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info))
        # backslashreplace: a lone surrogate in a message must not stop the line being written.
        return (
            json.dumps(entry, ensure_ascii=False, default=str)
            .encode("utf-8", "backslashreplace")
            .decode("utf-8")
        )


def logging_config(level: str = "INFO") -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "ombudsman.request_log.RequestIdFilter"}},
        "formatters": {"json": {"()": "ombudsman.request_log.JsonFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            # Django's own request errors (with tracebacks) go to the root handler above.
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
            # django-axes announces itself at INFO on every start, commands included.
            "axes": {"level": "WARNING", "propagate": True},
            # One line per background task run is noise at INFO.
            "django_tasks": {"level": "WARNING", "propagate": True},
        },
    }
