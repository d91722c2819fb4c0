from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_safe

from .languages import LANGUAGE_CODES, active_language, has_language, value_in
from .listing import ListingRows, RankedRows
from .models import NewsReleasePage
from .pagination import paginate
from .search import clean_query, ranked_release_keys
from .topics import topic_in_language, topics_in_language


def preferred_language(accept_language: str) -> str:
    """The first site language the browser asks for, Kazakh when it asks for none of them."""
    for code, _quality in parse_accept_lang_header(accept_language[:1000]):
        if code == "*":
            break
        try:
            language = get_supported_language_variant(code)
        except LookupError:
            continue
        if language in LANGUAGE_CODES:
            return language
    return settings.LANGUAGE_CODE


def choose_language(request):
    """``/``: 302 to the reader's language home. Only Accept-Language counts (no cookie), so the
    answer is the same for every reader with the same header."""
    language = preferred_language(request.headers.get("Accept-Language", ""))
    response = HttpResponseRedirect(f"/{language}/")
    patch_vary_headers(response, ["Accept-Language"])
    return response


def same_view_in_each_language(view_name, **kwargs_by_language) -> dict[str, str | None]:
    """language -> the address of a view in that language. ``kwargs_by_language`` maps a
    language to the view's arguments there, or to None where the view has no such content."""
    alternates = {}
    for code in LANGUAGE_CODES:
        kwargs = kwargs_by_language.get(code, {})
        if kwargs is None:
            alternates[code] = None
            continue
        with translation.override(code):
            alternates[code] = reverse(view_name, kwargs=kwargs)
    return alternates


@require_safe
def search(request):
    language = active_language()
    query = clean_query(request.GET.get("q", ""))
    results = paginate(
        RankedRows(
            ranked_release_keys(query, language),
            NewsReleasePage.objects.in_language_listing(language),
            language,
        ),
        request,
        settings.NEWS_RELEASES_PER_PAGE,
    )
    return render(
        request,
        "news/search.html",
        {
            "query": query,
            "results": results,
            "language_alternates": same_view_in_each_language("search"),
        },
    )


@require_safe
def topic(request, slug):
    language = active_language()
    topic = topic_in_language(slug, language)
    releases = NewsReleasePage.objects.in_language_listing(language).filter(topics=topic)
    return render(
        request,
        "news/topic.html",
        {
            "topic": topic,
            "releases": paginate(
                ListingRows(
                    releases, language, count_key=f"topic-release-count:{language}:{topic.pk}"
                ),
                request,
                settings.NEWS_RELEASES_PER_PAGE,
            ),
            "language_alternates": same_view_in_each_language(
                "topic",
                **{
                    code: {"slug": value_in(topic, "slug", code)}
                    if has_language(topic, code)
                    else None
                    for code in LANGUAGE_CODES
                },
            ),
        },
    )


@require_safe
def feed_list(request):
    topics = topics_in_language(active_language())
    return render(
        request,
        "news/feeds.html",
        {"topics": topics, "language_alternates": same_view_in_each_language("feed_list")},
    )


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
