"""The coordinator's overview screen (issue 18): the real app, by keys, at 80×24.

On the demo database (a mentor's own file, today fixed at 23 November
2026) the screen opens with ``o`` from the home screen; what it shows is
what ``services.overview.overview`` counts for the same period and classes
(the headline as drawn on screen, the table's numbers); another school year,
term or class, or two dates typed in the period dialog, count again; Enter on
a figure lists exactly ``cases_behind``'s cases and Enter on one opens its
case screen; a read that fails says so in Dutch, and while the numbers are
counted the screen says "Bezig met tellen…". On the school's server the APC
sees the school's numbers, a team leader fewer (their department, through
row-level security) and a mentor the message that the overview is not for
them. A snapshot at 80×24 keeps the look.

``PESTCLI_WRITE_DOCS=1`` makes :func:`test_write_the_readme_picture` write
``docs/overview.svg`` (the README's picture) from the demo at 100×32:
``PESTCLI_WRITE_DOCS=1 .venv/bin/python -m pytest tests/ui/test_overview_screen.py -k readme``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from server_team import Team, team_server  # noqa: F401 - the module's server (fixture 'team')
from test_snapshots import demo, freeze, settled  # noqa: F401 - the snapshots' fixed demo (fixture 'demo')
from textual.widgets import DataTable, Input
from ui_helpers import TODAY, screen_text, wait_for

from pestcli.app import PestApp
from pestcli.protocol.calendar import school_year_of
from pestcli.protocol.periods import custom_period, school_year_period, term_period
from pestcli.screens.case import CaseScreen
from pestcli.screens.home import HomeScreen
from pestcli.screens.overview import (
    COUNTING,
    NOT_ALLOWED,
    OverviewScreen,
    chart_label,
    may_see_overview,
    month_labels,
    selection_of,
)
from pestcli.screens.overview_cases import OverviewCasesDialog
from pestcli.screens.overview_period import OverviewPeriodDialog
from pestcli.services import overview as overview_uses
from pestcli.services.errors import StoreError
from pestcli.services.overview import Selection
from pestcli.store import create_case
from pestcli.store.opening import open_server_store
from pestcli.widgets.dutch_select import DutchSelect
from pestcli.widgets.keys_footer import KeysFooter

#: The design size.
SMALL = (80, 24)
#: The school year of the fixed day.
YEAR = school_year_of(TODAY)
#: The team leader's department on the test server (``server_team``): leerjaar 2 and klas 4VA.
DEPARTMENT = ("2", "4VA")


# --- helpers ---------------------------------------------------------------------------------------
async def home_loaded(pilot) -> None:
    """Wait until the home screen has read the database."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded, timeout=30)


def counted(screen: OverviewScreen) -> bool:
    """Whether the screen shows the numbers of its current choice."""
    figures = screen.figures
    return (not screen.counting and figures is not None
            and (figures.period, figures.selection) == (screen.period, screen.selection))


async def overview_by_key(pilot) -> OverviewScreen:
    """From the home screen press ``o`` and wait until the overview shows its numbers."""
    app = pilot.app
    await home_loaded(pilot)
    await pilot.press("o")
    await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen) and counted(app.screen), timeout=30)
    await wait_for(pilot, lambda: app.screen.query_one(KeysFooter).keys)
    return app.screen


def expected(app: PestApp, period, selection: Selection | None = None):
    """What the service counts for ``period`` and ``selection``, as of the app's day."""
    return overview_uses.overview(app.store, app.protocol, period, selection, app.today())


def table_values(screen: OverviewScreen) -> dict[str, str]:
    """The table's numbers by the figure's key, as the cells hold them."""
    table = screen.query_one("#overview-table", DataTable)
    values = {}
    for row_key in table.rows:
        row = screen.rows[row_key.value]
        if row.key is not None:
            values[row.key] = str(table.get_cell(row_key, "value"))
    return values


