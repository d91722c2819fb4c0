"""The no-JS way to report an error: /<lang>/typo-report/?page=<id>, the answers to its POST
(the form again with its errors, a message, or a 303 to the thank-you page) and that page."""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
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


def submission_response(request, result):
    """The no-JS form's answer to intake.receive's Result, in the active (the result's)
    language. endpoint.py adds the result's headers and no-cache."""
    if result.status == 201:
        return HttpResponseRedirect(
            f"{reverse('typo_report_thanks')}?page={result.page_id}", status=303
        )
    if result.form is not None:
        return render_form_again(request, result.form, result.status)
    return render(
        request,
        "typo_reports/message_page.html",
        {"message": result.message},
        status=result.status,
    )


def render_form_again(request, form, status):
    """The form with the reader's input kept, its errors, and a fresh token."""
    data = form.data.copy()
    data["token"] = new_form_token()
    form = TypoReportForm(data)
    form.is_valid()  # re-run only to show errors; the token error (if any) is fixed
    page = live_page_in(data.get("page"), active_language())
    return render(
        request,
        "typo_reports/report_form_page.html",
        release_context(request, form, page),
        status=status,
    )


def thanks(request):
    page = live_page_in(request.GET.get("page"), active_language())
    return render(request, "typo_reports/thanks_page.html", release_context(request, None, page))
