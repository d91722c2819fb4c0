"""Small project-wide addresses."""

from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon rather
    than fill the logs with 404s."""
    return HttpResponsePermanentRedirect(static("news/favicon.svg"))
