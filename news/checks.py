"""System checks: learn at start-up, not in production, when an override or an index is lost.

* news.E001: a page class's ``route``, ``clean``, ``minimal_clean``, ``_check_slug_is_unique``,
  ``base_form_class`` or ``get_view_restrictions`` is not the project's (news/pages.py) -- for
  example because a wagtail-modeltranslation upgrade assigns them later or under a new name.
* news.E002: a ``slug_<lang>`` column of wagtailcore_page has no index (news/translated_columns.py
  makes them after every migrate); routing and slug checks would scan every page.
* news.E003: Wagtail no longer reads a request's site and route from the attributes
  news/route_cache.py sets, so kept routes would be ignored (or worse, half used).
"""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection

from .languages import LANGUAGE_CODES
from .pages import OVERRIDDEN_NAMES, is_override, language_aware_page_models

PAGE_TABLE = "wagtailcore_page"


@checks.register()
def check_overrides(app_configs=None, **kwargs):
    errors = []
    for model in language_aware_page_models():
        for name in OVERRIDDEN_NAMES:
            value = getattr(model, name, None)
            if not is_override(getattr(value, "__func__", value)):
                errors.append(
                    checks.Error(
                        f"{model.__name__}.{name} is not the project's override ({value!r}).",
                        hint="news.pages.restore_overrides must run after "
                        "wagtail-modeltranslation patches the page classes; define the "
                        "override in the class body with @override.",
                        obj=model,
                        id="news.E001",
                    )
                )
    return errors


def missing_slug_indexes(using_connection=connection) -> list[str]:
    """The slug_<lang> columns that exist but have no single-column index. Nothing to report
    while the table or the columns do not exist yet (before the first migrate)."""
    with using_connection.cursor() as cursor:
        introspection = using_connection.introspection
        if PAGE_TABLE not in introspection.table_names(cursor):
            return []
        columns = {c.name for c in introspection.get_table_description(cursor, PAGE_TABLE)}
        indexed = {
            tuple(info["columns"])
            for info in introspection.get_constraints(cursor, PAGE_TABLE).values()
            if info.get("index") or info.get("unique")
        }
    return [
        f"slug_{code}"
        for code in LANGUAGE_CODES
        if f"slug_{code}" in columns and (f"slug_{code}",) not in indexed
    ]


@checks.register()
def check_slug_indexes(app_configs=None, **kwargs):
    # Not tagged "database", so that a plain `manage.py check` (and runserver) runs it: it is
    # one cheap introspection query.
    try:
        missing = missing_slug_indexes()
    except (DatabaseError, ImproperlyConfigured):
        return []  # no database to look at (yet); Django's own checks report that
    return [
        checks.Error(
            f"{PAGE_TABLE}.{column} has no index.",
            hint="Run `manage.py migrate --skip-checks`: it indexes the slug columns "
            "(news.translated_columns) after migrating.",
            id="news.E002",
        )
        for column in missing
    ]


@checks.register()
def check_route_cache(app_configs=None, **kwargs):
    from .route_cache import ROUTE_ATTRIBUTE, SITE_ATTRIBUTE, wagtail_reads_kept_routes

    if wagtail_reads_kept_routes():
        return []
    return [
        checks.Error(
            f"Wagtail's Page.route_for_request or Site.find_for_request no longer reads "
            f"request.{ROUTE_ATTRIBUTE} / request.{SITE_ATTRIBUTE}.",
            hint="Adapt news/route_cache.py to the new Wagtail, or remove "
            "news.route_cache.RouteCacheMiddleware from MIDDLEWARE.",
            id="news.E003",
        )
    ]
