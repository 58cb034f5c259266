"""What dominates start-up: ``python -X importtime`` of the drive script, and pyinstrument.

``python -m bench --profile`` runs ``bench.drive_app`` once more under
``-X importtime`` (import cost by package, and the pestcli modules that pull
in the most) and, when pyinstrument is installed (a dev tool, not a
dependency: ``.venv/bin/pip install pyinstrument``), once under pyinstrument;
its text report is saved next to the results.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
from collections import defaultdict
from pathlib import Path

from bench.measure import REPO, child_env, python

LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s+)(\S+)")


def parse_importtime(text: str) -> list[tuple[str, int, float, float]]:
    """``(module, depth, self ms, cumulative ms)`` for every line of ``-X importtime`` output."""
    found = []
    for line in text.splitlines():
        match = LINE.match(line)
        if match:
            self_us, cumulative_us, indent, name = match.groups()
            found.append((name, (len(indent) - 1) // 2, int(self_us) / 1000, int(cumulative_us) / 1000))
    return found


def summarise_imports(rows: list[tuple[str, int, float, float]], top: int = 12) -> dict:
    """Total import time, self time per top-level package, and the heaviest pestcli imports."""
    by_package: dict[str, float] = defaultdict(float)
    for name, _depth, self_ms, _cum in rows:
        by_package[name.split(".")[0]] += self_ms
    ours = sorted((r for r in rows if r[0].startswith("pestcli")), key=lambda r: -r[3])
    return {
        "total_ms": round(sum(r[2] for r in rows), 1),
        "by_package": [(name, round(ms, 1)) for name, ms in sorted(by_package.items(), key=lambda i: -i[1])[:top]],
        "pestcli_cumulative": [(name, round(cum, 1)) for name, _d, _s, cum in ours[:top]],
    }


def import_profile(db: Path, meta: dict) -> dict:
    """Run the drive script once under ``-X importtime`` and summarise it."""
    done = subprocess.run(
        [python(), "-X", "importtime", "-m", "bench.drive_app", "--db", str(db), "--today", meta["today"]],
        cwd=REPO, env=child_env(), capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
    )
    return summarise_imports(parse_importtime(done.stderr))


def pyinstrument_profile(db: Path, meta: dict, target: Path) -> Path | None:
    """Run the drive script under pyinstrument (if installed); the text report's path."""
    if importlib.util.find_spec("pyinstrument") is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [python(), "-m", "pyinstrument", "-r", "text", "--no-color", "-o", str(target),
         "-m", "bench.drive_app", "--db", str(db), "--today", meta["today"]],
        cwd=REPO, env=child_env(), capture_output=True, stdin=subprocess.DEVNULL, timeout=300,
    )
    return target if target.exists() else None


def print_profile(summary: dict, pyinstrument_path: Path | None, plans: list[str], console) -> None:
    """The profile's top entries, for the closing note."""
    console.print(f"\n[bold]Importtijd van de start[/] (python -X importtime): {summary['total_ms']:.0f} ms in totaal")
    console.print("  per pakket (eigen tijd): " + ", ".join(f"{n} {ms:.0f} ms" for n, ms in summary["by_package"]))
    console.print("  zwaarste pestcli-imports (cumulatief): "
                  + ", ".join(f"{n} {ms:.0f} ms" for n, ms in summary["pestcli_cumulative"][:8]))
    if plans:
        console.print("[bold]Plan van de weekquery[/] (EXPLAIN QUERY PLAN): " + " | ".join(plans))
    if pyinstrument_path:
        console.print(f"pyinstrument-profiel van de start: {pyinstrument_path}")
