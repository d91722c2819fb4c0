"""Staff publish in one language through the real admin, in Chromium.

Every test types into the fields, clicks the real buttons and the actions menu, and ends by
asserting that no admin response was >= 400 and that the console stayed clean
(``assert_clean``). Requests to other hosts are refused and named by AdminWatcher (conftest).
"""

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LANGUAGE_TABS = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
UI = {
    "ru": {
        "save_draft": "Сохранить черновик",
        "more": "Больше действий",
        "submit": re.compile("^Отправить в"),
        "resubmit": re.compile("^Обновить|^Отправить повторно|^Повторно отправить"),
        "publish": "Опубликовать",
        "paragraph": "Абзац",
        "approve": "Одобрить и Опубликовать",
        "request_changes": "Запрос изменений",
        "states": {"complete": "заполнено", "partial": "заполнено частично", "empty": "пусто"},
    },
    "en": {
        "save_draft": "Save draft",
        "more": "More actions",
        "submit": re.compile("^Submit to"),
        "resubmit": re.compile("^Resubmit to"),
        "publish": "Publish",
        "paragraph": "Paragraph",
        "approve": "Approve and Publish",
        "request_changes": "Request changes",
        "states": {"complete": "complete", "partial": "partly filled", "empty": "empty"},
    },
}


def server_errors(site) -> str:
    """Tracebacks the development server logged (for the message of a failed assert)."""
    text = site.log.read_text(encoding="utf-8", errors="replace")
    lines = [line for line in text.splitlines() if "Error" in line or "File " in line]
    return "\n".join(lines)[-3000:]


def assert_clean(*pages):
    for page in pages:
        bad = [
            (*response, page.watch.bodies.get(response[2], ""))
            for response in page.watch.bad_responses
        ]
        assert page.watch.bad_responses == [], (bad, server_errors(page.site))
        assert page.watch.errors == [], page.watch.errors


def news_index_id(site) -> int:
    return int(
        site.shell("from news.models import NewsIndexPage\nprint(NewsIndexPage.objects.get().pk)")
    )


def release_columns(site, title_field, title) -> dict:
    """The live row and the latest draft of the release titled ``title``, per language."""
    code = f"""
import json
from news.models import NewsReleasePage
from news.languages import LANGUAGE_CODES
page = NewsReleasePage.objects.get({title_field}={title!r})
draft = page.get_latest_revision_as_object()
fields = ("title", "slug", "seo_title", "search_description", "lead", "hero_caption")
names = [f"{{f}}_{{c}}" for f in fields for c in LANGUAGE_CODES]
row = lambda obj: {{name: getattr(obj, name) or "" for name in names}}
bodies = lambda obj: {{c: len(getattr(obj, f"body_{{c}}") or []) for c in LANGUAGE_CODES}}
from wagtail.models import WorkflowState
state = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
print(json.dumps({{"pk": page.pk, "live": page.live, "row": row(page), "draft": row(draft),
    "bodies": bodies(draft), "workflow": state.status if state else None}}))
"""
    return json.loads(site.shell(code))


def assert_only_language(columns, language):
    for version in ("row", "draft"):
        for name, value in columns[version].items():
            if not name.endswith(f"_{language}"):
                assert value == "", (version, name, value)
    assert {code for code, count in columns["bodies"].items() if count} == {language}


def open_tab(page, code):
    page.locator(f"a.news-language-tab--{code}").click()
    return page.locator(f"section.news-language-tab--{code}")


def tab_state(page, code):
    return page.locator(f"a.news-language-tab--{code}").get_attribute("data-language-state")


def fill_language(page, ui, code, title, lead, body):
    tab = open_tab(page, code)
    page.locator(f"#id_title_{code}").press_sequentially(title)
    page.locator(f"#id_lead_{code}").fill(lead)
    tab.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name=UI[ui]["paragraph"]).click()
    editor = tab.locator(".public-DraftEditor-content").last
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.type(body)
    expect(page.locator(f"input[name='body_{code}-0-value']")).to_have_value(re.compile(body[:10]))


def click_action(page, ui, name):
    """An action of the footer: the main button, or one in the actions dropdown menu."""
    button = page.locator("footer").get_by_role("button", name=UI[ui][name])
    if not button.first.is_visible():
        page.locator("footer").get_by_role("button", name=UI[ui]["more"]).click()
    button.first.click()


def wait_for_autosave(page, action):
    """Do ``action`` (typing) and wait until the autosave request it causes has answered."""
    page.wait_for_function("() => window.newsWatchingEdits === true")
    with page.expect_response(
        lambda response: response.request.method == "POST" and "/edit/" in response.url,
        timeout=60_000,
    ) as autosave:
        action()
    response = autosave.value
    assert response.status == 200, response.text()[:500]
    assert response.json()["success"] is True
    return response


