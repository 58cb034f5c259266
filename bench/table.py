"""The benchmark's output: one Rich table, and the same figures as JSON with machine info."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.measure import REPO, Result


def machine_info() -> dict:
    """Where the figures come from: CPU, memory, OS, Python, library versions, commit."""
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "-"

    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 2**20:.1f} GB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "platform": platform.platform(), "cpu": cpu, "cpu_count": os.cpu_count(), "memory": memory,
        "python": sys.version.split()[0], "sqlite": sqlite3.sqlite_version,
        "textual": version("textual"), "sqlalchemy": version("sqlalchemy"), "sqlmodel": version("sqlmodel"),
        "fpdf2": version("fpdf2"), "commit": _git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(_git("status", "--porcelain")), "load_average": _load(),
    }


def _git(*args: str) -> str:
    """The output of a read-only git command in the repository ('' when there is no git)."""
    try:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _load() -> list[float]:
    """The 1, 5 and 15 minute load averages (other work on the machine skews the figures)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def number(value: float | None, unit: str) -> str:
    """A figure with its unit, or a dash."""
    if value is None:
        return "—"
    if unit == "×":
        return f"{value:.2f} ×"
    return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def verdict(result: Result) -> str:
    """✓, ✗ or nothing."""
    return {True: "[green]✓[/]", False: "[red]✗[/]"}.get(result.ok, "")


def wide_console() -> Console:
    """A console as wide as the terminal, or 160 columns when the output is a file or pipe."""
    return Console(width=None if sys.stdout.isatty() else 160)


