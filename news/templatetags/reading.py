"""The reading layout of a release: reading time, related releases, previous / next, sharing."""

import math
from urllib.parse import quote

from django import template
from django.db.models import Exists, OuterRef, Q

from news.languages import absolute, active_language, has_language, value_in
from news.models import NewsReleasePage
from news.page_text import page_text

register = template.Library()

WORDS_PER_MINUTE = 200
RELATED_COUNT = 3


@register.simple_tag
def reading_minutes(page) -> int:
    """Minutes to read the release in the active language, at least one."""
    words = len(page_text(page, active_language()).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def _links_only(releases):
    """A listing queryset for links (address, title, date): no topics or images prefetched."""
    return releases.select_related(None).prefetch_related(None)


@register.simple_tag
def related_releases(page, chosen=None):
    """The editors' related releases first, then the newest others on the same topics; all
    live and in the active language."""
    language = active_language()
    related = [release for release in (chosen or []) if release.pk != page.pk]
    if len(related) < RELATED_COUNT:
        # One query: the newest releases (in the listing index's order, so the scan stops after
        # the few it needs) sharing a topic with this one. A JOIN with DISTINCT instead sorted
        # every release on those topics (200 ms at 10,000 releases).
        through = NewsReleasePage.topics.through
        shares_a_topic = Exists(
            through.objects.filter(
                newsreleasepage_id=OuterRef("pk"),
                topic_id__in=through.objects.filter(newsreleasepage_id=page.pk).values("topic_id"),
            )
        )
        more = (
            _links_only(NewsReleasePage.objects.in_language_listing(language, with_body=True))
            .filter(shares_a_topic)
            .exclude(pk__in=[page.pk, *(r.pk for r in related)])[: RELATED_COUNT - len(related)]
        )
        related.extend(more)
    return [release for release in related if has_language(release, language)][:RELATED_COUNT]


@register.simple_tag
def adjacent_releases(page):
    """The previous (older) and next (newer) release in the active language, same index."""
    language = active_language()
    siblings = _links_only(
        NewsReleasePage.objects.in_language_listing(language).sibling_of(page, inclusive=False)
    )
    # The date bound first, so the listing index is entered at this release's date instead of
    # being walked from the newest (or oldest) release down to it.
    older = Q(date__lte=page.date) & (Q(date__lt=page.date) | Q(pk__lt=page.pk))
    newer = Q(date__gte=page.date) & (Q(date__gt=page.date) | Q(pk__gt=page.pk))
    return {
        "previous": siblings.filter(older).order_by("-date", "-pk").first(),
        "next": siblings.filter(newer).order_by("date", "pk").first(),
    }


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