def assert_shows(app: PestApp, figures) -> None:
    """The headline on screen and the table's numbers are ``figures``'."""
    text = screen_text(app)
    assert f"Meldingen {figures.reports}" in text
    assert f"Open te laat {sum(step.open_late for step in figures.steps)}" in text
    assert f"Vervolg gehouden {figures.followups.held}" in text
    assert f"gemist {figures.followups.missed}" in text
    assert f"Escalaties {sum(count.value for count in figures.escalations)}" in text
    values = table_values(app.screen)
    for count in [*figures.per_class, *figures.per_year_group, *figures.forms, *figures.endings]:
        if count.value:
            assert values[count.key] == str(count.value), count
    assert values.get("meldingen:", "0") == str(figures.reports) or figures.reports == 0


async def choose(pilot, key: str, select_id: str, value: str) -> None:
    """Go to a choice with its key, open its list with Enter, move to ``value`` and take it with Enter."""
    screen = pilot.app.screen
    select = screen.query_one(f"#{select_id}", DutchSelect)
    await pilot.press(key)
    await wait_for(pilot, lambda: pilot.app.focused is select)
    await pilot.press("enter")
    await wait_for(pilot, lambda: select.expanded)
    values = [option_value for _prompt, option_value in select._options]
    steps = values.index(value) - values.index(select.value)
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
    await wait_for(pilot, lambda: not select.expanded and select.value == value)


async def cursor_to(pilot, screen: OverviewScreen, figure_key: str) -> None:
    """Go to the table (``c``) and move its cursor down to the figure with ``figure_key``."""
    table = screen.query_one("#overview-table", DataTable)
    await pilot.press("c")
    await wait_for(pilot, lambda: pilot.app.focused is table)
    keys = [screen.rows[row_key.value].key for row_key in table.rows]
    await pilot.press(*(["down"] * (keys.index(figure_key) - table.cursor_row)))
    await wait_for(pilot, lambda: screen.selected_row() is not None and screen.selected_row().key == figure_key)


