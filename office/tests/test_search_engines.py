"""What Lighthouse's SEO category audits, checked on home, list and release in every language
(Lighthouse itself needs its npm package and a Chrome it downloads; these tests check the same
audits with the test client): HTTP status, <title>, meta description, viewport, lang, hreflang
with x-default, canonical, not blocked from indexing, crawlable links with descriptive text,
images with alt."""

import pytest

from news.tests.helpers import soup

pytestmark = pytest.mark.django_db

GENERIC_LINK_TEXTS = {
    "click here",
    "here",
    "more",
    "read more",
    "learn more",
    "link",
    "подробнее",
    "здесь",
    "толығырақ",
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_home_list_and_release_pass_the_seo_audits(client, make_release, language):
    release = make_release()
    index = {"kk": "/kk/zhanalyqtar/", "ru": "/ru/novosti/", "en": "/en/news/"}[language]
    for url in (f"/{language}/", index, f"{index}{getattr(release, f'slug_{language}')}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        page = soup(response)
        assert page.html["lang"] == language
        assert page.title.get_text(strip=True), url
        assert page.select_one('meta[name="description"]')["content"].strip(), url
        assert "width=device-width" in page.select_one('meta[name="viewport"]')["content"]
        robots = page.select_one('meta[name="robots"]')
        assert robots is None or "noindex" not in robots["content"], url
        canonical = page.select_one('link[rel="canonical"]')["href"]
        assert canonical.startswith("http://testserver/") and canonical.endswith(url), url
        hreflangs = {link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')}
        assert {"kk", "ru", "en", "x-default"} <= hreflangs, url
        assert "noindex" not in response.get("X-Robots-Tag", "")
        for link in page.select("a"):
            href = link.get("href", "")
            assert href and not href.startswith("javascript:"), (url, str(link)[:80])
            assert link.get_text(" ", strip=True).lower() not in GENERIC_LINK_TEXTS, (url, link)
        for image in page.select("img"):
            assert image.has_attr("alt"), (url, image)
