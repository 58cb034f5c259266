"""Every screen and dialog is usable at 80×24, a laptop's default terminal window.

The real app on a real SQLite file with the demo cases, at size (80, 24):
the footer ends with a key that shows all keys when the keys do not fit and
never cuts a key; every button of a dialog is on screen; after a refused save
the field with the error has the focus and the error is in view; long texts
wrap at word boundaries (what a widget shows, read back from the screen, is
the source text's words, none cut); titles that must be shortened end with
"…" at a word boundary.
"""

from __future__ import annotations

import pytest
from ui_helpers import TODAY, screen_text, wait_for
from textual.command import CommandPalette
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Select

from pestcli.screens.case import CaseScreen
from pestcli.screens.close_case_dialog import CloseCaseDialog, ConfirmClose
from pestcli.screens.conversation import ConversationScreen
from pestcli.screens.conversation_summary import EndDialog
from pestcli.screens.escalation_dialog import EscalationDialog
from pestcli.screens.evidence_dialog import EvidenceDialog
from pestcli.screens.parent_contact_dialog import ParentContactDialog
from pestcli.screens.step_done_dialog import StepDoneDialog
from pestcli.store import get_case_by_number
from pestcli.text import shorten
from pestcli.widgets.keys_footer import KeysFooter

SMALL = (80, 24)
SCREEN = Region(0, 0, *SMALL)


async def open_case(pilot, number: str) -> CaseScreen:
    """Open a demo case by its number and wait until the case screen has read it."""
    app = pilot.app
    app.open_case(get_case_by_number(app.store, number).id)
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
    return app.screen


async def on_top(pilot, kind: type[Screen]) -> Screen:
    """Wait for a screen of ``kind`` on top."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind))
    return pilot.app.screen


def shown_in(app, widget: Widget) -> str:
    """The text on screen inside ``widget``'s content region, its lines joined by spaces."""
    region = widget.content_region
    lines = screen_text(app).splitlines()[region.y:region.bottom]
    return " ".join(line[region.x:region.right] for line in lines)


def assert_whole_words(app, widget: Widget, source: str) -> None:
    """``widget`` shows all of ``source``, wrapped between words: no word cut or left out.

    Only a word longer than a whole line (a long file path) may be folded.
    """
    region = widget.content_region
    assert region in SCREEN, f"{widget} is not wholly on screen: {region}"
    shown = shown_in(app, widget).split()
    assert "".join(shown) == "".join(source.split())  # nothing left out or cut off
    short = [word for word in source.split() if len(word) <= region.width]
    assert [word for word in shown if word in short] == short  # each word that fits a line is whole


def assert_buttons_on_screen(app, screen: Screen) -> None:
    """Every button of the dialog lies wholly inside the 80×24 screen and shows its label."""
    buttons = [button for button in screen.query(Button) if button.display]
    assert buttons
    text = screen_text(app)
    for button in buttons:
        assert button.region in SCREEN, f"{button.id} at {button.region}"
        assert str(button.label) in text