# --- a mentor's own file ---------------------------------------------------------------------------
async def test_o_opens_the_overview_at_80x24_with_the_numbers_of_the_service(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        screen = await overview_by_key(pilot)
        figures = expected(app, school_year_period(YEAR))
        assert figures.reports > 0
        assert screen.figures == figures
        assert_shows(app, figures)
        text = screen_text(app)
        assert f"Overzicht — schooljaar {YEAR} · alle klassen" in text
        assert "Meldingen per maand" in text
        # the focus starts on the first chart (framed), never in a choice or a text field
        assert app.focused is screen.query_one("#overview-months")
        footer = screen.query_one(KeysFooter)
        assert [entry.description for entry in footer.keys][:5] == ["Schooljaar", "Periode", "Klassen",
                                                                    "Cijfers", "Terug"]
        # every figure can be reached by keys: the body scrolls with the table's cursor to the last one
        table = screen.query_one("#overview-table", DataTable)
        await pilot.press("c")
        await wait_for(pilot, lambda: app.focused is table)
        await pilot.press(*(["down"] * table.row_count))
        await wait_for(pilot, lambda: table.cursor_row == table.row_count - 1)
        await wait_for(pilot, lambda: "waarvan gesloten na escalatie" in screen_text(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_another_year_term_or_class_counts_again(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        screen = await overview_by_key(pilot)
        whole = screen.figures
        years, (groups, classes) = (overview_uses.school_years(app.store, TODAY),
                                    overview_uses.class_choices(app.store))
        assert len(years) > 1 and classes

        await choose(pilot, "p", "overview-period", "2")  # periode 2, januari tot en met maart
        await wait_for(pilot, lambda: counted(screen))
        assert screen.period == term_period(YEAR, 2)
        term = expected(app, term_period(YEAR, 2))
        assert screen.figures == term and term.reports != whole.reports
        assert_shows(app, term)
        assert f"periode 2 van {YEAR}" in screen_text(app)

        earlier = years[1]
        await choose(pilot, "j", "overview-year", earlier)
        await wait_for(pilot, lambda: counted(screen))
        assert screen.period == term_period(earlier, 2)
        await choose(pilot, "p", "overview-period", "jaar")
        await wait_for(pilot, lambda: counted(screen))
        previous = expected(app, school_year_period(earlier))
        assert screen.figures == previous and previous.reports != whole.reports
        assert_shows(app, previous)

        await choose(pilot, "j", "overview-year", YEAR)
        await wait_for(pilot, lambda: counted(screen) and screen.period == school_year_period(YEAR))
        name = classes[0]
        await choose(pilot, "k", "overview-scope", f"klas:{name}")
        await wait_for(pilot, lambda: counted(screen))
        one_class = expected(app, school_year_period(YEAR), Selection(class_name=name))
        assert screen.selection == Selection(class_name=name) and screen.figures == one_class
        assert 0 < one_class.reports < whole.reports
        assert_shows(app, one_class)
        assert f"· klas {name}" in screen_text(app)

        await choose(pilot, "k", "overview-scope", f"leerjaar:{groups[-1]}")
        await wait_for(pilot, lambda: counted(screen))
        group = expected(app, school_year_period(YEAR), Selection(year_group=groups[-1]))
        assert screen.figures == group
        assert_shows(app, group)


async def test_two_dates_typed_in_the_period_dialog_are_counted(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        screen = await overview_by_key(pilot)
        await choose(pilot, "p", "overview-period", "eigen")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewPeriodDialog))
        dialog = app.screen
        start, end = dialog.query("Input").results(Input)
        await wait_for(pilot, lambda: app.focused is start)
        start.value, end.value = "", ""
        await pilot.press(*"30-11-2026", "enter")  # the end before the start: said beside it
        await wait_for(pilot, lambda: app.focused is end)
        await pilot.press(*"1-10-2026", "enter")
        await wait_for(pilot, lambda: "vóór de begindatum" in screen_text(app))
        assert isinstance(app.screen, OverviewPeriodDialog)
        end.value = ""
        start.value = ""
        start.focus()
        await pilot.press(*"1-10-2026", "tab")
        end.focus()
        await pilot.press(*"30-11-2026", "ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and counted(screen))
        period = custom_period(date(2026, 10, 1), date(2026, 11, 30))
        assert screen.period == period
        figures = expected(app, period)
        assert screen.figures == figures
        assert_shows(app, figures)
        assert "1 oktober 2026 t/m 30 november 2026" in screen_text(app)


async def test_enter_lists_the_cases_behind_a_figure_and_opens_one(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        screen = await overview_by_key(pilot)
        figures = screen.figures
        busiest = max(figures.per_class, key=lambda count: count.value)
        assert busiest.value >= 2
        await cursor_to(pilot, screen, busiest.key)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewCasesDialog) and app.screen.cases is not None)
        dialog = app.screen
        behind = overview_uses.cases_behind(app.store, figures.period, busiest.key, figures.selection, TODAY)
        assert len(behind) == busiest.value
        table = dialog.query_one("#overview-cases", DataTable)
        assert [int(row_key.value) for row_key in table.rows] == [case.case_id for case in behind]
        text = screen_text(app)
        assert all(case.number in text for case in behind)
        assert f"{len(behind)} meldingen" in text
        assert app.focused is table

        await pilot.press("down", "enter")  # the second case
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None,
                       timeout=30)
        assert app.screen.detail.case.id == behind[1].case_id
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is dialog)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)


