"""``pestcli agenda --ics`` again after changes: a real calendar client brings its copy up to date.

The first export is imported into khal (a standards-based calendar that keeps
events in a local vdir), items are moved and finished in pestcli, and the
second export is imported on top: khal shows each moved item once, on its
new date, and the finished ones only as cancelled. Besides: UIDs differ per
database, SEQUENCE only grows, no control character reaches the file, and
the export imports no ORM.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from pestcli.agenda.ics import CalendarItem, agenda_calendar
from pestcli.agenda.rows import AgendaRow
from pestcli.cli import main
from pestcli.store import fill_demo, open_store
from pestcli.store.calendar_sync import database_id
from pestcli.store.followups import complete_followup, reschedule_followup
from pestcli.store.parent_contacts import plan_parent_contact, record_parent_contact
from pestcli.store.steps import mark_step_done

TODAY = date(2026, 11, 23)
#: khal, installed with the [test] extra next to this Python.
KHAL = Path(sys.executable).with_name("khal")

KHAL_CONFIG = """\
[calendars]
[[pestcli]]
path = {vdir}
type = calendar
[sqlite]
path = {cache}
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = Europe/Amsterdam
local_timezone = Europe/Amsterdam
[default]
default_calendar = pestcli
"""


@pytest.fixture
def demo_db(demo_template, tmp_path):
    """A copy of the shared demo database (23 November 2026) for one test."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_template, folder)
    return folder / "pestcli.db"


def export(db, target: Path) -> Calendar:
    """``pestcli agenda --ics`` for 30 days from 2026-11-23, parsed back."""
    assert main(["agenda", "--db", str(db), "--today", TODAY.isoformat(), "--days", "30",
                 "--ics", str(target)]) == 0
    return Calendar.from_ical(target.read_bytes())


class Khal:
    """khal with its own configuration, calendar directory and cache in ``root``."""

    def __init__(self, root: Path) -> None:
        assert KHAL.exists(), "khal ontbreekt: installeer de [test]-extra (pip install -e '.[test]')"
        (root / "vdir").mkdir(parents=True)
        self.config = root / "khal.conf"
        self.config.write_text(KHAL_CONFIG.format(vdir=root / "vdir", cache=root / "khal.db"))

    def run(self, *args: str) -> str:
        """Run one khal command; its output."""
        result = subprocess.run([str(KHAL), "-c", str(self.config), *args], capture_output=True,
                                text=True, timeout=120, stdin=subprocess.DEVNULL)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def import_file(self, path: Path) -> None:
        """``khal import --batch``: no questions, events with a known UID are replaced."""
        self.run("import", "--batch", "-a", "pestcli", str(path))

    def events(self) -> list[tuple[str, str, str]]:
        """(date, status, uid) of every event khal lists from 2000 to 2039."""
        out = self.run("list", "-df", "", "--format", "{start-date}|{status}|{uid}",
                       "2000-01-01", "2039-12-31")
        return [tuple(part.strip() for part in line.split("|")) for line in out.splitlines() if line.strip()]


def by_uid(calendar: Calendar) -> dict[str, object]:
    """The events of an export by UID."""
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@pytest.mark.slow
def test_a_calendar_that_imported_the_export_takes_moves_and_finished_items(demo_db, tmp_path):
    first = by_uid(export(demo_db, tmp_path / "eerste.ics"))
    khal = Khal(tmp_path / "khal")
    khal.import_file(tmp_path / "eerste.ics")
    assert len(khal.events()) == len(first)

    open_items = [(uid, e) for uid, e in first.items() if str(e["STATUS"]) == "CONFIRMED"]
    followups = [(uid, e) for uid, e in open_items if uid.startswith("vervolg-")]
    steps = [(uid, e) for uid, e in open_items if uid.startswith("stap-")]
    assert len(followups) >= 3 and steps
    (near, near_event), (far, far_event), (done, _) = followups[:3]
    step_uid = steps[0][0]
    ref = {uid: int(uid.split("-")[1]) for uid in (near, far, done, step_uid)}
    old_near, old_far = near_event.decoded("DTSTART"), far_event.decoded("DTSTART")
    with open_store(demo_db) as store:
        reschedule_followup(store, ref[near], old_near + timedelta(days=2), "ziek")  # within the period
        reschedule_followup(store, ref[far], date(2027, 3, 1), "stage")  # far beyond it
        complete_followup(store, ref[done], TODAY)
        with store.sql() as con:
            case_id, step = con.execute("SELECT case_id, step FROM step_progress WHERE id = ?",
                                        (ref[step_uid],)).fetchone()
        mark_step_done(store, case_id, step, TODAY)

    second = by_uid(export(demo_db, tmp_path / "tweede.ics"))
    for uid in (near, far, done, step_uid):
        assert int(second[uid]["SEQUENCE"]) > int(first[uid]["SEQUENCE"]), uid
    khal.import_file(tmp_path / "tweede.ics")
    listed = khal.events()
    dates = {uid: [(day, status) for day, status, u in listed if u == uid] for uid in (near, far, done, step_uid)}
    assert dates[near] == [((old_near + timedelta(days=2)).isoformat(), "CONFIRMED")]  # once, on the new day
    assert dates[far] == [("2027-03-01", "CONFIRMED")]  # moved out of the period, still updated
    assert [status for _, status in dates[done]] == ["CANCELLED"]
    assert [status for _, status in dates[step_uid]] == ["CANCELLED"]
    assert len(listed) == len({u for _, _, u in listed})  # no copies
    untouched = [uid for uid, _ in open_items if uid not in ref]
    assert untouched and all((first[uid].decoded("DTSTART").isoformat(), "CONFIRMED")
                             in [(d, s) for d, s, u in listed if u == uid] for uid in untouched)
    assert old_far.isoformat() not in {d for d, _, u in listed if u == far}


