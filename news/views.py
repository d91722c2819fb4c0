from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

from .languages import LANGUAGE_CODES


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
