import json

import pytest

from typo_reports.protection import new_form_token

BODY_RU = [
    {"type": "paragraph", "value": "<p>Приём прошёл в Астане, обращения <b>рассмотрены</b>.</p>"},
    {"type": "heading", "value": {"text": "Итоги встречи", "level": "h2"}},
    {
        "type": "quote",
        "value": {"text": "Права человека превыше всего", "attribution": "Уполномоченный"},
    },
]


@pytest.fixture
def release(make_release):
    """Published in Russian and English only."""
    return make_release(
        languages=("ru", "en"),
        title_ru="Встреча в Брюсселе",
        lead_ru="Уполномоченный встретился с коллегами.",
        body_ru=BODY_RU,
    )


@pytest.fixture
def report_data(release):
    def make(**overrides):
        data = {
            "page": release.pk,
            "language": "ru",
            "fragment": "прошёл в Астане",
            "context_before": "Приём ",
            "context_after": ", обращения",
            "kind": "typo",
            "comment": "",
            "token": new_form_token(),
            "website": "",
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def post_json(client):
    def post(data, client_=None, **headers):
        return (client_ or client).post(
            "/api/typo-reports/",
            data=json.dumps(data),
            content_type="application/json",
            headers={"Accept": "application/json", **headers},
        )

    return post
