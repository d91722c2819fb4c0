"""E-mail one digest of the typo reports received since the last digest (run from cron)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from typo_reports.models import DigestLog, TypoReport

# Whoever may triage reports (change their status) gets the digest: editorial/roles.py gives
# this permission to the Editors role; a superuser has every permission.
TRIAGE_PERMISSION = "change_typoreport"


def digest_recipients() -> list[str]:
    """Active users with an e-mail address who may triage typo reports."""
    triage = Permission.objects.get(
        content_type=ContentType.objects.get_for_model(TypoReport), codename=TRIAGE_PERMISSION
    )
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions=triage) | Q(user_permissions=triage))
        .exclude(email="")
        .distinct()
    )
    return sorted({user.email for user in users})


class Command(BaseCommand):
    help = "E-mail editors a digest of the typo reports received since the last digest."

    def handle(self, *args, **options):
        now = timezone.now()
        last = DigestLog.objects.order_by("-sent_at").first()
        reports = TypoReport.objects.filter(last_reported_at__lte=now).select_related("page")
        if last is not None:
            reports = reports.filter(last_reported_at__gt=last.sent_at)
        reports = list(reports.order_by("created_at"))
        recipients = digest_recipients()
        if not reports or not recipients:
            self.stdout.write("No new typo reports or no recipients; nothing sent.")
            return
        # The admin speaks Russian or English; the digest goes out in the admin's default.
        with translation.override(settings.ADMIN_DEFAULT_LANGUAGE):
            context = {
                "reports": reports,
                "since": last.sent_at if last else None,
                "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                + reverse("typo_reports:index"),
            }
            subject = render_to_string("typo_reports/digest_subject.txt", context).strip()
            body = render_to_string("typo_reports/digest_body.txt", context)
        send_mail(
            subject,
            body,
            settings.TYPO_REPORTS_FROM_EMAIL or None,
            recipients,
        )
        DigestLog.objects.create(
            sent_at=now, report_count=len(reports), recipient_count=len(recipients)
        )
        self.stdout.write(f"Sent a digest of {len(reports)} report(s) to {len(recipients)}.")
