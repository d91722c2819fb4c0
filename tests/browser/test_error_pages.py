"""The 404 and 500 pages in Chromium, as readers get them: only with DEBUG off does Django use
the project's handlers, so these tests run against ``no_debug_site``. axe (every impact) and the
Nu Html Checker on the 404 page in each language, chosen by the address's prefix and, for an
address without one, by Accept-Language; axe on the static 500 page (the Nu Html Checker reads
it in test_design.py)."""

import urllib.error
import urllib.request

import pytest
from django.test import RequestFactory
from django.utils import translation

from ombudsman.errors import server_error
from tests.browser.html_checker import require_vnu, vnu_errors

pytestmark = pytest.mark.browser

LANGUAGES = ("kk", "ru", "en")
# A Wagtail document that does not exist: a 404 outside /kk/, /ru/, /en/ (an unknown page
# address without a prefix is redirected to the prefixed one by LocaleMiddleware instead).
UNPREFIXED = "/documents/999999/missing.pdf"
DOCUMENT_404 = "Failed to load resource: the server responded with a status of 404 (Not Found)"


def not_found_addresses(language):
    return (
        (f"/{language}/no-such-page/", "en-US" if language != "en" else "ru-RU"),
        (UNPREFIXED, language),
    )


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
    ]


def assert_styled(page):
    """The site stylesheet applied, so axe judges the colours readers see."""
    assert page.evaluate(
        "() => [...document.styleSheets].some(s => s.href && s.href.endsWith('/css/site.css')"
        " && s.cssRules.length > 0)"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_in_the_visitors_language_has_no_axe_violation(no_debug_site, open_page, language):
    with translation.override(language):
        title = translation.gettext("Page not found")
        home = translation.gettext("Go to the home page")
    for path, browser_language in not_found_addresses(language):
        page = open_page(locale=browser_language)
        response = page.goto(no_debug_site.url + path)
        assert response.status == 404, path
        assert page.locator("html").get_attribute("lang") == language, path
        assert page.locator("h1").inner_text() == title, path
        assert page.locator("main form[role=search] input[type=search]").count() == 1
        assert page.locator(f'main a[href="/{language}/"]').inner_text() == home
        assert_styled(page)
        assert axe_violations(page) == [], path
        # Chromium logs the document's own 404, and nothing else fails on the page.
        assert page.console.errors == [DOCUMENT_404], path


@pytest.mark.parametrize("language", LANGUAGES)
def test_static_500_page_has_no_axe_violation(no_debug_site, open_page, language):
    """The page ombudsman.errors.server_error renders (no database, no request context), served
    at an address of the site so its stylesheet and links resolve as they would there."""
    address = f"{no_debug_site.url}/{language}/a-page-that-failed/"
    body = server_error(RequestFactory().get(f"/{language}/a-page-that-failed/")).content
    page = open_page(locale="ru-RU" if language != "ru" else "en-US")
    page.route(
        address,
        lambda route: route.fulfill(status=500, body=body, content_type="text/html; charset=utf-8"),
    )
    response = page.goto(address)
    assert response.status == 500
    assert page.locator("html").get_attribute("lang") == language
    with translation.override(language):
        assert page.locator("h1").inner_text() == translation.gettext("Server error")
    assert page.locator(f'main a[href="/{language}/"]').count() == 1
    assert_styled(page)
    assert axe_violations(page) == []


def test_404_pages_pass_the_nu_html_checker(no_debug_site, tmp_path):
    require_vnu()
    files = []
    for language in LANGUAGES:
        for number, (path, browser_language) in enumerate(not_found_addresses(language)):
            request = urllib.request.Request(  # noqa: S310
                no_debug_site.url + path, headers={"Accept-Language": browser_language}
            )
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(request)  # noqa: S310
            assert answer.value.code == 404
            html = answer.value.read()
            assert f'<html lang="{language}">'.encode() in html, path
            target = tmp_path / f"{language}-404-{number}.html"
            target.write_bytes(html)
            files.append(str(target))
    messages = vnu_errors(files)
    assert messages == [], messages[:10]
