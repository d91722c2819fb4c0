"""Reporting an error in Chromium: with the keyboard shortcut, without JavaScript, keyboard only,
on a phone, and the dialog's accessibility; then the editors find the report in the admin."""

import re
import subprocess

import pytest

pytestmark = pytest.mark.browser

ADMIN_PASSWORD = "typo-admin-pw-1"  # only in the throwaway demo database


@pytest.fixture(scope="module")
def demo_superuser(demo_site):
    subprocess.run(  # noqa: S603
        [
            *demo_site.manage,
            "createsuperuser",
            "--noinput",
            "--username",
            "typoadmin",
            "--email",
            "typoadmin@example.org",
        ],
        env={**demo_site.env, "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD},
        cwd=demo_site.root,
        check=False,
        capture_output=True,
    )
    return "typoadmin"


def open_brussels_release(page, demo_site):
    page.goto(demo_site.url + "/ru/")
    page.locator(".release-card__title a").first.click()
    page.wait_for_load_state()
    assert "Казахстан и Евросоюз" in page.locator("h1").inner_text()  # the Brussels release


def select_words(page, selector, words):
    """Select the first occurrence of ``words`` inside the element (as a mouse drag would)."""
    page.evaluate(
        """([selector, words]) => {
            const root = document.querySelector(selector);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error("words not found: " + words);
        }""",
        [selector, words],
    )


def first_words(page, selector, count=3):
    text = page.locator(selector).first.inner_text()
    return " ".join(text.split()[:count])


def find_in_admin(page, demo_site, demo_superuser, fragment):
    page.goto(demo_site.url + "/admin/login/")
    page.fill("input[name=username]", demo_superuser)
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(demo_site.url + "/admin/typo-reports/")
    assert fragment in page.locator("main, body").first.inner_text()


def test_select_ctrl_enter_send_and_find_in_admin(demo_site, demo_superuser, open_page):
    page = open_page(locale="ru-RU")
    open_brussels_release(page, demo_site)
    fragment = first_words(page, "[data-article-text] p", 4)
    select_words(page, "[data-article-text]", fragment)
    page.keyboard.press("Control+Enter")
    dialog = page.locator("dialog[data-typo-dialog]")
    dialog.wait_for(state="visible", timeout=5000)
    assert fragment in dialog.locator("mark").inner_text()
    dialog.locator("input[name=kind][value=factual]").check()
    dialog.locator("textarea[name=comment]").fill("Проверьте, пожалуйста")
    dialog.locator("button[type=submit]").click()
    # The thanks appear inside the open dialog, in a live region, where the reader looks...
    in_dialog = dialog.locator("[data-typo-dialog-status]")
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-typo-dialog-status]');"
        " return s.dataset.state === 'sent' && s.textContent.trim(); }"
    )
    assert dialog.is_visible()
    assert "Спасибо" in in_dialog.inner_text()
    assert in_dialog.get_attribute("role") == "status"
    # ...then the dialog closes and the page keeps the note.
    dialog.wait_for(state="hidden", timeout=5000)
    status = page.locator("[data-typo-status]")
    status.wait_for(state="visible")
    assert "Спасибо" in status.inner_text()
    assert page.console.errors == []
    find_in_admin(page, demo_site, demo_superuser, fragment)


