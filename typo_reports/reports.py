"""Storing a valid report: a repeat of an open one is counted on it instead of adding a row."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import TypoReport


@dataclass
class Outcome:
    report: TypoReport
    duplicate_of: int | None


def store_report(cleaned: dict, page, client: str) -> Outcome:
    with transaction.atomic():
        existing = (
            TypoReport.objects.select_for_update()
            .filter(
                page=page,
                language=cleaned["language"],
                fragment=cleaned["fragment"],
                status__in=TypoReport.OPEN_STATUSES,
            )
            .order_by("pk")
            .first()
        )
        if existing is not None:
            TypoReport.objects.filter(pk=existing.pk).update(
                repeat_count=F("repeat_count") + 1, last_reported_at=timezone.now()
            )
            existing.refresh_from_db()
            return Outcome(existing, duplicate_of=existing.pk)
        report = TypoReport.objects.create(
            page=page,
            revision=page.live_revision,
            language=cleaned["language"],
            fragment=cleaned["fragment"],
            context_before=cleaned.get("context_before") or "",
            context_after=cleaned.get("context_after") or "",
            kind=cleaned["kind"],
            comment=cleaned.get("comment") or "",
            client_hash=client,
        )
    return Outcome(report, duplicate_of=None)
