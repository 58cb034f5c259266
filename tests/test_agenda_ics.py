"""``pestcli agenda --ics``: a file icalendar reads back, all-day events, no pupils' names unless asked.

Since issue 12 the UIDs carry the database's UUID and the export also holds
the items that changed lately (as updates); the agenda's own items are the
CONFIRMED events. ``test_agenda_ics_updates.py`` re-imports into khal.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from pestcli.agenda import agenda_rows
from pestcli.agenda.ics import agenda_calendar, event_uid
from pestcli.agenda.rows import AgendaRow
from pestcli.cli import main
from pestcli.store import fill_demo, open_store
from pestcli.store.calendar_sync import database_id
from pestcli.store.demo_data import PARENTS, PUPILS

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A database with the demo cases as of 2026-11-23."""
    path = tmp_path_factory.mktemp("ics") / "pestcli.db"
    store = open_store(path)
    fill_demo(store, today=TODAY)
    store.close()
    return path


def export(demo_db, target, *extra: str) -> Calendar:
    """Run ``pestcli agenda --ics TARGET`` and parse the file back with icalendar."""
    code = main(["agenda", "--db", str(demo_db), "--today", "2026-11-23", "--days", "30",
                 "--ics", str(target), *extra])
    assert code == 0
    return Calendar.from_ical(target.read_bytes())


def expected_rows(demo_db, protocol, include_names=False):
    """What the export should hold."""
    store = open_store(demo_db)
    try:
        return agenda_rows(store, protocol, TODAY, TODAY + timedelta(days=29), TODAY, include_names=include_names)
    finally:
        store.close()


def db_id(path) -> str:
    """The UUID of the database at ``path``."""
    store = open_store(path)
    try:
        return database_id(store)
    finally:
        store.close()


def confirmed(calendar: Calendar) -> list:
    """The open events: the agenda of the period (not the updates of changed items)."""
    return [e for e in calendar.walk("VEVENT") if str(e["STATUS"]) == "CONFIRMED"]


def demo_names() -> list[str]:
    """Every first and last name of the demo pupils and parents."""
    people = [(first, last) for first, last, _klas in PUPILS] + [(first, "") for first in PARENTS]
    assert len(people) > 10
    return [first for first, _ in people] + [last for _, last in people if last]


def test_the_export_parses_back_with_every_item_and_no_names(demo_db, protocol, tmp_path, capsys):
    target = tmp_path / "pestcli.ics"
    calendar = export(demo_db, target)
    rows = expected_rows(demo_db, protocol)
    events = calendar.walk("VEVENT")
    assert len(confirmed(calendar)) == len(rows) > 10
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)  # unique UIDs
    uuid = db_id(demo_db)
    for row in rows:
        event = by_uid[f"{row.kind}-{row.ref_id}-{uuid}@pestcli"]
        start = event.decoded("DTSTART")
        assert start == row.due_on and not hasattr(start, "hour")  # an all-day event
        assert event.decoded("DTEND") == row.due_on + timedelta(days=1)
        assert str(event["SUMMARY"]) == f"pestcli {row.case_number}: {row.what}"
        assert row.case_number in str(event["DESCRIPTION"])
    text = target.read_bytes().decode("utf-8")
    for name in demo_names():
        assert name not in text, name
    shown = " ".join(str(e[key]) for e in events for key in ("SUMMARY", "DESCRIPTION"))
    assert not re.search(r"\b\w\.\w\.", shown)  # not even initials
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert "zonder namen van leerlingen" in capsys.readouterr().out


def test_names_only_when_asked(demo_db, protocol, tmp_path):
    target = tmp_path / "met-namen.ics"
    calendar = export(demo_db, target, "--namen")
    rows = expected_rows(demo_db, protocol, include_names=True)
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    uuid = db_id(demo_db)
    for row in rows:
        assert row.pupils and row.pupils in summaries[f"{row.kind}-{row.ref_id}-{uuid}@pestcli"]
    assert "Habets" in target.read_bytes().decode("utf-8")


def test_exporting_again_keeps_the_uids_and_tightens_the_mode(demo_db, tmp_path):
    target = tmp_path / "pestcli.ics"
    target.write_text("oud")
    target.chmod(0o644)
    first = {str(e["UID"]) for e in export(demo_db, target).walk("VEVENT")}
    second = {str(e["UID"]) for e in export(demo_db, target).walk("VEVENT")}
    assert first == second
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["pestcli.ics"]  # no temporary file left


def test_an_unwritable_target_is_a_dutch_error(demo_db, tmp_path, capsys):
    code = main(["agenda", "--db", str(demo_db), "--ics", str(tmp_path / "geen-map" / "x.ics")])
    assert code == 1
    assert "kan" in capsys.readouterr().err and not (tmp_path / "geen-map").exists()


def test_an_empty_export_is_still_a_valid_calendar(tmp_path, capsys):
    path = tmp_path / "leeg.db"
    open_store(path).close()
    target = tmp_path / "leeg.ics"
    assert main(["agenda", "--db", str(path), "--ics", str(target)]) == 0
    assert Calendar.from_ical(target.read_bytes()).walk("VEVENT") == []
    assert "Niets op de agenda" in capsys.readouterr().out


def test_each_event_has_a_morning_reminder():
    row = AgendaRow("vervolg", date(2026, 12, 1), 3, "2026-0003", "2B", "Vervolggesprek na een week",
                    "gepeste S.J. · pester D.V.", 17, 5, 0, "later")
    (event,) = agenda_calendar([row], "0b5e").walk("VEVENT")
    assert event_uid(row, "0b5e") == "vervolg-17-0b5e@pestcli"
    assert str(event["DESCRIPTION"]) == "Stap 5: Vervolggesprek na een week\nMelding 2026-0003"
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(hours=8) and str(alarm["ACTION"]) == "DISPLAY"
    assert "S.J." not in agenda_calendar([row], "0b5e").to_ical().decode()
