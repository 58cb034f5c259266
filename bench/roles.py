"""The cost of row-level security: the home, counts, week, case and overview reads as the owner and the team.

Run after ``make bench`` (it needs the bench's PostgreSQL copy of the school):
``.venv/bin/python -m bench.roles --fresh``. It copies that database, runs
``pestcli server init`` on the copy, adds an APC, a team leader (leerjaar 2)
and a mentor who holds 40 open cases and the largest one, and prints the
median of five reads for each (the owner bypasses the policies). Not part of
``make bench``'s table: an exploration kept for the next session.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
USERS = (("b_apc", "apc"), ("b_mentor", "mentor"), ("b_tl", "teamleider"))


def main() -> None:
    """Copy, secure and measure (see the module docstring)."""
    import psycopg
    from psycopg import sql

    from bench import postgres as bp
    from pestcli import cli

    meta = json.loads((REPO / "bench" / "results" / "data" / "school-10000-s7.json").read_text())
    with bp.Server() as server:
        if "--fresh" in sys.argv:
            with psycopg.connect(server.admin_url, autocommit=True) as con:
                con.execute("DROP DATABASE IF EXISTS rlsb WITH (FORCE)")
                con.execute(sql.SQL("CREATE DATABASE rlsb TEMPLATE {}").format(sql.Identifier(bp.database_name(meta))))
        url = server.url_of("rlsb")
        assert cli.main(["server", "init", url]) == 0
        for login, role in USERS:
            extra = ["--leerjaar", "2"] if role == "teamleider" else []
            assert cli.main(["--db", url, "server", "user", "add", login, "--role", role, *extra]) == 0
        with psycopg.connect(url, autocommit=True) as con:
            mentor = con.execute("SELECT id FROM staff WHERE login = 'b_mentor'").fetchone()[0]
            con.execute("UPDATE cases SET holder_id = %s WHERE id IN (SELECT id FROM cases WHERE status <> 'closed' "
                        "ORDER BY id DESC LIMIT 40) OR number = %s", (mentor, meta["largest_case"]["number"]))
            con.execute("ANALYZE")
        user = url.split("://")[1].split("@")[0]
        for who, login in (("eigenaar", user), ("apc", "b_apc"), ("teamleider", "b_tl"), ("mentor", "b_mentor")):
            _measure(who, url.replace(f"://{user}@", f"://{login}@"), meta)


def _measure(who: str, url: str, meta: dict) -> None:
    """Five reads of each kind as ``who``; print the medians."""
    from pestcli.store.agenda import due_items
    from pestcli.store.counts import counts
    from pestcli.store.detail_rows import case_detail_rows, case_id_by_number
    from pestcli.store.opening import open_server_store
    from pestcli.store.overview import open_case_overview

    today = date.fromisoformat(meta["today"])
    store = open_server_store(url, admin=(who == "eigenaar"))
    try:
        case_id = case_id_by_number(store, meta["largest_case"]["number"])
        reads = {"home": lambda: open_case_overview(store), "counts": lambda: counts(store, today),
                 "week": lambda: due_items(store, today, today + timedelta(days=7), today=today)}
        if case_id is not None:
            reads["case"] = lambda: case_detail_rows(store, case_id)
        if who != "mentor":  # the overview of the last whole school year (issue 18), through the policies
            from pestcli.protocol.calendar import school_year_of
            from pestcli.protocol.periods import school_year_period
            from pestcli.store.figures import read_figures

            period = school_year_period(school_year_of(today.replace(year=today.year - 1)))
            reads["cijfers"] = lambda: read_figures(store, period, None, today)
        for name, call in reads.items():
            call()
            times = []
            for _ in range(5):
                started = time.perf_counter()
                call()
                times.append((time.perf_counter() - started) * 1000)
            print(f"{who:<10} {name:<7} {statistics.median(times):8.1f} ms", flush=True)
        if "cijfers" in reads:
            print(f"{who:<10} meldingen in de cijfers: {read_figures(store, period, None, today).reports}", flush=True)
    finally:
        store.close()


if __name__ == "__main__":
    main()
