"""The overview's numbers, counted in SQL, equal the same numbers counted by hand in Python.

A generated school (the bench's generator: cases since August 2021 with their
steps, follow-ups, escalations, forms and roles) is read raw from its SQLite
file, and every figure is computed in plain Python from those rows: the
oracle. ``store.figures`` must give the same on the file and on a PostgreSQL
copy of it (the bench's loader), for a school year, a term, a chosen period,
a year group and a class; and every case figure opens exactly the cases it
counts.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from pestcli.protocol.periods import Period, custom_period, school_year_period, term_period, year_group_of
from pestcli.store import open_store
from pestcli.store.figures import STEPS, Selection, cases_behind, read_figures

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.generate import generate  # noqa: E402
from bench.postgres import copy_rows  # noqa: E402

TODAY = date(2026, 11, 23)
GROUPS = (("lichamelijk", "Lichamelijk"), ("spullen", "Spullen"), ("woorden", "Woorden"),
          ("afwezig", "Afwezig"), ("buitensluiten", "Buitensluiten"), ("digitaal", "Digitaal"))
PERIODS = (school_year_period("2025-2026"), term_period("2024-2025", 2),
           custom_period(date(2026, 9, 1), date(2026, 11, 23)))
SELECTIONS = (Selection(), Selection(year_group="2"), Selection(class_name="4VA"))


@pytest.fixture(scope="module")
def school_file(tmp_path_factory) -> Path:
    """A generated school of 400 cases."""
    db = tmp_path_factory.mktemp("overview") / "school.db"
    generate(db, cases=400, seed=11, today=TODAY)
    return db


@pytest.fixture
def school(backend, school_file, request):
    """The generated school on the test's backend (PostgreSQL: copied in as the bench does)."""
    if backend == "postgresql":
        url = request.getfixturevalue("server_url")
        copy_rows(school_file, url)
        store = open_store(url, daily_backup=False)
    else:
        store = open_store(school_file, daily_backup=False)
    try:
        yield store
    finally:
        store.close()


def d(value) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


