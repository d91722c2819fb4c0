"""Old addresses keep working when staff change a release's slug, in each language.

Wagtail's own automatic redirects compare the untranslated slug, so they notice a change only
in the editor's UI language and can point a language that lacks the page at a 404. They are off
(WAGTAILREDIRECTS_AUTO_CREATE); here every language's address before and after a save of a live
page is compared, and a permanent redirect is stored for each address that changed. The
redirect points at the page, and Wagtail's redirect middleware resolves it in the language of
the request, i.e. of the old address.
"""

from django.db.models.signals import post_save, pre_save
from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from .languages import LANGUAGE_CODES, has_language, page_languages, value_in


def _public_paths(url_paths: dict[str, str | None], site) -> dict[str, str]:
    """language -> "/<lang>/<path below the site root>/" for the languages given."""
    paths = {}
    for code, url_path in url_paths.items():
        root = getattr(site.root_page, build_localized_fieldname("url_path", code)) or "/"
        if url_path and url_path.startswith(root):
            paths[code] = f"/{code}/{url_path[len(root) :]}"
    return paths


def remember_addresses(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    before = type(instance).objects.filter(pk=instance.pk, live=True).first()
    if before:
        instance._url_paths_before = {
            code: value_in(before, "url_path", code) for code in page_languages(before)
        }


def redirect_changed_addresses(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_url_paths_before", None)
    if raw or not before or not instance.live:
        return
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        return
    after = {
        code: value_in(instance, "url_path", code)
        for code in LANGUAGE_CODES
        if has_language(instance, code)
    }
    old_paths, new_paths = _public_paths(before, site), _public_paths(after, site)
    for code, old_path in old_paths.items():
        if code in new_paths and new_paths[code] != old_path:
            normalised = Redirect.normalise_path(old_path)
            Redirect.objects.filter(old_path=normalised, site=site).delete()
            Redirect.add_redirect(
                old_path=normalised, redirect_to=instance, site=site, automatically_created=True
            )


def connect(models):
    for model in models:
        pre_save.connect(remember_addresses, sender=model, dispatch_uid=f"remember-{model}")
        post_save.connect(
            redirect_changed_addresses, sender=model, dispatch_uid=f"redirect-{model}"
        )
