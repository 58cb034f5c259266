"""The summary of a closed case says whether the monitoring of stap 5 goes on, and why it stopped."""

from __future__ import annotations

from datetime import date

from pestcli.report.build import load_summary
from pestcli.store import case_detail, close_case, fill_demo, list_cases, open_store

TODAY = date(2026, 11, 23)


def followed(store) -> int:
    """The demo case with a follow-up due today."""
    for case in list_cases(store):
        if case.status != "closed" and any(f.due_on == TODAY and f.done_on is None and f.cancelled_on is None
                                           for f in case_detail(store, case.id).followups):
            return case.id
    raise AssertionError("no demo case with a follow-up today")


def test_closed_with_the_monitoring_going_on(tmp_path, protocol):
    with open_store(tmp_path / "p.db", daily_backup=False) as store:
        fill_demo(store, today=TODAY)
        case_id = followed(store)
        close_case(store, case_id, TODAY, "Het pesten is gestopt")
        summary = load_summary(store, protocol, case_id, TODAY)
    assert summary.next_steps[:3] == [
        "De melding is gesloten op ma 23 nov 2026: Het pesten is gestopt",
        "De monitoring (stap 5) gaat door na het sluiten.",
        summary.next_steps[2],
    ]
    assert summary.next_steps[2].startswith("Vervolggesprek ") and "(vandaag)" in summary.next_steps[2]


def test_closed_with_the_monitoring_stopped(tmp_path, protocol):
    with open_store(tmp_path / "p.db", daily_backup=False) as store:
        fill_demo(store, today=TODAY)
        case_id = followed(store)
        close_case(store, case_id, TODAY, "Klaar", monitoring_ends=True, monitoring_reason="Leerling is verhuisd")
        summary = load_summary(store, protocol, case_id, TODAY)
    assert summary.next_steps == ["De melding is gesloten op ma 23 nov 2026: Klaar",
                                  "De monitoring (stap 5) is gestopt op ma 23 nov 2026: Leerling is verhuisd"]
    states = [line.state for line in summary.followups if line.done_on is None]
    assert states and all(s == "geannuleerd op ma 23 nov 2026 (monitoring gestopt bij het sluiten)" for s in states)
