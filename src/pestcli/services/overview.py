"""The coordinator's overview: the school's numbers of a period, in the protocol's words.

The numbers are :mod:`pestcli.store.figures` (SQL on both backends, through
the server's row-level security); this adds the protocol's Dutch names (the
form groups of §4, the kinds of reporter, the escalation ladder, the steps'
titles) and the choices a person has: the school years with reports, the
classes and year groups.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from pestcli.protocol.calendar import school_year_of
from pestcli.protocol.periods import Period, year_group_of
from pestcli.store.figures import CaseBehind, Figures, Selection, class_names, read_figures
from pestcli.store.figures import cases_behind as _cases_behind

if TYPE_CHECKING:
    from pestcli.protocol.model import Protocol
    from pestcli.store.backend.engine import Store

__all__ = ["CaseBehind", "Figures", "OverviewWords", "Selection", "cases_behind", "class_choices",
           "overview", "school_years", "words_of"]


@dataclass(frozen=True)
class OverviewWords:
    """The Dutch names the overview shows: steps, form groups, reporters, rungs, sanction phases."""

    steps: dict[int, str]
    form_groups: tuple[tuple[str, str], ...]
    reporters: dict[str, str]
    rungs: dict[str, str]
    sanctions: dict[int, str]


def words_of(protocol: Protocol) -> OverviewWords:
    """The overview's words from the loaded protocol."""
    return OverviewWords(
        steps={step.number: step.title for step in protocol.steps},
        form_groups=tuple((group.id, group.title) for group in protocol.forms),
        reporters={kind.id: kind.label for kind in protocol.reporter_kinds},
        rungs={rung.id: rung.label for rung in protocol.rules.escalation},
        sanctions={phase.number: phase.title for phase in protocol.rules.sanctions},
    )


def overview(store: Store, protocol: Protocol, period: Period, selection: Selection | None = None,
             today: date | None = None) -> Figures:
    """The numbers of ``period`` for ``selection`` (all classes by default), as of ``today``."""
    words = words_of(protocol)
    figures = read_figures(store, period, selection, today, form_groups=words.form_groups,
                           reporter_labels=words.reporters, rung_labels=words.rungs)
    sanctions = [replace(count, label=f"{count.label}: {words.sanctions[int(count.key.partition(':')[2])]}")
                 if int(count.key.partition(":")[2]) in words.sanctions else count for count in figures.sanctions]
    return replace(figures, sanctions=sanctions)


def cases_behind(store: Store, period: Period, key: str, selection: Selection | None = None,
                 today: date | None = None) -> list[CaseBehind]:
    """The cases behind the figure with ``key`` (only those the person may see)."""
    return _cases_behind(store, period, key, selection, today)


def class_choices(store: Store) -> tuple[list[str], list[str]]:
    """(year groups, classes) with at least one case, in school order."""
    classes = class_names(store)
    groups = sorted({year_group_of(name) for name in classes} - {""}, key=int)
    return groups, classes


def school_years(store: Store, today: date) -> list[str]:
    """The school years with reports, newest first; this school year is always there."""
    with store.sql() as con:
        row = con.execute("SELECT min(cases.reported_on) FROM cases").fetchone()
    from pestcli.store.sql_values import as_date

    first = as_date(row[0]) if row and row[0] is not None else None
    current = school_year_of(today)
    years = [current]
    if first is not None:
        start = int(school_year_of(first)[:4])
        years = [f"{year}-{year + 1}" for year in range(int(current[:4]), start - 1, -1)]
    return years
