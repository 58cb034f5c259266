"""The school's numbers for a period, counted in SQL on both backends.

What the coordinator reports on each year (Wet veiligheid op school; the
Inspectie's safety standard): reports per month, year group and class; the
forms of bullying (the six groups of §4) and online or not; who reported;
per step the share done on time and the median days from the report; steps
open past their deadline; the follow-ups of the two-year monitoring; the
escalations and sanction phases; pupils in two or more cases; how cases
ended.

Every number is an aggregate the database computes (``GROUP BY``, ``COUNT``,
a median by window functions): no case is loaded into Python, so it stays
quick on a whole school's 10,000 cases. On the school's server row-level
security decides which cases are counted: a team leader counts their
department, the APC and the directie their school, a mentor their own
cases. In a mentor's own file it is every case in the file.

Each case figure has a key (``klas:2B``, ``vorm:woorden``, ``stap-laat:2``)
and :func:`cases_behind` lists the cases behind it with the very same
condition, so a figure on screen opens the cases it counts.

Plain SQL on ``Store.sql()`` with ``?`` parameters (both backends accept
them there); the few expressions that differ (days between two dates, the
month of a date) come from :func:`_dialect`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from pestcli.protocol.periods import Period, year_group_of
from pestcli.store.sql_values import as_date, as_text

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

__all__ = ["CaseBehind", "Count", "Figures", "FollowUpFigures", "Selection", "StepFigure",
           "cases_behind", "class_names", "read_figures"]

#: The steps with a deadline counted per step (stap 5 is its follow-ups, counted apart).
STEPS = (1, 2, 3, 4, 6)
#: The roles counted for repeat involvement.
REPEAT_ROLES = ("gepeste", "pester")
#: How many cases behind a figure are listed at most.
MAX_BEHIND = 500


@dataclass(frozen=True)
class Selection:
    """Which classes are counted: all (both None), one year group, or one class."""

    year_group: str | None = None
    class_name: str | None = None

    @property
    def label(self) -> str:
        """``alle klassen``, ``leerjaar 2`` or ``klas 2B``."""
        if self.class_name is not None:
            return f"klas {self.class_name or '(zonder klas)'}"
        if self.year_group is not None:
            return f"leerjaar {self.year_group}" if self.year_group else "klassen zonder leerjaar"
        return "alle klassen"


@dataclass(frozen=True)
class Count:
    """One number with its key (for :func:`cases_behind`) and what it counts in Dutch."""

    key: str
    label: str
    value: int


@dataclass(frozen=True)
class StepFigure:
    """A step over the period's cases: how many have it, how many were done (on time), how late."""

    step: int
    cases: int
    done: int
    on_time: int
    open_late: int
    median_days: float | None

    @property
    def on_time_share(self) -> float | None:
        """The share of the step's cases done on time (0..1); None without cases."""
        return self.on_time / self.cases if self.cases else None


@dataclass(frozen=True)
class FollowUpFigures:
    """The follow-ups of stap 5 due in the period, of every case (monitoring runs two years)."""

    cases: int = 0
    due: int = 0
    held: int = 0
    missed: int = 0
    planned: int = 0
    cancelled: int = 0


@dataclass(frozen=True)
class Figures:
    """Everything the overview shows for one period and selection."""

    period: Period
    selection: Selection
    today: date
    reports: int
    per_month: list[Count] = field(default_factory=list)
    per_year_group: list[Count] = field(default_factory=list)
    per_class: list[Count] = field(default_factory=list)
    forms: list[Count] = field(default_factory=list)
    online: list[Count] = field(default_factory=list)
    reporters: list[Count] = field(default_factory=list)
    steps: list[StepFigure] = field(default_factory=list)
    followups: FollowUpFigures = field(default_factory=FollowUpFigures)
    escalations: list[Count] = field(default_factory=list)
    sanctions: list[Count] = field(default_factory=list)
    repeat: list[Count] = field(default_factory=list)
    endings: list[Count] = field(default_factory=list)


