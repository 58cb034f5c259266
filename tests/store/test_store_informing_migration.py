"""Revision 0007: the severities become the protocol's choice of when the parents are told."""

from __future__ import annotations

import sqlite3

from pestcli.store import case_detail, open_store
from pestcli.store.backend.migrate import downgrade_store

SEVERITIES = ("licht", "gemiddeld", "ernstig", "eigen-ernst")


def fill_0006(db_path) -> None:
    """Four cases at revision 0006, one per severity (the last one a school's own id)."""
    open_store(db_path, revision="0006").close()
    con = sqlite3.connect(db_path)
    for i, severity in enumerate(SEVERITIES, 1):
        con.execute(
            "INSERT INTO cases (id, number, year, seq, status, reported_on, reporter_kind, class_name, location,"
            " online, severity, description, mentor, protocol_name, protocol_version, keep_reason,"
            " created_at, updated_at) VALUES (?, ?, 2026, ?, 'open', '2026-11-02', 'ouder', '2B', '', 0,"
            " ?, '', '', 'Anti-pestprotocol', '2.3', '', '2026-11-02 10:00:00', '2026-11-02 10:00:00')",
            (i, f"2026-000{i}", i, severity))
        con.execute("INSERT INTO step_progress (case_id, step, due_on, done_on, done_by)"
                    " VALUES (?, 6, ?, NULL, '')", (i, "2026-11-09" if severity == "ernstig" else "2026-11-23"))
    con.commit()
    con.close()


def test_existing_cases_get_the_choice_and_a_reason_that_says_where_it_came_from(db_path):
    fill_0006(db_path)
    store = open_store(db_path)  # to head
    rows = {case_detail(store, i).case.number: case_detail(store, i).case for i in range(1, 5)}
    got = {n: (c.parents_informed_after, c.informing_reason) for n, c in rows.items()}
    assert got == {
        "2026-0001": ("na-stap-3", "overgenomen uit de vroegere ernst: Licht"),
        "2026-0002": ("na-stap-3", "overgenomen uit de vroegere ernst: Gemiddeld"),
        "2026-0003": ("na-stap-1", "overgenomen uit de vroegere ernst: Ernstig"),
        "2026-0004": ("na-stap-3", "overgenomen uit de vroegere ernst: eigen-ernst"),
    }
    assert all((c.reporter_person_id, c.reporter_name, c.reporter_relation) == (None, "", "") for c in rows.values())
    # the due date of stap 6 is left as it was (it followed the same rule)
    assert case_detail(store, 3).step(6).due_on.isoformat() == "2026-11-09"
    store.close()
    con = sqlite3.connect(db_path)
    assert "severity" not in {r[1] for r in con.execute("PRAGMA table_info(cases)")}
    con.close()


def test_the_downgrade_gives_every_case_its_severity_back(db_path):
    fill_0006(db_path)
    store = open_store(db_path)
    from pestcli.store import update_case

    update_case(store, 2, parents_informed_after="na-stap-1", informing_reason="Toch ernstiger.")
    downgrade_store(store, "0006")
    store.close()
    con = sqlite3.connect(db_path)
    back = [r[0] for r in con.execute("SELECT severity FROM cases ORDER BY id")]
    con.close()
    assert back == ["licht", "ernstig", "ernstig", "eigen-ernst"]  # case 2 was changed after the upgrade
