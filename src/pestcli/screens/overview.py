"""The coordinator's overview: the school's numbers of a school year, a term or a chosen period.

For the APC, a team leader (their department: the server's row-level
security counts only those cases) and the directie on the school's server,
and for a mentor in their own file (their own cases). Others get a Dutch
message instead (:func:`open_overview`).

At the top the choices: the school year, the whole year or a term (or a
period of two dates, asked in ``screens.overview_period``), and all classes,
a year group or a class. The numbers (``services.overview``, counted in SQL)
are read in a worker thread with "Bezig met tellen…" on screen; a failed read
says why in Dutch. Then the headline numbers, two charts drawn by
textual-plotext (reports per month, forms of bullying per group; every bar's
number is written beside it) and a table of every figure by section. Enter
on a figure lists the cases behind it (``screens.overview_cases``).

textual-plotext (and plotext) are imported when the screen is built, never
at the app's start.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Header, Select, Static

from pestcli.app_access import pest_app
from pestcli.protocol.calendar import school_year_of
from pestcli.protocol.periods import Period, PeriodError, month_label, school_year_period, term_period
from pestcli.screens.overview_rows import FigureRow, figure_rows, headline
from pestcli.services import overview as overview_uses
from pestcli.services.errors import StoreError
from pestcli.services.overview import Selection
from pestcli.text import literal, plain_line
from pestcli.widgets.dutch_select import DutchSelect
from pestcli.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from pestcli.services.overview import Figures

__all__ = ["ALLOWED_ROLES", "NOT_ALLOWED", "OverviewScreen", "may_see_overview", "open_overview"]

#: The roles on the school's server that see the overview.
ALLOWED_ROLES = ("apc", "teamleider", "directie")
#: What anyone else on the server is told.
NOT_ALLOWED = "Het overzicht is er voor de APC, de teamleiders en de directie."
#: Shown while the numbers are counted (words, not a colour).
COUNTING = "Bezig met tellen…"
#: Shown once the numbers are in: how to reach the cases behind them.
READY = "Geteld. Enter op een cijfer in de tabel (c) toont de meldingen erachter."
#: The choices of the period select: the whole school year, a term, or two dates.
PERIOD_CHOICES = (("hele jaar", "jaar"), ("periode 1 aug-dec", "1"), ("periode 2 jan-mrt", "2"),
                  ("periode 3 apr-jul", "3"), ("datums kiezen…", "eigen"))
#: A form group's name in the chart is cut to this many cells (whole in the table).
CHART_LABEL = 22
#: From this width the two charts stand side by side.
SIDE_BY_SIDE = 100
#: The value of "alle klassen" in the classes select.
ALL_CLASSES = "alle"


def may_see_overview(roles: tuple[str, ...] | None) -> bool:
    """Whether someone with ``roles`` sees the overview (None: a mentor in their own file, who does)."""
    return roles is None or any(role in ALLOWED_ROLES for role in roles)


def open_overview(app: App[Any]) -> None:
    """Open the overview for those it is for; tell anyone else in Dutch who it is for."""
    from pestcli.services.team import who_is_working

    worker = who_is_working(pest_app(app).store)
    if not may_see_overview(worker.roles if worker is not None else None):
        app.notify(NOT_ALLOWED, title="Overzicht", severity="warning", markup=False)
        return
    app.push_screen(OverviewScreen())


def selection_of(value: str) -> Selection:
    """The classes select's value as a Selection: ``alle``, ``leerjaar:2`` or ``klas:2B``."""
    kind, _sep, name = value.partition(":")
    if kind == "leerjaar":
        return Selection(year_group=name)
    if kind == "klas":
        return Selection(class_name=name)
    return Selection()


def month_labels(months: list[str], width: int) -> list[str]:
    """The months as ``month_label`` (``sep 2026``); only the month (``sep``) when a bar has too little room."""
    labels = [month_label(month) for month in months]
    room = width // max(len(months), 1)
    return labels if room > max((len(label) for label in labels), default=0) + 1 else [label[:3] for label in labels]


def chart_label(title: str) -> str:
    """A form group's title as its bar's label: without the "Pesten" every title starts with."""
    rest = title[len("Pesten "):] if title.lower().startswith("pesten ") else title
    return rest[:1].upper() + rest[1:]