def public_status(page, url) -> int:
    response = page.request.get(url)
    return response.status


def test_kazakh_only_release_by_an_author_in_the_russian_admin(staff_site, staff_page):
    author = staff_page("author", "ru-RU")
    author.goto(
        f"{staff_site.url}/admin/pages/add/news/newsreleasepage/{news_index_id(staff_site)}/"
    )
    for code in LANGUAGE_TABS:
        assert tab_state(author, code) == "empty"
    title = "Уәкіл құқық қорғаушылармен кездесті"
    fill_language(
        author,
        "ru",
        "kk",
        title,
        "Қысқаша: кездесу өтті.",
        "Кездесуде құқық мәселелері талқыланды.",
    )
    # Only the Kazakh slug follows the Kazakh title, with every Kazakh letter kept.
    assert author.input_value("#id_slug_kk") == "uakil-quqyq-qorghaushylarmen-kezdesti"
    assert author.input_value("#id_slug_ru") == ""
    assert author.input_value("#id_slug_en") == ""
    expect(author.locator("a.news-language-tab--kk .news-language-state")).to_have_text(
        UI["ru"]["states"]["complete"]
    )
    assert tab_state(author, "ru") == tab_state(author, "en") == "empty"

    click_action(author, "ru", "save_draft")
    # The edit page's own message: an autosave that created the page already showed its edit
    # address (history.replaceState) on the add form.
    author.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(author.locator(".messages .success")).to_be_visible()
    assert_only_language(release_columns(staff_site, "title_kk", title), "kk")
    # Computed on load too.
    expect(author.locator("a.news-language-tab--kk")).to_have_attribute(
        "data-language-state", "complete"
    )

    # Autosave: a half-filled English version is kept as typed, never refused, never copied.
    open_tab(author, "en")
    wait_for_autosave(author, lambda: author.locator("#id_title_en").press_sequentially("Half"))
    expect(author.locator("a.news-language-tab--en .news-language-state")).to_have_text(
        UI["ru"]["states"]["partial"]
    )
    columns = release_columns(staff_site, "title_kk", title)
    assert columns["draft"]["title_en"] == "Half" and columns["draft"]["title_ru"] == ""
    # Emptied again before submitting (the submit posts the whole form).
    author.locator("#id_title_en").fill("")
    expect(author.locator("a.news-language-tab--en")).to_have_attribute(
        "data-language-state", "empty"
    )

    click_action(author, "ru", "submit")
    author.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    columns = release_columns(staff_site, "title_kk", title)
    assert columns["workflow"] == "in_progress" and not columns["live"]
    assert_only_language(columns, "kk")

    editor = staff_page("editor", "ru-RU")
    editor.goto(f"{staff_site.url}/admin/pages/{columns['pk']}/edit/")
    with editor.expect_navigation():
        click_action(editor, "ru", "approve")
    expect(editor.locator(".messages")).to_be_visible()
    columns = release_columns(staff_site, "title_kk", title)
    assert columns["live"] and columns["workflow"] == "approved"
    assert_only_language(columns, "kk")

    slug = "uakil-quqyq-qorghaushylarmen-kezdesti"
    reader = editor.context.new_page()
    reader.goto(f"{staff_site.url}/kk/zhanalyqtar/{slug}/")
    expect(reader.locator("h1")).to_have_text(title)
    for url in (f"/ru/novosti/{slug}/", f"/en/news/{slug}/"):
        response = reader.goto(staff_site.url + url)
        assert response.status == 404
        # The 404 names the language the release has, with its address.
        expect(reader.locator(f'main a[href="/kk/zhanalyqtar/{slug}/"]')).to_be_visible()
    assert_clean(author, editor)


def test_english_only_release_published_directly_by_an_editor(staff_site, staff_page):
    editor = staff_page("editor", "en-US")
    editor.goto(
        f"{staff_site.url}/admin/pages/add/news/newsreleasepage/{news_index_id(staff_site)}/"
    )
    title = "Commissioner meets human rights defenders"
    fill_language(editor, "en", "en", title, "A short lead.", "The meeting covered legal aid.")
    assert editor.input_value("#id_slug_en") == "commissioner-meets-human-rights-defenders"
    assert editor.input_value("#id_slug_kk") == editor.input_value("#id_slug_ru") == ""
    click_action(editor, "en", "publish")
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    columns = release_columns(staff_site, "title_en", title)
    assert columns["live"]
    assert_only_language(columns, "en")
    slug = "commissioner-meets-human-rights-defenders"
    assert public_status(editor, f"{staff_site.url}/en/news/{slug}/") == 200
    assert public_status(editor, f"{staff_site.url}/ru/novosti/{slug}/") == 404
    assert public_status(editor, f"{staff_site.url}/kk/zhanalyqtar/{slug}/") == 404
    assert_clean(editor)