@dataclass(frozen=True)
class CaseBehind:
    """A case counted by a figure: enough to list it and open it."""

    case_id: int
    number: str
    class_name: str
    reported_on: date
    status: str


# --- the SQL that differs between the backends ----------------------------------------------------


def _dialect(store: Store) -> tuple[str, str]:
    """(days from ``{b}`` to ``{a}`` as an integer, the ``YYYY-MM`` of ``{a}``), as format strings."""
    if store.dialect == "postgresql":
        return "({a} - {b})", "to_char({a}, 'YYYY-MM')"
    return "CAST(julianday({a}) - julianday({b}) AS INTEGER)", "substr({a}, 1, 7)"


# --- which cases are counted ----------------------------------------------------------------------


def class_names(store: Store) -> list[str]:
    """Every class with a case (for the year groups and the choice of a class), sorted."""
    with store.sql() as con:
        rows = con.execute("SELECT DISTINCT cases.class_name FROM cases").fetchall()
    return sorted({row[0] or "" for row in rows}, key=lambda name: (year_group_of(name) == "",
                                                                       _number(year_group_of(name)), name))


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _classes_condition(store: Store, selection: Selection, column: str = "cases.class_name"
                       ) -> tuple[str, list[object]]:
    """The condition on a case's class for ``selection`` (``1 = 1`` for all classes)."""
    if selection.class_name is not None:
        return f"{column} = ?", [selection.class_name]
    if selection.year_group is not None:
        names = [name for name in class_names(store) if year_group_of(name) == selection.year_group]
        if not names:
            return "1 = 0", []
        return f"{column} IN ({', '.join('?' for _ in names)})", list(names)
    return "1 = 1", []


def _reported(store: Store, period: Period, selection: Selection) -> tuple[str, list[object]]:
    """The condition (on ``cases``) for a case reported in the period, in the selection."""
    classes, params = _classes_condition(store, selection)
    return (f"cases.reported_on >= ? AND cases.reported_on <= ? AND {classes}",
            [as_text(period.start), as_text(period.end), *params])


# --- the figures ----------------------------------------------------------------------------------


#: A condition on ``cases`` for one figure's value, and its parameters.
Condition = tuple[str, list[object]]


