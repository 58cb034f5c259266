"""Snapshot tests: the main screens and dialogs at 80×24 and at 120×36 (issue 13).

pytest-textual-snapshot, the Textual ecosystem's convention: each test takes an
SVG screenshot of the real app and compares it with the accepted one in
``__snapshots__/test_snapshots/``. A failure writes ``snapshot_report.html``
with the old and the new image side by side.

The screenshots are the same on any machine, on any date and under load:

* the real ``PestApp`` on a fresh SQLite file in ``tmp_path`` (no settings
  file, so the default theme): a copy of the demo for the fixed ``TODAY``,
  filled once per run under the frozen clock below;
* the wall clock is frozen where the app reads it (``store.common`` stamps
  records, the conversation screen its clock and "Opgeslagen om"), so the
  demo's records and the conversation's "Duur 00:00" never change;
* "Gevoerd door" is a fixed mentor, not the machine's user;
* the Documents folder is a fixed path, not the machine's;
* ``run_before`` polls (``wait_for``, never a sleep) until the screen has read
  its data; Textual's harness then waits for animations and hides the cursor
  blink (``export_screenshot`` of a headless app).

Update after a deliberate change of the look, and review the SVGs as images:
``make test PYTEST_ARGS="tests/ui/test_snapshots.py --snapshot-update"``.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest
from ui_helpers import TODAY, screen_text
from ui_helpers import wait_for as poll

from pestcli.screens.agenda import AgendaScreen
from pestcli.screens.case import CaseScreen
from pestcli.screens.close_case_dialog import CloseCaseDialog
from pestcli.screens.conversation import ConversationScreen
from pestcli.screens.evidence_dialog import EvidenceDialog
from pestcli.screens.followup_dialog import FollowUpDialog
from pestcli.screens.home import HomeScreen
from pestcli.screens.report_form import ReportFormScreen
from pestcli.screens.summary_preview import SummaryPreviewScreen
from pestcli.store import followups_of_case, get_case_by_number
from pestcli.widgets.due_list import DueTable
from pestcli.widgets.keys_footer import KeysFooter

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
#: The frozen wall clock: the fixed day at a quarter past ten.
NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 10, 15, 0)
MENTOR = "Marieke de Mentor"
#: A fixed Documents folder (never written: no test here saves a file).
DOCUMENTS = Path("/home/mentor/Documenten")


class FrozenDateTime(datetime):
    """A ``datetime`` whose ``now()`` is always ``NOW``."""

    @classmethod
    def now(cls, tz=None):  # noqa: ANN001, ANN206 - the signature of datetime.now
        return NOW if tz is None else NOW.replace(tzinfo=tz)


async def wait_for(pilot, condition) -> None:
    """``ui_helpers.wait_for`` with room for a slow, loaded machine."""
    await poll(pilot, condition, timeout=30.0)


def freeze(monkeypatch) -> None:
    """Fix the clock, the mentor and Documents where the app reads them."""
    monkeypatch.setattr("pestcli.store.common.datetime", FrozenDateTime)
    monkeypatch.setattr("pestcli.screens.conversation.datetime", FrozenDateTime)
    monkeypatch.setattr("pestcli.store.conversations.user_name", lambda: MENTOR)
    monkeypatch.setattr("pestcli.store.common.user_name", lambda: MENTOR)
    monkeypatch.setattr("pestcli.report.output.documents_dir", lambda: DOCUMENTS)


@pytest.fixture
def demo(make_app, monkeypatch):
    """The app on the demo database (filled under the same fixed clock and mentor), with them fixed."""
    freeze(monkeypatch)
    return make_app(today=TODAY, demo=True, prepare=freeze)


def case_id(app, number: str) -> int:
    """The id of a demo case."""
    return get_case_by_number(app.store, number).id


async def settled(pilot) -> None:
    """Wait until the screen looks the same over three frames in a row.

    Some layouts settle a frame or two after the data is in (columns fitted to
    the width once it is known, wrapped lines measured, a scrollbar sized).
    """
    app = pilot.app
    last, same, deadline = None, 0, time.monotonic() + 30.0
    while same < 3:
        await pilot.pause()
        shown = screen_text(app)
        same = same + 1 if shown == last else 0
        last = shown
        assert time.monotonic() < deadline, "the screen never settled"


def snapshot_after(*steps):
    """A ``run_before`` that runs ``steps`` in turn, then waits until the screen has settled."""

    async def run_before(pilot) -> None:
        for step in steps:
            await step(pilot)
        await settled(pilot)

    return run_before


async def footer_ready(pilot) -> None:
    """The screen on top has its footer keys (the last thing a screen fills in)."""
    await wait_for(pilot, lambda: pilot.app.screen.query_one(KeysFooter).keys)


async def home_loaded(pilot) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
    await wait_for(pilot, lambda: app.focused is app.screen.query_one("#open-cases"))  # not the filter
    due = app.screen.query_one(DueTable)
    # the due list's columns fitted to the width (Textual sizes the table after its first fill)
    await wait_for(pilot, lambda: due.size.width and due.virtual_size.width <= due.size.width)
    await footer_ready(pilot)


async def case_open(pilot, number: str) -> CaseScreen:
    """Open a demo case and wait until the case screen has read it."""
    app = pilot.app
    await home_loaded(pilot)
    app.open_case(case_id(app, number))
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
    await footer_ready(pilot)
    return app.screen


async def dialog_on_case(pilot, key: str, kind) -> None:
    """On case 2026-0003 press ``key`` and wait for the dialog ``kind``."""
    await case_open(pilot, "2026-0003")
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind))


# --- the screens ---------------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
def test_snapshot_home(demo, snap_compare, size):
    assert snap_compare(demo, terminal_size=size, run_before=snapshot_after(home_loaded))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_report_form(demo, snap_compare, size):
    async def run_before(pilot):
        await home_loaded(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ReportFormScreen))
        await footer_ready(pilot)

    assert snap_compare(demo, terminal_size=size, run_before=snapshot_after(run_before))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_case(demo, snap_compare, size):
    async def run_before(pilot):
        await case_open(pilot, "2026-0003")

    assert snap_compare(demo, terminal_size=size, run_before=snapshot_after(run_before))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_conversation(demo, snap_compare, size):
    async def run_before(pilot):
        app = pilot.app
        await case_open(pilot, "2026-0001")
        await pilot.press("g")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "GuidePicker")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationScreen))
        clock = app.screen.query_one("#conversation-clock")
        await wait_for(pilot, lambda: "Duur" in str(clock.render()))
        await footer_ready(pilot)

    assert snap_compare(demo, terminal_size=size, run_before=snapshot_after(run_before))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_summary_preview(demo, snap_compare, size):
    async def run_before(pilot):
        app = pilot.app
        await home_loaded(pilot)
        app.push_screen(SummaryPreviewScreen(case_id(app, "2026-0007")))
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen) and app.screen.summary)
        await wait_for(pilot, lambda: app.screen.rendered)
        await footer_ready(pilot)

    assert snap_compare(demo, terminal_size=size, run_before=snapshot_after(run_before))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_agenda_week(demo, snap_compare, size):
    async def run_before(pilot):
        app = pilot.app
        await home_loaded(pilot)
        app.action_agenda()
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and app.screen.loaded)

    assert snap_compare(demo, terminal_size=size, run_before=snapshot_after(run_before))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_agenda_month(demo, snap_compare, size):
    async def run_before(pilot):
        app = pilot.app
        await home_loaded(pilot)
        app.action_agenda()
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and app.screen.loaded)
        await pilot.press("m")
        await wait_for(pilot, lambda: app.screen.loaded and app.screen.view == "month")

    assert snap_compare(demo, terminal_size=size, run_before=snapshot_after(run_before))


# --- the dialogs ---------------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
def test_snapshot_followup_dialog(demo, snap_compare, size):
    async def run_before(pilot):
        app = pilot.app
        await home_loaded(pilot)
        case = case_id(app, "2026-0005")
        followup = next(row.id for row in followups_of_case(app.store, case) if row.done_on is None)
        app.push_screen(FollowUpDialog(followup))
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog))
        agreements = app.screen.query_one("#agreements")
        await wait_for(pilot, lambda: agreements.region.height > 0)

    assert snap_compare(demo, terminal_size=size, run_before=snapshot_after(run_before))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_close_dialog(demo, snap_compare, size):
    async def run_before(pilot):
        await dialog_on_case(pilot, "s", CloseCaseDialog)
        await wait_for(pilot, lambda: pilot.app.screen.detail is not None)

    assert snap_compare(demo, terminal_size=size, run_before=snapshot_after(run_before))


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_evidence_dialog(demo, snap_compare, size):
    async def run_before(pilot):
        await dialog_on_case(pilot, "b", EvidenceDialog)

    assert snap_compare(demo, terminal_size=size, run_before=snapshot_after(run_before))
