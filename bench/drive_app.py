"""Start the REAL pestcli app headless on a database; exit once its due items are painted.

Run as a fresh process by ``bench.measure``::

    python -m bench.drive_app --db PATH --today 2026-11-23 --report FILE [--open-case NUMBER | --open-overview]

It goes through the real entry point, ``pestcli.cli.main(["--db", PATH])``
(argument parsing, protocol, calendar, opening and checking the store, the
app), with one change made here and not in the product: ``pestcli.app.PestApp``
is replaced by a subclass that runs headless at the benchmark's size, uses
the database's "today", and polls until the home screen's due list has rows;
after the next screen refresh it exits. With ``--open-case`` it then waits
until the app has loaded the rest of itself in the background (the ORM and
the engine, ``PestApp.warmed``: as when a mentor picks a case after reading
the home screen), opens that case's screen and reports the time from the
push to the painted case.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402 - the clock starts before any import
import sys  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

from bench import SIZE  # noqa: E402
from bench.paint import Marks, give_up_later, when_painted  # noqa: E402

#: The home screen's due list: a DueList widget, or the table it has today.
DUE_SELECTOR = "DueList, #due-week, #due-list"


def row_source(widget):
    """The table (or option list) that holds a due list's rows; None until it is mounted."""
    if hasattr(widget, "row_count") or hasattr(widget, "option_count"):
        return widget
    from textual.widgets import DataTable, OptionList

    inner = widget.query("DataTable, OptionList")
    found = inner.first() if inner else None
    return found if isinstance(found, (DataTable, OptionList)) else None


def count_rows(widget) -> int:
    """Rows of a DataTable or OptionList."""
    return int(getattr(widget, "row_count", None) or getattr(widget, "option_count", 0))


class HomeWatch:
    """Whether the home screen shows at least one due item (the due list is found once)."""

    def __init__(self) -> None:
        self.due_list = None  # the widget that holds the due rows, once found

    def __call__(self, screen) -> bool:
        if self.due_list is None:
            if type(screen).__name__ != "HomeScreen" and screen.id != "home":
                return False
            found = screen.query(DUE_SELECTOR)
            self.due_list = row_source(found.first()) if found else None
            if self.due_list is None:
                return False
        return count_rows(self.due_list) > 0


def case_ready(screen) -> bool:
    """The case screen has its case loaded and its log filled (one widget, or one per line)."""
    if type(screen).__name__ != "CaseScreen" or getattr(screen, "detail", None) is None:
        return False
    if getattr(screen, "log_entries", None):
        return True
    logs = screen.query("#case-log")
    return not logs or (bool(logs.first().children) and logs.first().children[-1].is_mounted)


def overview_ready(screen) -> bool:
    """The overview screen has counted and drawn its figures (the table has rows)."""
    if type(screen).__name__ != "OverviewScreen" or getattr(screen, "counting", True):
        return False
    if getattr(screen, "figures", None) is None:
        return False
    tables = screen.query("#overview-table")
    return bool(tables) and count_rows(tables.first()) > 0


def css_paths(app_module) -> list[Path]:
    """PestApp's stylesheet(s), made absolute (Textual resolves them next to the subclass)."""
    paths = app_module.PestApp.CSS_PATH or []
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    return [Path(app_module.__file__).parent / p for p in paths]


def install(marks: Marks, today: date, open_case: str | None, open_overview: bool = False) -> None:
    """Replace ``pestcli.app.PestApp`` by the benchmark's subclass (import of the real app)."""
    import pestcli.app as app_module

    marks.mark("imported")

    class BenchApp(app_module.PestApp):
        """The real app, headless, that exits once the due items (or the case) are painted."""

        CSS_PATH = css_paths(app_module)

        def __init__(self, **kwargs) -> None:
            marks.mark("app_created")
            kwargs["today"] = lambda: today
            super().__init__(**kwargs)

        def run(self, **_ignored):
            """Run headless at the benchmark's size, whatever the caller asked."""
            return super().run(headless=True, size=SIZE)

        def on_mount(self) -> None:
            """Start watching for the due items (PestApp.on_mount pushes the home screen too)."""
            marks.mark("mounted")
            give_up_later(self, marks)
            self.home_ready = HomeWatch()
            when_painted(self, lambda: self.home_ready(self.screen), self.home_painted)

        def home_painted(self) -> None:
            """The due items are on screen: exit, or open the case and watch for it."""
            marks.mark("painted")
            marks.values["due_rows"] = count_rows(self.home_ready.due_list)
            marks.values["home_widgets"] = len(list(self.screen.walk_children()))
            if open_case is None and not open_overview:
                marks.values["ok"] = True
                self.exit()
                return
            # As a mentor would: the case is picked once the app has loaded the rest
            # in the background after the first paint (``PestApp.warm_up``).
            when_painted(self, self.warmed.is_set, self.push_overview if open_overview else self.push_case)

        def push_overview(self) -> None:
            """Open the overview as the 'o' key does, and watch for its figures."""
            from pestcli.screens.overview import open_overview as show_overview

            marks.values["warmed"] = marks.mark("warmed")
            marks.values["overview_push"] = marks.mark("overview_push")
            show_overview(self)
            when_painted(self, lambda: overview_ready(self.screen), self.overview_painted)

        def overview_painted(self) -> None:
            """The figures are on screen: record the time since the key and exit."""
            marks.values["overview_ms"] = round(marks.mark("overview_painted") - marks.values["overview_push"], 2)
            marks.values["overview_reports"] = getattr(self.screen.figures, "reports", None)
            marks.values["ok"] = True
            self.exit()

        def push_case(self) -> None:
            """Open the largest case and watch for it."""
            from pestcli.store import get_case_by_number

            marks.values["warmed"] = marks.mark("warmed")
            case = get_case_by_number(self.store, open_case)
            marks.values["case_push"] = marks.mark("case_push")
            self.open_case(case.id)
            when_painted(self, lambda: case_ready(self.screen), self.case_painted)

        def case_painted(self) -> None:
            """The case is on screen: record the time since the push and exit."""
            marks.values["case_ms"] = round(marks.mark("case_painted") - marks.values["case_push"], 2)
            marks.values["case_widgets"] = len(list(self.screen.walk_children()))
            marks.values["ok"] = True
            self.exit()

    app_module.PestApp = BenchApp


def main(argv: list[str] | None = None) -> int:
    """Run pestcli's own ``main`` with the bench app installed; write the marks."""
    parser = argparse.ArgumentParser(description="Start pestcli headless voor de benchmark.")
    parser.add_argument("--db", required=True)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--report", help="JSON file for the moments")
    parser.add_argument("--open-case", metavar="NUMBER", help="open this case after the home screen")
    parser.add_argument("--open-overview", action="store_true", help="open the overview after the home screen")
    args = parser.parse_args(argv)
    marks = Marks(STARTED)
    install(marks, args.today, args.open_case, args.open_overview)
    from pestcli.cli import main as pestcli_main

    code = pestcli_main(["--db", args.db])
    marks.mark("returned")  # the app has exited and closed the store; the interpreter still ends
    marks.values["exit_code"] = code
    marks.write(args.report)
    return 0 if marks.values["ok"] and code == 0 else 3


if __name__ == "__main__":
    sys.exit(main())
