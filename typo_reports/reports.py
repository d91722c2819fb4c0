"""Storing a valid report: identical open reports are one row, and every reader is kept on it.

The database decides what "identical" means under concurrency: a partial unique constraint
(page, language, fragment) over open statuses. Insert-or-merge: merge into the open report when
there is one; otherwise insert, and when a concurrent request inserted it first (IntegrityError),
merge into that one.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import TypoReading, TypoReport

# A report may be closed (merge finds nothing) and reopened (insert clashes) between attempts;
# a few rounds are more than enough in practice.
MAX_ATTEMPTS = 5


@dataclass
class Outcome:
    report: TypoReport
    duplicate_of: TypoReport | None


def open_duplicate(page, cleaned: dict):
    return TypoReport.objects.filter(
        page=page,
        language=cleaned["language"],
        fragment=cleaned["fragment"],
        status__in=TypoReport.OPEN_STATUSES,
    )


def _reading(report, cleaned: dict, client: str) -> TypoReading:
    return TypoReading.objects.create(
        report=report,
        kind=cleaned["kind"],
        comment=cleaned.get("comment") or "",
        client_hash=client,
    )


def _merge(page, cleaned: dict, client: str) -> Outcome | None:
    with transaction.atomic():
        existing = open_duplicate(page, cleaned).select_for_update().first()
        if existing is None:
            return None
        TypoReport.objects.filter(pk=existing.pk).update(
            repeat_count=F("repeat_count") + 1, last_reported_at=timezone.now()
        )
        _reading(existing, cleaned, client)
    existing.refresh_from_db()
    return Outcome(existing, duplicate_of=existing)


def _insert(page, cleaned: dict, client: str) -> Outcome:
    with transaction.atomic():
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
        _reading(report, cleaned, client)
    return Outcome(report, duplicate_of=None)


def store_report(cleaned: dict, page, client: str) -> Outcome:
    for _attempt in range(MAX_ATTEMPTS):
        outcome = _merge(page, cleaned, client)
        if outcome is not None:
            return outcome
        try:
            return _insert(page, cleaned, client)
        except IntegrityError:
            continue  # another request inserted it first: merge into theirs
    raise RuntimeError("typo report neither inserted nor merged")  # pragma: no cover


def would_duplicate(page, cleaned: dict) -> TypoReport | None:
    """What store_report would merge into, without storing (the honeypot's answer)."""
    return open_duplicate(page, cleaned).order_by("pk").first()