def _key_conditions(store: Store, period: Period, today: date) -> dict[str, Any]:
    """Per key prefix: a function of the key's value giving the condition (on ``cases``) its cases meet.

    The counts are computed with the same rules, grouped; :func:`cases_behind` applies one
    of these. Every condition is ``cases.id IN (an uncorrelated set)`` or a plain column test:
    on the school's server each set (and the row-level security on its table) is worked out
    once per statement, where a correlated EXISTS ran the policies again for every case.
    Keys whose figures are not about reported cases (follow-ups, escalations) carry their
    own period condition.
    """
    _days, month = _dialect(store)
    start, end, now = as_text(period.start), as_text(period.end), as_text(today)

    def step_late(value: str) -> Condition:
        step = int(value)
        return ("(cases.id IN (SELECT s.case_id FROM step_progress s WHERE s.step = ? AND s.due_on IS NOT NULL"
                " AND s.done_on IS NOT NULL AND s.done_on > s.due_on)"
                " OR (cases.status != 'closed' AND cases.id IN (SELECT s.case_id FROM step_progress s"
                " WHERE s.step = ? AND s.done_on IS NULL AND s.due_on < ?)))", [step, step, now])

    def step_open_late(value: str) -> Condition:
        return ("cases.status != 'closed' AND cases.id IN (SELECT s.case_id FROM step_progress s"
                " WHERE s.step = ? AND s.done_on IS NULL AND s.due_on < ?)", [int(value), now])

    def escalation(proposed: bool | None) -> Any:
        def condition(value: str) -> Condition:
            if proposed is None:
                return ("cases.id IN (SELECT e.case_id FROM escalations e WHERE e.to_rung = ? AND e.proposed = ?"
                        " AND e.escalated_on >= ? AND e.escalated_on <= ?)", [value, False, start, end])
            return ("cases.id IN (SELECT e.case_id FROM escalations e WHERE e.sanction_phase = ? AND e.proposed = ?"
                    " AND e.escalated_on >= ? AND e.escalated_on <= ?)", [int(value), proposed, start, end])
        return condition

    def repeated(value: str) -> Condition:
        return ("cases.id IN (SELECT r.case_id FROM case_roles r WHERE r.role = ? AND r.person_id IN"
                " (SELECT r2.person_id FROM case_roles r2 JOIN cases c2 ON c2.id = r2.case_id"
                " WHERE r2.role = ? AND c2.reported_on <= ? GROUP BY r2.person_id"
                " HAVING count(DISTINCT r2.case_id) >= 2))", [value, value, end])

    return {
        "meldingen": lambda _value: ("1 = 1", []),
        "maand": lambda value: (f"{month.format(a='cases.reported_on')} = ?", [value]),
        "klas": lambda value: ("cases.class_name = ?", [value]),
        "leerjaar": lambda value: _classes_condition(store, Selection(year_group=value)),
        "vorm": lambda value: (
            ("cases.id IN (SELECT f.case_id FROM case_forms f WHERE f.form_id LIKE ?)", [f"{value}.%"]) if value
            else ("cases.id NOT IN (SELECT f.case_id FROM case_forms f)", [])),
        "online": lambda value: ("cases.online = ?", [value == "ja"]),
        "melder": lambda value: ("cases.reporter_kind = ?", [value]),
        "stap-laat": step_late,
        "stap-open-laat": step_open_late,
        "vervolg-gemist": lambda _value: (
            "cases.id IN (SELECT u.case_id FROM followups u WHERE u.due_on >= ? AND u.due_on <= ?"
            " AND u.due_on < ? AND u.done_on IS NULL AND u.cancelled_on IS NULL)", [start, end, now]),
        "vervolg": lambda _value: (
            "cases.id IN (SELECT u.case_id FROM followups u WHERE u.due_on >= ? AND u.due_on <= ?)", [start, end]),
        "trede": escalation(None),
        "sanctie": escalation(False),
        "voorstel": escalation(True),
        "herhaling": repeated,
        "einde": lambda value: _ending(value, period.end),
    }


#: How a case ended, by key: the condition on ``cases`` (closed in the period unless "open").
_ENDINGS: tuple[tuple[str, str, str], ...] = (
    ("open", "nog open aan het eind van de periode",
     "(cases.status != 'closed' OR cases.closed_on > ?)"),
    ("gesloten-monitoring", "gesloten, monitoring loopt door",
     "cases.status = 'closed' AND cases.closed_on <= ? AND cases.monitoring_ended_on IS NULL"),
    ("gesloten-klaar", "gesloten, monitoring afgerond of gestopt",
     "cases.status = 'closed' AND cases.closed_on <= ? AND cases.monitoring_ended_on IS NOT NULL"),
    ("na-escalatie", "waarvan gesloten na escalatie",
     "cases.status = 'closed' AND cases.closed_on <= ?"
     " AND cases.id IN (SELECT e.case_id FROM escalations e WHERE e.proposed = ?)"),
)


def _ending(key: str, end: date) -> Condition:
    for ending_key, _label, condition in _ENDINGS:
        if ending_key == key:
            params: list[object] = [as_text(end)]
            if ending_key == "na-escalatie":
                params.append(False)
            return condition, params
    raise KeyError(key)


