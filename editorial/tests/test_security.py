"""Login limiting, two-factor login and image upload limits, through HTTP."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.images.tests.utils import get_test_image_file

from news.tests.helpers import soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("login_url_name", ["wagtailadmin_login", "admin:login"])
@override_settings(AXES_FAILURE_LIMIT=3)
def test_login_is_locked_after_the_configured_failures(client, django_user_model, login_url_name):
    django_user_model.objects.create_user("clerk", "c@example.org", "right-pass-123", is_staff=True)
    url = reverse(login_url_name)
    for _attempt in range(3):
        client.post(url, {"username": "clerk", "password": "wrong"})
    response = client.post(url, {"username": "clerk", "password": "right-pass-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_one_failure_does_not_lock(client, django_user_model):
    django_user_model.objects.create_superuser("chief", "c@example.org", "right-pass-123")
    client.post(reverse("wagtailadmin_login"), {"username": "chief", "password": "wrong"})
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "chief", "password": "right-pass-123"}
    )
    assert response.status_code == 302


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_staff_with_a_device_must_enter_a_code(editor):
    user, client = editor
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("editorial_two_factor_verify"))
    wrong = client.post(reverse("editorial_two_factor_verify"), {"token": "000000"})
    assert wrong.status_code == 200
    token = f"{totp(device.bin_key):06d}"
    assert client.post(reverse("editorial_two_factor_verify"), {"token": token}).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_two_factor_is_optional_unless_required(editor, settings):
    _user, client = editor
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    settings.STAFF_REQUIRE_2FA = True
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("editorial_two_factor_setup"))
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    assert b"<svg" in setup.content


def upload(client, file):
    return client.post(reverse("wagtailimages:add"), {"title": "Upload", "file": file})


def test_wrong_image_format_is_refused_clearly(editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _user, client = editor
    response = upload(client, SimpleUploadedFile("notes.txt", b"not an image"))
    assert response.status_code == 200
    errors = " ".join(e.get_text(" ", strip=True) for e in soup(response).select("[class*=error]"))
    assert "Upload a valid image" in errors
    assert "Supported formats: GIF, JPG, JPEG, PNG, WEBP" in errors


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100)
def test_oversized_image_is_refused_clearly(editor):
    _user, client = editor
    from django.core.files.uploadedfile import SimpleUploadedFile

    image_bytes = get_test_image_file().file.getvalue()
    response = upload(client, SimpleUploadedFile("big.png", image_bytes))
    assert response.status_code == 200
    errors = " ".join(e.get_text(" ", strip=True) for e in soup(response).select("[class*=error]"))
    assert "too big" in errors
