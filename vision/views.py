"""Two small views of the low-vision mode; pages themselves never look at the choice."""

from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from . import options


def _safe_next(request) -> str:
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_safe
def choose(request):
    """``/vision/?size=2&next=/ru/...``: the no-JavaScript switch. Stores the choice (merged
    with what was chosen before) in the cookie and goes back to the page."""
    choice = options.parse(request.COOKIES.get(options.COOKIE_NAME))
    for name, value in options.from_query(request.GET).items():
        if value:
            choice[name] = value
        else:
            choice.pop(name, None)
    if request.GET.get("reset"):
        choice = {}
    response = HttpResponseRedirect(_safe_next(request), status=303)
    value = options.serialise(choice)
    if value:
        response.set_cookie(
            options.COOKIE_NAME,
            value,
            max_age=options.COOKIE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=False,  # site.js reads it
        )
    else:
        response.delete_cookie(options.COOKIE_NAME, samesite="Lax")
    patch_cache_control(response, no_store=True)
    return response


@require_safe
def stylesheet(request):
    """The low-vision rules for one choice. ``?c=size:2|contrast:bw`` (what site.js asks for)
    names the choice in the URL, so the answer is the same for everyone and cacheable; without
    it (the <noscript> link) the reader's cookie decides, and the answer is private."""
    from_url = "c" in request.GET
    choice = options.parse(
        request.GET.get("c") if from_url else request.COOKIES.get(options.COOKIE_NAME)
    )
    size = options.OPTIONS[0].choices.get(choice.get("size", ""))[1]
    colours = options.OPTIONS[1].choices.get(choice.get("contrast", ""))[1]
    css = render_to_string(
        "vision/vision.css",
        {
            "size": size,
            "ink": colours[0] if colours else None,
            "paper": colours[1] if colours else None,
            "wide": choice.get("spacing") == "wide",
            "images_off": choice.get("images") == "off",
        },
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    if from_url:
        patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    else:
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
    return response
