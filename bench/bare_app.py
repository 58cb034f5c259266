"""A bare Textual app: Header, a DataTable with a few rows, Footer; exits once painted.

The yardstick for pestcli's start-up: run as a fresh process
(``python -m bench.bare_app --report FILE``), headless at the same size and
with the same polling as ``bench.drive_app``.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402 - the clock starts before any import
import sys  # noqa: E402

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import DataTable, Footer, Header  # noqa: E402

from bench import SIZE  # noqa: E402
from bench.paint import Marks, give_up_later, when_painted  # noqa: E402

ROWS = [(f"2026-{n:04d}", "2B", "Stap 3", "23-11-2026", "Open") for n in range(1, 21)]


class BareApp(App[None]):
    """Header, DataTable, Footer: the least a Textual app with a table can do."""

    def __init__(self, marks: Marks) -> None:
        super().__init__()
        self.marks = marks

    def compose(self) -> ComposeResult:
        """The three widgets."""
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table, then exit once it is painted."""
        self.marks.mark("mounted")
        table = self.query_one(DataTable)
        table.add_columns("Casus", "Klas", "Stap", "Datum", "Status")
        table.add_rows(ROWS)
        give_up_later(self, self.marks)
        when_painted(self, lambda: table.row_count > 0, self.painted)

    def painted(self) -> None:
        """The rows are on screen: done."""
        self.marks.mark("data")
        self.marks.mark("painted")
        self.marks.values["ok"] = True
        self.exit()


def main(argv: list[str] | None = None) -> int:
    """Run the bare app headless; write the marks to ``--report``."""
    parser = argparse.ArgumentParser(description="Kale Textual-app voor de benchmark.")
    parser.add_argument("--report", help="JSON file for the moments")
    args = parser.parse_args(argv)
    marks = Marks(STARTED)
    marks.mark("imported")
    BareApp(marks).run(headless=True, size=SIZE)
    marks.mark("returned")
    marks.write(args.report)
    return 0 if marks.values["ok"] else 3


if __name__ == "__main__":
    sys.exit(main())
