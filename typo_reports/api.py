"""The JSON side of POST /api/typo-reports/ and GET /api/typo-reports/token/.

JSON clients get ``201 {"id", "status", "duplicate_of"}`` (``id`` is the report's opaque
reference, never its row number), ``400 {"errors": {field: [messages]}}``, or
``{"errors": {"__all__": [message]}}`` with 403, 413, 415, 429 or 503.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .intake import Result
from .protection import new_form_token


def json_errors(errors: dict, status: int) -> JsonResponse:
    return JsonResponse(
        {"errors": errors}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def json_response(result: Result) -> JsonResponse:
    """Rendered in the result's language (endpoint.py activates it)."""
    if result.status == 201:
        return JsonResponse(
            {
                "id": result.reference,
                "status": result.report_status,
                "duplicate_of": result.duplicate_of,
            },
            status=201,
        )
    if result.form is not None:
        errors = {name: [str(text) for text in texts] for name, texts in result.form.errors.items()}
        return json_errors(errors, result.status)
    return json_errors({"__all__": [str(result.message)]}, result.status)


@require_GET
def form_token(request):
    response = JsonResponse({"token": new_form_token()})
    response["Cache-Control"] = "no-store"
    return response
