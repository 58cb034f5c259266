"""Pilot tests: typed text is never lost by a key (issue 13).

Esc with a typed note asks first; Ctrl+Q asks when any screen holds unsaved
typed text (and quits at once when none does); typed text is kept as a draft
in the database a moment after the last key and offered back in a new app on
the same file, as after a crash.
"""

from __future__ import annotations

from datetime import date

from pestcli.screens.drafts import LeaveUnsavedDialog, RestoreDraftDialog
from pestcli.screens.followup_dialog import FollowUpDialog
from pestcli.screens.home import HomeScreen
from pestcli.screens.report_form import ReportFormScreen
from pestcli.store import add_person, followups_of_case, open_store, plan_followups
from pestcli.store.drafts import get_draft
from pestcli.store.workflow import Rules, register_case
from textual.widgets import Input, TextArea
from ui_helpers import SIZE, TODAY, screen_text, wait_for


def make_followup(db_path, protocol, calendar) -> tuple[int, int]:
    """A case with a victim and a bully and one planned follow-up; (case id, follow-up id)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(db_path)
    try:
        roles = [(add_person(store, "Sanne", "de Vries", class_name="2B").id, "gepeste"),
                 (add_person(store, "Tom", "Jansen", class_name="2B").id, "pester")]
        case = register_case(store, Rules(protocol, calendar), reported_on=TODAY, reporter_kind="leerling",
                             parents_informed_after="na-stap-3", class_name="2B", roles=roles)
        (followup,) = plan_followups(store, case.id, [("na twee dagen", date(2026, 11, 25))])
        return case.id, followup.id
    finally:
        store.close()


def draft_of(db_path, key: str):
    """The draft as committed in the file, read through a store of its own."""
    store = open_store(db_path)
    try:
        return get_draft(store, key)
    finally:
        store.close()


async def open_followup(app, pilot, followup_id: int) -> FollowUpDialog:
    """Push the follow-up dialog and wait until its form is there."""
    app.push_screen(FollowUpDialog(followup_id))
    await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog) and app.screen.query("#note"))
    return app.screen


async def type_note(pilot, dialog: FollowUpDialog, text: str) -> None:
    """Focus the note and type ``text``."""
    dialog.query_one("#note", Input).focus()
    await pilot.press(*text)


async def test_esc_with_a_typed_followup_note_asks_first(make_app, db_path, protocol, calendar):
    _, followup_id = make_followup(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_followup(app, pilot, followup_id)
        await type_note(pilot, dialog, "zit weer naast")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LeaveUnsavedDialog))
        assert "Notitie niet opslaan?" in screen_text(app)
        await pilot.press("n")  # back: the note is still there
        await wait_for(pilot, lambda: app.screen is dialog)
        assert dialog.query_one("#note", Input).value == "zit weer naast"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LeaveUnsavedDialog))
        await pilot.press("j")  # thrown away, knowingly
        await wait_for(pilot, lambda: not isinstance(app.screen, FollowUpDialog | LeaveUnsavedDialog))
    assert draft_of(db_path, f"followup:{followup_id}") is None


async def test_esc_without_a_note_closes_at_once(make_app, db_path, protocol, calendar):
    _, followup_id = make_followup(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_followup(app, pilot, followup_id)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_a_followup_note_is_kept_as_a_draft_and_offered_back_after_a_crash(make_app, db_path, protocol,
                                                                                  calendar):
    case_id, followup_id = make_followup(db_path, protocol, calendar)
    key = f"followup:{followup_id}"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_followup(app, pilot, followup_id)
        await type_note(pilot, dialog, "gaat beter, Tom [b]zit[/b] apart")
        # The draft is committed a moment after the last key, without saving anything.
        await wait_for(pilot, lambda: (draft_of(db_path, key) or None) is not None
                       and draft_of(db_path, key).fields["note"].endswith("apart"))
        assert draft_of(db_path, key).case_id == case_id
        app.exit()  # the app dies: the dialog never saved
    assert draft_of(db_path, key).fields == {"note": "gaat beter, Tom [b]zit[/b] apart"}

    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "concept" in screen_text(second) or isinstance(second.screen, HomeScreen))
        second.push_screen(FollowUpDialog(followup_id))
        await wait_for(pilot, lambda: isinstance(second.screen, RestoreDraftDialog))
        text = screen_text(second)
        assert "Er is een concept van" in text and "terugzetten" in text
        assert "gaat beter, Tom [b]zit[/b] apart" in text  # literally, never as markup
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(second.screen, FollowUpDialog))
        dialog = second.screen
        assert dialog.query_one("#note", Input).value == "gaat beter, Tom [b]zit[/b] apart"
        await pilot.press("g")  # "gaat goed": saved for real, with the note
        await wait_for(pilot, lambda: not isinstance(second.screen, FollowUpDialog))
    assert draft_of(db_path, key) is None
    store = open_store(db_path)
    try:
        row = next(f for f in followups_of_case(store, case_id) if f.id == followup_id)
        assert row.note == "gaat beter, Tom [b]zit[/b] apart" and row.done_on == TODAY
    finally:
        store.close()


async def test_weggooien_forgets_an_offered_draft(make_app, db_path, protocol, calendar):
    _, followup_id = make_followup(db_path, protocol, calendar)
    store = open_store(db_path)
    from pestcli.store.drafts import save_draft

    save_draft(store, f"followup:{followup_id}", {"note": "oude tekst"})
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(FollowUpDialog(followup_id))
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreDraftDialog))
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog))
        assert app.screen.query_one("#note", Input).value == ""
    assert draft_of(db_path, f"followup:{followup_id}") is None


async def test_ctrl_q_quits_at_once_when_nothing_is_typed(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)  # no question: nothing was typed
        assert not isinstance(app.screen, LeaveUnsavedDialog)
    assert draft_of(db_path, "report") is None


async def test_ctrl_q_asks_with_a_half_filled_report_and_keeps_the_draft(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        form = app.screen
        form.query_one("#description", TextArea).focus()
        await pilot.press(*"Wordt uitgescholden")
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, LeaveUnsavedDialog))
        assert "Toch stoppen?" in screen_text(app) and "concept" in screen_text(app)
        # handed to the store before asking (written in the background: polled)
        await wait_for(pilot, lambda: draft_of(db_path, "report").fields["description"] == "Wordt uitgescholden")
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is form)
        assert app.is_running
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, LeaveUnsavedDialog))
        await pilot.press("j")
        await wait_for(pilot, lambda: not app.is_running)
    assert draft_of(db_path, "report").fields["description"] == "Wordt uitgescholden"


async def test_the_report_form_is_kept_as_a_draft_and_offered_back_after_a_crash(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        form = app.screen
        form.query_one("#location", Input).focus()
        await pilot.press(*"fietsenstalling")
        form.query_one("#description", TextArea).focus()
        await pilot.press(*"Tas in de sloot gegooid")
        await wait_for(pilot, lambda: (draft_of(db_path, "report") or None) is not None
                       and draft_of(db_path, "report").fields["description"] == "Tas in de sloot gegooid")
        app.exit()  # the laptop died: nothing was saved or asked
    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(second.screen, HomeScreen))
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(second.screen, RestoreDraftDialog))
        assert "fietsenstalling · Tas in de sloot gegooid" in screen_text(second)
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(second.screen, ReportFormScreen))
        form = second.screen
        assert form.query_one("#location", Input).value == "fietsenstalling"
        assert form.query_one("#description", TextArea).text == "Tas in de sloot gegooid"
        assert form.has_unsaved_text()


def make_case(db_path, protocol, calendar) -> int:
    """A case with a victim and a bully; its id."""
    case_id, _ = make_followup(db_path, protocol, calendar)
    return case_id


async def test_a_conversation_note_is_kept_as_a_draft_and_offered_back(make_app, db_path, protocol, calendar):
    from pestcli.screens.conversation import ConversationScreen
    from pestcli.store.drafts import drafts_with_prefix
    from pestcli.widgets.checklist import Checklist
    from pestcli.widgets.hinted_note import HintedNote

    case_id = make_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = ConversationScreen(case_id, 2, "bijlage-2")
        app.push_screen(screen)
        await wait_for(pilot, lambda: screen.conversation_id is not None and screen.query_one(Checklist).has_focus)
        conversation_id = screen.conversation_id
        item_id = screen.query_one(Checklist).current_item.id
        await pilot.press("n")
        await wait_for(pilot, lambda: screen.editing is not None)
        await pilot.press(*"Sanne zegt dat het al weken gebeurt")
        key = f"conversation:{conversation_id}:item:{item_id}"
        await wait_for(pilot, lambda: (draft_of(db_path, key) or None) is not None
                       and draft_of(db_path, key).fields["note"].endswith("gebeurt"))
        assert draft_of(db_path, key).case_id == case_id
        await pilot.press("ctrl+q")  # an unsaved note: asked first
        await wait_for(pilot, lambda: isinstance(app.screen, LeaveUnsavedDialog))
        await pilot.press("j")
        await wait_for(pilot, lambda: not app.is_running)
    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        screen = ConversationScreen(case_id, 2, "bijlage-2", conversation_id)
        second.push_screen(screen)
        await wait_for(pilot, lambda: screen.query_one(Checklist).has_focus)
        await wait_for(pilot, lambda: any("Er is een concept van een notitie" in n.message and "punt 1" in n.message
                                          for n in second._notifications))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(second.screen, RestoreDraftDialog))
        await pilot.press("j")
        await wait_for(pilot, lambda: second.screen is screen)
        editor = screen.query_one("#note-editor", HintedNote)
        assert editor.text == "Sanne zegt dat het al weken gebeurt" and screen.has_unsaved_text()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.editing is None)
    assert draft_of(db_path, key) is None
    store = open_store(db_path)
    try:
        from pestcli.store import conversation_detail

        assert conversation_detail(store, conversation_id).items[item_id].note == "Sanne zegt dat het al weken gebeurt"
        assert drafts_with_prefix(store, "conversation:") == []
    finally:
        store.close()


async def test_esc_in_the_evidence_dialog_asks_when_text_was_typed(make_app, db_path, protocol, calendar):
    from pestcli.screens.evidence_dialog import EvidenceDialog

    case_id = make_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.push_screen(EvidenceDialog(case_id))
        await wait_for(pilot, lambda: isinstance(app.screen, EvidenceDialog) and app.screen._opened_with is not None)
        dialog = app.screen
        await pilot.press("escape")  # nothing typed: closes at once
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.push_screen(EvidenceDialog(case_id))
        await wait_for(pilot, lambda: isinstance(app.screen, EvidenceDialog) and app.screen._opened_with is not None)
        dialog = app.screen
        dialog.query_one("#description", Input).focus()
        await pilot.press(*"dreigbericht")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LeaveUnsavedDialog))
        assert "Niet opslaan?" in screen_text(app)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is dialog)
        assert dialog.query_one("#description", Input).value == "dreigbericht"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LeaveUnsavedDialog))
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_the_home_screen_mentions_drafts_left_after_a_crash(make_app, db_path, protocol, calendar):
    from pestcli.store.drafts import save_draft

    case_id, followup_id = make_followup(db_path, protocol, calendar)
    store = open_store(db_path)
    save_draft(store, f"followup:{followup_id}", {"note": "half getypt"}, case_id=case_id)
    save_draft(store, "report", {"description": "nog een melding"})
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: any("Er zijn 2 concepten" in n.message for n in app._notifications))
        message = next(n.message for n in app._notifications if "concepten" in n.message)
        assert "een vervolggesprek van melding 2026-" in message and "een nieuwe melding (Ctrl+N)" in message
        assert isinstance(app.screen, HomeScreen)


async def test_no_word_about_drafts_when_there_are_none(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app._warm_up_started)
        assert not any("concept" in n.message for n in app._notifications)


async def test_a_half_filled_report_comes_back_whole_pupils_and_choices_too(make_app, db_path):
    """Not only the typed text: the pupils per role (known and new), every tick and choice, the date."""
    from pestcli.screens.report_checklist import FormChecklist
    from pestcli.screens.report_dialogs import NewPupilDialog
    from pestcli.widgets.pupil_picker import PupilPicker
    from textual.widgets import RadioSet, Switch

    app = make_app()
    add_person(app.store, "Sanne", "Verbeek", class_name="2B")

    async def focus(pilot, selector: str) -> None:
        widget = pilot.app.screen.query_one(selector)
        widget.focus()
        await wait_for(pilot, lambda: pilot.app.focused is widget)

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        form = app.screen
        victims = form.query_one("#role-gepeste", PupilPicker)
        await focus(pilot, "#role-gepeste .picker-query")
        await pilot.press(*"verb")
        await wait_for(pilot, lambda: victims.matches.display and "Sanne Verbeek (2B)" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: [p.name for p in victims.chosen] == ["Sanne Verbeek"])
        bullies = form.query_one("#role-pester", PupilPicker)
        await focus(pilot, "#role-pester .picker-query")
        await pilot.press(*"Daan Smit")
        await wait_for(pilot, lambda: bullies.matches.display and bullies.matches.option_count > 0)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NewPupilDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is form and [p.name for p in bullies.chosen] == ["Daan Smit"])
        await focus(pilot, "#reporter")
        await pilot.press("enter")
        await focus(pilot, "#informing")
        await pilot.press("right", "enter")
        await focus(pilot, f"#{form.query(FormChecklist).first().id}")
        await pilot.press("down", "space")
        await focus(pilot, "#online")
        await pilot.press("space")
        await focus(pilot, "#reported-on Input")
        await pilot.press("ctrl+u", *"gisteren")
        await focus(pilot, "#role-meeloper .picker-query")
        await pilot.press(*"Bram")  # typed, not yet picked
        before = form.collect()
        assert before.forms and before.online and before.reporter_kind and before.parents_informed_after
        await wait_for(pilot, lambda: (draft_of(db_path, "report") or None) is not None
                       and draft_of(db_path, "report").fields.get("zoek-meeloper") == "Bram"
                       and "_online" in draft_of(db_path, "report").fields, timeout=20)
        app.exit()  # the laptop died
    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(second.screen, HomeScreen))
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(second.screen, RestoreDraftDialog))
        shown = screen_text(second)
        assert "Sanne Verbeek, Daan Smit" in shown and "gisteren" not in shown and "[" not in shown
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(second.screen, ReportFormScreen))
        form = second.screen
        await wait_for(pilot, lambda: form.collect() == before)
        assert form.query_one("#reported-on Input", Input).value == "gisteren"
        assert form.query_one("#role-meeloper", PupilPicker).pending_text == "Bram"
        assert form.query_one("#online", Switch).value
        assert form.query_one("#reporter", RadioSet).pressed_button.name == before.reporter_kind
        assert form.has_unsaved_text()
