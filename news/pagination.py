from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _


def paginate(queryset, request, per_page):
    """One page of results; a missing or empty ?page= is the first page, anything that is not
    a page number of this list is a 404 (never a 500)."""
    number = request.GET.get("page") or 1
    try:
        return Paginator(queryset, per_page).page(number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(_("There is no such page of results.")) from error