def test_without_javascript_through_the_link_and_form(demo_site, demo_superuser, open_page):
    page = open_page(locale="ru-RU", java_script_enabled=False)
    open_brussels_release(page, demo_site)
    fragment = first_words(page, ".release__lead", 3)
    page.locator("a[data-typo-link]").click()
    page.wait_for_load_state()
    assert re.search(r"/ru/typo-report/\?page=\d+$", page.url)
    assert page.locator("html").get_attribute("lang") == "ru"
    page.locator("textarea[name=fragment]").fill(fragment)
    page.locator("input[name=kind][value=translation]").check()
    page.locator("form.typo-report-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/ru/typo-report/thanks/" in page.url
    assert page.locator("h1").inner_text().strip()
    find_in_admin(page, demo_site, demo_superuser, fragment)


def test_keyboard_only(demo_site, open_page):
    page = open_page(locale="ru-RU")
    open_brussels_release(page, demo_site)
    # Put the caret at the start of the heading text, then extend it with Shift+arrows.
    page.evaluate(
        """() => {
            const text = document.querySelector("[data-typo-scope] h1").firstChild;
            const range = document.createRange();
            range.setStart(text, 0);
            range.collapse(true);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }"""
    )
    for _step in range(2):
        page.keyboard.press("Shift+Control+ArrowRight")
    selected = page.evaluate("window.getSelection().toString()").strip()
    if not selected:
        # Chromium extends a selection with Shift+arrows only with caret browsing on (F7, or
        # --enable-caret-browsing, which the shared browser fixture does not pass): extend it
        # word by word through the same selection API those keys drive.
        page.evaluate(
            "() => { for (let i = 0; i < 2; i++) "
            "window.getSelection().modify('extend', 'forward', 'word'); }"
        )
        selected = page.evaluate("window.getSelection().toString()").strip()
    assert selected
    page.keyboard.press("Control+Enter")
    dialog = page.locator("dialog[data-typo-dialog]")
    dialog.wait_for(state="visible", timeout=5000)
    # Escape closes, focus leaves the dialog; reopen and send with Tab and Enter.
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    # The dialog gives focus back in its close handler, which runs after the key press.
    page.wait_for_function(
        "() => !document.querySelector('dialog[data-typo-dialog]')"
        ".contains(document.activeElement)",
        timeout=5000,
    )
    select_words(page, "[data-typo-scope] h1", selected)
    page.keyboard.press("Control+Enter")
    dialog.wait_for(state="visible", timeout=5000)
    assert page.evaluate("document.activeElement.name") == "kind"
    page.keyboard.press("Tab")  # comment
    assert page.evaluate("document.activeElement.name") == "comment"
    page.keyboard.type("Опечатка")
    page.keyboard.press("Tab")  # Cancel
    page.keyboard.press("Tab")  # Send
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.locator("[data-typo-status]").wait_for(state="visible")
    dialog.wait_for(state="hidden", timeout=5000)
    assert page.console.errors == []


def test_touch_button_on_a_phone(demo_site, open_page):
    page = open_page(
        locale="ru-RU", viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    open_brussels_release(page, demo_site)
    button = page.locator("[data-typo-touch-button]")
    button.wait_for(state="hidden", timeout=5000)
    fragment = first_words(page, ".release__lead", 2)
    select_words(page, ".release__lead", fragment)
    button.wait_for(state="visible")
    button.tap()
    dialog = page.locator("dialog[data-typo-dialog]")
    dialog.wait_for(state="visible", timeout=5000)
    assert fragment in dialog.locator("mark").inner_text()
    dialog.locator("button[type=submit]").tap()
    page.locator("[data-typo-status]").wait_for(state="visible")
    # A selection outside the article is ignored.
    select_words(page, ".site-footer", page.locator(".site-footer p").first.inner_text()[:10])
    page.wait_for_timeout(200)
    button.wait_for(state="hidden", timeout=5000)
    assert page.console.errors == []


def test_long_selection_gets_a_message_instead_of_the_dialog(demo_site, open_page):
    page = open_page(locale="ru-RU")
    open_brussels_release(page, demo_site)
    page.evaluate(
        """() => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector("[data-article-text]"));
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
        }"""
    )
    page.keyboard.press("Control+Enter")
    status = page.locator("[data-typo-status]")
    status.wait_for(state="visible")
    assert "300" in status.inner_text()
    page.locator("dialog[data-typo-dialog]").wait_for(state="hidden", timeout=5000)


def test_dialog_open_has_no_serious_accessibility_violations(demo_site, open_page):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(locale="ru-RU")
    open_brussels_release(page, demo_site)
    select_words(page, "[data-article-text]", first_words(page, "[data-article-text] p", 2))
    page.keyboard.press("Control+Enter")
    page.locator("dialog[data-typo-dialog]").wait_for(state="visible", timeout=5000)
    results = Axe().run(page)
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_errors_are_said_inside_the_dialog_on_a_phone(demo_site, open_page):
    page = open_page(
        locale="ru-RU", viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    message = "Фрагмент не найден на странице"
    page.route(
        re.compile(r"/api/typo-reports/$"),
        lambda route: route.fulfill(
            status=400,
            content_type="application/json",
            body='{"errors": {"fragment": ["%s"]}}' % message,  # noqa: UP031
        ),
    )
    open_brussels_release(page, demo_site)
    fragment = first_words(page, ".release__lead", 2)
    select_words(page, ".release__lead", fragment)
    button = page.locator("[data-typo-touch-button]")
    button.wait_for(state="visible")
    button.tap()
    dialog = page.locator("dialog[data-typo-dialog]")
    dialog.wait_for(state="visible", timeout=5000)
    dialog.locator("button[type=submit]").tap()
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-typo-dialog-status]');"
        " return s.dataset.state === 'error' && s.textContent.trim(); }"
    )
    status = dialog.locator("[data-typo-dialog-status]")
    assert message in status.inner_text(), status.inner_text()
    assert status.is_visible() and dialog.is_visible()  # stays open to try again
    box, viewport = status.bounding_box(), page.viewport_size
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]  # in sight
    assert page.locator("[data-typo-status]").inner_text() == ""
    assert dialog.locator("button[type=submit]").is_enabled()
