"""``python -m bench`` (``make bench``): generate the school database once, measure, report.

Options: ``--cases N`` (default 10,000), ``--runs N`` (default 7),
``--seed S``, ``--today D``, ``--out FILE`` (default
``bench/results/latest.json``), ``--generate-only``, ``--regenerate``,
``--profile`` (``-X importtime`` and pyinstrument of the start-up),
``--backend sqlite|postgresql|both`` (default both: the same school copied
to a PostgreSQL server on loopback, ``bench/postgres.py``; every figure is
measured on both, interleaved, and a second table sets them side by side).
The table shows the previous run's medians (from ``--out``) beside the new ones.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from datetime import date, datetime
from pathlib import Path

from bench import DATA_DIR, RESULTS_DIR


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The benchmark's options."""
    parser = argparse.ArgumentParser(prog="python -m bench", description="De benchmark van pestcli.")
    parser.add_argument("--cases", type=int, default=10_000, help="aantal meldingen (standaard 10000)")
    parser.add_argument("--runs", type=int, default=7, help="herhalingen per meting (standaard 7)")
    parser.add_argument("--seed", type=int, default=7, help="zaadje van de generator (standaard 7)")
    parser.add_argument("--today", type=date.fromisoformat, help="'vandaag' van de database (JJJJ-MM-DD)")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR / "latest.json", help="JSON-uitvoer")
    parser.add_argument("--generate-only", action="store_true", help="alleen de database maken")
    parser.add_argument("--regenerate", action="store_true", help="de database opnieuw maken")
    parser.add_argument("--profile", action="store_true", help="ook -X importtime en pyinstrument")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both",
                        help="waarop meten: het SQLite-bestand, dezelfde school op PostgreSQL, of beide "
                             "(standaard beide, om en om)")
    return parser.parse_args(argv)


def say(text: str) -> None:
    """Progress on stderr, so stdout holds only the table."""
    print(text, file=sys.stderr, flush=True)


def database(args: argparse.Namespace) -> tuple[Path, dict]:
    """The benchmark database (generated when missing, different or asked for) and its meta data."""
    from bench.generate import GENERATOR_VERSION, generate

    db = DATA_DIR / f"school-{args.cases}-s{args.seed}.db"
    meta_path = db.with_suffix(".json")
    meta = json.loads(meta_path.read_text()) if meta_path.exists() and db.exists() else None
    if meta is not None and meta.get("generator") != GENERATOR_VERSION:
        meta = None  # made by an older generator
    wanted_today = args.today or (date.fromisoformat(meta["today"]) if meta else date.today())
    if args.regenerate or meta is None or meta["today"] != wanted_today.isoformat():
        say(f"Database maken: {args.cases:,} meldingen in {db} …")
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        meta = generate(db, cases=args.cases, seed=args.seed, today=wanted_today)
        say(f"  klaar in {meta['generated_s']} s, {meta['size_mb']} MB")
    return db, meta