def read_figures(store: Store, period: Period, selection: Selection | None = None,
                 today: date | None = None, *, form_groups: tuple[tuple[str, str], ...] = (),
                 reporter_labels: dict[str, str] | None = None,
                 rung_labels: dict[str, str] | None = None) -> Figures:
    """The numbers of ``period`` for ``selection`` (default: all classes), as of ``today``.

    ``form_groups`` are the protocol's groups of forms (id, Dutch title), in order; the
    labels turn ids into Dutch (an id without one is shown as it is).
    """
    selection = selection or Selection()
    today = today or date.today()
    reporter_labels = reporter_labels or {}
    rung_labels = rung_labels or {}
    reported, params = _reported(store, period, selection)
    days, month = _dialect(store)
    sel = f"SELECT cases.id FROM cases WHERE {reported}"
    with store.sql() as con:
        def rows(sql: str, extra: list[object] | tuple[object, ...] = ()) -> list[Any]:
            return list(con.execute(sql, (*params, *extra)).fetchall())

        (reports,) = rows(f"SELECT count(*) FROM cases WHERE {reported}")[0]
        per_month = {key: value for key, value in rows(
            f"SELECT {month.format(a='cases.reported_on')}, count(*) FROM cases WHERE {reported}"
            f" GROUP BY {month.format(a='cases.reported_on')}")}
        per_class = {(name or ""): value for name, value in rows(
            f"SELECT cases.class_name, count(*) FROM cases WHERE {reported} GROUP BY cases.class_name")}
        groups = [gid for gid, _title in form_groups]
        form_counts: list[int] = []
        if groups:
            columns = ", ".join("count(DISTINCT CASE WHEN f.form_id LIKE ? THEN f.case_id END)" for _ in groups)
            form_sql = (f"SELECT {columns}, count(DISTINCT f.case_id) FROM case_forms f"
                        f" WHERE f.case_id IN ({sel})")
            values = con.execute(form_sql, (*[f"{gid}.%" for gid in groups], *params)).fetchone()
            form_counts = [int(value or 0) for value in values]
        online = dict(rows(f"SELECT cases.online, count(*) FROM cases WHERE {reported} GROUP BY cases.online"))
        reporters = rows(f"SELECT cases.reporter_kind, count(*) FROM cases WHERE {reported}"
                         " GROUP BY cases.reporter_kind ORDER BY count(*) DESC, cases.reporter_kind")
        steps = _steps(con, sel, params, today, days)
        followups = _followups(con, sel, params, store, selection, period, today)
        escalations, sanctions = _escalations(con, store, selection, period, rung_labels)
        repeat = _repeat(con, reported, params, [as_text(period.end)])
        endings = _endings(con, reported, params, period)
    with_forms = form_counts[-1] if form_counts else 0
    year_groups: dict[str, int] = {}
    for name, value in per_class.items():
        year_groups[year_group_of(name)] = year_groups.get(year_group_of(name), 0) + value
    return Figures(
        period=period, selection=selection, today=today, reports=int(reports),
        per_month=[Count(f"maand:{key}", key, int(per_month.get(key, 0))) for key in period.months()],
        per_year_group=[Count(f"leerjaar:{key}", f"leerjaar {key}" if key else "zonder leerjaar", value)
                        for key, value in sorted(year_groups.items(), key=lambda kv: (kv[0] == "", _number(kv[0])))],
        per_class=[Count(f"klas:{name}", name or "(zonder klas)", per_class[name])
                   for name in sorted(per_class, key=lambda n: (year_group_of(n) == "", _number(year_group_of(n)), n))],
        forms=[Count(f"vorm:{gid}", title, form_counts[i]) for i, (gid, title) in enumerate(form_groups)]
        + ([Count("vorm:", "geen vorm aangegeven", int(reports) - with_forms)] if form_groups else []),
        online=[Count("online:ja", "online", int(online.get(True, 0))),
                Count("online:nee", "niet online", int(online.get(False, 0)))],
        reporters=[Count(f"melder:{kind}", reporter_labels.get(kind, kind), int(value)) for kind, value in reporters],
        steps=steps, followups=followups, escalations=escalations, sanctions=sanctions,
        repeat=[Count(f"herhaling:{role}", label, repeat.get(role, 0))
                for role, label in (("gepeste", "gepeste leerlingen in 2 of meer meldingen"),
                                    ("pester", "pesters in 2 of meer meldingen"))],
        endings=[Count(f"einde:{key}", label, endings.get(key, 0)) for key, label, _c in _ENDINGS],
    )


