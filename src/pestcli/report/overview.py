"""The school's numbers as rows for the yearly evaluation: text, CSV and the PDF's table.

An export goes to the team, the MR, the board: it holds no names, and a count
from 1 to 4 that could point at a pupil is shown as ``<5`` (small-cell
suppression, as statistics offices do). Where the parts of a whole are shown
beside the whole (months, year groups, classes within a year group, online or
not, who reported), one hidden count could be worked back from the others;
then the next-smallest part is hidden too and shown as ``*``. A share or a
median over fewer than 5 cases is not shown (``–``).

The figures come from :mod:`pestcli.store.figures`; the words from the
protocol (``services.overview.words_of``), passed in as plain dicts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pestcli.protocol.periods import dutch_day, month_label, year_group_of
from pestcli.store.figures import Count, Figures, StepFigure
from pestcli.text import plain_line

__all__ = ["HIDDEN", "OverviewRow", "SMALL", "csv_text", "mask", "overview_rows", "title_lines"]

#: Below this a count is not shown in an export.
THRESHOLD = 5
#: How a small count is shown.
SMALL = "<5"
#: How a count hidden so that a small one cannot be worked back is shown.
HIDDEN = "*"
#: A share or median over too few cases.
TOO_FEW = "–"

LEGEND = (f"{SMALL}: 1 tot 5; {HIDDEN}: verborgen, anders is een getal onder 5 terug te rekenen; "
          f"{TOO_FEW}: minder dan 5 meldingen, niet berekend.")


@dataclass(frozen=True)
class OverviewRow:
    """One line of the overview: its section, what it counts, the number (as shown) and a note."""

    section: str
    label: str
    value: str
    note: str = ""
    key: str = ""


def mask(value: int, masked: bool = True) -> str:
    """``value`` as an export shows it: ``<5`` for 1 to 4 (when ``masked``)."""
    if masked and 0 < value < THRESHOLD:
        return SMALL
    return str(value)


def _group(counts: Sequence[Count], masked: bool) -> dict[str, str]:
    """Key -> shown value for parts of a whole: small ones masked, and one more when only one is."""
    shown = {count.key: mask(count.value, masked) for count in counts}
    if not masked:
        return shown
    small = [count for count in counts if shown[count.key] == SMALL]
    if len(small) == 1:
        rest = sorted((count for count in counts if shown[count.key] not in (SMALL,) and count.value > 0),
                      key=lambda count: (count.value, count.key))
        if rest:
            shown[rest[0].key] = HIDDEN
    return shown


def _classes(figures: Figures, masked: bool) -> dict[str, str]:
    """Classes masked within their year group (a year group's total is shown beside them)."""
    shown: dict[str, str] = {}
    groups: dict[str, list[Count]] = {}
    for count in figures.per_class:
        groups.setdefault(year_group_of(count.key.partition(":")[2]), []).append(count)
    for counts in groups.values():
        shown.update(_group(counts, masked))
    return shown


def _share(part: int, whole: int, masked: bool) -> str:
    if whole == 0 or (masked and whole < THRESHOLD):
        return TOO_FEW
    return f"{round(100 * part / whole)}%"


def _step_rows(step: StepFigure, title: str, masked: bool) -> list[OverviewRow]:
    few = masked and step.cases < THRESHOLD
    median = TOO_FEW if few or step.median_days is None else f"{step.median_days:g}".replace(".", ",")
    about = f"{title}: " if title else ""
    return [
        OverviewRow("Stappen", f"stap {step.step}, op tijd", _share(step.on_time, step.cases, masked),
                    f"{about}{mask(step.on_time, masked)} van {mask(step.cases, masked)} meldingen;"
                    f" mediaan {median} dagen na de melding", key=f"stap-laat:{step.step}"),
        OverviewRow("Stappen", f"stap {step.step}, open na de termijn", mask(step.open_late, masked),
                    key=f"stap-open-laat:{step.step}"),
    ]


def overview_rows(figures: Figures, step_titles: dict[int, str], masked: bool = True) -> list[OverviewRow]:
    """Every number of ``figures`` as rows, in the order the evaluation reads them."""
    rows = [OverviewRow("Meldingen", "meldingen in de periode", mask(figures.reports, masked), key="meldingen")]
    months = _group(figures.per_month, masked)
    rows += [OverviewRow("Meldingen per maand", month_label(c.label), months[c.key], key=c.key)
             for c in figures.per_month]
    groups = _group(figures.per_year_group, masked)
    rows += [OverviewRow("Meldingen per leerjaar", c.label, groups[c.key], key=c.key) for c in figures.per_year_group]
    classes = _classes(figures, masked)
    rows += [OverviewRow("Meldingen per klas", plain_line(c.label), classes[c.key], key=c.key)
             for c in figures.per_class]
    rows += [OverviewRow("Vormen van pesten (§4)", c.label, mask(c.value, masked),
                         "een melding kan meer vormen hebben", key=c.key) for c in figures.forms]
    online = _group(figures.online, masked)
    rows += [OverviewRow("Online", c.label, online[c.key], key=c.key) for c in figures.online]
    reporters = _group(figures.reporters, masked)
    rows += [OverviewRow("Wie meldde", c.label, reporters[c.key], key=c.key) for c in figures.reporters]
    for step in figures.steps:
        rows += _step_rows(step, step_titles.get(step.step, ""), masked)
    f = figures.followups
    rows += [
        OverviewRow("Vervolggesprekken (stap 5, twee jaar)", "meldingen met vervolggesprekken in de periode",
                    mask(f.cases, masked), "ook van meldingen uit eerdere jaren", key="vervolg"),
        OverviewRow("Vervolggesprekken (stap 5, twee jaar)", "gepland in de periode", mask(f.due, masked)),
        OverviewRow("Vervolggesprekken (stap 5, twee jaar)", "gehouden", mask(f.held, masked)),
        OverviewRow("Vervolggesprekken (stap 5, twee jaar)", "niet gehouden (datum voorbij)", mask(f.missed, masked),
                    key="vervolg-gemist"),
        OverviewRow("Vervolggesprekken (stap 5, twee jaar)", "nog te houden", mask(f.planned, masked)),
        OverviewRow("Vervolggesprekken (stap 5, twee jaar)", "vervallen", mask(f.cancelled, masked)),
    ]
    rows += [OverviewRow("Escalaties", f"naar {c.label}", mask(c.value, masked), "meldingen", key=c.key)
             for c in figures.escalations] or [OverviewRow("Escalaties", "geen escalaties", "0")]
    rows += [OverviewRow("Sanctiefases", c.label, mask(c.value, masked), "meldingen", key=c.key)
             for c in figures.sanctions] or [OverviewRow("Sanctiefases", "geen sanctiefases", "0")]
    rows += [OverviewRow("Herhaling", c.label, mask(c.value, masked), "leerlingen", key=c.key)
             for c in figures.repeat]
    rows += [OverviewRow("Afloop van de meldingen uit de periode", c.label, mask(c.value, masked), key=c.key)
             for c in figures.endings]
    return rows


def title_lines(figures: Figures, scope: str, made_on: date) -> list[str]:
    """The lines above the numbers: what, over which period, of whose cases, made when."""
    period = figures.period
    return [
        f"Overzicht pestmeldingen, {period.label}",
        f"Periode: {dutch_day(period.start)} t/m {dutch_day(period.end)} · {figures.selection.label} · {scope}",
        f"Opgesteld op {dutch_day(made_on)} met pestcli; telt tot en met {dutch_day(figures.today)}.",
    ]


def _cell(text: str) -> str:
    """A CSV cell that a spreadsheet never runs as a formula, without control characters."""
    text = plain_line(text)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(rows: Sequence[OverviewRow], heading: Sequence[str]) -> str:
    """The rows as CSV for a Dutch spreadsheet: ``;`` between fields, the heading as the first lines."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for line in heading:
        writer.writerow([_cell(line)])
    writer.writerow([_cell(LEGEND)])
    writer.writerow([])
    writer.writerow(["onderdeel", "omschrijving", "aantal", "toelichting"])
    for row in rows:
        writer.writerow([_cell(row.section), _cell(row.label), _cell(row.value), _cell(row.note)])
    return out.getvalue()
