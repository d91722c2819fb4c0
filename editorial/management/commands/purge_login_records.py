"""Delete django-axes records (which hold staff sign-in addresses) older than the retention.

Run daily (docs/deploy.md has the systemd timer). Uses axes' own reset facilities for its
access and failure logs; axes has none by age for failed-attempt counters, so those older than
the retention (and past any lock-out) are deleted here.
"""

from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "Delete login-limiting records older than LOGIN_RECORDS_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.LOGIN_RECORDS_RETENTION_DAYS,
            help="Keep records of the last DAYS days (default: LOGIN_RECORDS_RETENTION_DAYS).",
        )

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        logs = AxesProxyHandler.reset_logs(age_days=days)
        failure_logs = AxesProxyHandler.reset_failure_logs(age_days=days)
        # A lock lasts AXES_COOLOFF_TIME hours; never cut one short by deleting its counter.
        cutoff = timezone.now() - max(
            timedelta(days=days), timedelta(hours=float(settings.AXES_COOLOFF_TIME))
        )
        attempts, _by_model = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()
        self.stdout.write(
            f"Deleted {logs} sign-in log(s), {failure_logs} failure log(s) and "
            f"{attempts} failed-attempt record(s) older than {days} day(s)."
        )
