from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from news.sitemaps import PagesSitemap
from news.views import choose_language, robots_txt
from ombudsman.health import healthz
from ombudsman.views import favicon
from typo_reports import urls as typo_reports_urls

SITEMAPS = {"pages": PagesSitemap}

# Addresses without a language prefix: the language chooser, admins, APIs, crawler files.
urlpatterns = [
    path("", choose_language, name="choose_language"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        # The same XML as Django's template, written in Python (news/templatetags/sitemap_xml.py).
        {"sitemaps": SITEMAPS, "template_name": "news/sitemap.xml"},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("vision.urls")),
    *typo_reports_urls.api_urlpatterns,
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under /kk/, /ru/ or /en/; the prefix alone decides the language.
# Wagtail's page tree comes last: it answers every address not matched before it.
localized_urlpatterns = [
    *typo_reports_urls.localized_urlpatterns,
    path("", include("readership.urls")),
    path("", include("news.urls")),
    path("", include(wagtail_urls)),
]

urlpatterns += i18n_patterns(*localized_urlpatterns, prefix_default_language=True)

handler404 = "ombudsman.errors.page_not_found"
# A lost database connection anywhere, even in a middleware, gets the 503 page (faults.py); any
# other failure the static 500 page in the visitor's language (errors.py).
handler500 = "ombudsman.faults.server_error"
