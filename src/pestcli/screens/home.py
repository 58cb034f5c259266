"""The home screen "Vandaag": what is due (overdue, today, this week), the open cases, a new report.

On an empty database it shows the welcome (``screens.welcome``) with two ways
in: register a first report, or load the fictional demo cases. It reads the
database (through ``widgets.loader``) on the main thread (a few ms of plain
SQL) before its first paint, and again the moment it becomes the active
screen, so no frame shows old cases or counts. On the school's server that
read runs in the background, the header names the person logged in, and
"Wacht op u" (``widgets.waiting_list``) lists what waits for their role,
read in the same background read; in a mentor's own file it stays hidden.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Header, Input, Static

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.screens.due_start import DueListHost
from pestcli.screens.welcome import Welcome
from pestcli.services import reads
from pestcli.services.errors import StoreError
from pestcli.services.reads import CASE_STATUSES, CaseOverview
from pestcli.services.team_home import waiting_for_me
from pestcli.text import literal
from pestcli.widgets.counts_bar import CountsBar
from pestcli.widgets.due_list import DueList
from pestcli.widgets.encryption_notice import EncryptionNotice
from pestcli.widgets.keys_footer import KeysFooter
from pestcli.widgets.loader import StoreReader
from pestcli.widgets.waiting_list import WaitingList

if TYPE_CHECKING:
    from pestcli.services.team_home import WaitingItem

#: At most this many open cases are listed (newest first); the filter searches them all.
MAX_OPEN_ROWS = 100
#: Step titles longer than this are shortened in the table.
STEP_WIDTH = 34


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class HomeRead(NamedTuple):
    """What one read of the home screen found (on the main thread, or on a server in the background)."""

    #: All cases counted (0: the welcome is shown).
    total: int
    #: The open cases, newest first.
    rows: list[CaseOverview]
    #: How many closed cases wait for a retention decision; None when only that count failed.
    retention_waiting: int | None
    #: What waits for the person's role ("Wacht op u"); empty in a file, None when only that read failed.
    waiting: list[WaitingItem] | None


class HomeScreen(DueListHost, StoreReader[HomeRead], Screen[None]):
    """ "Vandaag": the counts, what is due (DueList), the open cases (newest first), a new report.

    ``g`` and ``v`` in the due list start or move its item (``DueListHost``).
    On the school's server "Wacht op u" lists what waits for the person's role
    (``u`` goes there; Enter opens the case).
    """

    #: The focus goes to the welcome or the open cases once the first read says which (not the filter).
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("n", "new_report", "Nieuwe melding", id="home_new"),
        Binding("slash", "focus_filter", "Zoeken", id="home_filter"),
        Binding("d", "load_demo", "Demo laden", id="home_demo"),
        Binding("w", "focus_week", "Deze week", id="home_week"),
        Binding("a", "agenda", "Agenda", id="home_agenda"),
        Binding("b", "review_retention", "Bewaarbesluiten", id="home_retention"),
        Binding("u", "focus_waiting", "Wacht op u", id="home_waiting"),
        # Not in the footer: at 80 columns it would push out "^q Stoppen"; the palette lists it ("Overzicht").
        Binding("o", "overview", "Overzicht", id="home_overview", show=False),
        Binding("f5", "reload", "Vernieuwen", id="home_reload", show=False),
        Binding("escape", "clear_filter", "Filter wissen", id="home_clear", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="home")
        self.loaded = False
        self.total_cases = 0
        self.rows: list[CaseOverview] = []
        self.loading_demo = False
        self.ready = False
        self._resumed_early = False
        self._waiting_parts = {"home", "due", "counts"}  # read and shown before the warm-up
        self.retention_waiting = 0
        #: Only the first read puts the focus on "Wacht op u" (when something waits); later ones leave it be.
        self._focus_waiting_first = True
        # Not "_cover": that is a method of Textual's Widget (it covers a widget while loading).
        self._covering: Screen | None = None  # the screen pushed over this one, until the return

    def compose(self) -> ComposeResult:
        """Welcome (for an empty database), the open cases and this week's items."""
        yield Header()
        with Vertical(id="home-body"):  # the welcome is mounted here when the database is empty
            with Vertical(id="home-work"):
                with Horizontal(id="home-toolbar"):
                    yield Input(placeholder="Filter op naam, klas of casusnummer…", id="home-filter")
                    yield Button("Nieuwe melding", id="home-new", variant="primary")
                yield Static("", id="retention-note")
                yield EncryptionNotice()
                yield CountsBar(id="home-counts")
                yield WaitingList(id="home-waiting")
                with Vertical(id="home-due"):
                    yield Static("Wat staat er op de agenda?", id="due-title", classes="home-heading")
                    yield DueList(id="home-due-list")
                yield Static("Open meldingen", id="open-title", classes="home-heading")
                yield DataTable(id="open-cases", cursor_type="row", zebra_stripes=True)
                yield Static("", id="open-empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Title, table columns, and a redraw of the tables when the theme changes."""
        self.title = "Vandaag"
        self.query_one("#retention-note", Static).display = False
        self.sub_title = self._day_title(pest_app(self).today())
        self.query_one("#open-cases", DataTable).add_columns(
            "Casus", "Klas", "Gepeste", "Stap", "Volgende datum", "Status")
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill_tables())
        self.ready = True
        if self._resumed_early:
            self.read_now(pest_app(self).today())

    def on_screen_resume(self) -> None:
        """Read the database whenever this screen becomes active: the first time and every return.

        The first read is done on the main thread, before the first paint (a
        few ms of plain SQL, even for a whole school), so the screen never
        shows an empty frame first; it waits for ``on_mount`` when the screen
        is resumed before it is mounted. A return (from a case, the agenda, a
        dialog) reads on the main thread too, so no frame shows the old
        cases and counts.
        """
        if not self.ready:
            self._resumed_early = True
        elif not self.loaded:
            self.read_now(pest_app(self).today())
        else:
            self.sub_title = self._day_title(pest_app(self).today())
            self.read_now(pest_app(self).today())  # the due list and counts read themselves on a return

    # --- reading -----------------------------------------------------------------
    def action_reload(self) -> None:
        """F5 "Vernieuwen": everything again for today (the app may have stayed open past midnight).

        The day in the title, the open cases, the due list and the counts.
        """
        today = pest_app(self).today()
        self.sub_title = self._day_title(today)
        self.read_now(today)
        if self.loaded and self.query_one("#home-work").display:
            self.query_one(DueList).reload()
            self.query_one(CountsBar).reload()

    def _day_title(self, today: date) -> str:
        """The header's sub-title: the day (on the school's server the app's header adds who is working)."""
        return format_date(today)

    def read(self, today: date) -> HomeRead:
        """All cases counted, the open ones, how many closed ones wait for a retention decision, what waits.

        The retention count or "Wacht op u" is None when only that read failed
        (the screen shows the rest). "Wacht op u" is read only on the school's
        server; in a file it is empty without a query.
        """
        store = pest_app(self).store
        total, rows = reads.count_cases(store), reads.open_case_overview(store)
        try:
            retention = reads.count_due_for_review(store, today, pest_app(self).protocol.retention_months)
        except StoreError:
            retention = None
        try:
            waiting: list[WaitingItem] | None = waiting_for_me(store)
        except StoreError:
            waiting = None
        return HomeRead(total, rows, retention, waiting)

    def read_in_vain(self) -> None:
        """The read failed (said in Dutch): this part is done, if in vain."""
        self._part_shown("home")

    def show_read(self, result: HomeRead) -> None:
        """Show what :meth:`read` found."""
        self._show(result.total, result.rows)
        if result.retention_waiting is not None:
            self._show_retention(result.retention_waiting)
        if result.waiting is not None:
            self._show_waiting(result.waiting)

    def _show_waiting(self, items: list[WaitingItem]) -> None:
        """ "Wacht op u" with ``items`` (hidden when empty); the focus leaves it if it empties."""
        waiting = self.query_one(WaitingList)
        had_focus = self.focused is waiting.table
        first = not waiting.items and bool(items) and self._focus_waiting_first
        waiting.show(items, pest_app(self).today())
        self.set_class(bool(waiting.items), "-waiting")  # the toolbar gives up its blank line (80×24)
        self._focus_waiting_first = False
        if had_focus and not items:
            self._focus_cases()
        elif first and self.is_current and self.query_one("#home-work").display:
            self.call_after_refresh(waiting.focus_list)  # what waits for the person comes first
        self.refresh_bindings()

    def _show_retention(self, waiting: int) -> None:
        """The line "N gesloten meldingen wachten op een bewaarbesluit", only when N > 0."""
        self.retention_waiting = waiting
        note = self.query_one("#retention-note", Static)
        note.display = waiting > 0
        words = "gesloten melding wacht" if waiting == 1 else "gesloten meldingen wachten"
        note.update(f"{waiting} {words} op een bewaarbesluit (toets b).")
        self.refresh_bindings()

    def _show(self, total: int, rows: list[CaseOverview]) -> None:
        """Show the welcome or the work, with what was read."""
        self.total_cases, self.rows = total, rows
        work = self.query_one("#home-work")
        if self.loaded and total and not work.display:
            for widget in (self.query_one(DueList), self.query_one(CountsBar)):
                widget.reload()  # the demo was just loaded
        empty = total == 0
        if not self.loaded or work.display == empty:
            # ``display`` on the two parts, not a class on the screen: a class would
            # restyle every widget of the screen, the toggle only these two.
            if empty and not self.query("#welcome"):
                self.query_one("#home-body").mount(Welcome(id="welcome"), before=0)  # first run only
            for welcome in self.query("#welcome"):
                welcome.display = empty
            work.display = not empty
            if self.is_current and not empty:  # the welcome focuses itself when mounted
                self.call_after_refresh(self._focus_cases)
        self._fill_tables()
        self.loaded = True
        self.refresh_bindings()
        self._part_shown("home")

    def _focus_cases(self) -> None:
        """Focus the open cases."""
        self.query_one("#open-cases", DataTable).focus()

    @on(events.ScreenResume)
    def _settle_focus(self, event: events.ScreenResume) -> None:
        """Back on this screen (Esc from a case, the agenda, a dialog): the focus is on the cases.

        Never in the filter, where ``a``, ``w`` or ``g`` would be typed as
        text: the filter has the focus only while the mentor puts it there
        (``/``). This week's list keeps the focus when the mentor left from there. Not after
        the privacy screen or the lock: they only hid the work, and the mentor types on.
        """
        cover, self._covering = self._covering, None
        if not self.loaded or not self.query_one("#home-work").display:
            return
        from pestcli.screens.lock import LockScreen
        from pestcli.screens.privacy import PrivacyScreen

        if isinstance(cover, PrivacyScreen | LockScreen):
            return  # the work was only hidden (Ctrl+B, the idle lock): the mentor types on
        if self.focused is None or self.focused is self.query_one("#home-filter", Input):
            self._focus_cases()

    @on(events.ScreenSuspend)
    def _note_cover(self, event: events.ScreenSuspend) -> None:
        """Remember which screen came over this one (``_settle_focus`` reads it on the return)."""
        self._covering = self.app.screen

    @on(DueList.Shown)
    def _due_shown(self, event: DueList.Shown) -> None:
        """The due list has painted what it read."""
        self._part_shown("due")

    @on(CountsBar.Shown)
    def _counts_shown(self, event: CountsBar.Shown) -> None:
        """The numbers are on screen."""
        self._part_shown("counts")

    def _part_shown(self, part: str) -> None:
        """Once everything on this screen shows what it read: tell the app (once)."""
        if self._waiting_parts:
            self._waiting_parts.discard(part)
            if not self._waiting_parts:
                pest_app(self).first_screen_shown()

    def _style(self, variable: str, fallback: str) -> Style:
        """A Rich style in the colour of a theme variable (so both themes look right)."""
        try:
            return Style.parse(f"bold {self.app.theme_variables.get(variable, fallback)}")
        except Exception:  # noqa: BLE001 - an ANSI theme's colour names are not Rich's
            return Style.parse(f"bold {fallback}")

    def _fill_tables(self) -> None:
        """Fill both tables from what was read, the open cases through the filter."""
        today, protocol = pest_app(self).today(), pest_app(self).protocol
        late = self._style("text-error", "red")
        soon = self._style("text-warning", "yellow")
        table = self.query_one("#open-cases", DataTable)
        selected = self._cursor_key(table)
        table.clear()
        fragment = self.query_one("#home-filter", Input).value
        matching = [row for row in self.rows if row.matches(fragment)]
        shown = matching[:MAX_OPEN_ROWS]  # a coordinator's school: the filter finds the rest
        for row in shown:
            step = "—"
            if row.current_step is not None:
                step = shorten(f"{row.current_step} · {protocol.step(row.current_step).title}", STEP_WIDTH)
            when = Text("—")
            if row.next_due is not None:
                when = Text(format_date(row.next_due))
                if row.next_due < today:
                    when = Text(f"{format_date(row.next_due)} (te laat)", style=late)
                elif row.next_due == today:
                    when = Text(f"{format_date(row.next_due)} (vandaag)", style=soon)
            table.add_row(Text(row.number), literal(row.class_name or "—"),  # text from the file: no controls
                          literal(", ".join(row.victims) or "—"), literal(step), when,
                          Text(CASE_STATUSES.get(row.status, row.status)), key=str(row.case_id))
        if selected is not None and selected in {str(r.case_id) for r in shown}:
            table.move_cursor(row=table.get_row_index(selected))
        empty_note = self.query_one("#open-empty", Static)
        hidden = len(matching) - len(shown)
        empty_note.display = not shown or hidden > 0
        if hidden:
            empty_note.update(f"En nog {hidden} oudere meldingen: typ in het filter om ze te vinden.")
        else:
            empty_note.update("Niets gevonden met dit filter." if fragment.strip() and self.rows
                              else "Geen open meldingen.")

    @staticmethod
    def _cursor_key(table: DataTable) -> str | None:
        """The key of the row under the cursor, if any."""
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - the cursor may be past the end after a clear
            return None

    # --- choosing ----------------------------------------------------------------
    @on(DataTable.RowSelected, "#open-cases")
    def _open_case(self, event: DataTable.RowSelected) -> None:
        """Enter on an open case opens it."""
        case_id = event.row_key.value
        if case_id is None:  # every row is keyed by its case id; never None
            return
        pest_app(self).open_case(int(case_id))

    @on(WaitingList.CaseChosen)
    def _open_waiting(self, event: WaitingList.CaseChosen) -> None:
        """Enter on an item of "Wacht op u" opens its case."""
        pest_app(self).open_case(event.case_id)

    @on(Input.Changed, "#home-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        """Narrow the open cases as the mentor types."""
        self._fill_tables()

    @on(Input.Submitted, "#home-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter moves to the list of cases."""
        self.query_one("#open-cases", DataTable).focus()

    @on(Button.Pressed, "#home-new, #welcome-new")
    def _new_pressed(self, event: Button.Pressed) -> None:
        """The "Nieuwe melding" buttons."""
        self.action_new_report()

    @on(Button.Pressed, "#welcome-demo")
    def _demo_pressed(self, event: Button.Pressed) -> None:
        """The "Demo-casussen laden" button."""
        self.action_load_demo()

    # --- actions -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "Demo laden" only on an empty database, filter keys only beside the work."""
        if action == "review_retention":
            return self.retention_waiting > 0
        if action == "focus_waiting":
            return any(waiting.items for waiting in self.query(WaitingList))
        if action == "load_demo":
            return self.loaded and self.total_cases == 0
        if action in ("focus_filter", "focus_week", "clear_filter", "agenda"):
            return self.loaded and self.total_cases > 0
        return True

    def action_new_report(self) -> None:
        """Open the form for a new report."""
        pest_app(self).action_new_report()

    def action_review_retention(self) -> None:
        """Open the closed cases that wait for a keep-or-erase decision."""
        from pestcli.screens.retention_review import RetentionReviewScreen

        self.app.push_screen(RetentionReviewScreen())

    def action_agenda(self) -> None:
        """Open the agenda: everything due, also what the list here leaves out."""
        pest_app(self).action_agenda()

    def action_overview(self) -> None:
        """Open the school's numbers (for the APC, team leaders and the directie; a mentor's own file)."""
        from pestcli.screens.overview import open_overview

        open_overview(self.app)

    def action_focus_waiting(self) -> None:
        """Move to "Wacht op u"."""
        self.query_one(WaitingList).focus_list()

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter."""
        self.query_one("#home-filter", Input).focus()

    def action_focus_week(self) -> None:
        """Move to this week's items."""
        self.query_one(DueList).focus_list()

    def action_clear_filter(self) -> None:
        """Empty the filter and go back to the list."""
        self.query_one("#home-filter", Input).value = ""
        self.query_one("#open-cases", DataTable).focus()

    def action_load_demo(self) -> None:
        """Fill the empty database with the fictional demo cases."""
        if self.loading_demo or self.total_cases:
            return
        self.loading_demo = True
        for button in self.query("#welcome-demo").results(Button):
            button.disabled = True
        self.notify("De verzonnen demo-casussen worden geladen…")
        self._fill_demo(pest_app(self).today())

    @work(thread=True, exclusive=True, group="home-demo")
    def _fill_demo(self, today: date) -> None:
        """Write the demo cases in a thread, then read the screen again."""
        from pestcli.services.demo import load_demo

        try:
            cases = load_demo(pest_app(self).store, pest_app(self).rules, today)
        except StoreError as exc:
            self.app.call_from_thread(self._demo_done, None, str(exc))
            return
        self.app.call_from_thread(self._demo_done, cases, "")

    def _demo_done(self, cases: int | None, error: str) -> None:
        """Say what the demo did and show the cases."""
        self.loading_demo = False
        for button in self.query("#welcome-demo").results(Button):
            button.disabled = False
        if cases is None:
            self.notify(error, severity="error", title="Demo niet geladen")
        else:
            self.notify(f"{cases} verzonnen meldingen geladen. Alle namen zijn verzonnen.",
                        title="Demo geladen")
        self.action_reload()
