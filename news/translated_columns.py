"""After every migrate: the translated columns of Wagtail's page table, quietly and completely.

wagtail-modeltranslation keeps ``title_<lang>``, ``slug_<lang>``, ``url_path_<lang>`` ... of
wagtailcore_page out of migrations (they would land in Wagtail's package). Its ``migrate``
(the ``wagtail_modeltranslation.migrate`` app) adds them by raw ``ALTER TABLE`` once Django's
migrate has finished, printing a "Missing languages ... ALTER TABLE ..." block per field with
``print()``, whatever the verbosity, and asking y/n per field unless ``--noinput``.

``after_migrate`` below is a post_migrate receiver (connected in news/apps.py). It runs inside
Django's migrate, so before the library's step:

* it adds the missing columns itself, with the library's SQL, saying so only at verbosity >= 2;
  the library's step then finds nothing to do, asks nothing and prints one line;
* it indexes ``slug_<lang>`` (``prepare_translated_columns``), which routing and slug checks look
  pages up by: the raw columns get no index, and no migration can add one;
* it sets the tree root's ``url_path_<lang>`` to "/", which stays NULL otherwise, so that pages
  added under it get a url_path with its leading slash.

The library's ``update_translation_fields`` would fix the root too, but it also copies the
untranslated title into every empty Kazakh title, which gives single-language releases a Kazakh
version in the wrong language. This does only the safe things, idempotently. pytest's test
database, ``flush`` and every ``migrate`` send post_migrate, so each gets the same columns.
"""

from django.db import connections

from .languages import LANGUAGE_CODES


def missing_translated_columns(using="default"):
    """(field, SQL) for every translated Page column the table lacks, as the library adds it."""
    from modeltranslation.translator import translator
    from modeltranslation.utils import build_localized_fieldname
    from wagtail.models import Page

    connection = connections[using]
    table = Page._meta.db_table
    with connection.cursor() as cursor:
        existing = {
            column.name for column in connection.introspection.get_table_description(cursor, table)
        }
    quote = connection.ops.quote_name
    missing = []
    for field_name in translator.get_options_for_model(Page).local_fields:
        for code in LANGUAGE_CODES:
            field = Page._meta.get_field(build_localized_fieldname(field_name, code))
            if field.column not in existing:
                sql = (
                    f"ALTER TABLE {quote(table)} ADD COLUMN {quote(field.column)} "
                    f"{field.db_type(connection=connection)}" + ("" if field.null else " NOT NULL")
                )
                missing.append((field, sql))
    return missing


def after_migrate(sender, using="default", verbosity=1, stdout=None, **kwargs):
    """post_migrate receiver: add the translated Page columns, then index and root url_path."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if "wagtailcore_page" not in connection.introspection.table_names(cursor):
            return  # migrating backwards to zero, or a database without Wagtail yet
    for field, sql in missing_translated_columns(using):
        if verbosity >= 2 and stdout is not None:
            stdout.write(f"  Adding translated column {field.column}: {sql}")
        with connection.cursor() as cursor:
            cursor.execute(sql)
    prepare_translated_columns(using=using)


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
