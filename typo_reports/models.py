"""Reports readers send about errors in a page's text, and the log of the e-mail digests."""

import uuid

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

    # A repeat of a report in one of these is counted on it instead of adding a row; the
    # database enforces it (the "one open report per fragment" constraint below).
    OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)

    # What the API tells the reader instead of the row's number, which would reveal how many
    # reports exist.
    public_id = models.UUIDField(_("reference"), default=uuid.uuid4, editable=False, unique=True)

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
    # The first reader's kind and comment; every reader's, this one's included, are in readings.
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
    # The first reader's keyed hash (see TypoReading.client_hash).
    client_hash = models.CharField(_("sender (keyed hash)"), max_length=64, blank=True)
    editor_note = models.TextField(_("editor's note"), blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True, db_index=True)
    last_reported_at = models.DateTimeField(_("last reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("typo report")
        verbose_name_plural = _("typo reports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "language", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language", "fragment"],
                condition=models.Q(status__in=["new", "in_progress"]),
                name="typo_report_one_open_report_per_fragment",
            )
        ]

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


class TypoReading(models.Model):
    """One reader's report of a fragment: identical open reports share a TypoReport, and each
    reader's kind of error and comment is kept here."""

    report = models.ForeignKey(
        TypoReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="readings"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=TypoReport.Kind.choices, default=TypoReport.Kind.TYPO
    )
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    # HMAC of the reader's address under a key that changes every day: repeat senders can be told
    # apart within a day, no address can be recovered, and days cannot be linked.
    client_hash = models.CharField(_("sender (keyed hash)"), max_length=64, blank=True)
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        ordering = ["reported_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.comment[:60]}"


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
