"""The "Vandaag" list (DueList), its CountsBar and the follow-up dialog it starts.

The real app on a real SQLite file with a fixed today (Monday 23 November
2026); the DueList sits on a small screen pushed over the home screen, as
the home screen will hold it. Cases are made through ``store.workflow``, so
the due dates are the rules engine's. The database is checked through a
second connection (only committed data is there).
"""

from __future__ import annotations

from datetime import date

from ui_helpers import SIZE, TODAY, screen_text, wait_for
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, SelectionList, Static

from pestcli.screens.due_start import DueListHost
from pestcli.screens.followup_dialog import FollowUpDialog
from pestcli.screens.guide_picker import GuidePicker
from pestcli.screens.move_followup_dialog import MoveFollowupDialog
from pestcli.screens.parent_contact_dialog import ParentContactDialog
from pestcli.store import (
    add_agreement,
    agreements_of_case,
    escalations_of_case,
    followups_of_case,
    get_case,
    open_store,
    parent_contacts_of_case,
    record_parent_contact,
)
from pestcli.store.new_people import NewPerson
from pestcli.store.workflow import complete_step, plan_stap5, register_case
from pestcli.widgets.counts_bar import CountsBar
from pestcli.widgets.due_list import DueList


class DueHost(DueListHost, Screen[None]):
    """A small screen holding what the home screen holds: the counts and the list (styled by the app).

    Like the home screen it opens what the list asks for (``g``, ``v``).
    """

    def compose(self) -> ComposeResult:
        yield CountsBar(id="counts")
        yield DueList(id="due")
        yield Footer()


def build_week(store, rules) -> dict[str, int]:
    """Two cases on Monday 23 November 2026, made through the workflow.

    2026-0001 (2B, Sanne Jansen / Daan Vos): reported Thursday 12 November,
    nothing done: stap 2 was due Thursday 19 November (4 days late), stap 3 is
    due Thursday 26 November. 2026-0002 (3A, Mila de Boer / Finn Smit): steps
    2, 3, 6 and 4 done, agreements on Thursday 19 November: the follow-up "na
    twee dagen" (Saturday) moved to today, "na een week" is Thursday 26th.
    """
    late = register_case(
        store, rules, reported_on=date(2026, 11, 12), reporter_kind="leerling", parents_informed_after="na-stap-3",
        class_name="2B", new_people=[(NewPerson("Sanne", "Jansen", "2B"), "gepeste"),
                                     (NewPerson("Daan", "Vos", "2B"), "pester")])
    followed = register_case(
        store, rules, reported_on=date(2026, 11, 2), reporter_kind="leerling", parents_informed_after="na-stap-3",
        class_name="3A", mentor="J. de Mentor",
        new_people=[(NewPerson("Mila", "de Boer", "3A"), "gepeste"), (NewPerson("Finn", "Smit", "3A"), "pester")])
    for step, day in ((2, date(2026, 11, 4)), (3, date(2026, 11, 10)), (6, date(2026, 11, 12)),
                      (4, date(2026, 11, 19))):
        complete_step(store, rules, followed.id, step, day)
    planned = plan_stap5(store, rules, followed.id, date(2026, 11, 19))
    # Both mentors phoned the parents the day after the report (stap 2's "ouders informeren"),
    # so that to-do of its own is not in this week's list (tests/ui/test_parents.py shows it).
    for case, day in ((late, date(2026, 11, 13)), (followed, date(2026, 11, 3))):
        informing = next(c for c in parent_contacts_of_case(store, case.id) if c.purpose == "informeren")
        record_parent_contact(store, case.id, day, "telefoon", "Ouders gebeld.", contact_id=informing.id)
    return {"late": late.id, "followed": followed.id, "today": planned[0].id, "week": planned[1].id}


def result_text(dialog: FollowUpDialog) -> str:
    """What the dialog says it saved and what the rules engine decided."""
    return str(dialog.query_one("#followup-result", Static).content)


def committed(db_path):
    """A second, independent connection to the file."""
    return open_store(db_path, daily_backup=False)


def table_keys(due: DueList) -> list[str]:
    """The row keys of the list, top to bottom."""
    return [row.key.value for row in due.query_one(DataTable).ordered_rows]


