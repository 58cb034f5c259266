"""The agenda as a Rich table for the command line (``pestcli agenda``).

Overdue rows come first, in bold red AND with the words "te laat", so the
warning does not depend on colour; a line separates the groups (te laat,
vandaag, deze week, later).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.table import Table
from rich.text import Text

from pestcli.agenda.rows import AgendaRow
from pestcli.protocol.dates import format_date, format_relative
from pestcli.text import plain

#: Rich style per group.
GROUP_STYLES = {"te laat": "bold red", "vandaag": "bold", "deze week": "", "later": "dim"}


def period_text(start: date, end: date) -> str:
    """``ma 23 nov 2026 tot en met zo 29 nov 2026`` (one date when start == end)."""
    if start == end:
        return format_date(start)
    return f"{format_date(start)} tot en met {format_date(end)}"


def empty_message(start: date, end: date) -> str:
    """The Dutch line for an empty agenda."""
    return f"Niets op de agenda van {format_date(start)} tot en met {format_date(end)}."


def summary_text(rows: Sequence[AgendaRow]) -> str:
    """``3 te laat · 6 vandaag · 5 deze week · 2 later`` for the groups that have rows."""
    from pestcli.agenda.rows import GROUPS

    counted = {group: sum(1 for r in rows if r.group == group) for group in GROUPS}
    return " · ".join(f"{n} {group}" for group, n in counted.items() if n)


def agenda_table(rows: Sequence[AgendaRow], start: date, end: date, today: date) -> Table:
    """A Rich table of ``rows`` (already in agenda order) for the period ``start``-``end``."""
    table = Table(title=f"Agenda: {period_text(start, end)}", caption=summary_text(rows),
                  title_justify="left", caption_justify="left", expand=False)
    table.add_column("Datum", no_wrap=True)
    table.add_column("Wanneer", no_wrap=True)
    table.add_column("Melding", no_wrap=True)
    table.add_column("Wat", min_width=24, ratio=3)
    table.add_column("Leerlingen", min_width=14, ratio=2)
    previous = None
    for row in rows:
        if previous is not None and row.group != previous:
            table.add_section()
        previous = row.group
        case = f"{row.case_number} {row.class_name}".strip()
        table.add_row(  # text from the database is shown as text, never as markup
            format_date(row.due_on),
            format_relative(row.due_on, today, deadline=True),
            Text(plain(case)),
            Text(plain(row.what)),
            Text(plain(row.pupils or "—")),
            style=GROUP_STYLES.get(row.group, ""),
        )
    return table
