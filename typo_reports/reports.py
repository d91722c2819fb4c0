"""Storing a valid report: identical open reports are one row, and every reader is kept on it.

The database decides what "identical" means under concurrency: a partial unique constraint
(page, language, fragment) over open statuses.

On PostgreSQL one statement does it all (one round trip, atomic on its own): an INSERT ... ON
CONFLICT on that constraint's index either inserts the report or counts the repeat on the open
one, and the reader's reading is inserted from its RETURNING row. Elsewhere (SQLite in
development) insert-or-merge in Python: merge into the open report when there is one; otherwise
insert, and when a concurrent request inserted it first (IntegrityError), merge into that one.
"""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
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
        page_id=page.pk,
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
            page_id=page.pk,
            revision_id=page.live_revision_id,
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


def _columns(model, names):
    return [model._meta.get_field(name).column for name in names]


def _upsert_sql() -> str:
    report, reading = TypoReport._meta, TypoReading._meta
    for model, names in ((TypoReport, REPORT_FIELDS), (TypoReading, READING_FIELDS)):
        stored = {f.name for f in model._meta.concrete_fields if not f.primary_key}
        if stored != set(names):  # a field added to the model must be written here too
            raise RuntimeError(f"{model.__name__}: the upsert writes {names}, not {stored}")
    constraint = next(
        c for c in report.constraints if c.name == "typo_report_one_open_report_per_fragment"
    )
    columns = _columns(TypoReport, REPORT_FIELDS)
    conflict = ", ".join(_columns(TypoReport, constraint.fields))
    public_id, status, repeats, last = _columns(
        TypoReport, ["public_id", "status", "repeat_count", "last_reported_at"]
    )
    open_statuses = ", ".join(f"'{value}'" for value in TypoReport.OPEN_STATUSES)
    reading_columns = ", ".join(_columns(TypoReading, READING_FIELDS))
    # Identifiers from the models' _meta and the status constants only; values go as parameters.
    return (
        f'WITH report AS (INSERT INTO "{report.db_table}" ({", ".join(columns)}) '  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({conflict}) WHERE {status} IN ({open_statuses}) "
        f'DO UPDATE SET {repeats} = "{report.db_table}".{repeats} + 1, '
        f"{last} = EXCLUDED.{last} "
        f"RETURNING {report.pk.column}, {public_id}, {status}, {repeats}), "
        f'reading AS (INSERT INTO "{reading.db_table}" ({reading_columns}) '
        f"SELECT {report.pk.column}, %s, %s, %s, %s FROM report) "
        f"SELECT {report.pk.column}, {public_id}, {status}, {repeats} FROM report"
    )


REPORT_FIELDS = [
    "public_id",
    "page",
    "revision",
    "language",
    "fragment",
    "context_before",
    "context_after",
    "kind",
    "comment",
    "status",
    "possibly_fixed",
    "repeat_count",
    "client_hash",
    "editor_note",
    "created_at",
    "last_reported_at",
]
READING_FIELDS = ["report", "kind", "comment", "client_hash", "reported_at"]
_upsert: list[str] = []


def _store_on_postgresql(cleaned: dict, page, client: str) -> Outcome:
    if not _upsert:
        _upsert.append(_upsert_sql())
    now = timezone.now()
    comment = cleaned.get("comment") or ""
    values = [
        uuid.uuid4(),
        page.pk,
        page.live_revision_id,
        cleaned["language"],
        cleaned["fragment"],
        cleaned.get("context_before") or "",
        cleaned.get("context_after") or "",
        cleaned["kind"],
        comment,
        TypoReport.Status.NEW,
        False,
        1,
        client,
        "",
        now,
        now,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_upsert[0], [*values, cleaned["kind"], comment, client, now])
        pk, public_id, status, repeat_count = cursor.fetchone()
    report = TypoReport(pk=pk, public_id=public_id, status=status, repeat_count=repeat_count)
    return Outcome(report, duplicate_of=report if repeat_count > 1 else None)


def store_report(cleaned: dict, page, client: str) -> Outcome:
    if connection.vendor == "postgresql":
        return _store_on_postgresql(cleaned, page, client)
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
