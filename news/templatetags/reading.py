"""The reading layout of a release: reading time, topics, related releases, previous / next,
sharing."""

import math
from urllib.parse import quote

from django import template

from news.languages import absolute, active_language, value_in
from news.page_text import page_text
from news.release_aside import release_aside as aside_of

register = template.Library()

WORDS_PER_MINUTE = 200


@register.simple_tag
def reading_minutes(page) -> int:
    """Minutes to read the release in the active language, at least one."""
    words = len(page_text(page, active_language()).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


@register.simple_tag(takes_context=True)
def release_aside(context, page) -> dict:
    """Topics, related releases, previous and next of the release (news.release_aside)."""
    return aside_of(page, context.get("request"))


@register.inclusion_tag("news/includes/share.html", takes_context=True)
def share_links(context, page):
    """Links to share the release: no third-party script, the title and address escaped for
    each service's URL (and by the template for HTML)."""
    request = context.get("request")
    language = active_language()
    url = absolute(page.get_url(request=request), request)
    title = value_in(page, "title", language) or ""
    u, t = quote(url, safe=""), quote(title, safe="")
    text = quote(f"{title} {url}", safe="")
    services = [
        ("Telegram", f"https://t.me/share/url?url={u}&text={t}"),
        ("WhatsApp", f"https://wa.me/?text={text}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("X", f"https://x.com/intent/post?url={u}&text={t}"),
        ("VK", f"https://vk.com/share.php?url={u}&title={t}"),
    ]
    return {"services": services, "url": url, "mailto": f"mailto:?subject={t}&body={text}"}
