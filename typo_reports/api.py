"""POST /api/typo-reports/ and GET /api/typo-reports/token/: the contract every client uses.

JSON clients (Accept: application/json) get JSON answers; HTML form clients (the no-JS form)
get a 303 to a thank-you page or the form again with its errors. The endpoint is csrf_exempt
because cached public pages carry no CSRF cookie or token: a same-site Origin/Referer check and
a signed, timestamped form token take that role.
"""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db.models import Max
from django.http import HttpResponseRedirect, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from news.languages import LANGUAGE_CODES

from .forms import HONEYPOT_FIELD, TypoReportForm, live_page_in
from .models import TypoReport
from .protection import (
    client_hash,
    count_report,
    is_same_site,
    new_form_token,
    seconds_until_allowed,
)
from .reports import store_report
from .views import release_context

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
MULTIPART_CONTENT_TYPE = "multipart/form-data"
TOO_LARGE = gettext_lazy("The report is too large.")
UNREADABLE = gettext_lazy("The request could not be read.")
JSON_CONTENT_TYPE = "application/json"


class BadRequest(Exception):
    """A request the endpoint cannot read; ``message`` is lazy, shown in the reader's language."""

    def __init__(self, status: int, message):
        super().__init__(message)
        self.status = status
        self.message = message


def wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return JSON_CONTENT_TYPE in accept or request.content_type == JSON_CONTENT_TYPE


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
        except (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent) as error:
            raise BadRequest(400, UNREADABLE) from error
    if request.content_type not in (JSON_CONTENT_TYPE, FORM_CONTENT_TYPE):
        raise BadRequest(415, gettext_lazy("Send the report as a form or as JSON."))
    body = request.read(limit + 1)
    if len(body) > limit:
        raise BadRequest(413, TOO_LARGE)
    if request.content_type == FORM_CONTENT_TYPE:
        try:
            return QueryDict(body, encoding=request.content_params.get("charset", "utf-8"))
        except (LookupError, TooManyFieldsSent) as error:  # an unknown charset, a flood
            raise BadRequest(400, UNREADABLE) from error
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BadRequest(400, gettext_lazy("The request is not valid JSON.")) from error
    if not isinstance(data, dict):
        raise BadRequest(400, gettext_lazy("The request must be a JSON object."))
    return {key: "" if value is None else value for key, value in data.items()}


def response_language(request, data) -> str:
    """The submitted language if it is a site language, else the browser's (Accept-Language)."""
    language = data.get("language") if data is not None else None
    if isinstance(language, str) and language in LANGUAGE_CODES:
        return language
    language = translation.get_language_from_request(request)
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def json_errors(errors: dict, status: int, **headers) -> JsonResponse:
    response = JsonResponse(
        {"errors": errors}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    for name, value in headers.items():
        response[name] = value
    return response


def thanks_url(language: str, page_id) -> str:
    with translation.override(language):
        return f"{reverse('typo_report_thanks')}?page={page_id}"


def render_form_again(request, form, language, status, **headers):
    """The no-JS form with the reader's input kept, its errors, and a fresh token."""
    data = form.data.copy()
    data["token"] = new_form_token()
    form = TypoReportForm(data)
    form.is_valid()  # re-run only to show errors; the token error (if any) is fixed
    page = live_page_in(data.get("page"), language)
    response = render(
        request,
        "typo_reports/report_form_page.html",
        release_context(request, form, page),
        status=status,
    )
    for name, value in headers.items():
        response[name] = value
    add_never_cache_headers(response)
    return response


def message_response(request, as_json, language, status, message, **headers):
    if as_json:
        return json_errors({"__all__": [message]}, status, **headers)
    response = render(
        request,
        "typo_reports/message_page.html",
        {"message": message},
        status=status,
    )
    for name, value in headers.items():
        response[name] = value
    add_never_cache_headers(response)
    return response


def success_response(as_json, language, page_id, report_id, status, duplicate_of):
    if as_json:
        return JsonResponse(
            {"id": report_id, "status": status, "duplicate_of": duplicate_of}, status=201
        )
    return HttpResponseRedirect(thanks_url(language, page_id), status=303)


@csrf_exempt
@require_POST
def submit_report(request):
    as_json = wants_json(request)
    if not is_same_site(request):
        language = response_language(request, None)
        with translation.override(language):
            return message_response(
                request, as_json, language, 403, _("Reports are accepted from this site only.")
            )
    data = None
    try:
        data = read_data(request)
    except BadRequest as error:
        language = response_language(request, None)
        with translation.override(language):
            return message_response(request, as_json, language, error.status, str(error.message))
    language = response_language(request, data)
    with translation.override(language):
        return _handle(request, data, language, as_json)


def _handle(request, data, language, as_json):
    client = client_hash(request)
    wait = seconds_until_allowed(client)
    if wait:
        return message_response(
            request,
            as_json,
            language,
            429,
            _("Too many reports from your address. Please try again later."),
            **{"Retry-After": str(wait)},
        )
    if data.get(HONEYPOT_FIELD):
        # A bot filled the field people never see: store nothing, answer as if all went well.
        count_report(client)
        fake_id = (TypoReport.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        return success_response(as_json, language, data.get("page"), fake_id, "new", None)
    form = TypoReportForm(data)
    if not form.is_valid():
        if as_json:
            errors = {field: [str(text) for text in texts] for field, texts in form.errors.items()}
            return json_errors(errors, 400)
        return render_form_again(request, form, language, 400)
    outcome = store_report(form.cleaned_data, form.live_page, client)
    count_report(client)
    return success_response(
        as_json,
        language,
        form.live_page.pk,
        outcome.report.pk,
        outcome.report.status,
        outcome.duplicate_of,
    )


@require_GET
def form_token(request):
    response = JsonResponse({"token": new_form_token()})
    response["Cache-Control"] = "no-store"
    return response
