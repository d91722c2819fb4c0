"""handler500 when the failure is outside a view (a middleware): a lost database connection gets
the 503 page, anything else the static 500 page in the visitor's language."""

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import override_settings
from django.urls import get_resolver

from ombudsman import faults

FAILING = "ombudsman.tests.test_error_handlers.FailingMiddleware"


class FailingMiddleware:
    failure = RuntimeError("boom")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise self.failure


def test_one_handler500_the_faults_one():
    assert get_resolver().resolve_error_handler(500) is faults.server_error


@pytest.mark.parametrize(
    ("failure", "status", "text"),
    [
        (OperationalError("connection refused"), 503, "Сайт временно недоступен"),
        (RuntimeError("boom"), 500, "Ошибка сервера"),
    ],
)
def test_failure_in_a_middleware(client, monkeypatch, failure, status, text):
    monkeypatch.setattr(FailingMiddleware, "failure", failure)
    client.raise_request_exception = False
    with override_settings(DEBUG=False, MIDDLEWARE=[*settings.MIDDLEWARE, FAILING]):
        response = client.get("/ru/", headers={"accept-language": "en"})
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert text in html
    assert "boom" not in html and "connection refused" not in html
