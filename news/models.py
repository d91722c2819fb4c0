"""Pages and topics of the newsroom. Translated fields are declared in news/translation.py."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from .blocks import ReleaseBodyBlock
from .languages import active_language, has_language, in_language_q, is_filled, value_in
from .pages import LanguageAwarePage

HERO_ALT_MESSAGE = _(
    "Describe the main image for readers who cannot see it, in each language of the release."
)


class Topic(models.Model):
    """A subject releases are filed under (children's rights, prevention of torture, ...)."""

    name = models.CharField(_("name"), max_length=120, blank=True)
    slug = models.SlugField(_("address (slug)"), max_length=120, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["pk"]

    def __str__(self):
        return self.name or self.slug or f"#{self.pk}"


class HomePage(LanguageAwarePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*LanguageAwarePage.content_panels, FieldPanel("intro")]
    subpage_types = ["news.NewsIndexPage", "office.StandardPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    latest_count = 6

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_releases"] = NewsReleasePage.objects.in_language_listing(
            active_language()
        ).descendant_of(self)[: self.latest_count]
        context["news_index"] = (
            NewsIndexPage.objects.live().child_of(self).filter(in_language_q(active_language()))
        ).first()
        return context


class NewsIndexPage(LanguageAwarePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*LanguageAwarePage.content_panels, FieldPanel("intro")]
    subpage_types = ["news.NewsReleasePage"]
    parent_page_types = ["news.HomePage"]

    class Meta:
        verbose_name = _("news index")

    def releases(self, language: str):
        return NewsReleasePage.objects.in_language_listing(language).child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["releases"] = paginate(
            self.releases(active_language()), request, settings.NEWS_RELEASES_PER_PAGE
        )
        return context


def paginate(queryset, request, per_page):
    """One page of results; a missing or empty ?page= is the first page, anything that is not
    a page number of this list is a 404 (never a 500)."""
    number = request.GET.get("page") or 1
    try:
        return Paginator(queryset, per_page).page(number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(_("There is no such page of results.")) from error


class NewsReleasePageManager(PageManager):
    def in_language_listing(self, language: str):
        """Live releases that exist in ``language``, newest first, ready for a listing."""
        return (
            self.get_queryset()
            .live()
            .filter(in_language_q(language))
            .order_by("-date", "-pk")
            .select_related("hero_image")
            .prefetch_related("topics")
        )


class NewsReleasePage(LanguageAwarePage):
    # A release exists in a language only with both its title and its body there.
    language_defining_fields = ("title", "body")

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

    content_panels = [
        *LanguageAwarePage.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_credit"),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        FieldPanel("source"),
        FieldPanel("topics"),
        InlinePanel("related_releases", label=_("Related releases")),
    ]
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

    def errors_in_languages(self, languages):
        if not self.hero_image_id:
            return {}
        return {
            f"hero_alt_{code}": HERO_ALT_MESSAGE
            for code in languages
            if not is_filled(value_in(self, "hero_alt", code))
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = active_language()
        context["topics"] = self.topics.filter(**{f"name_{language}__gt": ""})
        context["related"] = [
            link.release
            for link in self.related_releases.select_related("release")
            if link.release.live and has_language(link.release, language)
        ]
        return context


class RelatedRelease(Orderable):
    page = ParentalKey(NewsReleasePage, on_delete=models.CASCADE, related_name="related_releases")
    release = models.ForeignKey(
        NewsReleasePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("release")
    )

    panels = [PageChooserPanel("release")]

    class Meta(Orderable.Meta):
        verbose_name = _("related release")
