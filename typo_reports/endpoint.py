"""POST /api/typo-reports/: one address for every client. intake.py decides; the answer is JSON
(api.py) for JSON clients and a page (views.py) for the no-JS form.

csrf_exempt because cached public pages carry no CSRF cookie or token: a same-site
Origin/Referer check and a signed, timestamped form token take that role (intake.py).
"""

from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import api, views
from .intake import receive, wants_json


@csrf_exempt
@require_POST
def submit_report(request):
    result = receive(request)
    with translation.override(result.language):
        if wants_json(request):
            response = api.json_response(result)
        else:
            response = views.submission_response(request, result)
    for name, value in result.headers.items():
        response[name] = value
    add_never_cache_headers(response)
    return response
