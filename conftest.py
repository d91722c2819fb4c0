"""Fixtures shared by every test: a site whose home and news index exist in all languages."""

import pytest
from django.core.cache import caches
from wagtail.models import Page, Site

from news.factories import HomePageFactory, NewsIndexPageFactory, NewsReleasePageFactory
from ombudsman.tests.services import private_redis  # noqa: F401 (a fixture for fault tests)


@pytest.fixture(autouse=True)
def _clear_cache():
    for alias in ("default", "limits"):
        caches[alias].clear()
    yield
    for alias in ("default", "limits"):
        caches[alias].clear()


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(
        parent=root,
        title_kk="Басты бет",
        title_ru="Главная",
        title_en="Home",
        slug_kk="home",
        slug_ru="home",
        slug_en="home",
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(
        parent=home,
        title_kk="Жаңалықтар",
        title_ru="Новости",
        title_en="News",
        slug_kk="zhanalyqtar",
        slug_ru="novosti",
        slug_en="news",
    )


@pytest.fixture
def make_release(news_index):
    def make(languages=("kk", "ru", "en"), publish=True, **fields):
        release = NewsReleasePageFactory(parent=news_index, languages=languages, **fields)
        if publish:
            release.save_revision().publish()
        return release

    return make
