"""load_demo_content: the site, the verbatim Brussels release, idempotence."""

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site

from news.languages import page_url_in
from news.models import HomePage, NewsIndexPage, NewsReleasePage, Topic

from .helpers import main_text

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "content" / "brussels-visit.ru.txt"
DATA = Path(__file__).resolve().parents[1] / "demo_data"


def snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id", "live")),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "images": get_image_model().objects.count(),
        "topics": Topic.objects.count(),
        "sites": list(Site.objects.values_list("pk", "root_page_id")),
    }


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_second_run_changes_nothing(demo):
    before = snapshot()
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before


def test_site_home_index_and_releases_exist(demo, client):
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert NewsIndexPage.objects.child_of(home).live().count() == 1
    releases = NewsReleasePage.objects.live()
    assert releases.count() >= 13
    months = {release.date.strftime("%Y-%m") for release in releases}
    assert len(months) >= 4
    lacking_en = [r for r in releases if not r.title_en]
    lacking_kk = [r for r in releases if not r.title_kk]
    assert lacking_en and lacking_kk
    for language in ("kk", "ru", "en"):
        assert client.get(f"/{language}/").status_code == 200


def article_paragraphs():
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    title = lines[0]
    paragraphs = []
    for line in lines[1:]:
        text = line.strip()
        if text.startswith("Если вы обнаружили ошибку"):
            break  # the error-report widget, not article text
        if text and not re.fullmatch(r"\d+", text):  # the stray number line
            paragraphs.append(text)
    return title, paragraphs


def test_brussels_release_is_the_russian_original_verbatim(demo, client):
    if not SOURCE.exists():
        pytest.skip("shared/content is not beside this checkout")
    title, paragraphs = article_paragraphs()
    release = NewsReleasePage.objects.get(title_ru=title)
    assert release.lead_ru == paragraphs[0]
    body = [block.value.source for block in release.body_ru if block.block_type == "paragraph"]
    assert [re.sub(r"</?p>", "", html) for html in body] == [
        p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        for p in paragraphs[1:]
    ]
    response = client.get(page_url_in(release, "ru"))
    text = main_text(response)
    for paragraph in paragraphs:
        assert paragraph in text
    assert "CTRL+Enter" not in text
    assert "2789" not in text


def test_brussels_release_exists_in_all_three_languages_with_glossary_names(demo, client):
    data = json.loads((DATA / "brussels.json").read_text(encoding="utf-8"))
    release = NewsReleasePage.objects.get(title_ru=data["languages"]["ru"]["title"])
    assert release.hero_image is not None
    expectations = {"kk": "Эльвира Әзімова", "en": "Elvira Azimova", "ru": "Эльвиры Азимовой"}
    for language, name in expectations.items():
        response = client.get(page_url_in(release, language))
        assert response.status_code == 200
        assert name in main_text(response)
