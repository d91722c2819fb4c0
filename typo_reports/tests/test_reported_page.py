"""The page a report is about is read once and kept until the next purge (typo_reports.forms
.reported_page_in): a burst of reports on one release reads its row once, and a new publication
is followed at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from page_cache import keys
from typo_reports.models import TypoReport

pytestmark = pytest.mark.django_db


def page_row_reads(post_json, data) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = post_json(data)
    reads = sum('FROM "news_newsreleasepage"' in q["sql"] for q in captured)
    return response.status_code, reads


def test_later_reports_on_a_page_do_not_read_it_again(post_json, report_data):
    assert page_row_reads(post_json, report_data()) == (201, 1)
    assert page_row_reads(post_json, report_data(fragment="Итоги встречи")) == (201, 0)
    assert page_row_reads(post_json, report_data(fragment="Этого текста нет"))[1] == 0
    assert TypoReport.objects.count() == 2


def test_a_new_publication_is_followed_at_once(post_json, report_data, release):
    assert post_json(report_data(fragment="прошёл в Астане")).status_code == 201
    release.body_ru = [{"type": "paragraph", "value": "<p>Приём прошёл в Алматы.</p>"}]
    release.save_revision().publish()
    assert post_json(report_data(fragment="прошёл в Алматы")).status_code == 201
    assert post_json(report_data(fragment="прошёл в Астане")).status_code == 400
    release.refresh_from_db()
    newest = TypoReport.objects.get(fragment="прошёл в Алматы")
    assert newest.revision_id == release.live_revision_id


def test_an_unpublished_page_takes_no_more_reports(post_json, report_data, release):
    assert post_json(report_data()).status_code == 201
    release.unpublish()
    response = post_json(report_data(fragment="Итоги встречи"))
    assert response.status_code == 400
    assert "page" in response.json()["errors"]


def test_ids_of_no_live_page_are_not_kept(post_json, report_data, release):
    keys.kept_in_process.clear()
    for page_id in (release.pk + 1000, release.pk + 1001):
        assert post_json(report_data(page=page_id)).status_code == 400
    # In Kazakh the release does not exist either: not kept.
    assert post_json(report_data(language="kk", fragment="прошёл")).status_code == 400
    assert not [key for key in keys.kept_in_process.entries if "reported-page" in key]
