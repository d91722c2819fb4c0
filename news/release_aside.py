"""What a release page shows around its text: its topics, related releases, previous and next.

Each is a few links (address, title, date), so the queries fetch only those columns as plain
values: loading full release rows (every language's columns, some 6 KB each) cost a worker
about 8 ms of Python per query, far more than the database's own work. The whole aside of a
live release is kept in the page cache until the next purge (every publish, unpublish, move,
deletion or topic change makes one), so a page-cache miss (a signed-in editor, a query string,
the first reader after another page's publish) costs one cache read here instead of five
queries. A preview renders the draft's own choices and is never kept.
"""

from django.db.models import Exists, OuterRef, Q

from .languages import active_language, in_language_q, value_in
from .sitemaps import address, language_prefixes, site_root_paths

RELATED_COUNT = 3


def release_aside(page, request=None) -> dict:
    """{"topics": [{"slug", "name"}], "related": [link], "previous": link, "next": link} in the
    active language, where a link is {"pk", "url", "title", "date"}."""
    language = active_language()
    if getattr(request, "is_preview", False) or not page.live or page.pk is None:
        return compute_aside(page, language)
    from page_cache.keys import remember_until_next_purge

    return remember_until_next_purge(
        f"release-aside:{page.pk}:{language}", lambda: compute_aside(page, language)
    )


def compute_aside(page, language: str) -> dict:
    addressing = (site_root_paths(), language_prefixes())  # once for every link of the aside
    adjacent = adjacent_links(page, language, addressing)
    return {
        "topics": topic_links(page, language),
        "related": related_links(page, language, addressing),
        "previous": adjacent["previous"],
        "next": adjacent["next"],
    }


def topic_links(page, language: str) -> list[dict]:
    from .models import Topic

    topics = page.topics.filter(in_language_q(language, model=Topic))
    return [
        {"slug": value_in(topic, "slug", language), "name": value_in(topic, "name", language)}
        for topic in topics
    ]


def links(releases, language: str, addressing=None, also=()) -> list[dict]:
    """Link values for a release queryset, in its order: only the printed columns are read.
    ``addressing``: (site root paths, language prefixes), when the caller has them already;
    ``also``: more columns to read, each kept in the link under its own name. A release under
    no site's root has no address and is left out."""
    title, url_path = f"title_{language}", f"url_path_{language}"
    roots, prefixes = addressing or (site_root_paths(), language_prefixes())
    rows = (
        releases.select_related(None)
        .prefetch_related(None)
        .values("pk", "date", title, url_path, *also)
    )
    result = []
    for row in rows:
        url = address(row, language, roots, prefixes)
        if url is not None:
            link = {"pk": row["pk"], "url": url, "title": row[title], "date": row["date"]}
            link.update((column, row[column]) for column in also)
            result.append(link)
    return result


def related_links(page, language: str, addressing=None) -> list[dict]:
    """The editors' related releases first (in their order), then the newest others on the same
    topics; all live and in the language."""
    from .models import NewsReleasePage

    listing = NewsReleasePage.objects.in_language_listing(language)
    chosen_ids = [link.release_id for link in page.related_releases.all() if link.release_id]
    chosen_ids = [pk for pk in dict.fromkeys(chosen_ids) if pk != page.pk]
    by_pk = {
        link["pk"]: link for link in links(listing.filter(pk__in=chosen_ids), language, addressing)
    }
    related = [by_pk[pk] for pk in chosen_ids if pk in by_pk][:RELATED_COUNT]
    if len(related) < RELATED_COUNT:
        # The newest releases sharing a topic, in the listing index's order so the scan stops
        # after the few it needs. A JOIN with DISTINCT sorted every release on those topics
        # (200 ms at 10,000 releases).
        through = NewsReleasePage.topics.through
        topic_ids = (
            through.objects.filter(newsreleasepage_id=page.pk).values("topic_id")
            if page.pk
            else [topic.pk for topic in page.topics.all()]
        )
        shares_a_topic = Exists(
            through.objects.filter(newsreleasepage_id=OuterRef("pk"), topic_id__in=topic_ids)
        )
        more = listing.filter(shares_a_topic).exclude(
            pk__in=[page.pk, *(link["pk"] for link in related)]
        )[: RELATED_COUNT - len(related)]
        related.extend(links(more, language, addressing))
    return related


def adjacent_links(page, language: str, addressing=None) -> dict:
    """The previous (older) and next (newer) release in the language, under the same index."""
    from .models import NewsReleasePage

    if page.pk is None:
        return {"previous": None, "next": None}
    siblings = NewsReleasePage.objects.in_language_listing(language).sibling_of(
        page, inclusive=False
    )
    # The date bound first, so the listing index is entered at this release's date instead of
    # being walked from the newest (or oldest) release down to it.
    older = Q(date__lte=page.date) & (Q(date__lt=page.date) | Q(pk__lt=page.pk))
    newer = Q(date__gte=page.date) & (Q(date__gt=page.date) | Q(pk__gt=page.pk))
    previous = links(siblings.filter(older).order_by("-date", "-pk")[:1], language, addressing)
    following = links(siblings.filter(newer).order_by("date", "pk")[:1], language, addressing)
    return {
        "previous": previous[0] if previous else None,
        "next": following[0] if following else None,
    }
