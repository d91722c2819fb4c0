from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .languages import complete_fields
from .models import HomePage, NewsIndexPage, NewsReleasePage, Topic
from .transliteration import LETTERS, SLUG_PATTERNS, SLUG_TARGET_LENGTH

LANGUAGE_STATE_LABELS = {
    "complete": _("complete"),
    "partial": _("partly filled"),
    "empty": _("empty"),
}


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "slug_kk", "slug_ru", "slug_en"]


register_snippet(TopicViewSet)


def language_tabs_config() -> dict:
    """What static/news/js/language_tabs.js needs, from the one home of each rule."""
    fields = []
    for model in (HomePage, NewsIndexPage, NewsReleasePage, Topic):
        fields += [field for field in complete_fields(model) if field not in fields]
    return {
        "letters": LETTERS,
        "patterns": SLUG_PATTERNS,
        "maxLength": SLUG_TARGET_LENGTH,
        # A slug is made from the title on save, so it does not decide the state.
        "completeFields": [field for field in fields if field != "slug"],
        "states": {state: str(label) for state, label in LANGUAGE_STATE_LABELS.items()},
    }


@hooks.register("insert_editor_js")
def language_tabs_js():
    return format_html(
        '{}<script src="{}" defer></script><script src="{}" defer></script>',
        json_script(language_tabs_config(), "news-language-config"),
        static("news/js/language_tabs.js"),
        static("news/js/autosave_guard.js"),
    )


@hooks.register("insert_global_admin_css")
def language_tabs_css():
    return format_html('<link rel="stylesheet" href="{}">', static("news/css/admin.css"))
