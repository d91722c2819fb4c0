"""The "News releases" listing: every release with the completeness of each language."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from news.languages import LANGUAGE_CODES, LANGUAGE_LABELS
from news.models import NewsReleasePage

from .translation_status import MISSING_LABELS, is_complete, missing_q


class LanguageStatusColumn(Column):
    cell_template_name = "editorial/language_status_cell.html"

    def __init__(self, language, **kwargs):
        super().__init__(f"language_{language}", label=LANGUAGE_LABELS[language], **kwargs)
        self.language = language

    def get_value(self, instance):
        return is_complete(instance, self.language)


class TranslationStatusFilterSet(PageListingViewSet.filterset_class):
    missing = django_filters.ChoiceFilter(
        label=_("Translation"),
        empty_label=_("Any"),
        choices=[(code, MISSING_LABELS[code]) for code in LANGUAGE_CODES],
        method="filter_missing",
    )

    class Meta:
        model = NewsReleasePage
        fields = []

    def filter_missing(self, queryset, name, value):
        return queryset.filter(missing_q(value))


class NewsReleaseListingViewSet(PageListingViewSet):
    model = NewsReleasePage
    icon = "doc-full"
    menu_label = _("News releases")
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = TranslationStatusFilterSet
    columns = [
        *PageListingViewSet.columns,
        *(LanguageStatusColumn(code, width="8%") for code in LANGUAGE_CODES),
    ]


news_release_listing = NewsReleaseListingViewSet("news_releases")
