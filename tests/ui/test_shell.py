"""The app shell: the home screen "Vandaag", the welcome, privacy, the palette, the protocol reader.

The real app on a real SQLite file; every test drives it with keys like a
mentor and polls for the result. Opening a case or the report form belongs
to other screens, so those two app methods are replaced by recorders here.
"""

from __future__ import annotations

import re

from ui_helpers import SIZE, screen_text, wait_for
from textual.command import CommandList
from pestcli.widgets.due_list import DueList
from textual.widgets import DataTable, Input, Markdown, Tree

from pestcli.palette import NO_MATCHES, PLACEHOLDER, DutchCommandPalette
from pestcli.screens.home import HomeScreen
from pestcli.screens.privacy import RESUME_HINT, PrivacyScreen
from pestcli.screens.protocol_reader import ProtocolReaderScreen
from pestcli.store import cases_of_person, count_cases, find_people, list_cases, open_store
from pestcli.store.demo_data import PUPILS

CASE_NUMBER = re.compile(r"\b20\d\d-\d{4}\b")
DUTCH_ACTIONS = ("Nieuwe melding", "Zoek leerling of casus", "Open casus", "Agenda", "Protocol lezen")
ENGLISH = ("Quit", "Keys", "Theme", "Screenshot", "Maximize", "Minimize", "Search for commands",
           "No matches", "Exit", "palette")


def record_calls(app) -> dict[str, list]:
    """Replace open_case and action_new_report by recorders; return what they record."""
    calls: dict[str, list] = {"open_case": [], "new_report": []}
    app.open_case = lambda case_id: calls["open_case"].append(case_id)
    app.action_new_report = lambda: calls["new_report"].append(True)
    return calls


def committed(db_path):
    """A second, independent connection to the file: only committed data is there."""
    return open_store(db_path, daily_backup=False)