async def due_on_screen(pilot) -> DueList:
    """Push the host screen and wait until the list has read the database."""
    app = pilot.app
    await app.push_screen(DueHost())
    due = app.screen.query_one(DueList)
    await wait_for(pilot, lambda: due.loaded and app.screen.query_one(CountsBar).counts is not None)
    await pilot.pause()
    return due


async def select_key(pilot, due: DueList, key: str) -> None:
    """Put the cursor on the row with ``key`` (as the arrow keys would)."""
    table = due.query_one(DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(key))
    await wait_for(pilot, lambda: due.selected_row() is not None and f"{due.selected_row().kind}-"
                   f"{due.selected_row().ref_id}" == key)


# --- order and marks ------------------------------------------------------------------------
async def test_overdue_comes_first_then_today_then_this_week(make_app, db_path):
    app = make_app()
    ids = build_week(app.store, app.rules)
    async with app.run_test(size=SIZE) as pilot:
        due = await due_on_screen(pilot)
        step_two = next(r.ref_id for r in due.rows if r.kind == "stap" and r.step == 2)
        step_three = next(r.ref_id for r in due.rows if r.kind == "stap" and r.step == 3)
        assert table_keys(due) == [
            "group:te laat", f"stap-{step_two}",
            "group:vandaag", f"vervolg-{ids['today']}",
            "group:deze week", f"stap-{step_three}", f"vervolg-{ids['week']}",
        ]
        # The rows are in the table before the next frame paints them: poll for the paint.
        await wait_for(pilot, lambda: "TE LAAT (1)" in screen_text(app) and "Deze week (2)" in screen_text(app))
        text = screen_text(app)
        assert "4 dagen te laat (sinds do 19 nov)" in text
        assert text.index("TE LAAT") < text.index("Vandaag (1)") < text.index("Deze week (2)")
        assert "Stap 2: gesprek met de gepeste leerling" in text and "2026-0001 · 2B" in text
        assert "gepeste: Mila de Boer · pester: Finn Smit" in text
        assert "uiterlijk do 26 nov" in text and "gepland op do 26 nov" in text
        assert text.count("te laat (sinds") == 1
        # The counts bar: open cases, per step, overdue, today.
        assert "2 open meldingen" in text and "(stap 2: 1 · stap 5: 1)" in text
        assert "1 te laat" in text and "1 vandaag" in text
        assert app.screen.query_one("#counts-late").has_class("-late")
        # The cursor starts on the first item, not on a heading, and skips headings.
        assert due.selected_row().ref_id == step_two
        await pilot.press("down")
        await wait_for(pilot, lambda: due.selected_row() is not None and due.selected_row().kind == "vervolg")
        assert due.selected_row().ref_id == ids["today"]
        await pilot.press("up")
        await wait_for(pilot, lambda: due.selected_row() is not None and due.selected_row().kind == "stap")
        footer = screen_text(app).splitlines()[-1]
        assert "⏎ Casus openen" in footer and "g Starten" in footer and "v Verzetten" in footer


async def test_enter_opens_the_case_g_starts_the_conversation_and_v_moves_a_followup(make_app):
    app = make_app()
    ids = build_week(app.store, app.rules)
    opened: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        due = await due_on_screen(pilot)
        app.open_case = opened.append
        due.focus_list()
        await pilot.press("enter")
        await wait_for(pilot, lambda: opened == [ids["late"]])
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, GuidePicker))
        text = screen_text(app)
        assert "Welk gesprek? (stap 2)" in text and "Nieuw gesprek" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DueHost))
        # v moves only a follow-up.
        await pilot.press("v")
        await wait_for(pilot, lambda: any("Alleen een vervolggesprek" in n.message for n in app._notifications))
        await select_key(pilot, due, f"vervolg-{ids['today']}")
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, MoveFollowupDialog))
        assert "Vervolggesprek na twee dagen verzetten" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DueHost))


