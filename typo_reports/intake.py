"""What happens to a report sent to POST /api/typo-reports/, whatever the client: reading the
body, the same-site check, the rate limit, the honeypot, validation and storage.

Nothing here renders: ``receive`` returns a Result that api.py turns into JSON and views.py
into the no-JS pages (endpoint.py picks one).
"""

import json
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from news.languages import LANGUAGE_CODES

from .forms import HONEYPOT_FIELD, TypoReportForm
from .protection import LimitUnavailable, client_hash, give_back, is_same_site, take_slot
from .reports import store_report, would_duplicate

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
MULTIPART_CONTENT_TYPE = "multipart/form-data"
JSON_CONTENT_TYPE = "application/json"

TOO_LARGE = _("The report is too large.")
UNREADABLE = _("The request could not be read.")
NOT_TEXT = _("The report contains characters that are not valid text.")
CROSS_SITE = _("Reports are accepted from this site only.")
TOO_MANY = _("Too many reports from your address. Please try again later.")
LIMIT_DOWN = _("Reports cannot be accepted at the moment. Please try again in a minute.")
LIMIT_DOWN_RETRY_SECONDS = 30


class BadRequest(Exception):
    """A request the endpoint cannot read; ``message`` is lazy, shown in the reader's language."""

    def __init__(self, status: int, message):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Result:
    """status 201 (accepted: reference, report_status, duplicate_of), 400 with ``form`` (field
    errors), or any other status with ``message``; ``headers`` go on the response as they are."""

    status: int
    language: str
    message: object = None
    form: TypoReportForm | None = None
    headers: dict = field(default_factory=dict)
    page_id: object = None
    reference: str | None = None
    report_status: str | None = None
    duplicate_of: str | None = None


def wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return JSON_CONTENT_TYPE in accept or request.content_type == JSON_CONTENT_TYPE


def is_text(value) -> bool:
    """False for strings with lone surrogates ("\\ud800" in JSON): no database or response can
    encode them."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(is_text(key) and is_text(item) for key, item in value.items())
    if isinstance(value, list):
        return all(is_text(item) for item in value)
    return True


def read_data(request):
    """The submitted fields, read from at most TYPO_REPORTS_MAX_BODY_BYTES of the body."""
    limit = settings.TYPO_REPORTS_MAX_BODY_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise BadRequest(413, TOO_LARGE)
    if request.content_type == MULTIPART_CONTENT_TYPE:
        # Django's parser reads no more than the declared length, checked above.
        try:
            return request.POST
        except (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent, ValueError) as error:
            raise BadRequest(400, UNREADABLE) from error
    if request.content_type not in (JSON_CONTENT_TYPE, FORM_CONTENT_TYPE):
        raise BadRequest(415, _("Send the report as a form or as JSON."))
    body = request.read(limit + 1)
    if len(body) > limit:
        raise BadRequest(413, TOO_LARGE)
    if request.content_type == FORM_CONTENT_TYPE:
        try:
            return QueryDict(body, encoding=request.content_params.get("charset", "utf-8"))
        except (LookupError, ValueError, TooManyFieldsSent) as error:  # a bad charset, a flood
            raise BadRequest(400, UNREADABLE) from error
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BadRequest(400, _("The request is not valid JSON.")) from error
    if not isinstance(data, dict):
        raise BadRequest(400, _("The request must be a JSON object."))
    if not is_text(data):
        raise BadRequest(400, NOT_TEXT)
    return {key: "" if value is None else value for key, value in data.items()}


def response_language(request, data) -> str:
    """The submitted language if it is a site language, else the browser's (Accept-Language)."""
    language = data.get("language") if data is not None else None
    if isinstance(language, str) and language in LANGUAGE_CODES:
        return language
    language = translation.get_language_from_request(request)
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def receive(request) -> Result:
    if not is_same_site(request):
        return Result(403, response_language(request, None), message=CROSS_SITE)
    try:
        data = read_data(request)
    except BadRequest as error:
        return Result(error.status, response_language(request, None), message=error.message)
    language = response_language(request, data)
    client = client_hash(request)
    try:
        wait = take_slot(client)
    except LimitUnavailable:
        # Without the shared counter there is no limit: accept nothing rather than everything.
        return Result(
            503,
            language,
            message=LIMIT_DOWN,
            headers={"Retry-After": str(LIMIT_DOWN_RETRY_SECONDS)},
        )
    if wait:
        return Result(429, language, message=TOO_MANY, headers={"Retry-After": str(wait)})
    with translation.override(language):
        form = TypoReportForm(data)
        valid = form.is_valid()
    if not valid:
        give_back(client)
        return Result(400, language, form=form, page_id=data.get("page"))
    if data.get(HONEYPOT_FIELD):
        # A bot filled the field people never see: store nothing, and answer exactly as a real
        # report would be answered (same status, same shape, same duplicate), from nothing that
        # counts or numbers the reports.
        existing = would_duplicate(form.live_page, form.cleaned_data)
        reference = str(existing.public_id) if existing else str(uuid.uuid4())
        return Result(
            201,
            language,
            page_id=form.live_page.pk,
            reference=reference,
            report_status=existing.status if existing else "new",
            duplicate_of=reference if existing else None,
        )
    outcome = store_report(form.cleaned_data, form.live_page, client)
    report = outcome.report
    return Result(
        201,
        language,
        page_id=form.live_page.pk,
        reference=str(report.public_id),
        report_status=report.status,
        duplicate_of=str(outcome.duplicate_of.public_id) if outcome.duplicate_of else None,
    )
