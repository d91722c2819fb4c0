"""Two-factor login for staff with an authenticator app (django-otp's TOTP devices).

Anyone who has set up a device must enter a code from it after signing in, before any admin
screen opens. With STAFF_REQUIRE_2FA a staff member without a device is sent to set one up.
The views live under /admin/two-factor/ (registered in wagtail_hooks.py).
"""

from base64 import b32encode

import django_otp
import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
OPEN_URL_NAMES = {
    "editorial_two_factor_verify",
    "editorial_two_factor_setup",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "login",
    "logout",
}


def is_staff(user) -> bool:
    return user.is_authenticated and (
        user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if self.device is None or not self.device.verify_token(token):
            raise forms.ValidationError(_("This code is wrong or has expired. Try the next one."))
        return token


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def verify(request):
    """The second step of signing in: a code from the device the user set up."""
    device = next(iter(django_otp.devices_for_user(request.user, confirmed=True)), None)
    if device is None:
        return redirect("editorial_two_factor_setup")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, device)
        return redirect(_next_url(request))
    return TemplateResponse(
        request,
        "editorial/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


def setup(request):
    """Link an authenticator app: scan the QR code, then confirm with a first code."""
    if django_otp.user_has_device(request.user, confirmed=True):
        messages.info(request, _("Two-factor login is already set up for your account."))
        return redirect("wagtailadmin_home")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        django_otp.login(request, device)
        messages.success(request, _("Two-factor login is set up."))
        return redirect(_next_url(request))
    # segno writes the SVG itself from the device's otpauth:// URL; nothing user-supplied.
    qr_code = mark_safe(segno.make(device.config_url).svg_inline(scale=4))  # noqa: S308
    return TemplateResponse(
        request,
        "editorial/two_factor_setup.html",
        {
            "form": form,
            "qr_code": qr_code,
            "secret": b32encode(device.bin_key).decode(),
            "next": _next_url(request),
        },
    )


class StaffTwoFactorMiddleware(OTPMiddleware):
    """After AuthenticationMiddleware: adds user.is_verified() and keeps unverified staff out of
    the admins until they enter a code (or set up a device, when STAFF_REQUIRE_2FA is on)."""

    def __call__(self, request):
        self._install_lazy_accessors(request)
        if request.path_info.startswith(ADMIN_PREFIXES) and is_staff(request.user):
            target = self._required_step(request)
            if target is not None:
                return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)

    def _required_step(self, request):
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            url_name = None
        if url_name in OPEN_URL_NAMES or request.user.is_verified():
            return None
        if django_otp.user_has_device(request.user, confirmed=True):
            return "editorial_two_factor_verify"
        if settings.STAFF_REQUIRE_2FA:
            return "editorial_two_factor_setup"
        return None