async def test_g_on_the_parents_opens_the_parent_contact_dialog(make_app):
    app = make_app()
    severe = register_case(
        app.store, app.rules, reported_on=date(2026, 11, 19), reporter_kind="ouder", parents_informed_after="na-stap-1",
        class_name="1C", new_people=[(NewPerson("Noor", "Bakker", "1C"), "gepeste")])
    async with app.run_test(size=SIZE) as pilot:
        due = await due_on_screen(pilot)
        parents = next(r for r in due.rows if r.step == 6)
        assert (parents.case_id, parents.due_on, parents.group) == (severe.id, date(2026, 11, 26), "deze week")
        await select_key(pilot, due, f"{parents.kind}-{parents.ref_id}")
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, ParentContactDialog))
        assert "Contact met ouders vastleggen" in screen_text(app)


async def test_an_empty_week_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        due = await due_on_screen(pilot)
        assert due.rows == []
        await wait_for(pilot, lambda: "0 open meldingen" in screen_text(app))
        text = screen_text(app)
        assert "Niets te laat en deze week staat er niets op de agenda." in text
        assert "niets te laat" in text and "Wanneer" not in text


# --- the follow-up dialog -------------------------------------------------------------------
async def test_a_good_followup_is_one_key_and_leaves_the_list(make_app, db_path):
    app = make_app()
    ids = build_week(app.store, app.rules)
    agreement = add_agreement(app.store, ids["followed"], "Finn laat Mila met rust.", date(2026, 11, 19))
    async with app.run_test(size=SIZE) as pilot:
        due = await due_on_screen(pilot)
        await select_key(pilot, due, f"vervolg-{ids['today']}")
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog) and app.screen.context is not None)
        text = screen_text(app)
        assert "Vervolggesprek na twee dagen" in text and "Finn laat Mila met rust." in text
        assert "Bij gebroken afspraken: nog één kans voor de pester" in text
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, DueHost))
        await wait_for(pilot, lambda: f"vervolg-{ids['today']}" not in table_keys(due))
        # The counts bar counted again when the dialog closed.
        await wait_for(pilot, lambda: app.screen.query_one(CountsBar).counts.due_today == 0)
        await wait_for(pilot, lambda: "0 vandaag" in screen_text(app))
        with committed(db_path) as store:
            row = next(f for f in followups_of_case(store, ids["followed"]) if f.id == ids["today"])
            assert (row.done_on, row.outcome, row.done_by) == (TODAY, "goed", "J. de Mentor")
            assert agreements_of_case(store, ids["followed"])[0].latest_status == "kept"
            assert agreement.id == agreements_of_case(store, ids["followed"])[0].agreement.id


async def test_broken_agreements_twice_give_one_chance_then_the_coordinator(make_app, db_path):
    app = make_app()
    ids = build_week(app.store, app.rules)
    add_agreement(app.store, ids["followed"], "Finn laat Mila met rust.", date(2026, 11, 19))
    add_agreement(app.store, ids["followed"], "Mila zegt het als er iets is.", date(2026, 11, 19))
    async with app.run_test(size=SIZE) as pilot:
        due = await due_on_screen(pilot)
        # First breach: only Finn's agreement (untick it), with a note.
        await select_key(pilot, due, f"vervolg-{ids['today']}")
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog) and app.screen.context is not None)
        dialog = app.screen
        assert dialog.focused is dialog.query_one(SelectionList)
        await pilot.press("space")
        await pilot.click("#note")
        await pilot.press(*"scheldt weer")
        await pilot.press("b")  # typed into the note, not the outcome
        assert dialog.outcome is None and dialog.query_one("#note").value == "scheldt weerb"
        await pilot.click("#broken")
        await wait_for(pilot, lambda: dialog.outcome is not None)
        assert "Opgeslagen. Nog één kans voor de pester" in screen_text(app)
        text = result_text(dialog)
        assert "Opgeslagen. Nog één kans voor de pester; extra vervolggesprek op wo 25 nov 2026." in text
        assert "nog één kans" in text.lower() and "(stap 5)" in text
        with committed(db_path) as store:
            rows = {f.id: f for f in followups_of_case(store, ids["followed"])}
            assert rows[ids["today"]].outcome == "gebroken-kans"
            assert rows[ids["today"]].note == "scheldt weerb"
            extra = dialog.outcome.extra
            assert rows[extra.id].due_on == date(2026, 11, 25) and rows[extra.id].done_on is None
            statuses = [a.latest_status for a in agreements_of_case(store, ids["followed"])]
            assert statuses == ["broken", "kept"]
            assert escalations_of_case(store, ids["followed"]) == []
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DueHost))
        # The extra follow-up is on the list this week; the second breach escalates.
        await wait_for(pilot, lambda: f"vervolg-{extra.id}" in table_keys(due))
        await select_key(pilot, due, f"vervolg-{extra.id}")
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog) and app.screen.context is not None)
        dialog = app.screen
        assert "Bij gebroken afspraken: opgeschaald naar de anti-pestcoördinator" in screen_text(app)
        await pilot.press("b")
        await wait_for(pilot, lambda: dialog.outcome is not None)
        text = result_text(dialog)
        assert "Opgeslagen. Opgeschaald naar de anti-pestcoördinator" in screen_text(app)
        assert "esc Sluiten" in screen_text(app)
        assert ("Opgeslagen. Opgeschaald naar de anti-pestcoördinator, fase 1: een lichte "
                "corrigerende maatregel.") in text
        assert dialog.query_one("#followup-result").has_class("-escalated")
        with committed(db_path) as store:
            [escalation] = escalations_of_case(store, ids["followed"])
            assert (escalation.to_rung, escalation.sanction_phase) == ("apc", 1)
            assert escalation.escalated_on == TODAY
            assert get_case(store, ids["followed"]).status == "escalated"
            row = next(f for f in followups_of_case(store, ids["followed"]) if f.id == extra.id)
            assert row.outcome == "gebroken-escalatie"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DueHost))


