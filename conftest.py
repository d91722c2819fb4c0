"""Fixtures shared by every test: a site whose home and news index exist in all languages."""

import pytest
from django.core.cache import caches
from wagtail.models import Page, Site

from news.factories import HomePageFactory, NewsIndexPageFactory, NewsReleasePageFactory
from ombudsman.tests.services import private_redis  # noqa: F401 (a fixture for fault tests)


@pytest.fixture(autouse=True)
def _clear_cache():
    from page_cache.keys import LostPurges

    for alias in ("default", "limits"):
        caches[alias].clear()
    LostPurges.pending = False  # an outage another test made is over
    yield
    for alias in ("default", "limits"):
        caches[alias].clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A database kept by --reuse-db from a run that ended with a transactional test's flush has
    lost every row the migrations made (locale, root page, collections, groups): say so at once
    rather than fail test by test."""
    from wagtail.models import Locale

    with django_db_blocker.unblock():
        if not Locale.objects.exists():
            pytest.exit("The reused test database was flushed: run again with --create-db.", 2)


@pytest.fixture(autouse=True)
def _wagtail_rows_after_flush(request):
    """A transactional test starts after an earlier one's flush, which deletes the rows Wagtail's
    migrations made (the default locale, the tree's root). Put them back for it.
    (serialized_rollback collides with the content types the flush recreates.)"""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.get_root_nodes().exists():
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )


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
