"""The view-counter beacon: ``POST /<lang>/views/<page>/`` counts, ``GET`` only reads."""

from django.http import Http404, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.formats import number_format
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from news.languages import active_language, has_language

from . import counting


def formatted(count: int) -> str:
    """1234 as the active language writes it: "1 234" (kk, ru), "1,234" (en)."""
    return number_format(count, force_grouping=True)


def _same_site(request) -> bool:
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return True
    return origin.split("://", 1)[-1] == request.get_host()


@csrf_exempt  # no form and no session: a cross-site POST is refused by its Origin instead
@require_http_methods(["GET", "HEAD", "POST"])
def page_views(request, page_id):
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None or not has_language(page, active_language()):
        raise Http404
    counted = False
    if request.method == "POST":
        if not _same_site(request):
            return JsonResponse({"error": "cross-site"}, status=403)
        user_agent = request.headers.get("User-Agent", "")
        if not counting.is_bot(user_agent) and counting.first_view_in_window(request, page.pk):
            counting.record_view(page.pk)
            counted = True
    count = counting.total(page.pk)
    response = JsonResponse({"count": count, "display": formatted(count), "counted": counted})
    patch_cache_control(response, no_store=True)
    return response
