"""In-process timings, in one fresh child process (``python -m bench.inproc``).

The week query (``store.due_items``, and ``agenda_rows`` around it), the same
three queries as plain SQL on ``sqlite3`` (what SQLite itself costs), the home
screen's reads, the case detail of the largest case and its PDF. Each is
called once cold (lazy imports, statement compilation) and then timed over
repetitions. Also the ``EXPLAIN QUERY PLAN`` of the agenda's queries. The
results go to ``--report`` as JSON.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.measure import Backend, Result


def timed(call: Callable[[], object], reps: int) -> dict:
    """The first (cold) call and ``reps`` more, in milliseconds."""
    def once() -> float:
        started = time.perf_counter()
        call()
        return (time.perf_counter() - started) * 1000

    cold = once()
    return {"cold": round(cold, 2), "samples": [round(once(), 3) for _ in range(reps)]}


def agenda_sql(start: date, end: date) -> list[tuple[str, tuple]]:
    """The agenda's selects (SQL and parameters), as pestcli runs them."""
    from pestcli.store.agenda import agenda_queries

    return [(q.sql, tuple(q.params)) for q in agenda_queries(start, end).values()]


def plain_sql(db: Path, queries: list[tuple[str, tuple]], reps: int) -> dict:
    """The agenda's queries on a bare ``sqlite3`` connection (no pestcli code), and their plans."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        result = timed(lambda: [con.execute(sql, params).fetchall() for sql, params in queries], reps)
        result["plans"] = [[row[-1] for row in con.execute("EXPLAIN QUERY PLAN " + sql, params)]
                           for sql, params in queries]
        result["sql"] = [sql for sql, _params in queries]
    finally:
        con.close()
    return result


def measure(db: str, today: date, case_number: str, reps: int) -> dict:
    """Every in-process timing that the installed pestcli supports."""
    from pestcli.protocol import load_protocol
    from pestcli.store import case_detail, count_cases, due_items, get_case_by_number, open_store
    from pestcli.store.overview import open_case_overview

    out: dict[str, object] = {}
    protocol = load_protocol()
    store = open_store(db, daily_backup=False)
    end = today + timedelta(days=6)
    try:
        case_id = get_case_by_number(store, case_number).id
        out["week_query"] = timed(lambda: due_items(store, today, end, today=today), reps)
        out["week_rows"] = len(due_items(store, today, end, today=today))
        if "://" not in db:  # the file itself on bare sqlite3 (not for a server)
            out["week_sql"] = plain_sql(Path(db), agenda_sql(today, end), reps)
        if importlib.util.find_spec("pestcli.agenda") is not None:
            from pestcli.agenda.rows import agenda_rows

            out["agenda_rows"] = timed(lambda: agenda_rows(store, protocol, today, end, today), reps)
        out["home_reads"] = timed(lambda: (count_cases(store), open_case_overview(store),
                                           due_items(store, today, end, today=today)), max(3, reps // 4))
        out["open_cases"] = len(open_case_overview(store))
        out["case_detail"] = timed(lambda: case_detail(store, case_id), max(3, reps // 4))
        if importlib.util.find_spec("pestcli.services.overview") is not None:
            from pestcli.protocol.calendar import school_year_of
            from pestcli.protocol.periods import school_year_period
            from pestcli.services.overview import overview

            # the coordinator's overview of the last whole school year (the yearly evaluation)
            last_year = school_year_of(today.replace(year=today.year - 1))
            period = school_year_period(last_year)
            out["overview_figures"] = timed(lambda: overview(store, protocol, period, None, today), max(3, reps // 4))
            out["overview_reports"] = overview(store, protocol, period, None, today).reports
        if importlib.util.find_spec("pestcli.report.pdf") is not None:
            from pestcli.report.build import load_summary
            from pestcli.report.pdf import write_pdf

            with tempfile.TemporaryDirectory(prefix="pestcli-bench-") as tmp:
                target = Path(tmp) / "samenvatting.pdf"
                out["pdf_build"] = timed(
                    lambda: write_pdf(load_summary(store, protocol, case_id, today), target), max(3, reps // 4))
                out["pdf_kb"] = round(target.stat().st_size / 1024, 1)
    finally:
        store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the timings and write them to ``--report``."""
    parser = argparse.ArgumentParser(description="Metingen binnen één proces voor de benchmark.")
    parser.add_argument("--db", required=True, help="the file, or a server's URL")
    parser.add_argument("--today", type=date.fromisoformat, required=True)
    parser.add_argument("--case", required=True, help="number of the largest case")
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--report", required=True)
    args = parser.parse_args(argv)
    result = measure(args.db, args.today, args.case, args.reps)
    Path(args.report).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def in_process(backend: Backend, meta: dict, reps: int = 20) -> tuple[dict[str, Result], list[str]]:
    """Run the timings in a fresh child: table rows (by key, without the backend's suffix) and the plans."""
    from bench.measure import Result, python, run_process

    db, suffix, tag = backend.db, backend.suffix, backend.tag

    with tempfile.TemporaryDirectory(prefix="pestcli-bench-") as tmp:
        report = Path(tmp) / "inproc.json"
        run = run_process([python(), "-m", "bench.inproc", "--db", str(db), "--today", meta["today"],
                           "--case", meta["largest_case"]["number"], "--reps", str(reps), "--report", str(report)])
        data = json.loads(report.read_text()) if run.code == 0 and report.exists() else {}
    missing = run.error or "niet beschikbaar"

    def row(key: str, label: str, target: float | None = None, note: str = "") -> Result:
        found = data.get(key)
        result = Result(key + suffix, label + tag, target=target, target_text=f"≤ {target:g} ms" if target else "")
        if not found:
            result.note = missing if run.code else "niet beschikbaar"
            return result
        result.samples = found["samples"]
        result.note = f"koud {found['cold']:.0f} ms" + (f"; {note}" if note else "")
        return result

    plans = [" · ".join(plan) for plan in data.get("week_sql", {}).get("plans", [])]
    rows = {r.key.removesuffix(suffix) if suffix else r.key: r for r in (
        row("week_query", "   weekquery: store.due_items (in proces)", 5,
            f"{data.get('week_rows', '?')} rijen"),
        row("agenda_rows", "   weekquery met namen: agenda_rows (in proces)", 5),
        row("week_sql", "   dezelfde drie queries in kaal sqlite3"),
        row("home_reads", "   thuisscherm lezen (tellen, open meldingen, week)", None,
            f"{data.get('open_cases', '?')} open meldingen"),
        row("case_detail", "   case_detail van die casus (in proces)"),
        row("pdf_build", "   PDF: load_summary + write_pdf (in proces)", 1000,
            f"{data.get('pdf_kb', '?')} kB"),
        row("overview_figures", "   overzicht: de cijfers van een schooljaar (in proces)", None,
            f"{data.get('overview_reports', '?')} meldingen"),
    )}
    if "week_sql" not in data and backend.name != "sqlite":
        del rows["week_sql"]  # bare sqlite3: only for the file
    return rows, plans
