from django import template

from .. import counting
from ..views import formatted

register = template.Library()


@register.simple_tag
def view_count(page) -> str:
    """The page's views so far, formatted for the active language; site.js refreshes it."""
    return formatted(counting.total(page.pk))
