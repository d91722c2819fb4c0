"""Security headers beyond Django's SecurityMiddleware.

Content-Security-Policy comes from Django's own ContentSecurityPolicyMiddleware and SECURE_CSP
(public pages: no inline script or style at all, so cached pages need no nonce). The Wagtail and
Django admins run inline scripts and style attributes of their own; AdminContentSecurityPolicy
gives their responses SECURE_CSP_ADMIN instead, through Django's documented per-response
override (``response._csp_config``, what ``csp_override`` sets). Wagtail's preview is served
under /admin/ and shown in an iframe of the admin, so the admin policy has
``frame-ancestors 'self'`` while public pages have ``'none'``.
"""

from django.conf import settings
from django.utils.csp import CSP

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def is_admin_path(path: str) -> bool:
    return path.startswith(ADMIN_PREFIXES)


class AdminContentSecurityPolicyMiddleware:
    """Listed after ContentSecurityPolicyMiddleware, so it sees the response first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_admin_path(request.path_info) and not hasattr(response, "_csp_config"):
            # A preview is rendered by running a fake request for the page's public URL through
            # the whole middleware stack, which already put the public policy
            # (frame-ancestors 'none') on it; the admin's policy replaces it.
            if CSP.HEADER_ENFORCE in response:
                del response[CSP.HEADER_ENFORCE]
            response._csp_config = settings.SECURE_CSP_ADMIN
        return response


class PermissionsPolicyMiddleware:
    """Permissions-Policy: the site uses no camera, microphone, location, payment and so on."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED_FEATURES
        )

    def __call__(self, request):
        response = self.get_response(request)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.value
        return response
