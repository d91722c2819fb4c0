"""Staff create office pages under the home page and edit the contacts in the admin."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home):
    user = get_user_model().objects.create_superuser("chief", "chief@example.com", "pw-12345!x")
    client.force_login(user)
    return client


def test_office_page_can_be_added_under_the_home_page(admin_client, home):
    response = admin_client.get(f"/admin/pages/add/office/standardpage/{home.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    for code in ("kk", "ru", "en"):
        assert f'name="title_{code}"' in content and f"body_{code}" in content


def test_contacts_setting_has_a_field_per_language(admin_client, home):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    response = admin_client.get(f"/admin/settings/office/officecontacts/{site.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    for code in ("kk", "ru", "en"):
        assert f'name="address_{code}"' in content
        assert f'name="reception_hours_{code}"' in content
    assert 'name="phone"' in content
