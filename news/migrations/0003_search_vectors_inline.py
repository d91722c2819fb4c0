"""Keep the search vectors in the release row, compressed with lz4, on PostgreSQL only.

Ranking reads the vector of every match (``ts_rank``): at 10,000 releases a common word matches
about 1,800 of them. Stored the default way, a vector of more than 2 kB goes to the TOAST table,
and each match cost a TOAST lookup and a pglz decompression: 16 ms of a 25 ms search. Kept in
the row (STORAGE MAIN, and rows allowed up to a page, toast_tuple_target 8160) and compressed
with lz4, ranking them takes 5 ms. The bodies, which are stored the default way, then also stay
in the row when they fit: a release page reads its row without TOAST lookups either.
Existing rows are rewritten through the vectors' trigger (news/0002_search_vectors).
"""

from django.db import migrations, transaction

LANGUAGES = ("kk", "ru", "en")


def lz4_available(cursor) -> bool:
    """PostgreSQL built without lz4 refuses it: then the vectors keep pglz."""
    try:
        with transaction.atomic():
            cursor.execute("SET LOCAL default_toast_compression = lz4")
    except Exception:  # noqa: BLE001 - psycopg's error for an invalid value
        return False
    return True


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        changes = [f"ALTER COLUMN search_{code} SET STORAGE MAIN" for code in LANGUAGES]
        if lz4_available(cursor):
            changes += [f"ALTER COLUMN search_{code} SET COMPRESSION lz4" for code in LANGUAGES]
        cursor.execute(f"ALTER TABLE news_newsreleasepage {', '.join(changes)}")
        cursor.execute("ALTER TABLE news_newsreleasepage SET (toast_tuple_target = 8160)")
        cursor.execute("UPDATE news_newsreleasepage SET page_ptr_id = page_ptr_id")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        changes = [f"ALTER COLUMN search_{code} SET STORAGE EXTENDED" for code in LANGUAGES]
        changes += [f"ALTER COLUMN search_{code} SET COMPRESSION DEFAULT" for code in LANGUAGES]
        cursor.execute(f"ALTER TABLE news_newsreleasepage {', '.join(changes)}")
        cursor.execute("ALTER TABLE news_newsreleasepage RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("news", "0002_search_vectors")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
