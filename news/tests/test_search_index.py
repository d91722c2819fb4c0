"""The per-language full-text index (migration news/0002_search_vectors), on PostgreSQL."""

import pytest
from django.db import connection

from news.languages import page_url_in
from news.search import SEARCH_CONFIGS

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search index exists on PostgreSQL only"
)


@pytest.mark.django_db
def test_each_language_has_a_gin_index_on_its_stored_vector():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'news_newsreleasepage'"
        )
        indexes = dict(cursor.fetchall())
    for code in SEARCH_CONFIGS:
        assert f"USING gin (search_{code})" in indexes[f"news_release_search_{code}"]


@pytest.mark.django_db
def test_vectors_follow_publishing_with_each_languages_dictionary(client, make_release):
    release = make_release(
        title_ru="Защита прав человека", title_en="Visits to prisons", lead_kk="Бала құқықтары"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_ru::text, search_en::text, search_kk::text "
            "FROM news_newsreleasepage WHERE page_ptr_id = %s",
            [release.pk],
        )
        ru, en, kk = cursor.fetchone()
    assert "'человек':" in ru  # Russian stemming
    assert "'prison':" in en  # English stemming
    assert "'құқықтары':" in kk  # simple: lower-cased words as written

    release.title_ru = "Новые проверки"
    release.save_revision().publish()
    found = client.get("/ru/search/", {"q": "проверка"}).content.decode()
    assert page_url_in(release, "ru") in found
    assert (
        page_url_in(release, "ru")
        not in client.get("/ru/search/", {"q": "защита"}).content.decode()
    )


@pytest.mark.django_db
def test_the_search_predicate_can_use_the_index(make_release):
    from django.test.utils import CaptureQueriesContext

    from news.search import ranked_release_keys

    release = make_release(title_ru="Проверка индекса")
    # Matches too, but is not live: the set of live releases leaves it out.
    make_release(title_ru="Черновик об индексе", publish=False, live=False)
    assert ranked_release_keys("индексы", "ru") == [release.pk]
    with CaptureQueriesContext(connection) as queries:
        ranked_release_keys("индекс", "ru")
    # The language's live releases are kept until the next purge: one query, on the release
    # table alone (joining the page table would scan every page's row).
    [ranking] = [query["sql"] for query in queries.captured_queries]
    assert "search_ru @@ websearch_to_tsquery" in ranking
    assert "wagtailcore_page" not in ranking
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT page_ptr_id FROM news_newsreleasepage "
            "WHERE search_ru @@ websearch_to_tsquery('russian'::regconfig, %s)",
            ["индекс"],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "news_release_search_ru" in plan


@pytest.mark.django_db
def test_vectors_are_kept_in_the_row_compressed(make_release):
    """Ranking reads every match's vector: in the row, no TOAST lookup (news/0003)."""
    # About 800 different words: a vector of some 10 kB, as a long release has; too large for
    # the row uncompressed, so it is compressed (lz4) and kept there (MAIN), while the body goes
    # to the TOAST table first.
    words = " ".join(f"проверка{number}" for number in range(800))
    release = make_release(body_ru=[{"type": "paragraph", "value": f"<p>{words}</p>"}])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage, attcompression FROM pg_attribute "
            "WHERE attrelid = 'news_newsreleasepage'::regclass AND attname LIKE 'search\\_%%'"
        )
        columns = {name: (storage, compression) for name, storage, compression in cursor}
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE oid = 'news_newsreleasepage'::regclass"
        )
        options = cursor.fetchone()[0]
        cursor.execute(
            "SELECT pg_column_compression(search_ru), octet_length(search_ru::text) "
            "FROM news_newsreleasepage WHERE page_ptr_id = %s",
            [release.pk],
        )
        compression, text_length = cursor.fetchone()
    assert set(columns) == {f"search_{code}" for code in SEARCH_CONFIGS}
    assert {storage for storage, _compression in columns.values()} == {"m"}  # MAIN
    assert {compression for _storage, compression in columns.values()} == {"l"}  # lz4
    assert "toast_tuple_target=8160" in options
    assert text_length > 8000
    assert compression == "lz4"
