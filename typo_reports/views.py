"""The no-JS way to report an error: /<lang>/typo-report/?page=<id> and its thank-you page."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from news.languages import active_language, page_url_in

from .forms import FRAGMENT_MAX_LENGTH, TypoReportForm, live_page_in
from .protection import new_form_token


@never_cache  # the form carries a fresh token; the release pages themselves stay cacheable
def report_form(request):
    language = active_language()
    page = live_page_in(request.GET.get("page"), language)
    if page is None:
        raise Http404
    form = TypoReportForm(
        initial={
            "page": page.pk,
            "language": language,
            "token": new_form_token(),
            "fragment": request.GET.get("fragment", "")[:FRAGMENT_MAX_LENGTH],
        }
    )
    return render(
        request, "typo_reports/report_form_page.html", release_context(request, form, page)
    )


def release_context(request, form, page) -> dict:
    language = active_language()
    return {
        "form": form,
        "release": page,
        "release_url": page_url_in(page, language, request) if page else None,
    }


def thanks(request):
    page = live_page_in(request.GET.get("page"), active_language())
    return render(request, "typo_reports/thanks_page.html", release_context(request, None, page))
