"""The agenda as an iCalendar file (RFC 5545) for Outlook or Google Calendar.

Every row is an all-day VEVENT on its due date with a stable UID (kind and
row id), so exporting again updates the events instead of adding copies.
Pupils' names stay out of the file unless asked for: calendars get synced
to places a dossier must not go. The file is written 0600, atomically.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from pestcli.agenda.rows import AgendaRow

PRODID = "-//pestcli//Agenda anti-pestprotocol//NL"
#: The reminder: 08:00 on the day (an all-day event starts at midnight).
ALARM_AFTER_START = timedelta(hours=8)


def event_uid(row: AgendaRow) -> str:
    """``vervolg-22@pestcli``: stable for one step, follow-up or parent contact."""
    return f"{row.kind}-{row.ref_id}@pestcli"


def event_summary(row: AgendaRow, include_names: bool = False) -> str:
    """``pestcli 2026-0003: Vervolggesprek na een week`` (with the pupils when asked)."""
    text = f"pestcli {row.case_number}: {row.what}"
    return f"{text} ({row.pupils})" if include_names and row.pupils else text


def event_description(row: AgendaRow, include_names: bool = False) -> str:
    """The step and what is due; the pupils only when asked for."""
    has_step = row.step is None or "stap" in row.what.lower()
    lines = [row.what if has_step else f"Stap {row.step}: {row.what}", f"Melding {row.case_number}"]
    if include_names and row.pupils:
        lines.append(row.pupils)
    return "\n".join(lines)


def agenda_calendar(rows: Sequence[AgendaRow], include_names: bool = False,
                    stamp: datetime | None = None) -> Calendar:
    """An iCalendar with one all-day event (and a reminder) per row."""
    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "pestcli")
    for row in rows:
        event = Event()
        event.add("uid", event_uid(row))
        event.add("dtstamp", stamp)
        event.add("dtstart", row.due_on)
        event.add("dtend", row.due_on + timedelta(days=1))
        event.add("summary", event_summary(row, include_names))
        event.add("description", event_description(row, include_names))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event_summary(row, include_names))
        alarm.add("trigger", ALARM_AFTER_START)
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by the owner only (0600), replacing it atomically."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(prefix=".pestcli-", suffix=".ics", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_ics(path: Path, rows: Sequence[AgendaRow], include_names: bool = False) -> int:
    """Write the agenda to ``path`` (0600); returns the number of events."""
    write_private(Path(path), agenda_calendar(rows, include_names).to_ical())
    return len(rows)
