"""Two groups: the API (no language prefix) and the reader's pages (under /<lang>/)."""

from django.urls import path

from . import api, endpoint, views

api_urlpatterns = [
    path("api/typo-reports/", endpoint.submit_report, name="typo_report_submit"),
    path("api/typo-reports/token/", api.form_token, name="typo_report_token"),
]

localized_urlpatterns = [
    path("typo-report/", views.report_form, name="typo_report_form"),
    path("typo-report/thanks/", views.thanks, name="typo_report_thanks"),
]
