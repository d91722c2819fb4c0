"""The site's URLs plus the framework's floor: a view that returns a release page's bytes from
memory, through the same middleware, so the bench can say how close a real page comes to it."""

from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

from ombudsman.urls import urlpatterns as site_urlpatterns

FLOOR_FILE = Path(settings.BASE_DIR) / ".bench" / "floor.html"
_floor_bytes: list[bytes] = []


def floor(request):
    if not _floor_bytes:
        _floor_bytes.append(FLOOR_FILE.read_bytes())
    return HttpResponse(_floor_bytes[0], content_type="text/html; charset=utf-8")


urlpatterns = [path("bench-floor/", floor), *site_urlpatterns]
