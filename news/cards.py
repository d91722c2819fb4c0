"""What a list shows of a release (its card), read as values instead of page objects.

A list page showed ten releases as page objects: each built with every column of the page and
release tables (modeltranslation's constructor runs for each), and each address computed by
Wagtail's ``get_url`` (site root paths, ``reverse``). A card needs six values: these are read in
one query (news.release_aside.links with two more columns), the address is made from the
language's ``url_path`` as the sitemap makes it (news.sitemaps.address), and the hero images,
when there are any, are read with their renditions in one more query.
"""

from wagtail.images import get_image_model

from .release_aside import links


def release_cards(releases, language: str) -> list[dict]:
    """{"pk", "url", "title", "lead", "date", "hero_image"} for each release of ``releases`` (a
    queryset of releases in ``language``), in its order: the links of news.release_aside with
    the lead and the hero image."""
    lead = f"lead_{language}"
    cards = links(releases, language, also=("hero_image_id", lead))
    image_ids = {card["hero_image_id"] for card in cards if card["hero_image_id"]}
    images = (
        get_image_model().objects.filter(pk__in=image_ids).prefetch_related("renditions")
        if image_ids
        else ()
    )
    images_by_id = {image.pk: image for image in images}
    for card in cards:
        card["lead"] = card.pop(lead)
        card["hero_image"] = images_by_id.get(card.pop("hero_image_id"))
    return cards
