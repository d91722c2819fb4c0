"""Pages and topics of the newsroom. Translated fields are declared in news/translation.py."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from .blocks import ReleaseBodyBlock
from .cards import release_cards
from .languages import (
    LANGUAGE_CODES,
    active_language,
    has_language,
    in_language_q,
    is_filled,
    value_in,
)
from .listing import ListingRows
from .pages import LanguageAwarePage, any_view_restriction
from .pagination import paginate
from .panels import language_edit_handler, topic_edit_handler
from .transliteration import slug_from_title

HERO_ALT_MESSAGE = _(
    "Describe the main image for readers who cannot see it, in each language of the release."
)


TOPIC_NO_LANGUAGE_MESSAGE = _("Name the topic in at least one language.")
TOPIC_SLUG_WITHOUT_NAME_MESSAGE = _(
    "This address has no name in this language: name the topic here too, or empty the address."
)
TOPIC_SLUG_UNUSABLE_MESSAGE = _(
    "No address can be made from this name: enter one in Latin letters, digits and hyphens."
)
TOPIC_SLUG_TAKEN_MESSAGE = _("Another topic already has the address “%(slug)s” in this language.")


class Topic(models.Model):
    """A subject releases are filed under (children's rights, prevention of torture, ...).

    It exists in a language with its name and its slug there (news.languages); a name saved
    without a slug gets one from the name (news.transliteration)."""

    language_defining_fields = ("name", "slug")
    language_query_fields = ("name", "slug")

    name = models.CharField(_("name"), max_length=120, blank=True)
    slug = models.SlugField(_("address (slug)"), max_length=120, blank=True)

    edit_handler = topic_edit_handler()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["pk"]

    def __str__(self):
        names = [value_in(self, "name", code) for code in (active_language(), *LANGUAGE_CODES)]
        return next((name for name in names if name), None) or f"#{self.pk}"

    def clean(self):
        super().clean()
        errors = {}
        for code in LANGUAGE_CODES:
            name_field, slug_field = f"name_{code}", f"slug_{code}"
            name, slug = value_in(self, "name", code), value_in(self, "slug", code)
            if is_filled(name) and not is_filled(slug):
                slug = slug_from_title(name)
                if not slug:
                    errors[slug_field] = TOPIC_SLUG_UNUSABLE_MESSAGE
                    continue
                setattr(self, slug_field, slug)
            elif is_filled(slug) and not is_filled(name):
                errors[slug_field] = TOPIC_SLUG_WITHOUT_NAME_MESSAGE
                continue
            if slug and Topic.objects.filter(**{slug_field: slug}).exclude(pk=self.pk).exists():
                errors[slug_field] = TOPIC_SLUG_TAKEN_MESSAGE % {"slug": slug}
            setattr(self, name_field, (name or "").strip())
        if not errors and not any(has_language(self, code) for code in LANGUAGE_CODES):
            errors = {f"name_{code}": TOPIC_NO_LANGUAGE_MESSAGE for code in LANGUAGE_CODES}
        if errors:
            raise ValidationError(errors)


class HomePage(LanguageAwarePage):
    intro = models.TextField(_("introduction"), blank=True)

    edit_handler = language_edit_handler(["intro"])
    subpage_types = ["news.NewsIndexPage", "office.StandardPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    latest_count = 6

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = active_language()
        context["latest_releases"] = release_cards(
            NewsReleasePage.objects.in_language_listing(language).descendant_of(self)[
                : self.latest_count
            ],
            language,
        )
        context["news_index"] = (
            NewsIndexPage.objects.live().child_of(self).filter(in_language_q(active_language()))
        ).first()
        return context


class NewsIndexPage(LanguageAwarePage):
    intro = models.TextField(_("introduction"), blank=True)

    edit_handler = language_edit_handler(["intro"])
    subpage_types = ["news.NewsReleasePage"]
    parent_page_types = ["news.HomePage"]

    class Meta:
        verbose_name = _("news index")

    def releases(self, language: str):
        return NewsReleasePage.objects.in_language_listing(language).child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = active_language()
        rows = ListingRows(
            self.releases(language), language, count_key=f"release-count:{language}:{self.pk}"
        )
        context["releases"] = paginate(rows, request, settings.NEWS_RELEASES_PER_PAGE)
        return context


class NewsReleasePageManager(PageManager):
    def in_language_listing(self, language: str, with_body: bool = False):
        """Live releases that exist in ``language``, newest first, ready for a listing.

        The bodies (large JSON) are left out unless asked for, and then only ``language``'s;
        the order (date, then the release's own key) is the index ``release_listing_order``,
        so a page of the list reads only the rows it shows. Topics are not prefetched: the
        cards do not show them (the feeds, which do, prefetch them)."""
        bodies = [f"body_{code}" for code in LANGUAGE_CODES if not (with_body and code == language)]
        releases = self.get_queryset().rewrite(False).live().filter(in_language_q(language))
        if any_view_restriction():
            # Wagtail's page privacy: a release in a private section is listed nowhere public
            # (lists, topics, feeds, search, asides), as the sitemap leaves it out; its own page
            # asks for the password. While no page is private this costs nothing.
            releases = releases.public()
        # Django's own defer: modeltranslation's would add every language's column of "body".
        return (
            models.QuerySet.defer(releases, "body", *bodies)
            .order_by("-date", "-page_ptr_id")
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
        )


class NewsReleasePage(LanguageAwarePage):
    # A release exists in a language only with both its title and its body there; for staff
    # the language is complete with its lead as well (listings and feeds show it).
    language_defining_fields = ("title", "body")
    language_complete_fields = ("lead",)

    date = models.DateField(_("publication date"), default=timezone.localdate, db_index=True)
    lead = models.TextField(
        _("lead"), blank=True, help_text=_("One or two sentences shown in listings and feeds.")
    )
    body = StreamField(ReleaseBodyBlock(), blank=True, verbose_name=_("body"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(_("main image: alternative text"), max_length=255, blank=True)
    hero_caption = models.CharField(_("main image: caption"), max_length=500, blank=True)
    hero_credit = models.CharField(_("main image: credit"), max_length=255, blank=True)
    source = models.CharField(
        _("source line"),
        max_length=255,
        blank=True,
        help_text=_("For example: Kazinform, citing the Embassy of Kazakhstan in Belgium."),
    )
    topics = ParentalManyToManyField(Topic, blank=True, verbose_name=_("topics"))

    edit_handler = language_edit_handler(
        ["lead", "body", "hero_alt", "hero_caption", "hero_credit", "source"],
        shared=[
            FieldPanel("date"),
            FieldPanel("hero_image"),
            FieldPanel("topics"),
            InlinePanel("related_releases", label=_("Related releases")),
        ],
    )
    search_fields = [
        *LanguageAwarePage.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["news.NewsIndexPage"]

    objects = NewsReleasePageManager()

    class Meta:
        verbose_name = _("news release")
        verbose_name_plural = _("news releases")
        indexes = [
            models.Index(fields=["-date", "-page_ptr"], name="release_listing_order"),
        ]

    def errors_in_languages(self, languages):
        if not self.hero_image_id:
            return {}
        return {
            f"hero_alt_{code}": HERO_ALT_MESSAGE
            for code in languages
            if not is_filled(value_in(self, "hero_alt", code))
        }


class RelatedRelease(Orderable):
    page = ParentalKey(NewsReleasePage, on_delete=models.CASCADE, related_name="related_releases")
    release = models.ForeignKey(
        NewsReleasePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("release")
    )

    panels = [PageChooserPanel("release")]

    class Meta(Orderable.Meta):
        verbose_name = _("related release")
