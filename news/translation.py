"""Fields translated into kk / ru / en (columns ``<field>_<lang>``).

Fallback is switched off for the newsroom's own fields: a release without an English lead must
show no lead under /en/, never the Russian one. (Page's title and slug keep the project-wide
fallback that Wagtail's core needs; public templates read them only for languages a page has.)
"""

from modeltranslation.translator import TranslationOptions, register

from .models import HomePage, NewsIndexPage, NewsReleasePage, Topic

NO_FALLBACK = {"default": ()}


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "slug")
    fallback_languages = NO_FALLBACK


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("intro",)
    fallback_languages = NO_FALLBACK


@register(NewsIndexPage)
class NewsIndexPageTranslation(TranslationOptions):
    fields = ("intro",)
    fallback_languages = NO_FALLBACK


@register(NewsReleasePage)
class NewsReleasePageTranslation(TranslationOptions):
    fields = ("lead", "body", "hero_alt", "hero_caption", "hero_credit", "source")
    fallback_languages = NO_FALLBACK