def test_russian_only_release_rejected_then_resubmitted(staff_site, staff_page):
    author = staff_page("author", "ru-RU")
    author.goto(
        f"{staff_site.url}/admin/pages/add/news/newsreleasepage/{news_index_id(staff_site)}/"
    )
    title = "Уполномоченный провела приём граждан в Таразе"
    fill_language(author, "ru", "ru", title, "Приём прошёл в Таразе.", "На приём пришли жители.")
    assert author.input_value("#id_slug_ru") == "upolnomochennyy-provela-priem-grazhdan-v-taraze"
    click_action(author, "ru", "submit")
    author.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    pk = release_columns(staff_site, "title_ru", title)["pk"]

    editor = staff_page("editor", "ru-RU")
    editor.goto(f"{staff_site.url}/admin/pages/{pk}/edit/")
    click_action(editor, "ru", "request_changes")
    # Wagtail's workflow modal (loaded into .modal-content), with the comment field.
    dialog = editor.locator(".modal-content")
    dialog.locator("textarea").fill("Добавьте место проведения.")
    with editor.expect_navigation():
        dialog.locator("button[type=submit], input[type=submit]").first.click()
    assert release_columns(staff_site, "title_ru", title)["workflow"] == "needs_changes"

    author.goto(f"{staff_site.url}/admin/pages/{pk}/edit/")
    open_tab(author, "ru")
    author.locator("#id_lead_ru").fill("Приём прошёл в Таразе, в акимате города.")
    click_action(author, "ru", "resubmit")
    author.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    columns = release_columns(staff_site, "title_ru", title)
    assert columns["workflow"] == "in_progress"
    assert columns["draft"]["lead_ru"] == "Приём прошёл в Таразе, в акимате города."
    assert_only_language(columns, "ru")
    assert_clean(author, editor)


def test_a_second_language_added_later_to_a_live_release(staff_site, staff_page):
    editor = staff_page("editor", "en-US")
    editor.goto(
        f"{staff_site.url}/admin/pages/add/news/newsreleasepage/{news_index_id(staff_site)}/"
    )
    title = "Қабылдау Атырауда өтті"
    fill_language(editor, "en", "kk", title, "Қабылдау өтті.", "Азаматтар келді.")
    click_action(editor, "en", "publish")
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    pk = release_columns(staff_site, "title_kk", title)["pk"]

    editor.goto(f"{staff_site.url}/admin/pages/{pk}/edit/")
    assert tab_state(editor, "kk") == "complete" and tab_state(editor, "en") == "empty"
    fill_language(editor, "en", "en", "Reception held in Atyrau", "It took place.", "People came.")
    assert editor.input_value("#id_slug_en") == "reception-held-in-atyrau"
    assert editor.input_value("#id_slug_kk") == "qabyldau-atyrauda-otti"  # unchanged
    click_action(editor, "en", "publish")
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    columns = release_columns(staff_site, "title_kk", title)
    assert columns["row"]["title_en"] == "Reception held in Atyrau"
    assert columns["row"]["title_ru"] == "" and columns["row"]["slug_ru"] == ""
    assert public_status(editor, f"{staff_site.url}/kk/zhanalyqtar/qabyldau-atyrauda-otti/") == 200
    assert public_status(editor, f"{staff_site.url}/en/news/reception-held-in-atyrau/") == 200
    assert public_status(editor, f"{staff_site.url}/ru/novosti/qabyldau-atyrauda-otti/") == 404
    assert_clean(editor)


def test_an_error_lands_on_its_language_tab_which_is_marked(staff_site, staff_page):
    editor = staff_page("editor", "ru-RU")
    editor.goto(
        f"{staff_site.url}/admin/pages/add/news/newsreleasepage/{news_index_id(staff_site)}/"
    )
    fill_language(editor, "ru", "kk", "Қате тексеру", "Қысқаша.", "Мәтін.")
    # An English body without an English title: half a language.
    english = open_tab(editor, "en")
    editor.locator("#id_lead_en").fill("Only a lead in English")
    expect(editor.locator("a.news-language-tab--en .news-language-state")).to_have_text(
        UI["ru"]["states"]["partial"]
    )
    click_action(editor, "ru", "publish")
    editor.wait_for_load_state()
    # Refused as a form error (never a 500): the English title is missing, on the English tab.
    english_tab = editor.locator("a.news-language-tab--en")
    expect(english_tab.locator(".w-tabs__errors")).to_be_visible()
    expect(english_tab.locator(".w-tabs__errors [data-w-count-target=total]")).to_have_text("1")
    expect(editor.locator("a.news-language-tab--kk .w-tabs__errors")).to_be_hidden()
    english = open_tab(editor, "en")
    expect(english.locator("[data-contentpath=title_en] .error-message")).to_be_visible()
    assert editor.locator("section.news-language-tab--kk .error-message").count() == 0
    assert_clean(editor)


