"""What a list shows of a release (its card), read as values instead of page objects.

A list page showed ten releases as page objects: each built with every column of the page and
release tables (modeltranslation's constructor runs for each), and each address computed by
Wagtail's ``get_url`` (site root paths, ``reverse``). A card needs six values: these are read in
one query, the address is made from the language's ``url_path`` as the sitemap makes it
(news.sitemaps.address), and the hero images, when there are any, are read with their
renditions in one more query.
"""

from wagtail.images import get_image_model

from .sitemaps import address, language_prefixes, site_root_paths


def card_columns(language: str) -> tuple[str, ...]:
    # address() reads the language's title and url_path only (as release_aside.links does).
    return ("pk", "date", "hero_image_id", f"lead_{language}", *addressing_columns(language))


def addressing_columns(language: str) -> tuple[str, str]:
    return (f"title_{language}", f"url_path_{language}")


def release_cards(releases, language: str) -> list[dict]:
    """{"pk", "url", "title", "lead", "date", "hero_image"} for each release of ``releases`` (a
    queryset of releases in ``language``), in its order."""
    rows = list(releases.values(*card_columns(language)))
    image_ids = {row["hero_image_id"] for row in rows if row["hero_image_id"]}
    images = (
        get_image_model().objects.filter(pk__in=image_ids).prefetch_related("renditions")
        if image_ids
        else ()
    )
    images_by_id = {image.pk: image for image in images}
    roots, prefixes = site_root_paths(), language_prefixes()
    cards = []
    for row in rows:
        url = address(row, language, roots, prefixes)
        if url is None:  # under no site's root (release_aside.links leaves these out too)
            continue
        cards.append(
            {
                "pk": row["pk"],
                "url": url,
                "title": row[f"title_{language}"],
                "lead": row[f"lead_{language}"],
                "date": row["date"],
                "hero_image": images_by_id.get(row["hero_image_id"]),
            }
        )
    return cards
