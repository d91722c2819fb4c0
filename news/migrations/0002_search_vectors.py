"""Per-language full-text search vectors for releases, on PostgreSQL only.

Each release row gets ``search_kk``, ``search_ru`` and ``search_en`` (tsvector): its title
(weight A), lead (B) and body (C) in that language, parsed with the language's dictionary
(simple for Kazakh, which PostgreSQL has none for; russian; english), and a GIN index on each.
A trigger fills them whenever the release row is inserted or updated. The title lives in
wagtailcore_page, which Django saves before the release row, so the trigger reads it from there.
The columns are not model fields: only news/search.py reads them, and on SQLite (development)
nothing here runs.
"""

from django.db import migrations, models

CONFIGS = {"kk": "simple", "ru": "russian", "en": "english"}


def vector_sql(code, config):
    return (
        f"setweight(to_tsvector('{config}', coalesce(page_title_{code}, '')), 'A') || "
        f"setweight(to_tsvector('{config}', coalesce(NEW.lead_{code}, '')), 'B') || "
        f"setweight(to_tsvector('{config}', coalesce(NEW.body_{code}, '[]'::jsonb)), 'C')"
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(f"ADD COLUMN IF NOT EXISTS search_{code} tsvector" for code in CONFIGS)
    declarations = "\n".join(f"    page_title_{code} text;" for code in CONFIGS)
    selected = ", ".join(f"title_{code}" for code in CONFIGS)
    targets = ", ".join(f"page_title_{code}" for code in CONFIGS)
    assignments = "\n".join(
        f"    NEW.search_{code} := {vector_sql(code, config)};" for code, config in CONFIGS.items()
    )
    statements = [
        f"ALTER TABLE news_newsreleasepage {columns}",
        f"""
CREATE OR REPLACE FUNCTION news_release_search_vectors() RETURNS trigger AS $$
DECLARE
{declarations}
BEGIN
    SELECT {selected} INTO {targets} FROM wagtailcore_page WHERE id = NEW.page_ptr_id;
{assignments}
    RETURN NEW;
END
$$ LANGUAGE plpgsql
""",
        "DROP TRIGGER IF EXISTS news_release_search_vectors ON news_newsreleasepage",
        """CREATE TRIGGER news_release_search_vectors
BEFORE INSERT OR UPDATE ON news_newsreleasepage
FOR EACH ROW EXECUTE FUNCTION news_release_search_vectors()""",
        # Existing releases: an update fires the trigger.
        "UPDATE news_newsreleasepage SET page_ptr_id = page_ptr_id",
        *(
            f"CREATE INDEX IF NOT EXISTS news_release_search_{code} "
            f"ON news_newsreleasepage USING GIN (search_{code})"
            for code in CONFIGS
        ),
    ]
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS news_release_search_vectors ON news_newsreleasepage")
        cursor.execute("DROP FUNCTION IF EXISTS news_release_search_vectors()")
        cursor.execute(
            "ALTER TABLE news_newsreleasepage "
            + ", ".join(f"DROP COLUMN IF EXISTS search_{code}" for code in CONFIGS)
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [
        migrations.RunPython(forwards, backwards),
        # Listings sort by date, then the release's key: read in this order, a page of the list
        # touches only its rows (both databases).
        migrations.AddIndex(
            model_name="newsreleasepage",
            index=models.Index(fields=["-date", "-page_ptr"], name="release_listing_order"),
        ),
    ]
