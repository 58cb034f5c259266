"""The overview's figures as rows of one table, section by section, and its headline.

Pure functions over :class:`~pestcli.services.overview.Figures` (no Textual):
the screen draws the rows, a test compares them with the numbers. A row with
a key opens the cases behind it (``services.overview.cases_behind``); a
section heading and a figure about pupils or follow-ups without its own list
have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pestcli.services.overview import Figures, OverviewWords

__all__ = ["FigureRow", "figure_rows", "headline", "open_late", "percent", "step_rows"]


@dataclass(frozen=True)
class FigureRow:
    """One line of the overview's table: what it counts, the number (as text), its key or None."""

    label: str
    value: str
    key: str | None = None
    #: A section's heading (shown bold, with no number).
    heading: bool = False
    #: What the list of cases behind it holds, when that is not what the number counts.
    behind: str = ""

    @property
    def list_title(self) -> str:
        """The title of the list of cases behind the figure."""
        return f"{self.label.strip()}: {self.behind}" if self.behind else self.label.strip()


def percent(part: int, whole: int) -> str:
    """``62%`` (rounded); ``-`` without a whole."""
    return f"{round(100 * part / whole)}%" if whole else "-"


def days_text(days: float | None) -> str:
    """``mediaan 3 dagen`` (one decimal for a half day); ``geen stap gedaan`` without a median."""
    if days is None:
        return "nog geen stap gedaan"
    shown = f"{days:.1f}".replace(".", ",") if days != int(days) else str(int(days))
    return f"mediaan {shown} {'dag' if days == 1 else 'dagen'}"


def open_late(figures: Figures) -> int:
    """Steps open past their deadline, over all steps."""
    return sum(step.open_late for step in figures.steps)


def escalated(figures: Figures) -> int:
    """Escalations in the period, summed over the rungs (a case per rung it reached)."""
    return sum(count.value for count in figures.escalations)


def headline(figures: Figures) -> list[tuple[str, str]]:
    """The headline numbers as (label, number): reports, open late, follow-ups, escalations."""
    follow = figures.followups
    return [("Meldingen", str(figures.reports)),
            ("Open te laat", str(open_late(figures))),
            ("Vervolg gehouden", str(follow.held)),
            ("gemist", str(follow.missed)),
            ("Escalaties", str(escalated(figures)))]


def step_title(words: OverviewWords, step: int) -> str:
    """``Stap 2 · Gesprek met de gepeste`` (the protocol's title)."""
    title = words.steps.get(step, "")
    return f"Stap {step} · {title}" if title else f"Stap {step}"


def step_rows(figures: Figures, words: OverviewWords) -> list[FigureRow]:
    """Per step: done on time of its cases (Enter: the cases late or still open late), the median days."""
    rows: list[FigureRow] = []
    for step in figures.steps:
        rows.append(FigureRow(step_title(words, step.step),
                              f"op tijd {step.on_time} van {step.cases} ({percent(step.on_time, step.cases)})",
                              f"stap-laat:{step.step}" if step.cases else None,
                              behind="te laat gedaan of nog open na de termijn"))
        rows.append(FigureRow("  dagen na de melding", days_text(step.median_days)))
    return rows


def _counts(counts: list, empty: str = "geen") -> list[FigureRow]:
    """Count rows (label, value, key); one row saying ``empty`` when there are none."""
    if not counts:
        return [FigureRow(empty, "0")]
    return [FigureRow(count.label, str(count.value), count.key if count.value else None) for count in counts]


def figure_rows(figures: Figures, words: OverviewWords) -> list[FigureRow]:
    """Every figure of the overview in its section, in the order the screen shows them."""
    from pestcli.protocol.periods import month_label

    follow = figures.followups
    rows: list[FigureRow] = [FigureRow("Meldingen", "", heading=True),
                             FigureRow("meldingen in de periode", str(figures.reports),
                                       "meldingen:" if figures.reports else None)]
    rows.append(FigureRow("Meldingen per maand", "", heading=True))
    rows += [FigureRow(month_label(count.label), str(count.value), count.key if count.value else None)
             for count in figures.per_month]
    rows.append(FigureRow("Meldingen per leerjaar", "", heading=True))
    rows += _counts(figures.per_year_group)
    rows.append(FigureRow("Meldingen per klas", "", heading=True))
    rows += _counts(figures.per_class)
    rows.append(FigureRow("Vormen van pesten", "", heading=True))
    rows += _counts(figures.forms)
    rows.append(FigureRow("Online", "", heading=True))
    rows += _counts(figures.online)
    rows.append(FigureRow("Wie meldde", "", heading=True))
    rows += _counts(figures.reporters)
    rows.append(FigureRow("Stappen", "", heading=True))
    rows += step_rows(figures, words)
    rows.append(FigureRow("Open over de termijn", "", heading=True))
    rows += [FigureRow(step_title(words, step.step), str(step.open_late),
                       f"stap-open-laat:{step.step}" if step.open_late else None) for step in figures.steps]
    rows.append(FigureRow("Vervolggesprekken (stap 5)", "", heading=True))
    rows += [FigureRow("gepland in de periode", str(follow.due), "vervolg:" if follow.due else None),
             FigureRow("  bij casussen", str(follow.cases)),
             FigureRow("  gehouden", str(follow.held)),
             FigureRow("  gemist", str(follow.missed), "vervolg-gemist:" if follow.missed else None),
             FigureRow("  nog te houden", str(follow.planned)),
             FigureRow("  geannuleerd", str(follow.cancelled))]
    rows.append(FigureRow("Escalaties en sanctiefases", "", heading=True))
    rows += _counts(figures.escalations, "geen escalaties") + _counts(figures.sanctions, "geen sanctiefases")
    rows.append(FigureRow("Herhaling (leerlingen)", "", heading=True))
    rows += _counts(figures.repeat)
    rows.append(FigureRow("Afloop", "", heading=True))
    rows += _counts(figures.endings)
    return rows
