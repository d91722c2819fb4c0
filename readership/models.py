from django.db import models
from django.utils.translation import gettext_lazy as _


class PageViews(models.Model):
    """The number of views of a page written so far. Nothing about the readers is stored; views
    not yet written wait in the cache (readership/counting.py)."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("page"),
    )
    count = models.PositiveBigIntegerField(_("views"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("page views")
        verbose_name_plural = _("page views")

    def __str__(self):
        return f"{self.page_id}: {self.count}"
