"""The Sites and Users screens in the admin's language (editorial/admin_labels.py)."""

import pytest
from django.urls import reverse
from wagtail.models import Site
from wagtail.users.models import UserProfile

from editorial import admin_labels
from news.tests.helpers import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def russian_superuser(client, django_user_model, news_index):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "x-pass-123")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(user)
    return user, client


def test_the_sites_listing_names_its_columns_in_russian(russian_superuser):
    _user, client = russian_superuser
    page = soup(client.get(reverse("wagtailsites:index")))
    headers = [th.get_text(" ", strip=True) for th in page.select("thead th")]
    for label in ("Порт", "Имя сайта", "Корневая страница"):
        assert any(header.startswith(label) for header in headers), headers
    assert not {"Port", "Site name", "Root page"} & set(headers)


def test_the_sites_name_reads_in_russian_in_the_edit_header(russian_superuser):
    _user, client = russian_superuser
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Commissioner for Human Rights in the Republic of Kazakhstan"
    site.save()
    page = soup(client.get(reverse("wagtailsites:edit", args=(site.pk,))))
    title = page.select_one("h1").get_text(" ", strip=True)
    assert "Commissioner" not in title and "[по умолчанию]" in title


def test_yes_no_icons_are_titled_in_russian(russian_superuser):
    _user, client = russian_superuser
    page = soup(client.get(reverse("wagtailusers_users:index")))
    titles = {span.get_text(strip=True) for span in page.select("td.status .w-sr-only")}
    assert "Да" in titles and not {"True", "False", "None"} & titles


def test_the_check_passes_and_names_an_untranslated_column(monkeypatch):
    assert admin_labels.check_admin_labels() == []
    column = admin_labels.SiteIndexView.columns[1]
    monkeypatch.setattr(column, "label", "Port")
    assert [error.id for error in admin_labels.check_admin_labels()] == ["editorial.E003"]