async def home_loaded(pilot) -> HomeScreen:
    """Wait until the home screen has read the database."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
    await pilot.pause()
    return app.screen


def palette_prompts(app) -> list[str]:
    """The plain text of every line the open palette shows."""
    options = app.screen.query_one(CommandList).options
    return [str(getattr(o.prompt, "plain", o.prompt)) for o in options]


# --- the welcome and the demo ---------------------------------------------------------
async def test_empty_database_welcomes_with_both_ways_in(make_app):
    app = make_app()
    calls = record_calls(app)
    async with app.run_test(size=SIZE) as pilot:
        await home_loaded(pilot)
        await wait_for(pilot, lambda: "Welkom bij pestcli" in screen_text(app))
        await wait_for(pilot, lambda: "d Demo laden" in screen_text(app))
        text = screen_text(app)
        assert "Eerste melding registreren" in text and "Demo-casussen laden" in text
        assert "Verzonnen leerlingen en meldingen" in text
        assert "d Demo laden" in text and "n Nieuwe melding" in text
        assert "Open meldingen" not in text
        assert app.focused.id == "welcome-new"
        await pilot.press("enter")
        await wait_for(pilot, lambda: calls["new_report"] == [True])
        await pilot.press("n")
        await wait_for(pilot, lambda: calls["new_report"] == [True, True])


async def test_loading_the_demo_fills_the_database_and_lists_the_open_cases(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = await home_loaded(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: home.total_cases > 0 and not home.loading_demo, timeout=30)
        with committed(db_path) as store:
            assert count_cases(store) == 9
            open_numbers = [c.number for c in list_cases(store) if c.status != "closed"]
        await wait_for(pilot, lambda: "Open meldingen" in screen_text(app))
        text = screen_text(app)
        assert "Welkom bij pestcli" not in text
        assert "Wat staat er op de agenda?" in text
        due = home.query_one(DueList)
        await wait_for(pilot, lambda: due.loaded and due.rows)
        assert due.rows[0].group == "te laat"  # overdue first, unmistakable
        assert "dagen te laat" in screen_text(app)
        assert "Demo laden" not in text
        table = home.query_one("#open-cases", DataTable)
        shown = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert shown == open_numbers  # newest report first, closed case left out
        for number in open_numbers:
            assert number in text
        assert "Fenna Kuipers" in text and "(te laat)" in text


async def test_home_filters_and_enter_opens_the_case(make_app, db_path):
    app = make_app(demo=True)
    calls = record_calls(app)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_loaded(pilot)
        await pilot.press("slash", *"schrijn")
        table = home.query_one("#open-cases", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1)
        assert "Eva Schrijnemakers" in screen_text(app) and "Fenna Kuipers" not in screen_text(app)
        await pilot.press("enter")  # from the filter to the list
        await wait_for(pilot, lambda: app.focused is table)
        await pilot.press("enter")
        with committed(db_path) as store:
            eva = find_people(store, "Schrijnemakers")[0]
            expected = cases_of_person(store, eva.id)[0][0].id
        await wait_for(pilot, lambda: calls["open_case"] == [expected])
        await pilot.press("escape")
        await wait_for(pilot, lambda: table.row_count > 1)
        await pilot.press("n")
        await wait_for(pilot, lambda: calls["new_report"] == [True])


async def test_theme_switch_keeps_the_home_screen_filled(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_loaded(pilot)
        before = app.theme
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: app.theme != before)
        await pilot.pause()
        assert home.query_one("#open-cases", DataTable).row_count == 8
        assert "Yara Bosman" in screen_text(app)


# --- privacy ---------------------------------------------------------------------------
async def test_privacy_key_blanks_the_screen_and_brings_the_work_back(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_loaded(pilot)
        await pilot.press("slash", *"Kuip")
        await wait_for(pilot, lambda: home.query_one("#open-cases", DataTable).row_count == 1)
        assert "Fenna Kuipers" in screen_text(app)
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, PrivacyScreen))
        await pilot.pause()
        text = screen_text(app)
        assert RESUME_HINT in text
        assert not CASE_NUMBER.search(text)
        for first, last, _klas in PUPILS:
            assert first not in text and last not in text
        assert "Nieuwe melding" not in text and "Zoeken" not in text  # no footer
        assert app.screen.styles.background.a == 1  # nothing of the work shows through
        stack = list(app.screen_stack)
        await pilot.press("ctrl+p", "ctrl+n", "f1", "n")  # nothing opens over the blank screen
        await pilot.pause()
        assert app.screen_stack == stack
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: app.screen is home)
        filter_input = home.query_one("#home-filter", Input)
        assert filter_input.value == "Kuip"
        assert app.focused is filter_input
        await wait_for(pilot, lambda: "Fenna Kuipers" in screen_text(app))
        await pilot.press(*"ers")
        assert filter_input.value == "Kuipers"


async def test_privacy_key_keeps_a_half_filled_report_form_as_it_was(make_app):
    from pestcli.screens.report_form import ReportFormScreen

    app = make_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await home_loaded(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        form = app.screen
        location = form.query_one("#location", Input)
        location.focus()
        await pilot.press(*"fietsenstalling")
        await wait_for(pilot, lambda: "fietsenstalling" in screen_text(app))
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, PrivacyScreen))
        await pilot.pause()
        assert "fietsenstalling" not in screen_text(app)
        assert RESUME_HINT in screen_text(app)
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: app.screen is form)
        assert location.value == "fietsenstalling"
        assert app.focused is location
        await pilot.press(*" achter")
        assert location.value == "fietsenstalling achter"


# --- the command palette ----------------------------------------------------------------
async def test_palette_lists_the_dutch_actions_and_no_english(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, DutchCommandPalette)
                       and len(palette_prompts(app)) >= len(DUTCH_ACTIONS))
        await pilot.pause()
        prompts = "\n".join(palette_prompts(app))
        for action in DUTCH_ACTIONS:
            assert action in prompts
        text = screen_text(app)
        assert PLACEHOLDER in text
        for word in ENGLISH:
            assert word not in prompts and word not in text
        await pilot.press(*"xqzwv")
        await wait_for(pilot, lambda: NO_MATCHES in screen_text(app))
        assert "No matches" not in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_palette_finds_a_pupil_by_part_of_the_name_and_opens_the_newest_case(make_app, db_path):
    app = make_app(demo=True)
    calls = record_calls(app)
    async with app.run_test(size=SIZE) as pilot:
        await home_loaded(pilot)
        await pilot.press("ctrl+p", *"hrijnem")
        await wait_for(pilot, lambda: any("Eva Schrijnemakers (klas 2KB)" in p for p in palette_prompts(app)))
        await pilot.pause()
        assert palette_prompts(app)[0].startswith("Eva Schrijnemakers (klas 2KB)")
        assert "Casus 2026-0004" in screen_text(app)
        await pilot.press("enter")
        with committed(db_path) as store:
            eva = find_people(store, "Schrijnemakers")[0]
            newest = cases_of_person(store, eva.id)[0][0]
        await wait_for(pilot, lambda: calls["open_case"] == [newest.id])


async def test_palette_finds_a_case_by_its_number(make_app, db_path):
    app = make_app(demo=True)
    calls = record_calls(app)
    with committed(db_path) as store:
        case = list_cases(store)[0]
    async with app.run_test(size=SIZE) as pilot:
        await home_loaded(pilot)
        await pilot.press("ctrl+p", *case.number)
        await wait_for(pilot, lambda: any(p.startswith(f"Casus {case.number}") for p in palette_prompts(app)))
        await pilot.pause()
        index = next(i for i, p in enumerate(palette_prompts(app)) if p.startswith(f"Casus {case.number}"))
        await pilot.press(*["down"] * index, "enter")
        await wait_for(pilot, lambda: calls["open_case"] == [case.id])


# --- the protocol reader ----------------------------------------------------------------
def reader_source(app) -> str:
    """The Markdown the reader shows on the right."""
    return app.screen.query_one("#reader-markdown", Markdown).source


def toc_labels(app) -> list[str]:
    """The titles in the reader's table of contents, expanded or not."""
    tree = app.screen.query_one("#reader-toc", Tree)
    labels, stack = [], list(tree.root.children)
    while stack:
        node = stack.pop(0)
        labels.append(str(node.label))
        stack = list(node.children) + stack
    return labels


