"""404 and 500 pages in the reader's language: the address's prefix (/kk/, /ru/, /en/) decides,
else the browser's Accept-Language (never a cookie, so the answer is the same for every reader
of an address)."""

from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

from news.languages import LANGUAGE_CODES


def visitor_language(request) -> str:
    from news.views import preferred_language

    prefix = request.path.lstrip("/").split("/", 1)[0]
    if prefix in LANGUAGE_CODES:
        return prefix
    return preferred_language(request.headers.get("Accept-Language", ""))


@requires_csrf_token
def page_not_found(request, exception=None):
    language = visitor_language(request)
    with translation.override(language):
        request.LANGUAGE_CODE = language
        body = loader.render_to_string("404.html", {}, request=request)
    return HttpResponseNotFound(body)


@requires_csrf_token
def server_error(request):
    """A static page: no request context, no context processor, no template tag that reads the
    database, so it renders while the database is down."""
    language = visitor_language(request)
    with translation.override(language):
        body = loader.get_template("500.html").render(
            {
                "language": language,
                "home_url": f"/{language}/",
                "search_url": f"/{language}/search/",
            }
        )
    response = HttpResponseServerError(body)
    response["Content-Language"] = language
    return response
