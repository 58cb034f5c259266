"""At 80×24 the home screen's due list and the agenda show what they must.

The real app on a real SQLite file with the demo cases, at size (80, 24):
the due list ("Wat staat er op de agenda?") keeps within its own part of the
home screen, never under the open cases, and every item that fits its region
shows whole (what, the pupils, the case); the agenda's week and month views
show the case number of every item on screen.
"""

from __future__ import annotations

from ui_helpers import screen_text, wait_for
from textual.widgets import DataTable

from pestcli.screens.agenda import AgendaScreen
from pestcli.screens.agenda_table import AgendaTable
from pestcli.screens.home import HomeScreen
from pestcli.widgets.due_list import HEADING, DueList, row_key

SMALL = (80, 24)


def visible_rows(table: DataTable) -> list[tuple[str, list[str]]]:
    """(row key, the screen lines of the row) for every row that shows whole inside the table."""
    app = table.app
    lines = screen_text(app).splitlines()
    region = table.content_region
    top = region.y + (table.header_height if table.show_header else 0)
    offset = 0
    shown = []
    for index in range(table.row_count):
        row = table.ordered_rows[index]
        first = top + offset - round(table.scroll_y)
        last = first + row.height - 1
        offset += row.height
        if first >= top and last < region.bottom:
            shown.append((row.key.value, [line[region.x:region.right] for line in lines[first:last + 1]]))
    return shown


async def test_due_list_keeps_to_its_region_and_shows_whole_items(make_app) -> None:
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded
                       and app.screen.query_one(DueList).loaded)
        screen = app.screen
        due_part = screen.query_one("#home-due").region
        due_list = screen.query_one(DueList)
        table = due_list.query_one(DataTable)
        cases = screen.query_one("#open-cases", DataTable)
        assert due_part.contains_region(due_list.region), (due_part, due_list.region)
        assert due_part.contains_region(table.region), (due_part, table.region)
        assert not table.region.overlaps(cases.region), (table.region, cases.region)
        assert not due_list.region.overlaps(screen.query_one("#open-title").region)
        assert cases.size.height >= 4  # the header and a few open cases
        assert screen.query_one("#home-counts").region.height >= 1
        by_key = {row_key(row): row for row in due_list.rows}
        items = [(key, lines) for key, lines in visible_rows(table) if not key.startswith(HEADING)]
        assert items, screen_text(app)
        for key, lines in items:
            row = by_key[key]
            assert row.case_number in lines[0], (row.case_number, lines)
            assert row.what.split()[0] in lines[0], (row.what, lines)
            if row.pupils:
                assert row.pupils[:12] in lines[1], (row.pupils, lines)


async def test_agenda_week_and_month_show_the_case_numbers(make_app) -> None:
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
        app.action_agenda()
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and app.screen.loaded)
        for view in ("week", "month"):
            await pilot.press("w" if view == "week" else "m")
            await wait_for(pilot, lambda: app.screen.view == view)
            table = app.screen.query_one(AgendaTable)
            await wait_for(pilot, lambda: table.row_count > 0)
            by_key = {row_key(row): row for row in table.shown}
            items = [(key, lines) for key, lines in visible_rows(table) if key in by_key]
            assert items, screen_text(app)
            for key, lines in items:
                assert by_key[key].case_number in lines[0], (view, by_key[key].case_number, lines)


async def test_counts_bar_shows_every_number_whole_at_80_columns(make_app) -> None:
    """The counts bar names open, overdue and today's items whole; the split per step fits too."""
    from pestcli.widgets.counts_bar import CountsBar

    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen)
                       and app.screen.query_one(CountsBar).counts is not None)
        bar = app.screen.query_one(CountsBar)
        counts = bar.counts
        assert counts.overdue and counts.due_today and len([c for c in counts.open_per_step.values() if c]) >= 3
        lines = screen_text(app).splitlines()[bar.region.y:bar.region.bottom]
        text = " ".join(line.strip() for line in lines)
        assert f"{counts.open_cases} open meldingen" in text
        assert f"{counts.overdue} te laat" in text
        assert f"{counts.due_today} vandaag" in text
        steps = sorted(step for step, count in counts.open_per_step.items() if count)
        assert f"(stap {steps[0]}: " in text and text.rstrip().endswith(")"), text
        for step in steps[1:]:
            assert f" {step}: {counts.open_per_step[step]}" in text, text
        assert "…" not in text
