"""Tell the page cache when a page was last changed, for its Last-Modified header."""

from django.conf import settings
from wagtail import hooks


@hooks.register("before_serve_page")
def remember_last_modified(page, request, serve_args, serve_kwargs):
    if page._meta.label in settings.PAGE_CACHE_LAST_MODIFIED_MODELS and page.last_published_at:
        request.page_cache_last_modified = page.last_published_at