def _steps(con: Any, sel: str, params: list[object], today: date, days: str) -> list[StepFigure]:
    """Per step of the period's cases: cases, done, done on time, open past due, median days."""
    now = as_text(today)
    step_list = ", ".join(str(step) for step in STEPS)
    totals = con.execute(
        "SELECT s.step, count(*),"
        " sum(CASE WHEN s.done_on IS NOT NULL THEN 1 ELSE 0 END),"
        " sum(CASE WHEN s.done_on IS NOT NULL AND (s.due_on IS NULL OR s.done_on <= s.due_on) THEN 1 ELSE 0 END),"
        " sum(CASE WHEN s.done_on IS NULL AND s.due_on < ? AND c.status != 'closed' THEN 1 ELSE 0 END)"
        f" FROM step_progress s JOIN cases c ON c.id = s.case_id WHERE s.step IN ({step_list})"
        f" AND s.case_id IN ({sel}) GROUP BY s.step", (now, *params)).fetchall()
    spent = days.format(a="s.done_on", b="c.reported_on")
    medians = dict(con.execute(
        "WITH d AS (SELECT s.step AS step, " + spent + " AS days FROM step_progress s"
        f" JOIN cases c ON c.id = s.case_id WHERE s.done_on IS NOT NULL AND s.step IN ({step_list})"
        f" AND s.case_id IN ({sel})),"
        " r AS (SELECT step, days, row_number() OVER (PARTITION BY step ORDER BY days) AS rn,"
        " count(*) OVER (PARTITION BY step) AS n FROM d)"
        " SELECT step, avg(days) FROM r WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2 GROUP BY step",
        params).fetchall())
    by_step = {row[0]: row for row in totals}
    figures = []
    for step in STEPS:
        _s, cases, done, on_time, open_late = by_step.get(step, (step, 0, 0, 0, 0))
        median = medians.get(step)
        figures.append(StepFigure(step=step, cases=int(cases), done=int(done or 0), on_time=int(on_time or 0),
                                  open_late=int(open_late or 0),
                                  median_days=None if median is None else float(median)))
    return figures


def _followups(con: Any, sel: str, params: list[object], store: Store, selection: Selection,
               period: Period, today: date) -> FollowUpFigures:
    """The follow-ups due in the period, of every case in the selection (not only its reports)."""
    classes, class_params = _classes_condition(store, selection, "c.class_name")
    row = con.execute(
        "SELECT count(DISTINCT u.case_id), count(*),"
        " sum(CASE WHEN u.done_on IS NOT NULL THEN 1 ELSE 0 END),"
        " sum(CASE WHEN u.done_on IS NULL AND u.cancelled_on IS NULL AND u.due_on < ? THEN 1 ELSE 0 END),"
        " sum(CASE WHEN u.done_on IS NULL AND u.cancelled_on IS NULL AND u.due_on >= ? THEN 1 ELSE 0 END),"
        " sum(CASE WHEN u.done_on IS NULL AND u.cancelled_on IS NOT NULL THEN 1 ELSE 0 END)"
        " FROM followups u JOIN cases c ON c.id = u.case_id"
        f" WHERE u.due_on >= ? AND u.due_on <= ? AND {classes}",
        (as_text(today), as_text(today), as_text(period.start), as_text(period.end), *class_params)).fetchone()
    cases, due, held, missed, planned, cancelled = (int(value or 0) for value in row)
    return FollowUpFigures(cases=cases, due=due, held=held, missed=missed, planned=planned, cancelled=cancelled)