async def test_a_failed_read_is_said_in_dutch_and_counting_is_shown(make_app, monkeypatch):
    app = make_app(demo=True)
    release = threading.Event()
    real = overview_uses.overview
    failing = {"on": False}

    def held(*args, **kwargs):
        release.wait(30)
        if failing["on"]:
            raise StoreError("De server is niet bereikbaar.")
        return real(*args, **kwargs)

    monkeypatch.setattr(overview_uses, "overview", held)
    async with app.run_test(size=SMALL) as pilot:
        await home_loaded(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewScreen))
        screen = app.screen
        await wait_for(pilot, lambda: COUNTING in screen_text(app))
        assert screen.counting and screen.figures is None
        release.set()
        await wait_for(pilot, lambda: counted(screen))
        assert COUNTING not in screen_text(app)

        failing["on"] = True
        await pilot.press("f5")
        await wait_for(pilot, lambda: not screen.counting)
        text = screen_text(app)
        assert "Het overzicht kon niet worden gelezen: De server is niet bereikbaar." in text
        assert "Traceback" not in text and screen.figures is None
        assert screen.query_one("#overview-table", DataTable).row_count == 0  # no old numbers as if current
        assert app.is_running and app.screen is screen


async def test_a_step_lists_its_late_cases_and_a_class_name_is_shown_literally(make_app):
    app = make_app(demo=True)
    hostile = "[bold red]5Z[/bold red]"
    create_case(app.store, reported_on=date(2026, 11, 2), reporter_kind="leerling", protocol_name="Anti-pestprotocol",
                protocol_version="2.3", class_name=hostile + "\x1b", forms=["woorden.bijnaam"],
                description="Wordt uitgescholden.", mentor="P. van den Berg")
    async with app.run_test(size=SMALL) as pilot:
        screen = await overview_by_key(pilot)
        figures = screen.figures
        assert_shows(app, figures)
        stored = next(count for count in figures.per_class if count.label.startswith(hostile))
        await cursor_to(pilot, screen, stored.key)
        assert hostile in screen_text(app)  # as typed, not read as markup (and no control character)
        assert "\x1b" not in screen_text(app)
        await choose(pilot, "k", "overview-scope", stored.key)
        await wait_for(pilot, lambda: counted(screen))
        assert screen.figures == expected(app, school_year_period(YEAR), Selection(class_name=stored.label))
        assert "· klas [bold red]5Z[/bold re" in screen_text(app)  # the header, cut at 80 columns
        assert screen.sub_title.endswith(f"klas {hostile}")

        await choose(pilot, "k", "overview-scope", "alle")
        await wait_for(pilot, lambda: counted(screen))
        late = next(step for step in screen.figures.steps if step.cases > step.on_time)
        await cursor_to(pilot, screen, f"stap-laat:{late.step}")
        assert f"op tijd {late.on_time} van {late.cases}" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OverviewCasesDialog) and app.screen.cases is not None)
        behind = overview_uses.cases_behind(app.store, screen.figures.period, f"stap-laat:{late.step}",
                                            Selection(), TODAY)
        assert [case.case_id for case in app.screen.cases] == [case.case_id for case in behind] != []
        assert "te laat gedaan" in screen_text(app) and "of nog open na de termijn" in screen_text(app)


def test_starting_the_app_loads_no_plotext():
    """The charts' library is imported when the overview is built, not with the app, home or palette."""
    probe = ("import sys, pestcli.app, pestcli.palette, pestcli.screens.home, pestcli.screens.overview; "
             "print(sorted(name for name in sys.modules if 'plotext' in name))")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"


def test_who_sees_it_and_how_the_charts_are_labelled():
    assert may_see_overview(None)  # a mentor in their own file
    assert may_see_overview(("apc",)) and may_see_overview(("teamleider",)) and may_see_overview(("directie",))
    assert may_see_overview(("mentor", "teamleider"))
    assert not may_see_overview(("mentor",)) and not may_see_overview(("ondersteuning",))
    assert not may_see_overview(())
    assert selection_of("alle") == Selection()
    assert selection_of("leerjaar:2") == Selection(year_group="2")
    assert selection_of("klas:2B") == Selection(class_name="2B")
    months = school_year_period(YEAR).months()
    assert month_labels(months, 200)[0] == "aug 2026"  # room for the whole label
    assert month_labels(months, 60) == ["aug", "sep", "okt", "nov", "dec", "jan", "feb", "mrt", "apr", "mei",
                                        "jun", "jul"]
    assert chart_label("Pesten met woorden") == "Met woorden" and chart_label("Digitaal pesten") == "Digitaal pesten"


