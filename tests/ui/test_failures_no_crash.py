"""No handler takes the app down: a conversation that cannot start, a failing worker.

A busy file is another connection holding the write lock (``BEGIN IMMEDIATE``)
while the app's store waits only briefly; a full disk is SQLite's own
"database or disk is full" raised where the store writes. Either way the app
shows the Dutch message and stays running.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from pestcli.app import PestApp
from pestcli.screens.case import CaseScreen
from pestcli.screens.class_conversation import ClassConversationScreen
from pestcli.screens.conversation import ConversationScreen
from pestcli.screens.guide_picker import GuidePicker
from pestcli.store.class_talks import class_conversations
from pestcli.store import add_person, conversations_of_case, open_store
from pestcli.store.workflow import Rules, register_case

from ui_helpers import SIZE, TODAY, wait_for


@pytest.fixture
def case_id(db_path, protocol, calendar) -> int:
    """One case in class 2B (Sanne gepeste, Tom pester); returns its id."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(db_path)
    sanne = add_person(store, "Sanne", "de Vries", class_name="2B")
    tom = add_person(store, "Tom", "Jansen", class_name="2B")
    case = register_case(store, Rules(protocol, calendar), reported_on=TODAY, reporter_kind="leerling",
                         parents_informed_after="na-stap-3", class_name="2B",
                         roles=[(sanne.id, "gepeste"), (tom.id, "pester")])
    store.close()
    return case.id


@pytest.fixture
def short_wait_app(protocol, calendar, db_path):
    """Build the real app on the test's file, with a store that waits only 0.05 s for a lock."""
    opened = []

    def build(today: date = TODAY) -> PestApp:
        store = open_store(db_path, busy_timeout=0.05)
        opened.append(store)
        return PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: today)

    yield build
    for store in opened:
        store.close()


@pytest.fixture
def lock_holder(db_path):
    """Return a function that takes the file's write lock on a second connection (released at the end)."""
    holders = []

    def hold() -> None:
        con = sqlite3.connect(str(db_path), isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        holders.append(con)

    yield hold
    for con in holders:
        con.rollback()
        con.close()


def fill_the_disk(store) -> None:
    """From now on every write of ``store`` fails as SQLite does on a full disk."""
    from sqlalchemy import event

    def full(conn, cursor, statement, *args) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError("database or disk is full")

    event.listen(store.engine, "before_cursor_execute", full)


def notified(app, text: str) -> bool:
    """Whether a toast with ``text`` was shown."""
    return any(text in n.message for n in app._notifications)


async def test_conversation_on_a_busy_file_says_bezet_and_the_app_runs(short_wait_app, case_id, lock_holder,
                                                                      db_path):
    """A conversation that cannot start (file busy) shows "bezet", goes back, and the app keeps running."""
    app = short_wait_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        home = app.screen
        lock_holder()
        app.push_screen(ConversationScreen(case_id, 2, "bijlage-2"))
        await wait_for(pilot, lambda: notified(app, "bezet"))
        await wait_for(pilot, lambda: app.screen is home)
        assert app.is_running and app.return_code is None
    store = open_store(db_path)
    assert conversations_of_case(store, case_id) == []
    store.close()


async def open_case_screen(pilot, case_id: int) -> CaseScreen:
    """Open the case screen and wait until it has read the case."""
    app = pilot.app
    app.open_case(case_id)
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
    return app.screen


async def test_case_g_and_the_guide_picker_on_a_full_disk_say_so_and_go_back(make_app, case_id, db_path):
    """``g`` on the case, a guide chosen, the disk full: "De schijf is vol", back on the case, still running."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        case_screen = await open_case_screen(pilot, case_id)
        fill_the_disk(app.store)
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, GuidePicker))
        await pilot.press("enter")
        await wait_for(pilot, lambda: notified(app, "De schijf is vol"))
        await wait_for(pilot, lambda: app.screen is case_screen)
        assert app.is_running and app.return_code is None
        await pilot.press("g")  # the case screen still answers its keys
        await wait_for(pilot, lambda: isinstance(app.screen, GuidePicker))
    store = open_store(db_path)
    assert conversations_of_case(store, case_id) == []
    store.close()


async def test_home_g_on_a_busy_file_says_bezet_and_the_list_stays(short_wait_app, case_id, lock_holder):
    """``g`` on the home screen's due list while another pestcli holds the file: "bezet", the list stays."""
    from pestcli.widgets.due_list import DueList

    app = short_wait_app(today=date(2026, 11, 30))  # stap 2 is due today
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen"
                       and app.screen.query_one(DueList).loaded)
        home = app.screen
        due = home.query_one(DueList)
        due.focus_list()
        await wait_for(pilot, lambda: due.selected_row() is not None and due.selected_row().step == 2)
        lock_holder()
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, GuidePicker))
        await pilot.press("enter")
        await wait_for(pilot, lambda: notified(app, "bezet"))
        await wait_for(pilot, lambda: app.screen is home)
        assert app.is_running and app.return_code is None


async def test_class_conversation_on_a_busy_file_says_bezet(short_wait_app, case_id, lock_holder, db_path):
    """``k`` (the class conversation) while the file is busy: "bezet", back on the case, nothing started."""
    app = short_wait_app()
    async with app.run_test(size=SIZE) as pilot:
        case_screen = await open_case_screen(pilot, case_id)
        lock_holder()
        await pilot.press("k")
        await wait_for(pilot, lambda: notified(app, "bezet"))
        await wait_for(pilot, lambda: app.screen is case_screen)
        assert app.is_running and app.return_code is None
        assert not any(isinstance(s, ClassConversationScreen) for s in app.screen_stack)
    store = open_store(db_path)
    assert class_conversations(store, "2B", "2026-2027") == []
    store.close()