def previous_medians(path: Path) -> dict[str, float]:
    """The medians of an earlier run's JSON by key (empty when there is none)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return {r["key"]: r["median"] for r in document["results"] if r.get("median") is not None}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def render(results: list[Result], meta: dict, machine: dict, console: Console | None = None,
           previous: dict[str, float] | None = None) -> None:
    """Print the table, with the database and the machine above it (and the previous run's medians)."""
    console = console or wide_console()
    rows = meta.get("rows", {})
    console.print(
        f"[bold]pestcli benchmark[/] — {meta['cases']:,} meldingen, {rows.get('conversations', 0):,} gesprekken, "
        f"{rows.get('followups', 0):,} vervolggesprekken, {meta.get('size_mb', '?')} MB; "
        f"vandaag = {meta['today']}; grootste casus {meta['largest_case']['number']}"
    )
    console.print(
        f"[dim]{machine['cpu']} × {machine['cpu_count']}, {machine['memory']}, {machine['platform']}, "
        f"Python {machine['python']}, Textual {machine['textual']}, commit {machine['commit'] or '?'}"
        f"{' (+ wijzigingen)' if machine['uncommitted_changes'] else ''}, load {machine['load_average']}[/]"
    )
    table = Table(show_lines=False, header_style="bold")
    columns = [("Meting", "left"), ("mediaan", "right"), ("min", "right"), ("max", "right")]
    columns += [("vorige", "right")] if previous else []
    for name, justify in (*columns, ("doel", "left"), ("", "center"), ("toelichting", "left")):
        table.add_column(name, justify=justify, overflow="fold")
    for result in results:
        data = result.as_dict()
        before = [number(previous.get(result.key), result.unit)] if previous else []
        table.add_row(result.label, number(result.median, result.unit), number(data["min"], result.unit),
                      number(data["max"], result.unit), *before, result.target_text, verdict(result), result.note)
    console.print(table)


#: The goal of issue 16: PostgreSQL on loopback within this factor of SQLite, per figure.
BACKEND_GOAL = 1.3
#: The figures of the comparison: (key, label, whether the 1.3× goal applies).
COMPARED = (
    ("startup_pestcli", "1. Start-up tot gegevens (proces)", True),
    ("painted_pestcli", "   van start tot getekend (zonder afsluiten)", False),
    ("startup_cpu", "   CPU-tijd van de start-up", False),
    ("agenda_process", "3. pestcli agenda --days 7 (proces)", True),
    ("week_query", "   weekquery store.due_items (in proces)", False),
    ("agenda_rows", "   agenda_rows (in proces)", False),
    ("home_reads", "   thuisscherm lezen (in proces)", False),
    ("case_open", "4. Casusscherm grootste casus (push → getekend)", True),
    ("case_detail", "   case_detail (in proces)", False),
    ("pdf_process", "5. PDF-samenvatting grootste casus (proces)", True),
    ("pdf_build", "   load_summary + write_pdf (in proces)", False),
    ("memory_pestcli", "6. Piekgeheugen bij 1", False),
)


def comparison(rows: dict[str, Result]) -> list[dict]:
    """SQLite beside PostgreSQL per figure: both medians, the ratio PostgreSQL / SQLite, the goal."""
    out = []
    for key, label, goal in COMPARED:
        lite, server = rows.get(key), rows.get(key + "_pg")
        if lite is None or server is None:
            continue
        value = server.median / lite.median if lite.median and server.median else None
        data = server.as_dict()
        out.append({
            "key": key, "label": label, "unit": lite.unit, "sqlite": _round_ms(lite.median),
            "postgresql": _round_ms(server.median), "postgresql_min": data["min"], "postgresql_max": data["max"],
            "ratio": None if value is None else round(value, 3), "target": BACKEND_GOAL if goal else None,
            "ok": None if not goal or value is None else value <= BACKEND_GOAL,
            "note": server.note if server.median is None or key in ("startup_pestcli", "pdf_process") else "",
        })
    return out


def _round_ms(value: float | None) -> float | None:
    return None if value is None else round(value, 3 if abs(value) < 10 else 1)


def goal_words(ok: bool | None) -> str:
    """The goal met or not, in words (and a colour, never the colour alone)."""
    return {True: "[green]✓ gehaald[/]", False: "[red]✗ niet gehaald[/]"}.get(ok, "")


def previous_ratios(path: Path) -> dict[str, float]:
    """The ratios PostgreSQL / SQLite of an earlier run's JSON by key (empty when there is none)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return {c["key"]: c["ratio"] for c in document["postgresql"]["comparison"] if c.get("ratio") is not None}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def render_comparison(compared: list[dict], server: dict, console: Console | None = None,
                      previous: dict[str, float] | None = None) -> None:
    """The second table: SQLite and PostgreSQL side by side, the ratio and the 1.3× goal."""
    console = console or wide_console()
    copied = (f"gekopieerd in {server['load_s']} s (niet meegeteld)" if server.get("loaded")
              else "kopie van een eerdere run (zelfde bron)")
    console.print(f"\n[bold]SQLite en PostgreSQL naast elkaar[/] — dezelfde school; {server.get('server', '')}; "
                  f"{copied}; doel: PostgreSQL ≤ {BACKEND_GOAL} × SQLite")
    table = Table(show_lines=False, header_style="bold")
    columns = [("Meting", "left"), ("SQLite", "right"), ("PostgreSQL", "right"), ("PG min–max", "right"),
               ("PG / SQLite", "right")]
    columns += [("vorige", "right")] if previous else []
    for name, justify in (*columns, ("doel", "left"), ("", "left"), ("toelichting", "left")):
        table.add_column(name, justify=justify, overflow="fold")
    for row in compared:
        unit = row["unit"]
        spread = (f"{number(row['postgresql_min'], unit)} – {number(row['postgresql_max'], unit)}"
                  if row["postgresql_min"] is not None else "")
        before = [number(previous.get(row["key"]), "×")] if previous else []
        table.add_row(row["label"], number(row["sqlite"], unit), number(row["postgresql"], unit), spread,
                      number(row["ratio"], "×"), *before,
                      f"≤ {BACKEND_GOAL} × SQLite" if row["target"] else "", goal_words(row["ok"]), row["note"])
    console.print(table)


def write_json(path: Path, results: list[Result], meta: dict, machine: dict, extra: dict) -> Path:
    """Write the figures (and everything needed to compare them later) to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"machine": machine, "database": meta, **extra, "results": [r.as_dict() for r in results]}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    return path
