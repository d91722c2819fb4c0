"""The public design in Chromium: screenshots at phone and desktop widths in every language and
in low-vision mode, no horizontal scrolling or overlapping controls, low-vision persistence and
cacheability, view counts, print, error pages, page weight, axe (every impact) and the Nu Html
Checker. Screenshots are kept in test-results/screenshots/."""

import json
import urllib.request
from pathlib import Path

import pytest

from tests.browser.html_checker import require_vnu, vnu_errors

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-results" / "screenshots"
LANGUAGES = ("kk", "ru", "en")
INDEX = {"kk": "/kk/zhanalyqtar/", "ru": "/ru/novosti/", "en": "/en/news/"}
WIDTHS = (360, 1280)


def newest_release(page, demo_site, language):
    page.goto(demo_site.url + INDEX[language])
    return page.locator(".release-card__title a").first.get_attribute("href")


def overlapping_controls(page):
    """Pairs of visible links, buttons and inputs in the header whose boxes overlap."""
    return page.evaluate(
        """() => {
        const items = [...document.querySelectorAll(
            '.site-header a, .site-header button, .site-header input, .site-header summary')]
          .filter(e => e.offsetParent !== null && !e.closest('.vision__panel'))
          .map(e => [e, e.getBoundingClientRect()]);
        const clash = [];
        for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
          const [a, r] = items[i], [b, s] = items[j];
          if (a.contains(b) || b.contains(a)) continue;
          if (r.left < s.right - 1 && s.left < r.right - 1 &&
              r.top < s.bottom - 1 && s.top < r.bottom - 1)
            clash.push([a.textContent.trim().slice(0, 30), b.textContent.trim().slice(0, 30)]);
        }
        return clash;
    }"""
    )


def choose_vision(page, option, value):
    """Click a low-vision choice and wait until its stylesheet has loaded (the layout changes)."""
    page.locator(f'[data-vision-option="{option}"][data-vision-value="{value}"]').click()
    page.wait_for_function(
        """(part) => { const link = document.getElementById('vision-css');
            return link && link.sheet && decodeURIComponent(link.href).includes(part); }""",
        arg=f"{option}:{value}",
    )


def check_layout(page, label):
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, (label, width, viewport)
    assert overlapping_controls(page) == [], label


@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshots_without_scrolling_or_overlaps(demo_site, open_page, language):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page = open_page(locale=language, viewport={"width": width, "height": 900})
        release = newest_release(page, demo_site, language)
        for name, path in (
            ("home", f"/{language}/"),
            ("list", INDEX[language]),
            ("release", release),
        ):
            page.goto(demo_site.url + path)
            check_layout(page, (language, width, name))
            page.screenshot(path=SHOTS / f"{language}-{name}-{width}.png", full_page=True)
        # Low vision: the largest type, white on black, wide spacing, images off.
        page.goto(demo_site.url + f"/{language}/")
        page.locator("details.vision summary").click()
        for option, value in (
            ("size", "3"),
            ("contrast", "wb"),
            ("spacing", "wide"),
            ("images", "off"),
        ):
            choose_vision(page, option, value)
        page.locator("details.vision summary").click()
        for name, path in (
            ("home", f"/{language}/"),
            ("list", INDEX[language]),
            ("release", release),
        ):
            page.goto(demo_site.url + path)
            page.wait_for_function("() => document.getElementById('vision-css')?.sheet")
            assert (
                page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
            )
            check_layout(page, (language, width, name, "low vision"))
            page.screenshot(
                path=SHOTS / f"{language}-{name}-{width}-low-vision.png", full_page=True
            )
        assert page.console.errors == []


def test_low_vision_persists_and_pages_stay_cacheable(demo_site, open_page):
    page = open_page(locale="ru")
    responses = []
    page.on(
        "response", lambda r: responses.append(r) if r.request.resource_type == "document" else None
    )
    page.goto(demo_site.url + "/ru/")
    plain_home = page.content
    before = urllib.request.urlopen(demo_site.url + "/ru/").read()  # noqa: S310
    page.locator("details.vision summary").click()
    choose_vision(page, "size", "2")
    choose_vision(page, "contrast", "bc")
    page.keyboard.press("Escape")  # closes the panel
    assert page.locator("details.vision").get_attribute("open") is None
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size == 24  # 16 px × 1.5
    page.locator(".site-nav a").nth(1).click()
    page.wait_for_load_state()
    page.wait_for_function("() => document.getElementById('vision-css')?.sheet")
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == 24
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(247, 243, 214)"
    cookie = next(c for c in page.context.cookies() if c["name"] == "vision")
    request = urllib.request.Request(  # noqa: S310
        demo_site.url + "/ru/", headers={"Cookie": f"vision={cookie['value']}"}
    )
    with urllib.request.urlopen(request) as answer:  # noqa: S310
        assert answer.read() == before  # the same bytes with and without the choice
        assert "set-cookie" not in {k.lower() for k in answer.headers}
        assert "Cookie" not in (answer.headers.get("Vary") or "")
    for response in responses:
        assert "set-cookie" not in response.headers, response.url
    assert plain_home


