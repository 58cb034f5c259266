"""Parents and carers as people in the case, driven by keys like a mentor.

The real app on a real SQLite file; what was saved is read back through a
second connection, so only committed data counts.
"""

from __future__ import annotations

from datetime import date, timedelta

from ui_helpers import SIZE, TODAY, screen_text, wait_for
from textual.widgets import Checkbox, Input, Select, SelectionList, Static

from pestcli.report.build import build_summary
from pestcli.report.markdown import render_markdown
from pestcli.screens.case import CaseScreen
from pestcli.screens.conversation import ConversationScreen
from pestcli.screens.conversation_summary import ConversationSummaryScreen, EndDialog
from pestcli.screens.parent_contact_dialog import ParentContactDialog
from pestcli.screens.parent_dialog import ParentDialog
from pestcli.screens.summary_preview import SummaryPreviewScreen
from pestcli.store import add_parent, add_person, case_detail, open_store, parents_spoken_to
from pestcli.store.workflow import Rules, register_case
from pestcli.widgets.timeline import DONE, INFORMING_ROW, OPEN, Timeline

REPORTED = TODAY - timedelta(days=3)  # Friday 20 November 2026
FATHER = "Kees van Dongen (vader van Jesse van Dongen)"


def committed(db_path):
    """A second, independent connection: only committed data is visible there."""
    return open_store(db_path, daily_backup=False)


def new_case(db_path, protocol, calendar, *, with_father: bool = False) -> int:
    """A case of class 1A: Fenna (gepeste), Jesse (pester); maybe Jesse's father already known."""
    store = committed(db_path)
    try:
        fenna = add_person(store, "Fenna", "Kuipers", class_name="1A")
        jesse = add_person(store, "Jesse", "van Dongen", class_name="1A")
        case = register_case(store, Rules(protocol, calendar), reported_on=REPORTED, reporter_kind="leerling",
                             parents_informed_after="na-stap-3", class_name="1A", mentor="M. Jansen",
                             roles=[(fenna.id, "gepeste"), (jesse.id, "pester")])
        if with_father:
            add_parent(store, case.id, jesse.id, "Kees", "van Dongen", "vader")
        return case.id
    finally:
        store.close()


async def open_case(pilot, case_id: int) -> CaseScreen:
    """Open the case screen and wait until it has read the case."""
    app = pilot.app
    app.open_case(case_id)
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
    return app.screen


async def choose(pilot, select: Select, value) -> None:
    """Open the focused Select and move down until ``value`` is chosen (keys only)."""
    await pilot.press("enter")
    for _ in range(10):
        await pilot.press("down", "enter")
        if select.value == value:
            return
        await pilot.press("enter")
    raise AssertionError(f"{value!r} not reached")


async def test_a_parent_is_added_from_the_case_screen_with_checked_phone(make_app, db_path, protocol, calendar):
    case_id = new_case(db_path, protocol, calendar)
    store = committed(db_path)
    jesse = next(p.person for p in case_detail(store, case_id).people if p.person.first_name == "Jesse")
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, case_id)
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, ParentDialog))
        dialog = app.screen
        assert "Ouder of verzorger toevoegen" in screen_text(app)
        assert dialog.focused is dialog.query_one("#pupil", Select)  # no text field by surprise
        await choose(pilot, dialog.query_one("#pupil", Select), jesse.id)
        await pilot.press("tab", *"Kees", "tab", *"van Dongen", "tab")
        await choose(pilot, dialog.query_one("#relation", Select), "vader")
        await pilot.press("tab", *"bel me maar", "tab", *"kees@", "ctrl+s")
        await wait_for(pilot, lambda: dialog.shown_errors.get("phone") and dialog.shown_errors.get("email"))
        assert "Dat is geen telefoonnummer" in dialog.shown_errors["phone"]
        assert "Dat is geen e-mailadres" in dialog.shown_errors["email"]
        assert app.screen is dialog  # nothing saved, everything typed kept
        dialog.query_one("#phone", Input).value = "06-12345678"
        dialog.query_one("#email", Input).value = "kees@voorbeeld.nl"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.parents)
        sections = screen.query_one("#case-sections", Static)
        await wait_for(pilot, lambda: f"• {FATHER} · 06-12345678 · kees@voorbeeld.nl" in str(sections.render()))
        assert f"Ouder/verzorger: {FATHER}" in str(sections.render())  # among the people of the case

    store = committed(db_path)
    try:
        (parent,) = case_detail(store, case_id).parents
    finally:
        store.close()
    assert parent.label == FATHER and parent.parent.kind == "ouder"
    assert (parent.parent.phone, parent.parent.email) == ("06-12345678", "kees@voorbeeld.nl")