def prepare(db: Path) -> float:
    """Bring the schema up to date and make today's backup; return the backup's time (ms).

    pestcli makes a verified backup on the first start of each day (after the
    first screen, in the background); made here,
    the measured starts are the ordinary ones. Its cost is reported apart.
    The package's bytecode is brought up to date first.
    """
    import compileall

    import pestcli
    from pestcli.store import open_store
    from pestcli.store.backend.backup import backup_now

    # Up-to-date bytecode, as an installed pestcli has: with PYTHONDONTWRITEBYTECODE
    # set, every measured start would compile the modules changed since.
    compileall.compile_dir(Path(pestcli.__file__).parent, quiet=1)
    open_store(db, daily_backup=False).close()
    started = time.perf_counter()
    backup_now(db, reason="dagelijks", keep=1)
    return (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    """Generate, measure, print the table(s), write the JSON."""
    args = parse_args(argv)
    db, meta = database(args)
    if args.generate_only:
        print(json.dumps(meta, indent=2))
        return 0
    from bench import measure, profile, table

    started = datetime.now()
    machine = table.machine_info()
    backup_ms = prepare(db)  # also brings the file to the newest revision, before any copy of it
    runs = max(1, args.runs)
    with contextlib.ExitStack() as stack:
        backends = [measure.Backend("sqlite", str(db))] if args.backend != "postgresql" else []
        server_info: dict = {}
        if args.backend != "sqlite":
            from bench import postgres

            say("PostgreSQL-server starten …" if not os.environ.get(postgres.ENV_URL)
                else f"PostgreSQL: de eigen server uit {postgres.ENV_URL} …")
            server = stack.enter_context(postgres.Server())
            say(f"  {server.description}; dezelfde school erin zetten (of de kopie van de vorige keer) …")
            url, server_info = postgres.ensure_loaded(server, db, meta, reload=args.regenerate)
            server_info = {"server": server.description, "database": postgres.database_name(meta),
                           "server_start_ms": round(server.started_ms), **server_info}
            say(f"  gekopieerd in {server_info['load_s']} s" if server_info["loaded"]
                else "  de kopie van de vorige keer is er nog (zelfde bron)")
            backends.append(measure.Backend("postgresql", url))
        rows = measure_all(backends, meta, runs, backup_ms)
    plans = rows.pop("_plans", [])
    main_backend = backends[0]
    ordered = main_rows(rows, main_backend)
    others = [r for r in rows.values() if r not in ordered]
    extra = {"runs": runs, "started": started.isoformat(timespec="seconds"),
             "duration_s": round((datetime.now() - started).total_seconds(), 1),
             "backends": [b.name for b in backends]}
    comparison = table.comparison(rows) if len(backends) > 1 else []
    if server_info:
        extra["postgresql"] = {**server_info, "comparison": comparison}
    if args.profile and main_backend.name == "sqlite":
        say("Profiel van de start-up maken …")
        summary = profile.import_profile(db, meta)
        text = profile.pyinstrument_profile(db, meta, RESULTS_DIR / "profile-startup.txt")
        extra["profile"] = {"importtime": summary, "pyinstrument": str(text) if text else None}
    machine["load_average_after"] = table._load()
    previous = table.previous_medians(args.out)
    table.render(ordered, meta, machine, previous=previous)
    if comparison:
        table.render_comparison(comparison, server_info, previous=table.previous_ratios(args.out))
    if "profile" in extra:
        profile.print_profile(extra["profile"]["importtime"], text, plans, table.wide_console())
    everything = [*ordered, *others]
    path = table.write_json(args.out, everything, meta, machine, extra)
    history = table.write_json(RESULTS_DIR / "history" / f"{started:%Y%m%d-%H%M%S}.json", everything, meta,
                               machine, extra)
    say(f"Geschreven: {path} (en {history.name} in {history.parent})")
    return 0


def measure_all(backends: list, meta: dict, runs: int, backup_ms: float) -> dict:
    """Every figure on every backend, interleaved per figure; the rows by key (PostgreSQL's end in ``_pg``)."""
    from bench import inproc, measure

    names = " en ".join(b.label for b in backends)
    rows: dict = {}
    say(f"Start-up meten: pestcli ({names}) en de kale app, {runs}× om en om (plus één keer opwarmen) …")
    rows.update(measure.startup(backends, meta, runs))
    say("pestcli agenda meten …")
    rows.update({r.key: r for r in measure.agenda_process(backends, meta, runs).values()})
    rows["help_process"] = measure.help_process(runs)
    for backend in backends:
        say(f"Metingen binnen één proces ({backend.label}) …")
        inside, plans = inproc.in_process(backend, meta)
        rows.update({r.key: r for r in inside.values()})
        if backend.name == "sqlite":
            rows["_plans"] = plans
    say("Casusscherm van de grootste casus meten …")
    rows.update({r.key: r for r in measure.case_screen(backends, meta, runs).values()})
    say("Overzicht van de school meten …")
    rows.update(measure.overview_screen(backends, meta, runs, rows.get("startup_bare")))
    say("PDF-samenvatting meten …")
    rows.update({r.key: r for r in measure.summary_process(backends, meta, runs).values()})
    if any(b.name == "sqlite" for b in backends):
        rows["daily_backup"] = measure.Result("daily_backup", "   dagelijkse reservekopie (1e start per dag)",
                                              value=backup_ms, note="backup_now; niet meegeteld in 1")
    return rows


def main_rows(rows: dict, backend) -> list:
    """The main table: one backend's figures (SQLite's when it was measured) in the usual order."""
    from bench import measure

    s = backend.suffix
    before, after = measure.startup_rows(rows, backend)
    keys = ["agenda_process" + s, "help_process", "week_query" + s, "agenda_rows" + s, "week_sql" + s,
            "home_reads" + s, "case_open" + s, "case_detail" + s, "pdf_process" + s, "pdf_build" + s,
            "overview_open" + s, "overview_ratio" + s, "overview_figures" + s]
    middle = [rows[k] for k in keys if k in rows]
    tail = [rows["daily_backup"]] if "daily_backup" in rows and not s else []
    return [*before, *middle, *after, *tail]


if __name__ == "__main__":
    sys.exit(main())
