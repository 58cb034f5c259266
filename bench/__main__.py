"""``python -m bench`` (``make bench``): generate the school database once, measure, report.

Options: ``--cases N`` (default 10,000), ``--runs N`` (default 7),
``--seed S``, ``--today D``, ``--out FILE`` (default
``bench/results/latest.json``), ``--generate-only``, ``--regenerate``,
``--profile`` (``-X importtime`` and pyinstrument of the start-up).
The table shows the previous run's medians (from ``--out``) beside the new ones.
"""

from __future__ import annotations

import argparse
import json
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
    """Generate, measure, print the table, write the JSON."""
    args = parse_args(argv)
    db, meta = database(args)
    if args.generate_only:
        print(json.dumps(meta, indent=2))
        return 0
    from bench import inproc, measure, profile, table

    started = datetime.now()
    machine = table.machine_info()
    backup_ms = prepare(db)
    runs = max(1, args.runs)
    say(f"Start-up meten: pestcli en de kale app, {runs}× om en om (plus één keer opwarmen) …")
    results = measure.startup(db, meta, runs)
    say("pestcli agenda meten …")
    agenda = measure.agenda_process(db, meta, runs)
    cli_help = measure.help_process(runs)
    say("Metingen binnen één proces …")
    inside, plans = inproc.in_process(db, meta)
    say("Casusscherm van de grootste casus meten …")
    case = measure.case_screen(db, meta, runs)
    say("PDF-samenvatting meten …")
    pdf = measure.summary_process(db, meta, runs)
    backup = measure.Result("daily_backup", "   dagelijkse reservekopie (1e start per dag)",
                            value=backup_ms, note="backup_now; niet meegeteld in 1")
    ordered = [*results[:7], agenda, cli_help, inside["week_query"], inside["agenda_rows"], inside["week_sql"],
               inside["home_reads"], case, inside["case_detail"], pdf, inside["pdf_build"], *results[7:], backup]
    extra = {"runs": runs, "started": started.isoformat(timespec="seconds"),
             "duration_s": round((datetime.now() - started).total_seconds(), 1)}
    if args.profile:
        say("Profiel van de start-up maken …")
        summary = profile.import_profile(db, meta)
        text = profile.pyinstrument_profile(db, meta, RESULTS_DIR / "profile-startup.txt")
        extra["profile"] = {"importtime": summary, "pyinstrument": str(text) if text else None}
    machine["load_average_after"] = table._load()
    table.render(ordered, meta, machine, previous=table.previous_medians(args.out))
    if args.profile:
        profile.print_profile(extra["profile"]["importtime"], text, plans, table.wide_console())
    path = table.write_json(args.out, ordered, meta, machine, extra)
    history = table.write_json(RESULTS_DIR / "history" / f"{started:%Y%m%d-%H%M%S}.json", ordered, meta,
                               machine, extra)
    say(f"Geschreven: {path} (en {history.name} in {history.parent})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
