"""Reports readers send about errors in a page's text, and the log of the e-mail digests."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from news.languages import value_in


class TypoReport(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        FIXED = "fixed", _("Fixed")
        NOT_AN_ERROR = "not_an_error", _("Not an error")
        SPAM = "spam", _("Spam")

    class Kind(models.TextChoices):
        TYPO = "typo", _("Typo")
        FACTUAL = "factual", _("Factual error")
        BROKEN_LINK = "broken_link", _("Broken link")
        TRANSLATION = "translation", _("Translation")
        OTHER = "other", _("Other")

    # A repeat of a report in one of these is counted on it instead of adding a row.
    OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="typo_reports",
    )
    # The revision that was live when the reader saw the error, to compare with the current text.
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("live revision when reported"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # Stored with its whitespace normalised, so that repeats compare equal.
    fragment = models.CharField(_("fragment"), max_length=300)
    context_before = models.CharField(_("text before"), max_length=200, blank=True)
    context_after = models.CharField(_("text after"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TYPO)
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    possibly_fixed = models.BooleanField(
        _("possibly fixed"),
        default=False,
        help_text=_("The page was published again and the fragment no longer occurs in it."),
    )
    repeat_count = models.PositiveIntegerField(_("times reported"), default=1)
    # HMAC of the reader's IP address with SECRET_KEY: tells repeat senders apart, reveals no IP.
    client_hash = models.CharField(_("sender (keyed hash)"), max_length=64, blank=True)
    editor_note = models.TextField(_("editor's note"), blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True, db_index=True)
    last_reported_at = models.DateTimeField(_("last reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("typo report")
        verbose_name_plural = _("typo reports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "language", "status"])]

    def __str__(self):
        fragment = self.fragment if len(self.fragment) <= 60 else self.fragment[:59] + "…"
        return f"«{fragment}»"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def page_title(self) -> str:
        """The page's title in the report's language (never another language's)."""
        return value_in(self.page.specific, "title", self.language) or str(self.page)

    page_title.short_description = _("page")

    def fragment_in_context(self):
        """The fragment between its context, marked by more than colour (bold and brackets)."""
        return format_html(
            '<span lang="{}">…{}<mark class="typo-fragment"><strong>[{}]</strong></mark>{}…</span>',
            self.language,
            self.context_before[-60:],
            self.fragment,
            self.context_after[:60],
        )

    fragment_in_context.short_description = _("fragment in context")

    def possibly_fixed_display(self) -> str:
        return str(_("possibly fixed")) if self.possibly_fixed and self.is_open else ""


class DigestLog(models.Model):
    """When a digest went out: the next one covers the reports since then."""

    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("typo report digest")
        verbose_name_plural = _("typo report digests")
        get_latest_by = "sent_at"

    def __str__(self):
        return f"{self.sent_at:%Y-%m-%d %H:%M}"