def test_slugs_follow_their_own_title_and_are_normalised_by_hand(staff_site, staff_page):
    author = staff_page("author", "en-US")
    author.goto(
        f"{staff_site.url}/admin/pages/add/news/newsreleasepage/{news_index_id(staff_site)}/"
    )
    open_tab(author, "ru")
    author.locator("#id_title_ru").press_sequentially("Щедрый подъём: ёлка и «Һ»")
    assert author.input_value("#id_slug_ru") == "shchedryy-podem-elka-i-h"
    assert author.input_value("#id_slug_kk") == author.input_value("#id_slug_en") == ""
    # A slug typed by hand is kept (no longer follows the title), in Latin letters.
    author.locator("#id_slug_ru").fill("Мой Адрес")
    author.locator("#id_title_ru").focus()
    assert author.input_value("#id_slug_ru") == "moy-adres"
    author.locator("#id_title_ru").press_sequentially(" ещё")
    assert author.input_value("#id_slug_ru") == "moy-adres"
    # The script and the server use one table.
    for text in ("Әділет және құқық", "Өңір үшін Һ", "Съезд, объём — ЭЮЯ"):
        script = author.evaluate("text => window.newsSlugFromTitle(text)", text)
        server = staff_site.shell(
            f"from news.transliteration import slug_from_title\nprint(slug_from_title({text!r}))"
        ).strip()
        assert script == server, text
    assert_clean(author)


def releases_titled(site, title) -> int:
    return int(
        site.shell(
            "from news.models import NewsReleasePage\n"
            f"print(NewsReleasePage.objects.filter(title_kk={title!r}).count())"
        )
    )


@pytest.mark.parametrize("autosave", ["waiting", "on its way"])
def test_save_draft_while_an_autosave_is_pending_creates_one_page(staff_site, staff_page, autosave):
    """ "Save draft" pressed while the add form's first autosave waits for its delay, or is on
    its way: one page, no 400 (static/news/js/autosave_guard.js)."""
    author = staff_page("author", "ru-RU")
    author.goto(
        f"{staff_site.url}/admin/pages/add/news/newsreleasepage/{news_index_id(staff_site)}/"
    )
    author.wait_for_function("() => window.newsWatchingEdits === true")
    author.evaluate(
        "() => document.addEventListener('w-autosave:save',"
        " () => { window.newsAutosaves = (window.newsAutosaves || 0) + 1; })"
    )
    title = f"Автосақтау жарысы {autosave}"
    open_tab(author, "kk")
    if autosave == "waiting":
        author.locator("#id_title_kk").fill(title)
        author.wait_for_function("() => window.newsAutosaves === 1")
    else:
        with author.expect_request(
            lambda request: (
                request.method == "POST"
                and "/add/" in request.url
                and "application/json" in (request.headers.get("accept") or "")
            )
        ):
            author.locator("#id_title_kk").fill(title)
    click_action(author, "ru", "save_draft")
    author.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(author.locator(".messages .success")).to_be_visible()
    author.wait_for_timeout(1500)  # an autosave the guard missed would post by now
    assert releases_titled(staff_site, title) == 1
    assert_clean(author)


def test_an_editor_previews_each_language_of_a_draft_under_review(staff_site, staff_page):
    titles = {"kk": "Қаралатын жоба", "en": "A draft under review"}
    staff_site.shell(
        f"""
from django.contrib.auth import get_user_model
from news.factories import NewsReleasePageFactory
from news.models import NewsIndexPage
index = NewsIndexPage.objects.get()
release = NewsReleasePageFactory(
    parent=index, languages=("kk", "en"), title_kk={titles["kk"]!r}, title_en={titles["en"]!r}
)
author = get_user_model().objects.get(username="author")
release.save_revision(user=author)
index.get_workflow().start(release, author)
"""
    )
    editor = staff_page("editor", "ru-RU")
    editor.goto(f"{staff_site.url}/admin/")
    # The row names the release in whichever language Wagtail's title resolves to.
    row = editor.locator(
        "#awaiting-review-content tr", has_text=re.compile("|".join(titles.values()))
    )
    row.get_by_role("button", name="Действия").click()
    links = row.locator("a[data-preview-language]")
    expect(links).to_have_text(["Предпросмотр: Қазақша", "Предпросмотр: English"])
    for code, other in (("en", "kk"), ("kk", "en")):
        if not links.first.is_visible():
            row.get_by_role("button", name="Действия").click()
        with editor.context.expect_page() as opened:
            row.locator(f"a[data-preview-language={code}]").click()
        preview = opened.value
        preview.wait_for_load_state()
        expect(preview.locator("h1")).to_have_text(titles[code])
        assert titles[other] not in preview.content()
        assert preview.locator("html").get_attribute("lang") == code
        preview.close()
    assert_clean(editor)