class Oracle:
    """Every figure computed in Python from the raw rows of the SQLite file."""

    def __init__(self, db: Path, period: Period, selection: Selection, today: date) -> None:
        con = sqlite3.connect(db)
        con.row_factory = sqlite3.Row
        self.period, self.today = period, today
        self.all_cases = {row["id"]: row for row in con.execute("SELECT * FROM cases")}

        def chosen(case) -> bool:
            name = case["class_name"] or ""
            if selection.class_name is not None:
                return name == selection.class_name
            if selection.year_group is not None:
                return year_group_of(name) == selection.year_group
            return True

        self.in_selection = {cid for cid, case in self.all_cases.items() if chosen(case)}
        self.cases = {cid for cid in self.in_selection
                      if period.start <= d(self.all_cases[cid]["reported_on"]) <= period.end}
        self.forms = defaultdict(set)
        for row in con.execute("SELECT case_id, form_id FROM case_forms"):
            self.forms[row["case_id"]].add(row["form_id"].split(".")[0])
        self.steps = list(con.execute("SELECT * FROM step_progress"))
        self.followups = list(con.execute("SELECT * FROM followups"))
        self.escalations = list(con.execute("SELECT * FROM escalations"))
        self.roles = list(con.execute("SELECT case_id, person_id, role FROM case_roles"))
        con.close()

    def in_period(self, value) -> bool:
        return value is not None and self.period.start <= d(value) <= self.period.end

    def behind(self) -> dict[str, set[int]]:
        """Key -> the cases behind it (case figures only)."""
        out: dict[str, set[int]] = defaultdict(set)
        end = self.period.end
        for cid in self.cases:
            case = self.all_cases[cid]
            out["meldingen"].add(cid)
            out[f"maand:{case['reported_on'][:7]}"].add(cid)
            out[f"klas:{case['class_name'] or ''}"].add(cid)
            out[f"leerjaar:{year_group_of(case['class_name'] or '')}"].add(cid)
            for group in self.forms.get(cid, ()):
                out[f"vorm:{group}"].add(cid)
            if not self.forms.get(cid):
                out["vorm:"].add(cid)
            out["online:ja" if case["online"] else "online:nee"].add(cid)
            out[f"melder:{case['reporter_kind']}"].add(cid)
            closed = case["status"] == "closed" and d(case["closed_on"]) <= end
            if not closed:
                out["einde:open"].add(cid)
            elif case["monitoring_ended_on"] is None:
                out["einde:gesloten-monitoring"].add(cid)
            else:
                out["einde:gesloten-klaar"].add(cid)
            if closed and any(e["case_id"] == cid and not e["proposed"] for e in self.escalations):
                out["einde:na-escalatie"].add(cid)
        for row in self.steps:
            cid = row["case_id"]
            if cid not in self.cases or row["step"] not in STEPS or row["due_on"] is None:
                continue
            status = self.all_cases[cid]["status"]
            done, due = d(row["done_on"]), d(row["due_on"])
            if (done is not None and done > due) or (done is None and due < self.today and status != "closed"):
                out[f"stap-laat:{row['step']}"].add(cid)
            if done is None and due < self.today and status != "closed":
                out[f"stap-open-laat:{row['step']}"].add(cid)
        for row in self.followups:
            cid = row["case_id"]
            if cid not in self.in_selection or not self.in_period(row["due_on"]):
                continue
            out["vervolg"].add(cid)
            if row["done_on"] is None and row["cancelled_on"] is None and d(row["due_on"]) < self.today:
                out["vervolg-gemist"].add(cid)
        for row in self.escalations:
            cid = row["case_id"]
            if cid not in self.in_selection or not self.in_period(row["escalated_on"]):
                continue
            if not row["proposed"]:
                out[f"trede:{row['to_rung']}"].add(cid)
            if row["sanction_phase"] is not None:
                out[f"{'voorstel' if row['proposed'] else 'sanctie'}:{row['sanction_phase']}"].add(cid)
        per_person = defaultdict(set)
        for row in self.roles:
            if row["role"] in ("gepeste", "pester") and d(self.all_cases[row["case_id"]]["reported_on"]) <= end:
                per_person[(row["person_id"], row["role"])].add(row["case_id"])
        for (_person, role), cases in per_person.items():
            if len(cases) >= 2:
                out[f"herhaling:{role}"] |= cases & self.cases
        return out

    def repeat(self) -> dict[str, int]:
        per_person = defaultdict(set)
        for row in self.roles:
            if row["role"] in ("gepeste", "pester") and d(self.all_cases[row["case_id"]]["reported_on"]) <= self.period.end:
                per_person[(row["person_id"], row["role"])].add(row["case_id"])
        return dict(Counter(role for (person, role), cases in per_person.items()
                            if len(cases) >= 2 and cases & self.cases))

    def steps_of(self) -> dict[int, tuple]:
        out = {}
        for step in STEPS:
            rows = [row for row in self.steps if row["case_id"] in self.cases and row["step"] == step]
            done = [row for row in rows if row["done_on"] is not None]
            on_time = [row for row in done if row["due_on"] is None or d(row["done_on"]) <= d(row["due_on"])]
            late = [row for row in rows if row["done_on"] is None and row["due_on"] is not None
                    and d(row["due_on"]) < self.today and self.all_cases[row["case_id"]]["status"] != "closed"]
            days = [(d(row["done_on"]) - d(self.all_cases[row["case_id"]]["reported_on"])).days for row in done]
            out[step] = (len(rows), len(done), len(on_time), len(late),
                         float(statistics.median(days)) if days else None)
        return out

    def followup_counts(self) -> tuple:
        rows = [row for row in self.followups if row["case_id"] in self.in_selection and self.in_period(row["due_on"])]
        open_rows = [row for row in rows if row["done_on"] is None and row["cancelled_on"] is None]
        return (len({row["case_id"] for row in rows}), len(rows), sum(row["done_on"] is not None for row in rows),
                sum(d(row["due_on"]) < self.today for row in open_rows),
                sum(d(row["due_on"]) >= self.today for row in open_rows),
                sum(row["done_on"] is None and row["cancelled_on"] is not None for row in rows))


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.label)
@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda s: s.label)
def test_every_figure_equals_the_count_by_hand(school, school_file, period, selection):
    figures = read_figures(school, period, selection, TODAY, form_groups=GROUPS)
    oracle = Oracle(school_file, period, selection, TODAY)
    behind = oracle.behind()
    assert figures.reports == len(oracle.cases)
    if selection.class_name is None:
        assert oracle.cases, "the period has reports (else the test proves little)"
    counted = [*figures.per_month, *figures.per_year_group, *figures.per_class, *figures.forms, *figures.online,
               *figures.reporters, *figures.escalations, *figures.sanctions, *figures.endings]
    for count in counted:
        assert count.value == len(behind.get(count.key, set())), count
    assert sum(c.value for c in figures.per_month) == figures.reports
    assert sum(c.value for c in figures.per_class) == figures.reports
    assert {c.key for c in figures.per_class if c.value} == {k for k in behind if k.startswith("klas:")}
    assert {c.key: c.value for c in figures.repeat if c.value} == {
        f"herhaling:{role}": n for role, n in oracle.repeat().items()}
    steps = oracle.steps_of()
    for step in figures.steps:
        assert (step.cases, step.done, step.on_time, step.open_late, step.median_days) == steps[step.step]
    f = figures.followups
    assert (f.cases, f.due, f.held, f.missed, f.planned, f.cancelled) == oracle.followup_counts()


@pytest.mark.parametrize("selection", SELECTIONS[:2], ids=lambda s: s.label)
def test_every_figure_opens_exactly_the_cases_it_counts(school, school_file, selection):
    period = school_year_period("2025-2026")
    figures = read_figures(school, period, selection, TODAY, form_groups=GROUPS)
    oracle = Oracle(school_file, period, selection, TODAY)
    expected = oracle.behind()
    keys = {c.key for c in [*figures.per_month, *figures.per_year_group, *figures.per_class, *figures.forms,
                            *figures.online, *figures.reporters, *figures.escalations, *figures.sanctions,
                            *figures.repeat, *figures.endings]}
    keys |= {f"stap-laat:{s}" for s in STEPS} | {f"stap-open-laat:{s}" for s in STEPS}
    keys |= {"meldingen", "vervolg", "vervolg-gemist"}
    numbers = {c.case_id: c.number for c in cases_behind(school, period, "meldingen", selection, TODAY)}
    assert len(numbers) == figures.reports
    for key in sorted(keys):
        found = cases_behind(school, period, key, selection, TODAY)
        assert {case.case_id for case in found} == expected.get(key, set()), key
        assert [c.reported_on for c in found] == sorted((c.reported_on for c in found), reverse=True)
    with pytest.raises(KeyError):
        cases_behind(school, period, "onbekend:1", selection, TODAY)


def test_a_period_without_reports_counts_zero_everywhere(school):
    figures = read_figures(school, custom_period(date(2000, 1, 1), date(2000, 12, 31)), None, TODAY,
                           form_groups=GROUPS)
    assert figures.reports == 0
    assert all(c.value == 0 for c in [*figures.per_month, *figures.forms, *figures.online])
    assert all(s.cases == 0 and s.median_days is None for s in figures.steps)
    assert figures.per_class == [] and figures.repeat[0].value == 0
