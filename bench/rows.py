"""Buffered bulk inserts for the benchmark database: explicit ids, ``executemany``.

The columns are named per table, so the store's defaults and constraints
still apply; dates and times are written the way SQLAlchemy stores them in
SQLite, so the real store reads them back as ``date`` and ``datetime``.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date

#: Columns written per table (``id`` first where the table has one).
COLUMNS = {
    "people": "id first_name last_name kind class_name pupil_number created_at",
    "cases": "id number year seq status reported_on reporter_kind reporter_person_id reporter_name reporter_relation "
             "class_name location online parents_informed_after informing_reason "
             "description mentor protocol_name protocol_version closed_on closed_reason created_at updated_at",
    "case_forms": "case_id form_id",
    "case_roles": "id case_id person_id role note",
    "step_progress": "id case_id step due_on done_on done_by",
    "conversations": "id case_id guide_id step started_at ended_at held_by notes",
    "conversation_participants": "id conversation_id person_id role",
    "conversation_items": "id conversation_id item_id state note updated_at",
    "agreements": "id case_id conversation_id person_id text agreed_on created_at",
    "followups": "id case_id seq label due_on done_on cancelled_on outcome note done_by",
    "agreement_checks": "id agreement_id followup_id checked_on status note",
    "evidence": "id case_id kind occurred_at platform url username description recorded_at recorded_by",
    "parent_contacts": "id case_id pupil_id planned_on held_on how summary held_by",
    "escalations": "id case_id to_rung sanction_phase reason escalated_on escalated_by",
    "audit_events": "id at os_user table_name row_id action summary case_id",
}
FLUSH_EVERY = 20_000


def stamp(day: date, hour: int = 9, minute: int = 0) -> str:
    """A naive local time as SQLAlchemy stores it in SQLite."""
    return f"{day.isoformat()} {hour:02d}:{minute:02d}:00.000000"


def iso(day: date | None) -> str | None:
    """A date as SQLAlchemy stores it in SQLite (or None)."""
    return day.isoformat() if day else None


class Rows:
    """Buffered inserts with explicit ids, flushed with ``executemany``."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.buffers: dict[str, list[tuple]] = defaultdict(list)
        self.next_id: dict[str, int] = defaultdict(lambda: 1)
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, table: str, *values: object) -> int:
        """Queue one row (without its id for tables that have one); return its id."""
        row_id = self.next_id[table]
        has_id = COLUMNS[table].startswith("id ")
        self.buffers[table].append((row_id, *values) if has_id else values)
        self.next_id[table] += 1
        self.counts[table] += 1
        if len(self.buffers[table]) >= FLUSH_EVERY:
            self.flush(table)
        return row_id

    def audit(self, at: str, table: str, row_id: int | None, action: str, summary: str,
              case_id: int | None) -> None:
        """An audit event as the store's write functions record it."""
        self.add("audit_events", at, "mentor", table, row_id, action, summary, case_id)

    def flush(self, table: str | None = None) -> None:
        """Write the queued rows of one table (or of all)."""
        for name in [table] if table else list(self.buffers):
            columns = COLUMNS[name].split()
            sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            self.con.executemany(sql, self.buffers.pop(name, []))