# --- the footer ----------------------------------------------------------------------------------
async def test_the_case_footer_at_80_shows_whole_keys_and_the_all_keys_key(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_case(pilot, "2026-0003")
        footer = screen.query_one(KeysFooter)
        await wait_for(pilot, lambda: footer.keys)
        line = screen_text(app).splitlines()[-1]
        assert line.rstrip().endswith("▏^p Alle toetsen")
        left = line.split("▏")[0]
        shown = [entry for entry in footer.keys if entry not in footer.hidden]
        # the keys in the fixed order (the screen's, Escape last), each whole, as many as fit
        assert left.split() == " ".join(f"{e.key_display} {e.description}" for e in shown).split()
        assert [e.description for e in shown] == ["Gesprek", "Stap gedaan", "Bewijs", "Ouders", "Escaleren"]
        hidden = [e.description for e in footer.hidden]
        assert hidden[:3] == ["Sluiten", "Samenvatting", "Terug"]  # then the app's keys (Stoppen, ...)
        assert [e.key for e in footer.keys[len(shown) + 3:]] and "escape" not in [e.key for e in footer.keys[len(shown) + 3:]]
        # the all-keys key opens the palette, which lists a key the footer had no room for
        await pilot.click(KeysFooter, offset=(len(line.rstrip()) - 3, 0))
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Samenvatting")
        await wait_for(pilot, lambda: "Samenvatting" in screen_text(app))


async def test_the_footer_keeps_its_palette_text_when_every_key_fits(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=(200, 36)) as pilot:
        screen = await open_case(pilot, "2026-0003")
        footer = screen.query_one(KeysFooter)
        await wait_for(pilot, lambda: footer.keys)
        line = screen_text(app).splitlines()[-1]
        assert footer.hidden == ()
        assert "Alle toetsen" not in line and "^p Opdrachten" in line
        assert "s Sluiten" in line and "r Samenvatting" in line and "esc Terug" in line
        assert line.index("r Samenvatting") < line.index("esc Terug")  # Escape comes last


# --- dialogs fit: buttons on screen, the error in view ---------------------------------------------
@pytest.mark.parametrize(("key", "kind"), [
    ("b", EvidenceDialog),
    ("o", ParentContactDialog),
    ("e", EscalationDialog),
    ("d", StepDoneDialog),
    ("s", CloseCaseDialog),
])
async def test_every_case_dialog_has_its_buttons_on_screen_at_80x24(make_app, key, kind):
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        await open_case(pilot, "2026-0003")
        await pilot.press(key)
        dialog = await on_top(pilot, kind)
        await pilot.pause()
        assert_buttons_on_screen(app, dialog)
        body = dialog.query_one("#dialog-body")
        assert body.region in SCREEN  # the body scrolls inside the screen instead of pushing the buttons out
        await pilot.press("escape")
        await on_top(pilot, CaseScreen)


async def test_a_refused_evidence_save_focuses_the_kind_with_its_error_in_view(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        await open_case(pilot, "2026-0003")
        await pilot.press("b")
        dialog = await on_top(pilot, EvidenceDialog)
        dialog.query_one("#url", Input).focus()  # the mentor was further down the form
        await pilot.press(*"https://example.org", "ctrl+s")
        await wait_for(pilot, lambda: dialog.shown_errors.get("kind") == "Kies het soort bewijs.")
        await wait_for(pilot, lambda: app.focused is dialog.query_one("#kind", Select))
        error = dialog.query_one("#err-kind")
        await wait_for(pilot, lambda: error.region in SCREEN and error.region.height > 0)
        assert "Kies het soort bewijs." in screen_text(app)
        assert any("Niet opgeslagen: Kies het soort bewijs." in str(n.message) for n in app._notifications)
        assert_buttons_on_screen(app, dialog)


async def test_the_file_error_wraps_and_its_field_is_focused_in_view(make_app, tmp_path):
    app = make_app(demo=True)
    missing = tmp_path / "schermafdrukken" / "een-heel-lang-bestandsnaam-dat-er-niet-is.png"
    async with app.run_test(size=SMALL) as pilot:
        await open_case(pilot, "2026-0003")
        await pilot.press("b")
        dialog = await on_top(pilot, EvidenceDialog)
        await pilot.press("enter", "down", "enter")  # a kind of evidence
        await wait_for(pilot, lambda: dialog.query_one("#kind", Select).value != Select.NULL)
        dialog.query_one("#platform", Input).focus()
        for _ in range(4):  # Tab by Tab down to the file field, as a mentor
            await pilot.press("tab")
        await wait_for(pilot, lambda: app.focused is dialog.query_one("#file", Input))
        await pilot.press(*str(missing))
        dialog.query_one("#kind", Select).focus()  # back at the top before saving
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "file" in dialog.shown_errors)
        await wait_for(pilot, lambda: app.focused is dialog.query_one("#file", Input))
        error = dialog.query_one("#err-file")
        await wait_for(pilot, lambda: error.region in SCREEN and error.region.height > 1)
        assert_whole_words(app, error, dialog.shown_errors["file"])
        assert_buttons_on_screen(app, dialog)


# --- long texts wrap between words --------------------------------------------------------------
async def test_the_escalation_description_wraps_between_words(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        await open_case(pilot, "2026-0003")
        await pilot.press("e")
        dialog = await on_top(pilot, EscalationDialog)
        text = dialog.query_one("#phase-text")
        source = str(text.render())
        assert len(source) > 80  # the protocol's description is longer than a line
        text.scroll_visible(animate=False)
        await wait_for(pilot, lambda: text.region in SCREEN)
        assert_whole_words(app, text, source)


async def test_the_step_done_dialog_and_the_close_question_wrap(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        await open_case(pilot, "2026-0003")
        await pilot.press("d")
        dialog = await on_top(pilot, StepDoneDialog)
        for selector in ("#dialog-title", "#preview"):
            widget = dialog.query_one(selector)
            widget.scroll_visible(animate=False)
            await wait_for(pilot, lambda: widget.region in SCREEN and widget.region.height > 0)
            assert_whole_words(app, widget, str(widget.render()))
        await pilot.press("escape")
        await on_top(pilot, CaseScreen)
        await pilot.press("s")
        dialog = await on_top(pilot, CloseCaseDialog)
        await pilot.press(*"Het pesten is gestopt na de gesprekken met de klas en de ouders", "ctrl+s")
        confirm = await on_top(pilot, ConfirmClose)
        question = confirm.query_one("#confirm-question")
        assert len(confirm.question) > 70
        await wait_for(pilot, lambda: question.region.height > 1)
        assert_whole_words(app, question, confirm.question)
        assert_buttons_on_screen(app, confirm)
        await pilot.press("n")
        await on_top(pilot, CloseCaseDialog)


# --- the conversation's title beside its clock --------------------------------------------------
async def test_the_conversation_title_is_shortened_at_a_word_beside_the_clock(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        await open_case(pilot, "2026-0001")
        await pilot.press("g")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "GuidePicker")
        await pilot.press("enter")
        screen = await on_top(pilot, ConversationScreen)
        title = screen.query_one("#conversation-title")
        await wait_for(pilot, lambda: "Duur" in screen_text(app).splitlines()[0])
        top = screen_text(app).splitlines()[0]
        full = title.text
        assert full.startswith("Stap 2: Leidraad voor een gesprek met een gepeste leerling")
        assert len(full) > title.content_size.width  # too long for the line: shortened
        shown = top[title.content_region.x:title.content_region.right].rstrip()
        assert shown.endswith("…") and full.startswith(shown[:-1])
        assert full[len(shown) - 1] == " "  # cut before a word, not inside one
        assert top.index("…") < top.index("Duur") - 1  # a gap before the clock
        assert title.tooltip == full
        footer = screen.query_one(KeysFooter)
        assert screen_text(app).splitlines()[-1].rstrip().endswith("^p Alle toetsen") == bool(footer.hidden)
        # the end-of-conversation dialog (the open points listed) fits too: its list scrolls
        await pilot.press("e")
        end = await on_top(pilot, EndDialog)
        await pilot.pause()
        assert_buttons_on_screen(app, end)


def test_shorten_cuts_at_a_word_boundary_and_marks_it():
    assert shorten("Gesprek met de gepeste leerling", 40) == "Gesprek met de gepeste leerling"
    assert shorten("Gesprek met de gepeste leerling", 20) == "Gesprek met de…"
    assert shorten("Gesprek met de gepeste leerling", 15) == "Gesprek met de…"
    assert shorten("Stappenplan", 6) == "Stapp…"  # one long word: no boundary to cut at
    assert shorten("Stap 2 (bijlage 6)", 10) == "Stap 2…"  # no dangling bracket
    assert shorten("iets", 0) == ""


# --- the follow-up dialogs ------------------------------------------------------------------------
def open_followup_with_agreements(app) -> int:
    """The id of demo case 2026-0005's open follow-up (two agreements, each with its owner)."""
    from pestcli.store import followups_of_case

    case = get_case_by_number(app.store, "2026-0005")
    return next(row.id for row in followups_of_case(app.store, case.id) if row.done_on is None)


async def test_followup_agreements_wrap_and_show_their_owner(make_app):
    from pestcli.screens.followup_dialog import FollowUpDialog

    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        app.push_screen(FollowUpDialog(open_followup_with_agreements(app)))
        dialog = await on_top(pilot, FollowUpDialog)
        agreements = dialog.query_one("#agreements")
        await wait_for(pilot, lambda: agreements.region.height > 0)
        text = shown_in(app, agreements)
        assert "Finn laat Mila voortaan met rust in de kantine. (Finn Lemmens)" in " ".join(text.split())
        assert "…" not in text  # wrapped, not cut off
        assert_buttons_on_screen(app, dialog)


async def test_a_refused_move_focuses_the_first_field_with_its_error(make_app):
    from pestcli.screens.move_followup_dialog import MoveFollowupDialog

    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        app.push_screen(MoveFollowupDialog(open_followup_with_agreements(app)))
        dialog = await on_top(pilot, MoveFollowupDialog)
        dialog.query_one("#move-reason", Input).focus()
        await pilot.press("ctrl+s")  # no day, no reason
        error = dialog.query_one("#err-move-day")
        await wait_for(pilot, lambda: error.has_class("shown") and error.region in SCREEN and error.region.height)
        await wait_for(pilot, lambda: app.focused is dialog.query_one("#move-day Input", Input))
        assert any(str(n.message).startswith("Niet verzet: ") and "kijk naar" not in str(n.message)
                   for n in app._notifications)
        assert_buttons_on_screen(app, dialog)


# --- the protocol reader's contents -------------------------------------------------------------
async def test_the_protocol_contents_shorten_long_titles_at_a_word(make_app):
    from pestcli.screens.protocol_reader import ContentsTree, ProtocolReaderScreen

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        reader = await on_top(pilot, ProtocolReaderScreen)
        tree = reader.query_one(ContentsTree)
        await wait_for(pilot, lambda: tree.root.children and tree.region.height > 0)
        await pilot.press("ctrl+o")
        lines = screen_text(app).splitlines()
        region = tree.content_region
        shortened = 0
        for node in tree.root.children[:region.height]:
            line = lines[region.y + node.line][region.x:region.right].rstrip()
            title = str(node.label)
            shown = line.removeprefix("▶ ").removeprefix("▼ ").strip()
            if shown == title:
                continue
            shortened += 1
            assert shown.endswith("…"), line
            kept = shown[:-1]
            assert title.startswith(kept) and title[len(kept)] in " ,;:·—-(", (title, shown)
        assert shortened  # titles such as "7. Het stappenplan na een melding van pesten" do not fit
        long = next(node for node in tree.root.children if len(str(node.label)) > region.width)
        tree.move_cursor(long)
        markdown = reader.query_one("#reader-markdown")
        title = " ".join(str(long.label).split())
        # the page is drawn in full, its title whole (polled: the page may still be loading or scrolling)
        await wait_for(pilot, lambda: title in " ".join(shown_in(app, markdown).split()), timeout=30)


async def test_a_refused_followup_date_is_focused_with_its_error_in_view(make_app):
    from pestcli.screens.followup_dialog import FollowUpDialog

    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        app.push_screen(FollowUpDialog(open_followup_with_agreements(app)))
        dialog = await on_top(pilot, FollowUpDialog)
        day = dialog.query_one("#done-on Input", Input)
        day.focus()
        await pilot.press("home", "ctrl+k", *"morgen")  # a follow-up is not held in the future
        dialog.query_one("#agreements").focus()  # back at the top, as after ticking the agreements
        await pilot.press("g")
        error = dialog.query_one("#err-done-on")
        await wait_for(pilot, lambda: error.has_class("shown") and error.region in SCREEN and error.region.height)
        await wait_for(pilot, lambda: app.focused is day)
        assert "toekomst" in str(error.render())
        assert any(str(n.message).startswith("Niet opgeslagen: ") and "toekomst" in str(n.message)
                   for n in app._notifications)
        assert_buttons_on_screen(app, dialog)


async def test_the_report_form_footer_at_80_shows_whole_keys(make_app):
    from pestcli.screens.report_form import ReportFormScreen

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: app.screen.query(KeysFooter))
        await pilot.press("n")
        form = await on_top(pilot, ReportFormScreen)
        footer = form.query_one(KeysFooter)
        await wait_for(pilot, lambda: footer.keys and footer.palette)
        line = screen_text(app).splitlines()[-1]
        left, palette = line.split("▏")
        shown = [entry for entry in footer.keys if entry not in footer.hidden]
        assert left.split() == " ".join(f"{e.key_display} {e.description}" for e in shown).split()
        assert "^s Opslaan" in left and "esc Terug" in left
        assert palette.strip() == ("^p Alle toetsen" if footer.hidden else "^p Opdrachten")


async def test_the_steps_keep_their_titles_readable_at_80_columns(make_app):
    """At 80 columns the dates column is compact, so stap 2's conversation and its informing differ."""
    from pestcli.widgets.timeline import Timeline

    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_case(pilot, "2026-0003")
        timeline = screen.query_one(Timeline)
        timeline.focus()
        await wait_for(pilot, lambda: "Ouders informeren" in shown_in(app, timeline))
        shown = shown_in(app, timeline)
        assert "Gesprek met de ge" in shown and "Melding en signal" in shown
        assert f"{TODAY.year}" not in shown  # no year in the compact dates


def test_every_screen_and_dialog_uses_the_footer_that_shows_whole_keys():
    """No screen composes Textual's own Footer, which cuts keys mid-word at 80 columns."""
    import ast
    from pathlib import Path

    import pestcli

    src = Path(pestcli.__file__).parent
    offenders = []
    for path in sorted(src.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "textual.widgets":
                if any(alias.name == "Footer" for alias in node.names):
                    offenders.append(str(path.relative_to(src)))
    assert offenders == []


async def test_the_agenda_at_80_keeps_room_for_the_filter_and_shows_whole_keys(make_app):
    from pestcli.screens.agenda import AgendaScreen
    from pestcli.screens.home import HomeScreen

    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and app.screen.loaded)
        screen = app.screen
        assert screen.query_one("#agenda-filter").content_region.width >= 10
        text = screen_text(app)
        assert "Filter (/)" in text and "Vervolg" in text.split() and "Vervolggesprekken" not in text
        footer = screen.query_one(KeysFooter)
        await wait_for(pilot, lambda: footer.keys)
        line = screen_text(app).splitlines()[-1]
        assert line.rstrip().endswith("▏^p Alle toetsen")
        shown = [entry for entry in footer.keys if entry not in footer.hidden]
        assert line.split("▏")[0].split() == " ".join(f"{e.key_display} {e.description}" for e in shown).split()
        await pilot.press("slash")
        await wait_for(pilot, lambda: app.focused is screen.query_one("#agenda-filter"))
        await pilot.press(*"0005")
        await wait_for(pilot, lambda: screen.shown and all(row.case_number.endswith("0005") for row in screen.shown))
