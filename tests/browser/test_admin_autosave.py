"""Autosave and the real submit buttons, in Chromium.

Wagtail's autosave sends a draft half a second after the last edit. When staff press a submit
button within that half second, or while an autosave is on its way, and the server is slow,
the two crossed: the late autosave was refused (400: the slug "already in use" by the page just
created, or a revision that is no longer the latest), or the submission created the page a
second time. static/news/js/autosave_guard.js orders them; these tests make the server slow on
purpose by holding requests back in the browser.
"""

import re
import time

import pytest

from tests.browser.test_admin_languages import (
    assert_clean,
    click_action,
    fill_language,
    news_index_id,
    release_columns,
)

pytestmark = pytest.mark.browser

DELAY = 2.0  # seconds: four autosave intervals
EDITOR_POSTS = re.compile(r"/admin/pages/(add/[^?]*|\d+/edit/)$")


def watch_posts(page, slow_submissions=False, hold_autosave=None):
    """The order in which the browser sends the editor's POSTs: [(kind, url)], kind
    "autosave" or "submission". ``slow_submissions``: each submission is answered late, as by
    a busy server. ``hold_autosave``: a list that receives the first autosave's route, which
    goes on to the server only when the test calls its ``continue_()``."""
    sent = []

    def route(route):
        request = route.request
        if request.method == "POST":
            json = "application/json" in request.headers.get("accept", "")
            kind = "autosave" if json else "submission"
            sent.append((kind, request.url))
            if kind == "submission" and slow_submissions:
                time.sleep(DELAY)
            elif kind == "autosave" and hold_autosave == []:
                hold_autosave.append(route)
                return
        route.continue_()

    page.route(EDITOR_POSTS, route)
    return sent


def submit(page, action):
    """Press the action's button and wait until the form's submission has been answered (a
    URL changed by autosave, through the history API, is not the end of it)."""
    with page.expect_response(
        lambda response: (
            response.request.method == "POST" and response.request.resource_type == "document"
        ),
        timeout=60_000,
    ):
        click_action(page, "en", action)
    page.wait_for_load_state("load")


def open_add_form(site, page):
    page.goto(f"{site.url}/admin/pages/add/news/newsreleasepage/{news_index_id(site)}/")
    # Edits count for autosave only once Wagtail has taken the form's initial state (conftest).
    page.wait_for_function("() => window.newsWatchingEdits === true")


def count_releases(site, title) -> int:
    code = (
        "from news.models import NewsReleasePage\n"
        f"print(NewsReleasePage.objects.filter(title_en={title!r}).count())"
    )
    return int(site.shell(code))


@pytest.mark.parametrize("action", ["publish", "save_draft"])
def test_no_autosave_is_sent_after_a_submission(staff_site, staff_page, action):
    editor = staff_page("editor", "en-US")
    open_add_form(staff_site, editor)
    title = f"Commissioner visits a penal colony ({action})"
    sent = watch_posts(editor, slow_submissions=True)
    fill_language(editor, "en", "en", title, "A short lead.", "The visit covered health care.")
    submit(editor, action)  # within the autosave interval of the last key
    editor.wait_for_timeout(1_000)  # for an autosave that would come late
    kinds = [kind for kind, _url in sent]
    assert "autosave" not in kinds[kinds.index("submission") :], sent
    assert count_releases(staff_site, title) == 1
    assert release_columns(staff_site, "title_en", title)["live"] == (action == "publish")
    assert_clean(editor)


def test_a_submission_waits_for_the_autosave_on_its_way(staff_site, staff_page):
    """The first autosave of a new page is slow to answer; "Publish" is pressed meanwhile: the
    submission goes to the page that autosave created, and no second page is made."""
    editor = staff_page("editor", "en-US")
    open_add_form(staff_site, editor)
    title = "Commissioner meets the ombudsmen of Central Asia"
    held = []
    sent = watch_posts(editor, hold_autosave=held)
    fill_language(editor, "en", "en", title, "A short lead.", "The meeting was in Almaty.")
    for _ in range(100):
        if held:
            break
        editor.wait_for_timeout(100)
    assert held, sent
    with editor.expect_response(
        lambda response: (
            response.request.method == "POST" and response.request.resource_type == "document"
        ),
        timeout=60_000,
    ):
        click_action(editor, "en", "publish")
        editor.wait_for_timeout(1_000)
        assert [kind for kind, _url in sent] == ["autosave"]  # the submission waits
        held[0].continue_()
    editor.wait_for_load_state("load")
    submissions = [url for kind, url in sent if kind == "submission"]
    assert len(submissions) == 1 and "/edit/" in submissions[0], sent
    assert count_releases(staff_site, title) == 1
    assert release_columns(staff_site, "title_en", title)["live"]
    assert_clean(editor)