def test_two_databases_never_share_a_uid(demo_db, tmp_path):
    other = tmp_path / "andere-school.db"
    with open_store(other) as store:
        fill_demo(store, today=TODAY)
    ours = set(by_uid(export(demo_db, tmp_path / "a.ics")))
    theirs = set(by_uid(export(other, tmp_path / "b.ics")))
    assert len(ours) > 10 and len(theirs) > 10 and not ours & theirs
    with open_store(demo_db) as store:
        uuid = database_id(store)
    assert all(uid.endswith(f"-{uuid}@pestcli") for uid in ours)


def test_an_unchanged_export_has_the_same_versions(demo_db, tmp_path):
    first = by_uid(export(demo_db, tmp_path / "a.ics"))
    second = by_uid(export(demo_db, tmp_path / "b.ics"))
    assert {u: int(e["SEQUENCE"]) for u, e in first.items()} == {u: int(e["SEQUENCE"]) for u, e in second.items()}


def test_a_finished_item_is_cancelled_without_a_reminder_and_no_control_character_gets_in():
    row = AgendaRow("vervolg", date(2026, 12, 1), 3, "2026-0003", "2B", "Vervolggesprek\x1b[31m na\r een week",
                    "gepeste S.J.\x07", 17, 5, 0, "later")
    calendar = agenda_calendar([CalendarItem(row, 4, cancelled=True)], "0b5e", include_names=True)
    (event,) = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 4
    assert event.walk("VALARM") == []
    assert str(event["SUMMARY"]).endswith("(niet meer open)")
    data = calendar.to_ical()
    assert not [b for b in data if b < 0x20 and b not in (0x0D, 0x0A, 0x09)]
    assert b"\x1b" not in data and b"\x07" not in data and b"na een week" in data


@pytest.mark.slow
def test_the_calendar_export_imports_no_orm(demo_db, tmp_path):
    code = (
        "import contextlib, io, sys\n"
        "from pestcli.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    code = main(['agenda', '--db', {str(demo_db)!r}, '--today', {TODAY.isoformat()!r},"
        f" '--ics', {str(tmp_path / 'x.ics')!r}])\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'pestcli.store.models', 'textual') if m in sys.modules]\n"
        "print(code, heavy, 'geschreven naar' in out.getvalue())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["0", "[]", "True"], result.stderr


def test_a_stap_6_replaced_by_a_planned_parent_contact_is_cancelled_in_the_calendar(demo_db, tmp_path):
    first = by_uid(export(demo_db, tmp_path / "a.ics"))
    with open_store(demo_db) as store:
        with store.sql() as con:
            sixes = {row[0]: row[1] for row in con.execute("SELECT id, case_id FROM step_progress WHERE step = 6")}
        uid, ref = next((u, int(u.split("-")[1])) for u, e in first.items()
                        if u.startswith("stap-") and str(e["STATUS"]) == "CONFIRMED" and int(u.split("-")[1]) in sixes)
        contact = plan_parent_contact(store, sixes[ref], TODAY + timedelta(days=3))
    second = by_uid(export(demo_db, tmp_path / "b.ics"))
    assert str(second[uid]["STATUS"]) == "CANCELLED"
    assert int(second[uid]["SEQUENCE"]) == int(first[uid]["SEQUENCE"]) + 1
    planned = [e for u, e in second.items() if u.startswith("ouders-") and u not in first]
    assert [e.decoded("DTSTART") for e in planned] == [TODAY + timedelta(days=3)]
    with open_store(demo_db) as store:  # the contact is held: stap 6 is back (or done), a version up again
        record_parent_contact(store, sixes[ref], TODAY + timedelta(days=3), "telefoon", contact_id=contact.id)
    third = by_uid(export(demo_db, tmp_path / "c.ics"))
    assert int(third[uid]["SEQUENCE"]) > int(second[uid]["SEQUENCE"])
