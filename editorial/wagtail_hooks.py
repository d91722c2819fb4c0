from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

from news.languages import LANGUAGE_LABELS
from news.models import NewsReleasePage

from . import account, two_factor, workflow_preview
from .translation_status import display_title, missing_any_q, missing_languages
from .views import news_release_listing


@hooks.register("register_admin_viewset")
def register_news_release_listing():
    return news_release_listing


class AwaitingTranslationPanel(Component):
    name = "awaiting_translation"
    order = 150
    template_name = "editorial/awaiting_translation_panel.html"
    limit = 10

    def get_context_data(self, parent_context):
        releases = (
            NewsReleasePage.objects.filter(missing_any_q())
            .order_by("-latest_revision_created_at", "-pk")
            .select_related("latest_revision")[: self.limit]
        )
        return {
            "releases": [
                {
                    "page": release,
                    "title": display_title(release),
                    "missing": [LANGUAGE_LABELS[code] for code in missing_languages(release)],
                }
                for release in releases
            ],
            "listing_url": reverse(news_release_listing.get_url_name("index")),
        }


@hooks.register("construct_homepage_panels")
def add_awaiting_translation_panel(request, panels):
    panels.append(AwaitingTranslationPanel())


@hooks.register("register_admin_urls")
def register_workflow_preview_urls():
    return workflow_preview.urlpatterns()


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", two_factor.verify, name="editorial_two_factor_verify"),
        path("two-factor/setup/", two_factor.setup, name="editorial_two_factor_setup"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("editorial_two_factor_setup"),
        "label": _("Two-factor login"),
        "help_text": _("Link an authenticator app to your account."),
    }


@hooks.register("construct_homepage_panels")
def put_reviews_first(request, panels):
    """Whoever reviews sees "awaiting your review" before anything else on the dashboard. (The
    panel renders nothing for staff without a task to review.)"""
    first = min(panel.order for panel in panels) - 1
    for index, panel in enumerate(panels):
        if isinstance(panel, WorkflowObjectsToModeratePanel):
            # With one preview link per language the draft has (editorial.workflow_preview).
            panels[index] = workflow_preview.LanguageWorkflowObjectsToModeratePanel.replacing(panel)
            panels[index].order = first


account.install()