async def test_a_future_day_is_refused_and_nothing_is_lost(make_app, db_path):
    app = make_app()
    ids = build_week(app.store, app.rules)
    async with app.run_test(size=SIZE) as pilot:
        due = await due_on_screen(pilot)
        await select_key(pilot, due, f"vervolg-{ids['today']}")
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog) and app.screen.context is not None)
        dialog = app.screen
        dialog.query_one("#done-on Input").value = "morgen"
        dialog.query_one("#note").value = "gaat prima"
        await pilot.click("#kept")
        await wait_for(pilot, lambda: "ligt in de toekomst" in screen_text(app))
        assert app.screen is dialog and dialog.query_one("#note").value == "gaat prima"
        with committed(db_path) as store:
            assert all(f.done_on is None for f in followups_of_case(store, ids["followed"]))


async def test_a_long_group_is_cut_with_a_line_that_points_to_the_agenda(make_app, monkeypatch):
    import pestcli.widgets.due_list as due_list

    monkeypatch.setattr(due_list, "MAX_PER_GROUP", 1)  # the week has two items: one is left out
    app = make_app()
    ids = build_week(app.store, app.rules)
    async with app.run_test(size=SIZE) as pilot:
        due = await due_on_screen(pilot)
        step_three = next(r.ref_id for r in due.rows if r.kind == "stap" and r.step == 3)
        assert len(due.rows) == 4  # everything read ...
        assert table_keys(due)[-3:] == ["group:deze week", f"stap-{step_three}", "group:meer-deze week"]
        await wait_for(pilot, lambda: "… en nog 1" in screen_text(app))
        assert "De agenda (toets a) toont ze allemaal." in screen_text(app)
        assert f"vervolg-{ids['week']}" not in table_keys(due)  # ... but not drawn
        # The cursor passes over the line as over a heading.
        table = due.query_one(DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(f"stap-{step_three}"))
        await pilot.press("down")
        await pilot.pause()
        assert due.selected_row() is not None


async def test_a_on_the_home_screen_opens_the_agenda(make_app):
    from pestcli.screens.agenda import AgendaScreen

    app = make_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.id == "home" and app.screen.loaded)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))


async def test_the_home_screen_shows_the_first_heading_with_the_cursor_on_the_first_item(make_app):
    from pestcli.widgets.due_list import DueList

    app = make_app(demo=True)  # filled before the first paint: the table had no height yet
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.id == "home" and app.screen.loaded)
        due = app.screen.query_one(DueList)
        table = due.query_one(DataTable)
        await wait_for(pilot, lambda: "TE LAAT (" in screen_text(app))
        assert table.scroll_y == 0 and table.cursor_row == 1
        assert due.selected_row() is not None
