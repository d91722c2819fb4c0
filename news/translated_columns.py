"""After every migrate: finish what wagtail-modeltranslation's ALTER TABLE leaves undone.

It adds ``title_<lang>``, ``slug_<lang>``, ``url_path_<lang>`` ... to wagtailcore_page by raw
SQL after the migrations, so

* no migration can index ``slug_<lang>``, which routing and slug checks look pages up by;
* the tree root keeps a NULL ``url_path_<lang>``, and pages added under it would get a url_path
  without its leading slash.

Its ``update_translation_fields`` command would fix the root too, but it also copies the
untranslated title into every empty Kazakh title, which gives single-language releases a Kazakh
version in the wrong language. This handler does only the two safe things, idempotently.
"""

from django.db import connections

from .languages import LANGUAGE_CODES


def prepare_translated_columns(using="default", **kwargs):
    connection = connections[using]
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(cursor, "wagtailcore_page")
        }
        for code in LANGUAGE_CODES:
            slug_column, url_path_column = f"slug_{code}", f"url_path_{code}"
            if slug_column in columns:
                # Names come from settings.LANGUAGES, never from input.
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS wagtailcore_page_{slug_column}_idx "
                    f"ON wagtailcore_page ({slug_column})"
                )
            if url_path_column in columns:
                cursor.execute(
                    f"UPDATE wagtailcore_page SET {url_path_column} = '/' "  # noqa: S608
                    f"WHERE depth = 1 AND {url_path_column} IS NULL"
                )