def _escalations(con: Any, store: Store, selection: Selection, period: Period,
                 rung_labels: dict[str, str]) -> tuple[list[Count], list[Count]]:
    """Cases escalated in the period per rung, and per sanction phase decided (and proposed)."""
    classes, class_params = _classes_condition(store, selection, "c.class_name")
    where = f" FROM escalations e JOIN cases c ON c.id = e.case_id WHERE e.escalated_on >= ? AND e.escalated_on <= ? AND {classes}"
    args = (as_text(period.start), as_text(period.end), *class_params)
    rungs = con.execute(f"SELECT e.to_rung, count(DISTINCT e.case_id){where} AND e.proposed = ?"
                        " GROUP BY e.to_rung ORDER BY e.to_rung", (*args, False)).fetchall()
    phases = con.execute(f"SELECT e.sanction_phase, e.proposed, count(DISTINCT e.case_id){where}"
                         " AND e.sanction_phase IS NOT NULL GROUP BY e.sanction_phase, e.proposed"
                         " ORDER BY e.sanction_phase, e.proposed", args).fetchall()
    order = list(rung_labels)
    escalations = sorted((Count(f"trede:{rung}", rung_labels.get(rung, rung), int(value)) for rung, value in rungs),
                         key=lambda count: order.index(count.key[6:]) if count.key[6:] in order else len(order))
    sanctions = [Count(f"{'voorstel' if proposed else 'sanctie'}:{phase}",
                       f"fase {phase}{' (voorgesteld, nog niet besloten)' if proposed else ''}", int(value))
                 for phase, proposed, value in phases]
    return escalations, sanctions


def _repeat(con: Any, reported: str, params: list[object], until: list[object]) -> dict[str, int]:
    """Per role: the pupils of the period's cases who are in two or more cases in that role.

    One pass over the roles up to the period's end, grouped per pupil and role: two or
    more cases, one of them reported in the period (and the selection).
    """
    roles = ", ".join(f"'{role}'" for role in REPEAT_ROLES)
    rows = con.execute(
        "SELECT role, count(*) FROM (SELECT r.person_id AS person_id, r.role AS role"
        " FROM case_roles r JOIN cases ON cases.id = r.case_id"
        f" WHERE r.role IN ({roles}) AND cases.reported_on <= ? GROUP BY r.person_id, r.role"
        " HAVING count(DISTINCT r.case_id) >= 2"
        f" AND max(CASE WHEN {reported} THEN 1 ELSE 0 END) = 1) AS repeated GROUP BY role",
        (*until, *params)).fetchall()
    return {role: int(value) for role, value in rows}


def _endings(con: Any, reported: str, params: list[object], period: Period) -> dict[str, int]:
    """How the period's cases stood at its end: open, closed with or without monitoring, after escalation."""
    columns = ", ".join(f"sum(CASE WHEN {condition} THEN 1 ELSE 0 END)" for _k, _l, condition in _ENDINGS)
    extra: list[object] = []
    for key, _label, _condition in _ENDINGS:
        extra.extend(_ending(key, period.end)[1])
    row = con.execute(f"SELECT {columns} FROM cases WHERE {reported}", (*extra, *params)).fetchone()
    return {key: int(value or 0) for (key, _l, _c), value in zip(_ENDINGS, row, strict=True)}


# --- the cases behind a figure ------------------------------------------------------------------


def cases_behind(store: Store, period: Period, key: str, selection: Selection | None = None,
                 today: date | None = None) -> list[CaseBehind]:
    """The cases a figure with ``key`` counts (at most :data:`MAX_BEHIND`), newest report first.

    A figure about the period's reports (month, class, form, step, ending, repeat) lists
    those reports; follow-ups, escalations and sanctions list the cases they belong to.
    An unknown key is a KeyError.
    """
    selection = selection or Selection()
    today = today or date.today()
    prefix, _sep, value = key.partition(":")
    conditions = _key_conditions(store, period, today)
    if prefix not in conditions:
        raise KeyError(key)
    by_reports = prefix not in ("vervolg", "vervolg-gemist", "trede", "sanctie", "voorstel")
    if by_reports:
        where, params = _reported(store, period, selection)
    else:
        where, params = _classes_condition(store, selection)
    condition, extra = conditions[prefix](value)
    sql = (f"SELECT cases.id, cases.number, cases.class_name, cases.reported_on, cases.status FROM cases"
           f" WHERE {where} AND {condition} ORDER BY cases.reported_on DESC, cases.id DESC LIMIT {MAX_BEHIND}")
    with store.sql() as con:
        found = con.execute(sql, (*params, *extra)).fetchall()
    return [CaseBehind(case_id=row[0], number=row[1], class_name=row[2] or "",
                       reported_on=as_date(row[3]) or period.start, status=row[4]) for row in found]
