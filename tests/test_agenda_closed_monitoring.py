"""``pestcli agenda`` and its .ics keep the follow-ups of a closed case whose monitoring goes on."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from pestcli.cli import main
from pestcli.store import case_detail, close_case, fill_demo, list_cases, open_store

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(tmp_path):
    """The demo as of 2026-11-23 and its case with a follow-up today: (path, number, follow-up id)."""
    path = tmp_path / "pestcli.db"
    store = open_store(path)
    fill_demo(store, today=TODAY)
    for case in list_cases(store):
        waiting = [f for f in case_detail(store, case.id).followups
                   if f.done_on is None and f.cancelled_on is None and f.due_on == TODAY]
        if case.status != "closed" and waiting:
            store.close()
            return path, case.id, case.number, waiting[0]
    raise AssertionError("the demo has no case with a follow-up today")


def close(path, case_id: int, **monitoring) -> None:
    """Close the case on TODAY through the store."""
    store = open_store(path)
    try:
        close_case(store, case_id, TODAY, "Het pesten is gestopt", **monitoring)
    finally:
        store.close()


def agenda_text(path, capsys, monkeypatch) -> str:
    """What ``pestcli agenda`` prints for the week of TODAY."""
    monkeypatch.setenv("COLUMNS", "160")
    assert main(["agenda", "--db", str(path), "--date", TODAY.isoformat(), "--today", TODAY.isoformat()]) == 0
    return capsys.readouterr().out


def ics_summaries(path, target) -> list[str]:
    """The summaries of the open (confirmed) events in ``pestcli agenda --ics``."""
    assert main(["agenda", "--db", str(path), "--today", TODAY.isoformat(), "--days", "30",
                 "--ics", str(target)]) == 0
    calendar = Calendar.from_ical(target.read_bytes())
    return [str(e["SUMMARY"]) for e in calendar.walk("VEVENT") if str(e.get("STATUS", "CONFIRMED")) == "CONFIRMED"]


def test_the_follow_up_of_a_closed_case_with_monitoring_stays_in_the_agenda_and_the_ics(
        demo, tmp_path, capsys, monkeypatch):
    path, case_id, number, followup = demo
    close(path, case_id)
    lines = agenda_text(path, capsys, monkeypatch).splitlines()
    assert any(number in line and f"Vervolggesprek {followup.label}" in line for line in lines)
    assert f"pestcli {number}: Vervolggesprek {followup.label}" in ics_summaries(path, tmp_path / "a.ics")


def test_stopping_the_monitoring_takes_it_out_of_both(demo, tmp_path, capsys, monkeypatch):
    path, case_id, number, followup = demo
    close(path, case_id, monitoring_ends=True, monitoring_reason="Leerling is verhuisd")
    assert number not in agenda_text(path, capsys, monkeypatch)
    assert not any(number in summary for summary in ics_summaries(path, tmp_path / "b.ics"))
