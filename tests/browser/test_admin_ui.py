"""The admin as staff meet it in Chromium: every screen in Russian, nothing asked of another host,
no console error, reviews first on an Editor's dashboard, a fresh superuser's language saved.

The crawl signs in as a superuser whose admin language is Russian and opens the screens staff
use every day. On each it collects the visible text nodes and the texts of the attributes staff
read or hear (placeholder, title, aria-label, alt, button values) and fails on any Latin word
left after removing user content: the demo database's own texts (page titles in every language,
topic names, user names, image titles, the report's fragment), which a Russian screen rightly
shows as written. Everything else in Latin letters is an untranslated string.
"""

import json
import re
import subprocess
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "ui-crawl-pw-1"  # only in the throwaway demo database

# Latin words a Russian admin rightly shows. Each is a name, not a sentence to translate.
ALLOWED_WORDS = {
    "Wagtail",  # the product's name (logo, "Wagtail CMS" in the footer of the sidebar)
    "English",  # the language's own name in the language menus
    "RSS",
    "Atom",
    "SEO",
    "URL",
    "ID",
    "TOTP",  # names of the standard
    # wagtail-modeltranslation's language buttons and field suffixes ("Заголовок [ru]"): the
    # codes kk, ru, en, which the edit form's language tabs replace (engineer "form").
    "kk",
    "ru",
    "en",
}

# Elements whose text is user content or code, never interface text.
SKIPPED_ELEMENTS = (
    "script, style, noscript, template, code, pre, textarea, [contenteditable=true], "
    ".DraftEditor-root, select[name$=time_zone], [data-w-clipboard-value-value]"
)

COLLECT_TEXTS = """(skipped) => {
    const texts = [];
    const skippedHere = (element) => element.closest(skipped) !== null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        const parent = node.parentElement;
        const text = node.data.trim();
        if (!text || !parent || skippedHere(parent)) continue;
        if (!parent.checkVisibility({visibilityProperty: true})) continue;
        texts.push(text);
    }
    for (const element of document.querySelectorAll(
            "[placeholder], [title], [aria-label], img[alt], input[type=submit], input[type=button]"
            )) {
        if (skippedHere(element)) continue;
        for (const name of ["placeholder", "title", "aria-label", "alt"]) {
            const value = element.getAttribute(name);
            if (value && value.trim()) texts.push(value.trim());
        }
        if (element.matches("input[type=submit], input[type=button]") && element.value) {
            texts.push(element.value);
        }
    }
    texts.push(document.title);
    return texts;
}"""

SET_UP = r"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.images.models import Image
from wagtail.models import Page, Site, Task, Workflow
from wagtail.users.models import UserProfile
from news.models import NewsIndexPage, NewsReleasePage, Topic
from typo_reports.models import TypoReport

User = get_user_model()
chief, _ = User.objects.get_or_create(
    username="chief", defaults={"is_superuser": True, "is_staff": True, "email": "c@example.org"})
chief.set_password(PASSWORD); chief.save()
author, _ = User.objects.get_or_create(username="author-ru", defaults={"email": "a@example.org"})
author.groups.add(Group.objects.get(name="Authors"))
editor, _ = User.objects.get_or_create(username="editor-ru", defaults={"email": "e@example.org"})
editor.set_password(PASSWORD); editor.save()
editor.groups.add(Group.objects.get(name="Editors"))
for user in (chief, author, editor):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"
    profile.save()

index = NewsIndexPage.objects.first()
release = NewsReleasePage.objects.live().order_by("-pk").first()
if not release.workflow_in_progress:
    release.save_revision(user=author)
    release.get_workflow().start(release, author)
report = TypoReport.objects.filter(page=release).first() or TypoReport.objects.create(
    page=release, revision=release.live_revision, language="ru", fragment=release.title_ru[:20])
user_content = set()
for page in Page.objects.all().specific():
    user_content.add(page.title)
    for code in ("kk", "ru", "en"):
        for field in ("title", "seo_title", "slug", "lead"):
            value = getattr(page, f"{field}_{code}", None)
            if value:
                user_content.add(str(value))
        body = getattr(page, f"body_{code}", None)
        for block in body or ():
            user_content.add(str(block.block.get_searchable_content(block.value)))
for topic in Topic.objects.all():
    for code in ("kk", "ru", "en"):
        value = getattr(topic, f"name_{code}", None)
        if value:
            user_content.add(value)
user_content.add("Root")  # the tree root's title, data from Wagtail's own migration
user_content.update(image.title for image in Image.objects.all())
user_content.update(User.objects.values_list("username", flat=True))
user_content.update(User.objects.values_list("email", flat=True))
user_content.update(Site.objects.values_list("hostname", flat=True))
user_content.add(report.fragment)
print(json.dumps({
    "index": index.pk, "release": release.pk, "report": report.pk,
    "workflow": Workflow.objects.get(name="Editorial review").pk,
    "task": Task.objects.get(name="Approval by an editor").pk,
    "site": Site.objects.get(is_default_site=True).pk, "editor": editor.pk,
    "user_content": sorted(user_content, key=len, reverse=True),
}))
"""

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


def run_in_demo(demo_site, code):
    result = subprocess.run(  # noqa: S603
        [*demo_site.manage, "shell", "--no-imports", "-c", code],
        env=demo_site.env,
        cwd=demo_site.root,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


@pytest.fixture(scope="module")
def demo_data(demo_site):
    # The console e-mail backend prints the review notifications first.
    output = run_in_demo(demo_site, f"PASSWORD = {PASSWORD!r}\n" + SET_UP)
    return json.loads(output.strip().splitlines()[-1])


class Recorder:
    """Console errors, failed responses and requests to any host but the site's own."""

    def __init__(self, page, site_url):
        self.site_host = urlparse(site_url).hostname
        self.console_errors, self.failed, self.outside = [], [], []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", self._request)
        page.on("response", self._response)

    def _request(self, request):
        host = urlparse(request.url).hostname
        own = (self.site_host, "localhost")
        if request.url.startswith(("http:", "https:")) and host not in own:
            self.outside.append(request.url)

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")


