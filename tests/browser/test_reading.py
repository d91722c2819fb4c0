"""A reader's way through the site in Chromium, and accessibility with axe-core."""

import re

import pytest

pytestmark = pytest.mark.browser

KAZAKH_LETTERS = re.compile("[әғқңөұүһі]")
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def test_reader_lands_opens_newest_release_and_switches_language(demo_site, open_page):
    page = open_page(locale="ru-RU")
    page.goto(demo_site.url + "/")
    assert page.url == demo_site.url + "/ru/"
    assert page.locator("html").get_attribute("lang") == "ru"

    newest = page.locator(".release-card__title a").first
    newest_title = newest.inner_text()
    newest.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == newest_title
    assert "Казахстан и Евросоюз" in newest_title  # the Brussels release is the newest

    page.get_by_role("navigation", name="Язык").get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url.startswith(demo_site.url + "/en/news/")
    assert page.locator("html").get_attribute("lang") == "en"
    article = page.locator("article.release").inner_text()
    assert "Elvira Azimova" in article
    assert not CYRILLIC.search(article)

    page.get_by_role("link", name="Қазақша").click()
    page.wait_for_load_state()
    assert page.url.startswith(demo_site.url + "/kk/zhanalyqtar/")
    assert page.locator("html").get_attribute("lang") == "kk"
    article = page.locator("article.release").inner_text()
    assert "Эльвира Әзімова" in article
    assert KAZAKH_LETTERS.search(article)
    assert "қараша 2026 ж." in page.locator("article.release time").inner_text()
    assert page.console.errors == []


def test_switcher_on_a_release_without_english_leads_to_english_home(demo_site, open_page):
    page = open_page(locale="ru-RU")
    page.goto(demo_site.url + "/ru/novosti/")
    cards = page.locator(".release-card__title a")
    for index in range(cards.count()):
        cards.nth(index).click()
        page.wait_for_load_state()
        english = page.locator('.language-switcher a[data-language="en"]')
        if english.get_attribute("href") == "/en/":
            assert page.locator(".language-switcher__note").count() == 1
            english.click()
            page.wait_for_load_state()
            assert page.url == demo_site.url + "/en/"
            return
        page.go_back()
    pytest.fail("the demo content has no release lacking English")


def test_layout_holds_at_320_pixels_and_skip_link_works(demo_site, open_page):
    page = open_page(locale="kk-KZ", viewport={"width": 320, "height": 640})
    for path in ("/kk/", "/kk/zhanalyqtar/"):
        page.goto(demo_site.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (path, width)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box and box["y"] >= 0  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    assert page.console.errors == []


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_home_index_and_release_have_no_serious_accessibility_violations(
    demo_site, open_page, language
):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = open_page(locale=language)
    page.goto(f"{demo_site.url}/{language}/")
    index_url = page.locator(".site-nav a").nth(1).get_attribute("href")
    release_url = page.locator(".release-card__title a").first.get_attribute("href")
    for path in (f"/{language}/", index_url, release_url):
        page.goto(demo_site.url + path)
        results = axe.run(page)
        serious = [
            (violation["id"], violation["impact"], [n["target"] for n in violation["nodes"]][:3])
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert serious == [], (path, serious)
    assert page.console.errors == []
