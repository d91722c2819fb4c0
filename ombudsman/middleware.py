"""Keep the admin screens in a language the admin has."""

from django.conf import settings
from django.utils import translation


class AdminLanguageMiddleware:
    """Wagtail's and Django's admin have no Kazakh: under /admin/ and /django-admin/ a Kazakh (or
    any unsupported) browser language falls back to ADMIN_DEFAULT_LANGUAGE. A staff member's own
    choice in their Wagtail profile still wins, because Wagtail applies it later in its views."""

    admin_prefixes = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response
        self.permitted = {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}

    def __call__(self, request):
        if (
            request.path_info.startswith(self.admin_prefixes)
            and translation.get_language() not in self.permitted
        ):
            translation.activate(settings.ADMIN_DEFAULT_LANGUAGE)
            request.LANGUAGE_CODE = settings.ADMIN_DEFAULT_LANGUAGE
        return self.get_response(request)