def sign_in(page, demo_site, username):
    page.goto(demo_site.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/admin/$"))


def english_leftovers(texts, user_content):
    found = set()
    for text in texts:
        if text.endswith("…") and any(text[:-1].strip() in content for content in user_content):
            continue  # an excerpt of a release's body in the StreamField block headers
        for content in user_content:
            if content and content in text:  # an empty one would space out every letter
                text = text.replace(content, " ")
        words = set(LATIN_WORD.findall(text)) - ALLOWED_WORDS
        if words:
            found.add(text)
    return sorted(found)


def admin_screens(data):
    release, index = data["release"], data["index"]
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{index}/",
        f"/admin/pages/{release}/edit/",
        f"/admin/pages/{release}/history/",
        f"/admin/pages/{release}/workflow_history/",
        "/admin/workflows/list/",
        f"/admin/workflows/edit/{data['workflow']}/",
        "/admin/workflows/tasks/index/",
        f"/admin/workflows/tasks/edit/{data['task']}/",
        "/admin/typo-reports/",
        f"/admin/typo-reports/edit/{data['report']}/",
        "/admin/news_releases/",
        "/admin/account/",
        "/admin/groups/",
        "/admin/reports/workflow/",
        "/admin/sites/",
        f"/admin/sites/edit/{data['site']}/",
        "/admin/users/",
        f"/admin/users/edit/{data['editor']}/",
    ]


@pytest.fixture(scope="module")
def crawl(demo_site, demo_data, browser):
    """Every screen once, in a Russian browser, signed in as a superuser with Russian chosen."""
    context = browser.new_context(locale="ru-RU", extra_http_headers={"Accept-Language": "ru"})
    page = context.new_page()
    recorder = Recorder(page, demo_site.url)
    results = {}
    page.goto(demo_site.url + "/admin/login/")
    page.wait_for_load_state("networkidle")
    results["/admin/login/"] = page.evaluate(COLLECT_TEXTS, SKIPPED_ELEMENTS)
    sign_in(page, demo_site, "chief")
    for path in admin_screens(demo_data):
        response = page.goto(demo_site.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        results[path] = page.evaluate(COLLECT_TEXTS, SKIPPED_ELEMENTS)
    context.close()
    return results, recorder


def test_the_russian_admin_has_no_english_left(crawl, demo_data):
    results, _recorder = crawl
    leftovers = {
        path: found
        for path, texts in results.items()
        if (found := english_leftovers(texts, demo_data["user_content"]))
    }
    assert leftovers == {}, json.dumps(leftovers, ensure_ascii=False, indent=1)


def test_no_admin_screen_asks_another_host_or_fails(crawl):
    _results, recorder = crawl
    assert recorder.outside == []
    assert recorder.failed == []
    assert recorder.console_errors == []


def test_an_editors_dashboard_shows_reviews_first(demo_site, demo_data, browser):
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()
    recorder = Recorder(page, demo_site.url)
    sign_in(page, demo_site, "editor-ru")
    # Wagtail's dashboard panels, in the order shown; the review panel's id is "awaiting-review".
    panel_ids = page.eval_on_selector_all(
        "main .w-panel--dashboard",
        "panels => panels.map(p => p.id + ' ' + [...p.querySelectorAll('[id]')].map(e => e.id))",
    )
    assert len(panel_ids) >= 2, panel_ids  # reviews and the releases awaiting a translation
    assert "awaiting-review" in panel_ids[0], panel_ids
    assert recorder.console_errors == [] and recorder.outside == []
    context.close()


def test_a_new_superuser_sets_their_language_on_the_account_page(demo_site, browser):
    subprocess.run(  # noqa: S603
        [*demo_site.manage, "createsuperuser", "--noinput", "--username", "fresh", "--email", ""],
        env={**demo_site.env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
        cwd=demo_site.root,
        check=True,
        capture_output=True,
    )
    context = browser.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en"})
    page = context.new_page()
    recorder = Recorder(page, demo_site.url)
    sign_in(page, demo_site, "fresh")
    page.goto(demo_site.url + "/admin/account/")
    page.select_option("select[name=locale-preferred_language]", "ru")
    page.select_option("select[name=locale-current_time_zone]", "Asia/Almaty")
    page.locator("form[enctype='multipart/form-data'] button[type=submit]").first.click()
    page.wait_for_load_state()
    # Wagtail words this message in the language chosen before the save; the next page is Russian.
    assert "successfully" in page.locator(".messages").inner_text()
    page.goto(demo_site.url + "/admin/account/")
    assert page.locator("html").get_attribute("lang") == "ru"
    saved = run_in_demo(
        demo_site,
        "from wagtail.users.models import UserProfile; from django.contrib.auth.models import User;"
        "p = UserProfile.get_for_user(User.objects.get(username='fresh'));"
        "print(p.preferred_language, p.current_time_zone)",
    )
    assert saved.split() == ["ru", "Asia/Almaty"]
    assert recorder.console_errors == [] and recorder.failed == [] and recorder.outside == []
    context.close()