async def test_bijlage5_with_the_father_is_in_the_contact_log_and_present_in_the_summary(
        make_app, db_path, protocol, calendar):
    case_id = new_case(db_path, protocol, calendar, with_father=True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        await pilot.press("6", "g")  # stap 6 has one guide: bijlage 5
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationScreen))
        talk = app.screen
        await wait_for(pilot, lambda: FATHER in screen_text(app))  # the father takes part, not Jesse
        assert talk.participant_labels == [FATHER]
        await pilot.press("d")  # the first item done
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EndDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationSummaryScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.parent_contacts
                       and any(c.held_on for c in screen.detail.parent_contacts))
        sections = str(screen.query_one("#case-sections", Static).render())
        # the parent section: one history with the conversation
        assert f"ouders van Jesse van Dongen (gesprek op school; met {FATHER}; gesprek volgens de leidraad)" in sections
        assert any("Oudercontact van Jesse van Dongen" in entry.text and FATHER in entry.text
                   for entry in screen.log_entries)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen) and app.screen.summary)
        shown = render_markdown(app.screen.summary)  # the text the preview shows
        assert f"- Aanwezig: {FATHER}" in shown and f"**Ouder/verzorger:** {FATHER}" in shown

    store = committed(db_path)
    try:
        detail = case_detail(store, case_id)
        (held,) = [c for c in detail.parent_contacts if c.held_on is not None]
        (father,) = detail.parents
        assert held.conversation_id == detail.conversations[0].conversation.id
        assert parents_spoken_to(store, held.id) == [father.parent.id]
        assert detail.step(6).done_on == TODAY  # the end dialog completed stap 6
        summary = build_summary(detail, protocol, TODAY)
        markdown = render_markdown(summary)
    finally:
        store.close()
    assert f"- Aanwezig: {FATHER}" in markdown
    assert "Jesse van Dongen (pester)" not in markdown.split("- Aanwezig:")[1].splitlines()[0]
    # the real PDF text says the same ("Aanwezig" beside the father with the relation)
    import io

    from pypdf import PdfReader

    from pestcli.report.pdf import pdf_bytes

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(summary))).pages)
    assert f"Aanwezig {FATHER}" in " ".join(text.replace(":", " ").split())


async def test_a_phone_call_is_logged_but_is_not_stap6_unless_ticked(make_app, db_path, protocol, calendar):
    case_id = new_case(db_path, protocol, calendar, with_father=True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, ParentContactDialog))
        dialog = app.screen
        step6 = dialog.query_one("#step6", Checkbox)
        assert step6.value is True  # "Gesprek op school" is the first kind: stap 6 by default
        dialog.query_one("#informing", Checkbox).value = False  # not the informing of stap 2
        dialog.query_one("#how", Select).focus()
        await choose(pilot, dialog.query_one("#how", Select), "telefoon")
        await wait_for(pilot, lambda: step6.value is False)  # a phone call is not stap 6 by itself
        assert any("telt alleen als stap 6" in str(label.render()) for label in dialog.query(".dialog-note"))
        dialog.query_one("#parents", SelectionList).focus()
        await pilot.press("space")  # the father
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and any(c.held_on for c in screen.detail.parent_contacts))

        await pilot.press("o")  # a second call, and this time the mentor says it was stap 6
        await wait_for(pilot, lambda: isinstance(app.screen, ParentContactDialog))
        dialog = app.screen
        dialog.query_one("#informing", Checkbox).value = False
        dialog.query_one("#how", Select).focus()
        await choose(pilot, dialog.query_one("#how", Select), "telefoon")
        await wait_for(pilot, lambda: dialog.query_one("#step6", Checkbox).value is False)
        dialog.query_one("#step6", Checkbox).focus()
        await pilot.press("space")
        assert dialog.query_one("#step6", Checkbox).value is True
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.step(6).done_on is not None)

    store = committed(db_path)
    try:
        detail = case_detail(store, case_id)
    finally:
        store.close()
    held = [c for c in detail.parent_contacts if c.held_on is not None]
    assert [(c.how, c.purpose) for c in held] == [("telefoon", "gesprek"), ("telefoon", "gesprek")]
    assert detail.contact_parent_labels(held[0].id) == [FATHER]
    assert detail.step(6).done_on == TODAY


