"""Delete typo reports older than TYPO_REPORTS_RETENTION_DAYS (run daily from cron)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from typo_reports.models import TypoReport


class Command(BaseCommand):
    help = "Delete typo reports older than the retention period (TYPO_REPORTS_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention in days (default: the TYPO_REPORTS_RETENTION_DAYS setting).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.TYPO_REPORTS_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _by_model = TypoReport.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} typo report(s) older than {days} days.")
