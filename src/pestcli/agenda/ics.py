"""The agenda as an iCalendar file (RFC 5545) for Outlook or Google Calendar.

Every row is an all-day VEVENT on its due date. Its UID is stable for the
item and unique to this database (kind, row id and the database's UUID:
``vervolg-22-3f2a…@pestcli``), so exporting again updates the events
instead of adding copies, and two schools' items never collide. SEQUENCE is
how often the item's date or state changed (a counter the database keeps),
so a calendar takes a moved item's new date. An item that changed in the
last weeks and is no longer open (done, cancelled, held, or its case
closed) is exported once more with ``STATUS:CANCELLED`` and a higher
SEQUENCE, so a calendar that imported it before drops or strikes it.

Pupils' names stay out of the file unless asked for: calendars get synced
to places a dossier must not go. No control characters reach the file. It
is written 0600, atomically.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from icalendar import Alarm, Calendar, Event

from pestcli.agenda.rows import AgendaRow

if TYPE_CHECKING:
    from pestcli.protocol.model import Protocol
    from pestcli.store.backend.engine import Store

PRODID = "-//pestcli//Agenda anti-pestprotocol//NL"
#: The reminder: 08:00 on the day (an all-day event starts at midnight).
ALARM_AFTER_START = timedelta(hours=8)
#: Items that changed this many days before the export (or before its start) are
#: exported again, so a calendar that imported them before is brought up to date.
RECENT_DAYS = 42
#: What the title of an item that is no longer open ends with.
NOT_OPEN = " (niet meer open)"


@dataclass(frozen=True)
class CalendarItem:
    """One event of the export: the agenda row, its version and whether it is still open.

    ``update`` marks an item outside the agenda of the period, exported
    again because it changed (moved elsewhere, or no longer open).
    """

    row: AgendaRow
    sequence: int = 0
    cancelled: bool = False
    update: bool = False


def event_uid(row: AgendaRow, database_id: str) -> str:
    """``vervolg-22-<database uuid>@pestcli``: stable for one item of one database."""
    return f"{row.kind}-{row.ref_id}-{database_id}@pestcli"


def clean(text: str) -> str:
    """``text`` without control characters (a newline and a tab stay); see ``pestcli.text.plain``."""
    from pestcli.text import plain

    return plain(text)


def calendar_items(store: Store, protocol: Protocol, start: date, end: date, today: date, *,
                   include_names: bool = False) -> list[CalendarItem]:
    """What an export from ``start`` to ``end`` holds: the agenda, then the updates.

    First the agenda's rows (open, with overdue ones), each with its
    version. Then, as updates for a calendar that imported an earlier
    export, the items not among them that changed since ``RECENT_DAYS``
    before the export (or its start): still open (moved out of the period)
    with their new date, or no longer open as cancelled. And a stap 6 that
    the agenda no longer shows because a parent contact is planned (the
    agenda shows that once) is cancelled too.
    """
    from pestcli.agenda.rows import agenda_rows, rows_of
    from pestcli.store.agenda import due_items, once_per_parent_contact
    from pestcli.store.calendar_sync import changed_items, item_changes

    rows = agenda_rows(store, protocol, start, end, today, include_names=include_names)
    versions = item_changes(store, [(r.kind, r.ref_id) for r in rows])
    items = [CalendarItem(r, versions[(r.kind, r.ref_id)]) for r in rows]
    since = min(start, today) - timedelta(days=RECENT_DAYS)
    every_open = due_items(store, today, date.max, include_overdue=True, today=today)
    still_open = {(i.kind, i.ref_id) for i in once_per_parent_contact(every_open)}
    updates = {(c.item.kind, c.item.ref_id): (c.item, c.changes) for c in changed_items(store, since, today)}
    hidden = {(i.kind, i.ref_id): i for i in every_open
              if (i.kind, i.ref_id) not in still_open and since <= i.due_on <= end}
    for key, version in item_changes(store, hidden).items():  # the planned contact made it a version up
        updates[key] = (hidden[key], version)
    for key in set(versions):
        updates.pop(key, None)
    if not updates:
        return items
    for row in rows_of(store, protocol, [item for item, _ in updates.values()], today,
                       include_names=include_names):
        key = (row.kind, row.ref_id)
        items.append(CalendarItem(row, updates[key][1], cancelled=key not in still_open, update=True))
    return items


def event_summary(row: AgendaRow, include_names: bool = False) -> str:
    """``pestcli 2026-0003: Vervolggesprek na een week`` (with the pupils when asked)."""
    text = f"pestcli {row.case_number}: {row.what}"
    return clean(f"{text} ({row.pupils})" if include_names and row.pupils else text)


def event_description(row: AgendaRow, include_names: bool = False) -> str:
    """The step and what is due; the pupils only when asked for."""
    has_step = row.step is None or "stap" in row.what.lower()
    lines = [row.what if has_step else f"Stap {row.step}: {row.what}", f"Melding {row.case_number}"]
    if include_names and row.pupils:
        lines.append(row.pupils)
    return clean("\n".join(lines))


def agenda_calendar(items: Sequence[CalendarItem | AgendaRow], database_id: str,
                    include_names: bool = False, stamp: datetime | None = None) -> Calendar:
    """An iCalendar with one all-day event per item; open ones with a reminder.

    A bare :class:`AgendaRow` counts as an open item at version 0.
    """
    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "pestcli")
    for item in items:
        item = item if isinstance(item, CalendarItem) else CalendarItem(item)
        calendar.add_component(_event(item, database_id, include_names, stamp))
    return calendar


def _event(item: CalendarItem, database_id: str, include_names: bool, stamp: datetime) -> Event:
    """The VEVENT of one item: CONFIRMED with a reminder, or CANCELLED without."""
    row = item.row
    summary = event_summary(row, include_names) + (NOT_OPEN if item.cancelled else "")
    event = Event()
    event.add("uid", event_uid(row, database_id))
    event.add("dtstamp", stamp)
    event.add("sequence", item.sequence)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("dtstart", row.due_on)
    event.add("dtend", row.due_on + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", event_description(row, include_names))
    event.add("transp", "TRANSPARENT")
    if not item.cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", ALARM_AFTER_START)
        event.add_component(alarm)
    return event


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by the owner only (0600), replacing it atomically.

    A path that is no regular file (``/dev/null``, ``/dev/stdout``, a pipe)
    is written into, never replaced: renaming onto it would, for root,
    put a plain file in the place of the device.
    """
    path = Path(path)
    if path.exists() and not path.is_file() and not path.is_dir():
        with open(path, "wb") as handle:
            handle.write(data)
        return
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


def write_ics(path: Path, items: Sequence[CalendarItem | AgendaRow], database_id: str,
              include_names: bool = False) -> int:
    """Write the events to ``path`` (0600); returns how many."""
    write_private(Path(path), agenda_calendar(items, database_id, include_names).to_ical())
    return len(items)
