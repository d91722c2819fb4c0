"""When a page is published again, flag its open reports whose fragment is gone: the editors
probably fixed them (they still confirm by setting the status)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from news.page_text import normalise, page_text

from .models import TypoReport


@receiver(page_published)
def flag_possibly_fixed_reports(sender, instance, **kwargs):
    reports = TypoReport.objects.filter(page_id=instance.pk, status__in=TypoReport.OPEN_STATUSES)
    texts: dict[str, str] = {}
    for report in reports:
        if report.language not in texts:
            texts[report.language] = page_text(instance, report.language)
        gone = normalise(report.fragment) not in texts[report.language]
        if gone != report.possibly_fixed:
            report.possibly_fixed = gone
            report.save(update_fields=["possibly_fixed"])