async def test_stap2_informing_has_its_own_line_and_is_done_by_a_phone_call(make_app, db_path, protocol, calendar):
    case_id = new_case(db_path, protocol, calendar, with_father=True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        timeline = screen.query_one(Timeline)
        line = timeline.line_of(INFORMING_ROW)
        assert line.status == OPEN and line.due == date(2026, 11, 27)  # with stap 2: a week after the report
        rows = screen_text(app).splitlines()
        row = rows[timeline.content_region.y + timeline.numbers.index(INFORMING_ROW)]
        assert "Stap 2" in row and "Ouders informeren" in row and "uiterlijk vr 27 nov 2026" in row
        assert timeline.numbers.index(INFORMING_ROW) == timeline.numbers.index(2) + 1  # right under stap 2
        timeline.index = timeline.numbers.index(INFORMING_ROW)
        await pilot.press("enter")  # on the informing line: the parent contact dialog
        await wait_for(pilot, lambda: isinstance(app.screen, ParentContactDialog))
        dialog = app.screen
        assert dialog.query_one("#informing", Checkbox).value is True
        dialog.query_one("#how", Select).focus()
        await choose(pilot, dialog.query_one("#how", Select), "telefoon")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen
                       and screen.query_one(Timeline).line_of(INFORMING_ROW).status == DONE)
        assert "gedaan ma 23 nov 2026" in screen_text(app)
        assert screen.detail.step(6).done_on is None  # informing by phone is not the stap 6 conversation
        assert screen.detail.step(2).done_on is None  # nor the conversation with the victim


async def test_stap2_informing_is_due_on_the_home_screen_as_its_own_item(make_app, db_path, protocol, calendar):
    from pestcli.widgets.counts_bar import CountsBar
    from pestcli.widgets.due_list import DueList

    store = committed(db_path)
    try:
        case = register_case(store, Rules(protocol, calendar), reported_on=date(2026, 11, 12),
                             reporter_kind="leerling", parents_informed_after="na-stap-3", class_name="2B",
                             roles=[(add_person(store, "Sanne", "Jansen", class_name="2B").id, "gepeste")])
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.id == "home" and app.screen.loaded)
        due = app.screen.query_one(DueList)
        await wait_for(pilot, lambda: due.loaded and app.screen.query_one(CountsBar).counts is not None)
        rows = [(r.kind, r.step, r.due_on, r.what) for r in due.rows if r.case_id == case.id]
        assert ("ouders", 2, date(2026, 11, 19), "Ouders informeren (stap 2)") in rows  # with stap 2
        assert ("stap", 2, date(2026, 11, 19), "Stap 2: gesprek met de gepeste leerling") in rows
        await wait_for(pilot, lambda: "Ouders informeren (stap 2)" in screen_text(app))
        await wait_for(pilot, lambda: "2 te laat" in screen_text(app))  # counted as the list shows it


async def test_with_several_parents_a_parent_conversation_asks_who_came(make_app, db_path, protocol, calendar):
    from pestcli.screens.participants_dialog import ParticipantsDialog

    case_id = new_case(db_path, protocol, calendar, with_father=True)
    store = committed(db_path)
    try:
        fenna = next(p.person for p in case_detail(store, case_id).people if p.person.first_name == "Fenna")
        mother = add_parent(store, case_id, fenna.id, "Els", "Kuipers", "moeder")
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("6", "g")
        await wait_for(pilot, lambda: isinstance(app.screen, ParticipantsDialog))
        text = screen_text(app)
        assert FATHER in text and "Els Kuipers (moeder van Fenna Kuipers)" in text
        chooser = app.screen.query_one(SelectionList)
        assert len(chooser.selected) == 2  # both ticked: untick who did not come
        chooser.focus()
        chooser.highlighted = next(i for i in range(chooser.option_count)
                                   if chooser.get_option_at_index(i).value == mother.id)
        await pilot.press("space", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationScreen)
                       and app.screen.participant_labels == [FATHER])
