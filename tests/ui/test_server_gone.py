"""The school's server goes away while pestcli is open, and comes back (issue 16).

A server of the test's own (tests/pg_server.py), paused and resumed: the
action that fails says so in Dutch, nothing is shown as saved that was not
committed, the typed text stays, and pestcli carries on once the server is
back. Also an administrator closing pestcli's connections
(``pg_terminate_backend``): the next reads and writes simply reconnect.
"""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from pg_server import ThrowawayServer, find_bindir
from textual.widgets import Input
from ui_helpers import SIZE, TODAY, wait_for

from pestcli.app import PestApp
from pestcli.screens.followup_dialog import FollowUpDialog
from pestcli.services.reads import followup_context
from pestcli.store import add_person, list_cases, open_store, plan_followups
from pestcli.store.errors import StoreUnreachableError
from pestcli.store.workflow import Rules, register_case

NOTE = "zit weer naast Sanne"


@pytest.fixture
def own_server():
    """A PostgreSQL server for this test alone (it is stopped and started again)."""
    bindir = find_bindir()
    assert bindir is not None, "geen PostgreSQL-programma's gevonden"
    server = ThrowawayServer(bindir).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def school(own_server, protocol, calendar) -> tuple[str, int]:
    """The server's URL with pestcli's schema, and one planned follow-up (its id)."""
    url = own_server.url
    with open_store(url) as store:
        roles = [(add_person(store, "Sanne", "de Vries", class_name="2B").id, "gepeste"),
                 (add_person(store, "Tom", "Jansen", class_name="2B").id, "pester")]
        case = register_case(store, Rules(protocol, calendar), reported_on=TODAY, reporter_kind="leerling",
                             parents_informed_after="na-stap-3", class_name="2B", roles=roles)
        (row,) = plan_followups(store, case.id, [("na twee dagen", date(2026, 11, 25))])
    return url, row.id


def test_reads_and_writes_fail_in_dutch_while_the_server_is_gone_and_work_again_after(own_server, school):
    url, followup_id = school
    with open_store(url) as store:
        assert len(list_cases(store)) == 1
        own_server.pause()
        with pytest.raises(StoreUnreachableError, match=r"De database-server 127\.0\.0\.1:\d+/postgres is niet "
                                                        r"bereikbaar: .*Er is niets opgeslagen"):
            add_person(store, "Daan", "Hofstede")
        with pytest.raises(StoreUnreachableError):
            list_cases(store)
        with pytest.raises(StoreUnreachableError):
            with store.sql() as con:
                con.execute("SELECT 1")
        own_server.resume()
        assert len(list_cases(store)) == 1  # the same open store carries on
        with store.sql() as con:
            assert con.execute("SELECT count(*) FROM people").fetchone()[0] == 2  # Daan was never saved
        assert add_person(store, "Daan", "Hofstede").id == 3


def test_connections_the_administrator_closes_are_replaced_unnoticed(own_server, school):
    url, followup_id = school
    with open_store(url) as store:
        assert len(list_cases(store)) == 1
        with store.sql() as con:
            con.execute("SELECT 1")
        with psycopg.connect(url, autocommit=True) as admin:
            closed = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                   " WHERE application_name = 'pestcli'").fetchone()[0]
        assert closed >= 1
        with store.sql() as con:  # the plain read path
            assert con.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
        assert len(list_cases(store)) == 1  # the sessions
        assert add_person(store, "Daan", "Hofstede").id == 3


async def test_the_follow_up_dialog_keeps_the_note_while_the_server_is_gone(own_server, school, protocol, calendar):
    url, followup_id = school
    store = open_store(url)
    app = PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: TODAY)
    try:
        async with app.run_test(size=SIZE) as pilot:
            app.push_screen(FollowUpDialog(followup_id))
            await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog) and app.screen.query("#note"))
            dialog = app.screen
            dialog.query_one("#note", Input).focus()
            await pilot.press(*NOTE)
            own_server.pause()
            dialog.query_one("#kept").focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: any("is niet bereikbaar" in n.message for n in app._notifications),
                           timeout=30)
            assert app.screen is dialog and dialog.outcome is None
            assert not any(n.message.startswith("Opgeslagen") for n in app._notifications)
            assert dialog.query_one("#note", Input).value == NOTE
            own_server.resume()
            dialog.query_one("#kept").focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen is not dialog, timeout=30)  # saved, and closed
            assert any(n.message.startswith("Opgeslagen: vervolggesprek") for n in app._notifications)
    finally:
        store.close()
    with open_store(url) as again:
        row = followup_context(again, followup_id).followup
    assert (row.done_on, row.note) == (TODAY, NOTE)