async def test_protocol_reader_searches_and_shows_the_signals(make_app, protocol):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_loaded(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, ProtocolReaderScreen))
        await wait_for(pilot, lambda: "1. Inleiding" in screen_text(app))
        assert "Zoek in het protocol…" in screen_text(app)
        assert "Het stappenplan in zes stappen" in toc_labels(app)

        reader = app.screen
        await pilot.press(*"Olweus")
        await wait_for(pilot, lambda: "1 onderdeel gevonden." in screen_text(app))
        await wait_for(pilot, lambda: not reader.rendering and "Olweus (1993)" in screen_text(app))
        assert "**Olweus**" in reader_source(app)
        assert "Inleiding" not in screen_text(app)  # quick typing leaves no older text behind
        assert toc_labels(app) == ["3. Signalen van pesten", "Definities van pesten", "Olweus (1993)"]

        await pilot.press("ctrl+u", *"salmivalli")
        await wait_for(pilot, lambda: "Salmivalli (2010)" in screen_text(app))
        assert "Olweus (1993)" not in toc_labels(app)

        await pilot.press("ctrl+u", *"xqzw")
        await wait_for(pilot, lambda: "Niets gevonden" in screen_text(app))

        await pilot.press("ctrl+u")
        await wait_for(pilot, lambda: "2. Preventie" in toc_labels(app))
        await pilot.press("down")  # from the search field to the contents
        await pilot.press("down", "down")
        await wait_for(pilot, lambda: reader_source(app).startswith("## 3\\. Signalen van pesten"))
        signals = next(s for s in protocol.reading if s.id == "signalen")
        for item in signals.items[:3]:
            assert item.text.split("(")[0].strip() in reader_source(app)
        assert "3. Signalen van pesten" in screen_text(app)

        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_protocol_reader_holds_steps_forms_guides_and_phases(make_app, protocol):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_loaded(pilot)
        app.action_read_protocol()
        await wait_for(pilot, lambda: "Taal zonder schuldvraag" in toc_labels(app))
        labels = toc_labels(app)
        for title in ("Het stappenplan in zes stappen", "Vormen van pesten (checklist)",
                      "Escalatie en sanctiefasen", "Gespreksleidraden (bijlagen)", "De vijfsporenaanpak",
                      "8. Doorstroomprofiel: wie doet wat en wanneer?", "10. Bronnen, tips en adviezen"):
            assert title in labels
        for guide in protocol.guides:
            assert f"Bijlage {guide.number}: {guide.title}" in labels
        for phase in protocol.rules.sanctions:
            assert phase.title in labels
        await pilot.press(*"schermafdruk")
        await wait_for(pilot, lambda: "Stap 1: Melding en signalering" in toc_labels(app))


async def test_a_school_full_of_open_cases_lists_the_newest_and_the_filter_finds_the_rest(make_app, db_path,
                                                                                         monkeypatch):
    import pestcli.screens.home as home_module

    monkeypatch.setattr(home_module, "MAX_OPEN_ROWS", 3)
    app = make_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        home = await home_loaded(pilot)
        await wait_for(pilot, lambda: home.total_cases > 0)
        table = home.query_one("#open-cases", DataTable)
        await wait_for(pilot, lambda: table.row_count == 3)
        assert "En nog 5 oudere meldingen" in screen_text(app)
        await pilot.press("slash")
        await pilot.press(*"schrijn")
        await wait_for(pilot, lambda: table.row_count == 1)


async def test_ctrl_c_explains_in_dutch_how_to_stop(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_loaded(pilot)
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: any("Ctrl+Q" in str(n.message) for n in app._notifications))
        assert not any("Press" in str(n.message) for n in app._notifications)


async def test_a_toast_shows_names_literally(make_app):
    """A toast is never markup: a name with brackets shows as typed, escapes are left out, the app stays up."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home_loaded(pilot)
        app.notify("Opgeslagen: x[/] [b]Sanne[/b] [link=https://x.invalid]Klik[/link]\x1b[2J", title="[/]")
        app.screen.notify("Kees [van] Dongen")  # a screen's notify ends in the app's
        await wait_for(pilot, lambda: len(app._notifications) == 2)
        first, second = list(app._notifications)
        assert first.message == "Opgeslagen: x[/] [b]Sanne[/b] [link=https://x.invalid]Klik[/link][2J"
        assert first.title == "[/]" and not first.markup and not second.markup
        assert second.message == "Kees [van] Dongen"
        for _ in range(5):
            await pilot.pause()  # the toasts are drawn; a markup error would have ended the app
        assert app.is_running and app.return_code is None
