import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

OPEN = ["new", "in_progress"]


def fill_public_ids(apps, schema_editor):
    TypoReport = apps.get_model("typo_reports", "TypoReport")
    for report in TypoReport.objects.filter(public_id__isnull=True).only("pk"):
        TypoReport.objects.filter(pk=report.pk).update(public_id=uuid.uuid4())


def readings_from_reports(apps, schema_editor):
    """Each existing report becomes its first reading; identical open reports (which the old
    check in Python let through under concurrency) are merged into the oldest one."""
    TypoReport = apps.get_model("typo_reports", "TypoReport")
    TypoReading = apps.get_model("typo_reports", "TypoReading")
    for report in TypoReport.objects.order_by("pk").iterator():
        TypoReading.objects.create(
            report_id=report.pk,
            kind=report.kind,
            comment=report.comment,
            client_hash=report.client_hash,
            reported_at=report.created_at,
        )
    keep: dict[tuple, object] = {}
    for report in TypoReport.objects.filter(status__in=OPEN).order_by("pk"):
        key = (report.page_id, report.language, report.fragment)
        first = keep.get(key)
        if first is None:
            keep[key] = report
            continue
        TypoReading.objects.filter(report_id=report.pk).update(report_id=first.pk)
        first.repeat_count += report.repeat_count
        first.last_reported_at = max(first.last_reported_at, report.last_reported_at)
        first.save(update_fields=["repeat_count", "last_reported_at"])
        report.delete()


class Migration(migrations.Migration):
    # Data steps and ALTER TABLE on the same rows: on PostgreSQL one transaction would fail with
    # "pending trigger events"; each step commits on its own instead.
    atomic = False

    dependencies = [
        ("typo_reports", "0002_editors_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="typoreport",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="reference"),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="typoreport",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="reference"
            ),
        ),
        migrations.CreateModel(
            name="TypoReading",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("typo", "Typo"), ("factual", "Factual error"), ("broken_link", "Broken link"), ("translation", "Translation"), ("other", "Other")], default="typo", max_length=20, verbose_name="kind")),
                ("comment", models.TextField(blank=True, max_length=1000, verbose_name="comment")),
                ("client_hash", models.CharField(blank=True, max_length=64, verbose_name="sender (keyed hash)")),
                ("reported_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="reported at")),
                ("report", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="readings", to="typo_reports.typoreport", verbose_name="report")),
            ],
            options={
                "verbose_name": "reading",
                "verbose_name_plural": "readings",
                "ordering": ["reported_at", "pk"],
            },
        ),
        migrations.RunPython(readings_from_reports, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="typoreport",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["new", "in_progress"])),
                fields=("page", "language", "fragment"),
                name="typo_report_one_open_report_per_fragment",
            ),
        ),
    ]