def spoil_a_date(db_path, case_id: int) -> None:
    """Write a time no pestcli could have written into the case's log lines (as a damaged or hand-edited file has)."""
    con = sqlite3.connect(str(db_path))
    with con:
        con.execute("UPDATE audit_events SET at = 'kapot' WHERE case_id = ?", (case_id,))
    con.close()


async def test_a_failing_reload_worker_is_told_in_dutch_and_the_app_runs(make_app, case_id, db_path, monkeypatch):
    """An unexpected error in a screen's reading worker: a Dutch toast, the app keeps running."""
    def broken(*args, **kwargs):
        raise RuntimeError("unexpected")  # not a StoreError: a bug, or a file no pestcli could have written

    monkeypatch.setattr("pestcli.store.audit_log.audit_rows", broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        app.action_audit()
        await wait_for(pilot, lambda: any(n.severity == "error" for n in app._notifications))
        messages = [n.message for n in app._notifications if n.severity == "error"]
        assert any("achtergrond" in m for m in messages), messages
        assert app.is_running and app.return_code is None


async def test_a_failing_warm_up_is_told_in_dutch_and_the_app_runs(make_app, case_id, monkeypatch):
    """The warm-up fails (a module of the installation is missing): a Dutch toast, not silence, no exit."""
    import pestcli.warm_up

    monkeypatch.setattr(pestcli.warm_up, "MODULES", ("pestcli.bestaat_niet",))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        app.warm_up()
        await wait_for(pilot, app.warmed.is_set)
        await wait_for(pilot, lambda: any(n.severity == "error" for n in app._notifications))
        (note,) = [n for n in app._notifications if n.severity == "error"]
        assert "achtergrond" in note.message and "Traceback" not in note.message
        assert app.is_running and app.return_code is None


async def test_a_read_that_fails_in_the_conversation_is_told_and_the_screen_stays(make_app, case_id, db_path):
    """A read the conversation's keys need fails (the file changed under it): a Dutch toast, the screen stays."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        screen = ConversationScreen(case_id, 2, "bijlage-2")
        app.push_screen(screen)
        await wait_for(pilot, lambda: app.screen is screen and screen.conversation_id is not None)
        other = sqlite3.connect(str(db_path))  # another program changes the file under pestcli
        with other:
            other.execute("ALTER TABLE step_progress RENAME TO step_progress_weg")
            other.execute("ALTER TABLE people RENAME TO people_weg")
        other.close()
        await pilot.press("e")
        await wait_for(pilot, lambda: any(n.title == "Niet afgerond" for n in app._notifications))
        await pilot.press("a")
        await wait_for(pilot, lambda: any(n.title == "Afspraak niet te openen" for n in app._notifications))
        assert app.screen is screen and app.is_running and app.return_code is None
        assert all("Traceback" not in n.message for n in app._notifications)


async def test_an_unreadable_stored_date_is_a_dutch_message_not_a_crash(make_app, db_path):
    """A date changed outside pestcli ('kapot') stopped the app with a ValueError from the home screen."""
    import sqlite3

    from pestcli.screens.home import HomeScreen

    app = make_app(demo=True)
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE cases SET reported_on = 'kapot' WHERE id = (SELECT min(id) FROM cases)")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: notified(app, "niet te lezen is ('kapot')"), timeout=30)
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f5")  # reading again says it again; the app goes on
        await wait_for(pilot, lambda: sum("niet te lezen is" in n.message for n in app._notifications) >= 1)
        assert app.is_running and isinstance(app.screen, HomeScreen)


def test_an_unreadable_stored_date_in_pestcli_summary_is_a_dutch_message(tmp_path, demo_copy, capsys):
    """The same damage read by a command: a Dutch message and exit code 1, no traceback."""
    from pestcli.cli import main

    db = demo_copy(tmp_path / "demo" / "pestcli.db")
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE cases SET reported_on = 'kapot' WHERE number = '2026-0001'")
    code = main(["summary", "2026-0001", "--db", str(db)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == 1 and "niet te lezen is ('kapot')" in err, (code, out, err)


async def test_a_spoiled_time_in_the_log_is_told_as_an_unreadable_value(make_app, case_id, db_path):
    """The audit screen on a log line whose time no pestcli wrote: the Dutch message names the value."""
    spoil_a_date(db_path, case_id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        app.action_audit()
        await wait_for(pilot, lambda: notified(app, "niet te lezen is ('kapot')"))
        assert app.is_running and app.return_code is None


async def test_a_follow_up_saved_after_the_file_was_replaced_says_so_and_never_opgeslagen(make_app, db_path):
    """pestcli encrypt or restore in another window replaced the file: the app's save says so in Dutch."""
    import os

    from pestcli.screens.followup_dialog import FollowUpDialog
    from pestcli.store import case_detail, get_case_by_number

    app = make_app(demo=True)
    case = get_case_by_number(app.store, "2026-0005")
    followup = next(f for f in case_detail(app.store, case.id).followups
                    if f.done_on is None and f.cancelled_on is None)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        app.push_screen(FollowUpDialog(followup.id))
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog) and app.screen.context is not None)
        copy = db_path.with_name("kopie.db")
        with sqlite3.connect(db_path) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
        os.replace(copy, db_path)  # another pestcli put a new file in its place
        await pilot.press("g")
        await wait_for(pilot, lambda: notified(app, "vervangen of verwijderd"))
        assert not notified(app, "Opgeslagen")
        assert app.is_running
    with sqlite3.connect(db_path) as raw:
        (done,) = raw.execute("SELECT done_on FROM followups WHERE id = ?", (followup.id,)).fetchone()
    assert done is None