# --- the school's server -----------------------------------------------------------------------------
@pytest.fixture
def app_as(team, protocol, calendar) -> Iterator[Callable[..., PestApp]]:
    """``app_as(who)``: the app on the school's server, logged in as ``who``; its store closed afterwards."""
    stores = []

    def build(who: str) -> PestApp:
        store = open_server_store(team.url(who))
        stores.append(store)
        return PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: TODAY)

    yield build
    for store in stores:
        store.close()


def school_reports(team: Team, period) -> int:
    """The reports of Locatie Noord in ``period``, as the tables' owner counts them."""
    return team.owner_rows("SELECT count(*) FROM cases WHERE school_id = %s AND reported_on BETWEEN %s AND %s",
                           (team.school("Locatie Noord"), period.start, period.end))[0][0]


async def test_on_the_server_the_apc_sees_the_school_and_a_team_leader_their_department(team, app_as):
    period = school_year_period(YEAR)
    seen = {}
    for who in ("apc", "teamleider", "directie"):
        app = app_as(who)
        async with app.run_test(size=SMALL) as pilot:
            screen = await overview_by_key(pilot)
            figures = expected(app, period)
            assert screen.figures == figures
            assert_shows(app, figures)
            header = app.format_title(screen.title, screen.sub_title).plain  # cut to the width at 80 columns
            assert header.endswith(app.worker_label) and header.startswith(f"Overzicht — schooljaar {YEAR}")
            seen[who] = figures
    assert seen["apc"].reports == school_reports(team, period) > 0
    assert seen["directie"].reports == seen["apc"].reports
    leader = seen["teamleider"]
    assert 0 < leader.reports < seen["apc"].reports
    assert all(count.label.startswith(DEPARTMENT[0]) or count.label == DEPARTMENT[1] for count in leader.per_class)


@pytest.mark.parametrize("who", ["mentor", "ondersteuning"])
async def test_on_the_server_a_mentor_is_told_who_the_overview_is_for(team, app_as, who):
    app = app_as(who)
    async with app.run_test(size=SMALL) as pilot:
        await home_loaded(pilot)
        home = app.screen
        await pilot.press("o")
        await wait_for(pilot, lambda: any(NOT_ALLOWED in str(n.message) for n in app._notifications))
        assert app.screen is home
        assert not any(isinstance(screen, OverviewScreen) for screen in app.screen_stack)


# --- the look ---------------------------------------------------------------------------------------
async def overview_shown(pilot) -> None:
    """The overview opened by key and counted, its footer filled."""
    await overview_by_key(pilot)


def test_snapshot_overview(demo, snap_compare):  # noqa: F811 - the fixture imported above
    async def run_before(pilot) -> None:
        await overview_shown(pilot)
        await settled(pilot)

    assert snap_compare(demo, terminal_size=SMALL, run_before=run_before)


@pytest.mark.skipif(os.environ.get("PESTCLI_WRITE_DOCS") != "1", reason="writes docs/overview.svg: PESTCLI_WRITE_DOCS=1")
async def test_write_the_readme_picture(make_app, monkeypatch):
    """docs/overview.svg: the overview of the demo at 100×32, under the snapshots' fixed clock."""
    freeze(monkeypatch)
    app = make_app(demo=True, prepare=freeze)
    docs = Path(__file__).resolve().parents[2] / "docs"
    docs.mkdir(exist_ok=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await overview_by_key(pilot)
        await settled(pilot)
        written = app.save_screenshot(filename="overview.svg", path=str(docs))
    picture = Path(written).read_text(encoding="utf-8").replace("&#160;", " ")
    assert "Meldingen per maand" in picture and "Vormen van pesten" in picture