def chart_bars(plot: Widget, labels: list[str], values: list[int], title: str, horizontal: bool) -> None:
    """Draw ``values`` as bars on a PlotextPlot, each bar's number written at its end (not by colour)."""
    plt = plot.plt  # type: ignore[attr-defined]  # a PlotextPlot, imported lazily
    plt.clear_figure()
    plot.border_title = title  # on the chart's frame: plotext leaves its own title out when the chart is narrow
    if not labels:
        plot.refresh()
        return
    top = max(max(values), 1)
    if horizontal:
        from pestcli.text import shorten

        shown = [f"{shorten(chart_label(label), CHART_LABEL)} ({value})"
                 for label, value in zip(labels, values, strict=True)]
        plt.bar(shown[::-1], values[::-1], orientation="horizontal", width=0.1)  # the first at the top
        plt.xticks([])
        plt.xlim(0, top * 1.05)
    else:
        plt.bar(labels, values, width=0.6)
        plt.xticks(list(range(1, len(labels) + 1)), labels)
        plt.ylim(0, top * 1.3)
        plt.yticks([])
        for x, value in enumerate(values, start=1):
            plt.text(str(value), x=x, y=value + top * 0.1, alignment="center")
    plot.refresh()


class OverviewScreen(Screen[None]):
    """The school's numbers: choices on top, headline, charts, every figure; Enter opens the cases behind."""

    #: The focus starts on the first chart, at the top of the body (never in a choice or text field).
    AUTO_FOCUS = "#overview-months"
    BINDINGS = [
        Binding("j", "focus_choice('overview-year')", "Schooljaar", id="overview_year"),
        Binding("p", "focus_choice('overview-period')", "Periode", id="overview_period"),
        Binding("k", "focus_choice('overview-scope')", "Klassen", id="overview_scope"),
        Binding("g", "focus_charts", "Grafieken", id="overview_charts", show=False),
        Binding("c", "focus_table", "Cijfers", id="overview_figures"),
        Binding("escape", "back", "Terug", id="overview_back"),
        Binding("f5", "reload", "Vernieuwen", id="overview_reload", show=False),
        # On a chart (the choices and the table have their own): down and up go to the next or previous part.
        Binding("down", "app.focus_next", "Volgende", id="overview_next", show=False),
        Binding("up", "app.focus_previous", "Vorige", id="overview_previous", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="overview")
        #: The period and classes counted; set on mount (this school year, all classes).
        self.period: Period | None = None
        self.selection = Selection()
        #: The numbers shown (None before the first read or after a failed one).
        self.figures: Figures | None = None
        #: The rows of the table as drawn, by row key.
        self.rows: dict[str, FigureRow] = {}
        #: Whether a read runs (the state line says "Bezig met tellen…").
        self.counting = False
        #: The choices' values as last applied (a changed select reads again; setting one from code does not).
        self._applied: dict[str, object] = {}
        self._choices_known = False

    def compose(self) -> ComposeResult:
        """Choices, state line, headline, the scrolling body of charts and figures, the keys."""
        from textual_plotext import PlotextPlot

        yield Header()
        with Horizontal(id="overview-choices"):
            year = school_year_of(pest_app(self).today())
            yield DutchSelect([(year, year)], value=year, allow_blank=False, id="overview-year")
            yield DutchSelect(PERIOD_CHOICES, value="jaar", allow_blank=False, id="overview-period")
            yield DutchSelect([("alle klassen", ALL_CLASSES)], value=ALL_CLASSES, allow_blank=False,
                              id="overview-scope")
        yield Static(COUNTING, id="overview-state", markup=False)
        yield Static("", id="overview-headline", markup=False)
        with VerticalScroll(id="overview-body", can_focus=False):
            with Container(id="overview-charts"):
                for chart_id in ("overview-months", "overview-forms"):
                    chart = PlotextPlot(id=chart_id, classes="overview-chart")
                    chart.can_focus = True  # reached by Tab like the rest; its frame shows the focus
                    yield chart
            yield DataTable(id="overview-table", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        """Title, columns, this school year for all classes, and the first read."""
        self.title = "Overzicht"
        year = school_year_of(pest_app(self).today())
        self.period = school_year_period(year)
        self._applied = {"overview-year": year, "overview-period": "jaar", "overview-scope": ALL_CLASSES}
        self._show_title()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._draw())
        self.reload()

    # --- reading ---------------------------------------------------------------------
    def reload(self) -> None:
        """Count the chosen period and classes again (in a worker thread)."""
        if self.period is None:
            return
        self.counting = True
        self.query_one("#overview-state", Static).update(COUNTING)
        self._show_title()
        self._load(self.period, self.selection, pest_app(self).today(), not self._choices_known)

    @work(thread=True, exclusive=True, group="overview-load")
    def _load(self, period: Period, selection: Selection, today: date, with_choices: bool) -> None:
        """The numbers (and, the first time, the school years and classes to choose from)."""
        app = pest_app(self)
        try:
            choices = None
            if with_choices:
                years = overview_uses.school_years(app.store, today)
                choices = (years, *overview_uses.class_choices(app.store))
            figures = overview_uses.overview(app.store, app.protocol, period, selection, today)
        except StoreError as exc:
            self.app.call_from_thread(self._failed, period, selection, str(exc))
            return
        self.app.call_from_thread(self._loaded, figures, choices)

    def _failed(self, period: Period, selection: Selection, message: str) -> None:
        """Say in Dutch why the numbers could not be read (the old ones are not shown as if current)."""
        if (period, selection) != (self.period, self.selection):
            return
        self.counting = False
        self.figures = None
        self.query_one("#overview-state", Static).update(f"Het overzicht kon niet worden gelezen: {message}")
        self.query_one("#overview-headline", Static).update("")
        self._draw()

    def _loaded(self, figures: Figures, choices: tuple[list[str], list[str], list[str]] | None) -> None:
        """Keep what was counted (unless another choice was made meanwhile) and draw it."""
        if choices is not None:
            self._set_choices(*choices)
        if (figures.period, figures.selection) != (self.period, self.selection):
            return
        self.counting = False
        self.figures = figures
        self.query_one("#overview-state", Static).update(READY)
        self._draw()

    def _set_choices(self, years: list[str], groups: list[str], classes: list[str]) -> None:
        """The school years and the classes to choose from (the current choice kept)."""
        self._choices_known = True
        year_select = self.query_one("#overview-year", DutchSelect)
        year = year_select.value
        year_select.set_options([(name, name) for name in years])
        if year in years:
            year_select.value = year
        scope = self.query_one("#overview-scope", DutchSelect)
        current = scope.value
        options = [("alle klassen", ALL_CLASSES), *((f"leerjaar {group}", f"leerjaar:{group}") for group in groups),
                   *((f"klas {name}", f"klas:{name}") for name in classes)]
        scope.set_options(options)
        scope.value = current if any(value == current for _p, value in options) else ALL_CLASSES

    # --- drawing -------------------------------------------------------------------------
    def _show_title(self) -> None:
        """The period and classes in the header (the app adds who is working)."""
        if self.period is not None:
            self.sub_title = plain_line(f"{self.period.label} · {self.selection.label}")  # a class name is content

    def _draw(self) -> None:
        """Headline, charts and the table of the figures read (empty when none)."""
        figures = self.figures
        line = self.query_one("#overview-headline", Static)
        months, forms = self.query_one("#overview-months"), self.query_one("#overview-forms")
        if figures is None:
            line.update("")
            chart_bars(months, [], [], "Meldingen per maand", horizontal=False)
            chart_bars(forms, [], [], "Vormen van pesten", horizontal=True)
            self._fill([])
            return
        line.update(Text(" · ").join(Text.assemble(f"{label} ", (number, "bold"))
                                       for label, number in headline(figures)))
        chart_bars(months, month_labels([count.label for count in figures.per_month], months.size.width - 4),
                   [count.value for count in figures.per_month], "Meldingen per maand", horizontal=False)
        chart_bars(forms, [count.label for count in figures.forms], [count.value for count in figures.forms],
                   "Vormen van pesten", horizontal=True)
        self._fill(figure_rows(figures, overview_uses.words_of(pest_app(self).protocol)))

    def _fill(self, rows: list[FigureRow]) -> None:
        """The table's rows: headings bold, a figure that opens its cases marked with ``›``.

        The labels are cut to the room the numbers leave (a step's title can be long), so
        every number stays in view at 80 columns.
        """
        from pestcli.text import shorten

        table = self.query_one("#overview-table", DataTable)
        cursor = table.cursor_row
        value_width = max([len(row.value) for row in rows] + [len("Aantal")])
        room = self.query_one("#overview-body", VerticalScroll).size.width - 2  # its scrollbar
        label_width = max(20, room - value_width - 4)  # a cell's padding: one column either side
        table.clear(columns=True)
        table.add_column("Cijfer", width=label_width, key="label")
        table.add_column("Aantal", width=value_width, key="value")
        self.rows = {}
        for index, row in enumerate(rows):
            key = f"{index}:{row.key or ''}"
            self.rows[key] = row
            if row.heading:
                table.add_row(literal(shorten(row.label, label_width), "bold underline"), "", key=key)
            else:
                marker = " ›" if row.key else ""
                table.add_row(literal(shorten(row.label, label_width - len(marker)) + marker), Text(row.value),
                              key=key)
        if rows:
            table.move_cursor(row=min(max(cursor, 0), len(rows) - 1))

    def on_resize(self, event: events.Resize) -> None:
        """Another width: the charts side by side from 100 columns, the labels cut to the new room."""
        self.query_one("#overview-charts").set_class(event.size.width >= SIDE_BY_SIDE, "-side")
        if self.figures is not None:
            self.call_after_refresh(self._draw)

    # --- the body scrolls with the table's cursor ------------------------------------------------
    @on(DataTable.RowHighlighted, "#overview-table")
    def _follow_cursor(self, event: DataTable.RowHighlighted) -> None:
        """Keep the cursor's row in view in the body (at the first row the table's header too)."""
        table = event.data_table
        if not table.has_focus:
            return
        top = table.virtual_region.y + max(event.cursor_row, 0)  # the header row, then one line a row
        self.query_one("#overview-body", VerticalScroll).scroll_to_region(
            Region(0, top, 1, 2), animate=False, immediate=True)

    def selected_row(self) -> FigureRow | None:
        """The figure under the table's cursor."""
        table = self.query_one("#overview-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(key or "")

    @on(DataTable.RowSelected, "#overview-table")
    def _open_figure(self, event: DataTable.RowSelected) -> None:
        """Enter on a figure lists the cases behind it."""
        event.stop()
        row = self.rows.get(event.row_key.value or "")
        if row is None or row.heading or self.figures is None:
            return
        if row.key is None:
            self.notify("Achter dit cijfer staat geen eigen lijst met meldingen.", markup=False)
            return
        from pestcli.screens.overview_cases import OverviewCasesDialog

        figures = self.figures
        self.app.push_screen(OverviewCasesDialog(row.list_title, row.key, figures.period, figures.selection,
                                                 figures.today))

    # --- the choices ------------------------------------------------------------------------------
    @on(Select.Changed)
    def _choice_changed(self, event: Select.Changed) -> None:
        """A new school year, term or classes: count again (a chosen period asks for its dates)."""
        event.stop()
        select_id = event.select.id or ""
        if event.value is Select.BLANK or self._applied.get(select_id) == event.value:
            return
        if select_id == "overview-period" and event.value == "eigen":
            self._ask_period()
            return
        self._applied[select_id] = event.value
        self._apply()

    def _apply(self) -> None:
        """Read the choices into the period and selection, and count."""
        year = self.query_one("#overview-year", DutchSelect).value
        term = self.query_one("#overview-period", DutchSelect).value
        scope = self.query_one("#overview-scope", DutchSelect).value
        self.selection = selection_of(str(scope))
        if term != "eigen" and isinstance(year, str):
            try:
                self.period = school_year_period(year) if term == "jaar" else term_period(year, int(str(term)))
            except PeriodError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
        self.reload()

    def _ask_period(self) -> None:
        """Ask for two dates; a cancelled dialog puts the period select back."""
        from pestcli.screens.overview_period import OverviewPeriodDialog

        current = self.period

        def chosen(period: Period | None) -> None:
            select = self.query_one("#overview-period", DutchSelect)
            if period is None:
                select.value = str(self._applied.get("overview-period", "jaar"))
                return
            self._applied["overview-period"] = "eigen"
            self.period = period
            self._apply()

        self.app.push_screen(OverviewPeriodDialog(current.start if current else None,
                                                  current.end if current else None), chosen)

    # --- keys ---------------------------------------------------------------------------------------
    def action_focus_choice(self, select_id: str) -> None:
        """Go to one of the choices (Enter opens its list)."""
        self.query_one(f"#{select_id}", DutchSelect).focus()

    def action_focus_charts(self) -> None:
        """Go to the charts (the top of the body)."""
        self.query_one("#overview-months").focus()

    def action_focus_table(self) -> None:
        """Go to the figures."""
        self.query_one("#overview-table", DataTable).focus()

    def action_reload(self) -> None:
        """Count again (F5)."""
        self.reload()

    def action_back(self) -> None:
        """Back to where the overview was opened from."""
        self.app.pop_screen()