def test_low_vision_without_javascript_through_plain_links(demo_site, open_page):
    page = open_page(locale="en", java_script_enabled=False)
    page.goto(demo_site.url + "/en/news/")
    page.locator("details.vision summary").click()
    page.locator('[data-vision-option="contrast"][data-vision-value="wb"]').click()
    page.wait_for_load_state()
    assert page.url == demo_site.url + "/en/news/"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.goto(demo_site.url + "/en/")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"


def views_on(page):
    page.wait_for_load_state("networkidle")
    return int(
        "".join(ch for ch in page.locator("[data-views-number]").inner_text() if ch.isdigit())
    )


def test_views_rise_once_per_browser_window_and_bots_do_not_count(demo_site, open_page, browser):
    page = open_page(locale="en")
    release = newest_release(page, demo_site, "en")
    page.goto(demo_site.url + release)
    first = views_on(page)
    page.reload()
    assert views_on(page) == first  # the same window: not again
    other = open_page(locale="en")  # another browser window (own sessionStorage, own client)
    other.goto(demo_site.url + release)
    assert views_on(other) in (first, first + 1)  # same address + agent within the window
    bot = open_page(locale="en", user_agent="Mozilla/5.0 (compatible; Googlebot/2.1)")
    bot.goto(demo_site.url + release)
    api = release.split("/")[1]
    before = json.loads(
        urllib.request.urlopen(  # noqa: S310
            f"{demo_site.url}/{api}/views/{bot.locator('[data-views-url]').get_attribute('data-views-url').split('/')[3]}/"
        ).read()
    )["count"]
    bot.reload()
    assert views_on(bot) == before
    assert page.console.errors == []


def test_print_hides_navigation_and_keeps_date_and_source(demo_site, open_page):
    page = open_page(locale="ru")
    release = newest_release(page, demo_site, "ru")
    page.goto(demo_site.url + release)
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-nav", ".share", ".typo-report", ".breadcrumbs"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".release-meta time").first.is_visible()
    assert page.locator(".release__source").is_visible()


def test_release_page_weight_without_images(demo_site, open_page):
    page = open_page(locale="ru")
    release = newest_release(page, demo_site, "ru")
    sizes = {}

    def record(response):
        if response.request.resource_type != "image":
            body = response.body() if response.status < 300 else b""
            sizes[response.url] = len(body) + sum(
                len(k) + len(v) for k, v in response.headers.items()
            )

    page.on("response", record)
    page.goto(demo_site.url + release)
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    print(f"release page without images: {total / 1024:.1f} KB in {len(sizes)} responses")  # noqa: T201
    assert total < 150 * 1024, sizes
    below_fold = page.evaluate(
        """() => [...document.querySelectorAll('main img')].filter(i =>
            i.getBoundingClientRect().top > innerHeight).map(i => [i.loading, i.width > 0,
            i.hasAttribute('width'), i.hasAttribute('height')])"""
    )
    for loading, _drawn, has_width, has_height in below_fold:
        assert loading == "lazy" and has_width and has_height


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_the_one_stylesheet_blocks_rendering(demo_site, open_page, language):
    """Chromium's own verdict (Resource Timing ``renderBlockingStatus``) on every resource the
    home page, the list and a release load: the site stylesheet blocks, nothing else does."""
    page = open_page(locale=language)
    release = newest_release(page, demo_site, language)
    for path in (f"/{language}/", INDEX[language], release):
        page.goto(demo_site.url + path)
        page.wait_for_load_state("networkidle")
        entries = page.evaluate(
            """() => performance.getEntriesByType('resource').map(e =>
                [new URL(e.name).pathname, e.renderBlockingStatus])"""
        )
        assert entries, path
        blocking = [name for name, status in entries if status == "blocking"]
        assert blocking == ["/static/css/site.css"], (path, entries)


def page_types(page, demo_site, language):
    page.goto(demo_site.url + f"/{language}/")
    office = page.locator(".site-nav a").nth(2).get_attribute("href")
    return [
        f"/{language}/",
        INDEX[language],
        newest_release(page, demo_site, language),
        office,
        f"/{language}/search/?q=a",
        f"/{language}/feeds/",
        f"/{language}/typo-report/?page=3",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_violation_of_any_impact(demo_site, open_page, language):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = open_page(locale=language)
    for path in page_types(page, demo_site, language):
        page.goto(demo_site.url + path)
        violations = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in axe.run(page).response["violations"]
        ]
        assert violations == [], (path, violations)


def test_nu_html_checker_finds_no_error(demo_site, open_page, tmp_path):
    require_vnu()
    page = open_page(locale="ru")
    files = []
    for language in LANGUAGES:
        for number, path in enumerate(page_types(page, demo_site, language)):
            try:
                html = urllib.request.urlopen(demo_site.url + path).read()  # noqa: S310
            except urllib.error.HTTPError as error:
                html = error.read()
            target = tmp_path / f"{language}-{number}.html"
            target.write_bytes(html)
            files.append(str(target))
    # The static 500 page, rendered as the server renders it (no database needed).
    from django.test import RequestFactory

    from ombudsman.errors import server_error

    for language in LANGUAGES:
        target = tmp_path / f"{language}-500.html"
        target.write_bytes(server_error(RequestFactory().get(f"/{language}/x/")).content)
        files.append(str(target))
    messages = vnu_errors(files)
    assert messages == [], messages[:10]
