"""Revision 0009: every database has its own UUID, and agenda items count their changes.

The UUID goes into calendar UIDs; ``changes`` is the iCalendar SEQUENCE, kept
by triggers whatever code changes a row, and it only ever grows.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from datetime import date

from store_helpers import new_case

from pestcli.store import open_store
from pestcli.store.backend.backup import backup_now
from pestcli.store.calendar_sync import changed_items, database_id, item_changes
from pestcli.store.cases import close_case, reopen_case
from pestcli.store.followups import cancel_followup, complete_followup, plan_followups, reschedule_followup
from pestcli.store.backend.migrate import HEAD_REVISION, current_revision, downgrade_store, upgrade_store
from pestcli.store.steps import mark_step_done, step_progress

TRIGGERS = {"trg_step_progress_changes", "trg_followups_changes", "trg_parent_contacts_changes",
            "trg_cases_close_changes"}


def triggers(path) -> set[str]:
    """The names of the triggers in the database file."""
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        con.close()


def changes(path, table: str, row_id: int) -> int:
    """``changes`` of one row, read straight from the file."""
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT changes FROM {table} WHERE id = ?", (row_id,)).fetchone()[0]
    finally:
        con.close()


def test_every_database_gets_its_own_id_and_keeps_it(tmp_path):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    with open_store(first) as store:
        one = database_id(store)
    with open_store(second) as store:
        other = database_id(store)
    assert uuid.UUID(one) and uuid.UUID(other) and one != other
    copy = tmp_path / "kopie.db"
    shutil.copyfile(first, copy)
    with open_store(first) as store:
        assert database_id(store) == one  # opening again keeps it
        backup = backup_now(store, reason="test")
    with open_store(copy) as store:
        assert database_id(store) == one  # a copied file is the same database
    with open_store(backup) as store:
        assert database_id(store) == one  # so is a backup
    assert triggers(first) == TRIGGERS


def test_an_existing_database_gets_an_id_and_its_rows_their_history(db_path):
    store = open_store(db_path)
    case = new_case(store)
    done, moved, open_ = plan_followups(store, case.id, [("na een week", date(2026, 12, 1)),
                                                        ("na een maand", date(2026, 12, 20)),
                                                        ("na drie maanden", date(2027, 3, 1))])
    complete_followup(store, done.id, date(2026, 12, 1))
    reschedule_followup(store, moved.id, date(2026, 12, 22))
    reschedule_followup(store, moved.id, date(2026, 12, 23))
    first_id = database_id(store)

    downgrade_store(store, "0008")  # a database as pestcli left it before revision 0009
    assert not triggers(db_path)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM followups").fetchone()[0] == 3
    assert "changes" not in {r[1] for r in con.execute("PRAGMA table_info(followups)")}
    assert not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'store_meta'").fetchall()
    con.close()

    upgrade_store(store)
    assert current_revision(store) == HEAD_REVISION
    assert uuid.UUID(database_id(store)) and database_id(store) != first_id  # made by the migration
    # what is known of the past: moved (once at least), finished
    assert [changes(db_path, "followups", f.id) for f in (done, moved, open_)] == [1, 1, 0]
    open_steps = [s for s in step_progress(store, case.id) if s.done_on is None]
    assert open_steps and {changes(db_path, "step_progress", s.id) for s in open_steps} == {0}
    assert triggers(db_path) == TRIGGERS
    store.close()


def test_every_change_of_date_or_state_counts_and_the_count_never_goes_back(store, db_path, case):
    (followup, other) = plan_followups(store, case.id, [("na een week", date(2026, 12, 1)),
                                                        ("na een maand", date(2026, 12, 28))])
    seen = [changes(db_path, "followups", followup.id)]
    reschedule_followup(store, followup.id, date(2026, 12, 3), "ziek")
    seen.append(changes(db_path, "followups", followup.id))
    reschedule_followup(store, followup.id, date(2026, 12, 3), "zelfde dag")  # no new date: no change
    seen.append(changes(db_path, "followups", followup.id))
    complete_followup(store, followup.id, date(2026, 12, 3))
    seen.append(changes(db_path, "followups", followup.id))
    assert seen == [0, 1, 1, 2]

    mark_step_done(store, case.id, 2, date(2026, 11, 9))
    step = next(s for s in step_progress(store, case.id) if s.step == 2)
    assert changes(db_path, "step_progress", step.id) == 1

    cancel_followup(store, other.id, date(2026, 12, 2))
    before = changes(db_path, "followups", other.id)
    close_case(store, case.id, date(2026, 12, 4))
    after_close = changes(db_path, "followups", other.id)
    reopen_case(store, case.id)
    after_reopen = changes(db_path, "followups", other.id)
    assert before < after_close < after_reopen == changes(db_path, "followups", other.id)
    assert item_changes(store, [("vervolg", other.id), ("vervolg", 999)]) == {
        ("vervolg", other.id): after_reopen, ("vervolg", 999): 0}


def test_changed_items_are_those_changed_lately(store, case):
    (old, recent, untouched) = plan_followups(store, case.id, [("na een week", date(2026, 6, 1)),
                                                               ("na een maand", date(2026, 12, 1)),
                                                               ("na drie maanden", date(2027, 2, 1))])
    complete_followup(store, old.id, date(2026, 6, 1))
    reschedule_followup(store, recent.id, date(2027, 1, 5))
    found = {(c.item.kind, c.item.ref_id): c.changes
             for c in changed_items(store, date(2026, 11, 1), date(2026, 11, 23))}
    assert found == {("vervolg", recent.id): 1}  # not the one done in June, not the untouched one
    (item,) = [c.item for c in changed_items(store, date(2026, 11, 1), date(2026, 11, 23))]
    assert item.due_on == date(2027, 1, 5) and item.case_number == case.number


def test_an_encrypted_copy_keeps_the_id_and_the_triggers(db_path):
    from pestcli.store.encryption import encrypt_store

    with open_store(db_path) as store:
        (followup,) = plan_followups(store, new_case(store).id, [("na een week", date(2026, 12, 1))])
        before = database_id(store)
    encrypt_store(db_path, "geheim-wachtwoord")
    with open_store(db_path, passphrase="geheim-wachtwoord") as store:
        assert database_id(store) == before  # read through the SQLCipher read path
        reschedule_followup(store, followup.id, date(2026, 12, 8))
        assert item_changes(store, [("vervolg", followup.id)]) == {("vervolg", followup.id): 1}
