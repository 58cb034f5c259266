"""Whole-process measurements: each figure over repeated fresh processes.

``run_process`` starts one child and reads its wall time (spawn to exit), CPU
time and peak memory (``os.wait4``); the child may also write its own moments
as JSON (``--report``), and the two apps report their own peak memory
(``VmHWM``), which a large parent process cannot inflate. The measurements below return ``Result`` rows
with their targets; a piece of pestcli that does not exist yet gives a row
that says "niet beschikbaar" and the benchmark goes on.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: A child that runs longer than this is killed (and counted as failed).
PROCESS_TIMEOUT = 180.0


@dataclass
class Run:
    """One finished child process."""

    wall_ms: float
    peak_mb: float
    code: int
    cpu_ms: float = 0.0
    marks: dict = field(default_factory=dict)
    error: str = ""
    spawned: float = 0.0

    def since_spawn(self, mark: str) -> float | None:
        """Milliseconds from spawning the child to one of its own moments (same monotonic clock)."""
        start, moment = self.marks.get("clock_start"), self.marks.get(mark)
        if not isinstance(start, (int, float)) or not isinstance(moment, (int, float)):
            return None
        return (start + moment / 1000 - self.spawned) * 1000


@dataclass
class Result:
    """One line of the benchmark table: samples (or one value), a target, a note."""

    key: str
    label: str
    unit: str = "ms"
    samples: list[float] = field(default_factory=list)
    value: float | None = None
    target: float | None = None
    target_text: str = ""
    note: str = ""

    @property
    def median(self) -> float | None:
        """The median of the samples, or the single value."""
        return statistics.median(self.samples) if self.samples else self.value

    @property
    def ok(self) -> bool | None:
        """Whether the median meets the target (None without a target or a figure)."""
        if self.target is None or self.median is None:
            return None
        return self.median <= self.target

    def as_dict(self) -> dict:
        """The row as JSON: median, min and max, the target and whether it is met."""
        return {
            "key": self.key, "label": self.label, "unit": self.unit,
            "median": _round(self.median), "min": _round(min(self.samples, default=None)),
            "max": _round(max(self.samples, default=None)), "n": len(self.samples),
            "samples": [_round(s) for s in self.samples], "target": self.target,
            "target_text": self.target_text, "ok": self.ok, "note": self.note,
        }


@dataclass(frozen=True)
class Backend:
    """Where pestcli's data lives for one series: the SQLite file or the same school on PostgreSQL."""

    name: str  # "sqlite" or "postgresql"
    db: str  # the path or the URL given to --db

    @property
    def label(self) -> str:
        return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[self.name]

    @property
    def suffix(self) -> str:
        """Appended to a figure's key: ``startup_pestcli`` (SQLite), ``startup_pestcli_pg``."""
        return "" if self.name == "sqlite" else "_pg"

    @property
    def tag(self) -> str:
        """Appended to a figure's label (nothing for SQLite, as before)."""
        return "" if self.name == "sqlite" else " [PostgreSQL]"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3 if abs(value) < 10 else 1)


def python() -> str:
    """The interpreter of this virtual environment."""
    return sys.executable


def pestcli_command() -> list[str]:
    """The ``pestcli`` console script next to the interpreter (else ``python -m pestcli``)."""
    script = Path(sys.executable).with_name("pestcli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pestcli"]


def child_env() -> dict[str, str]:
    """The environment of every child: no PESTCLI_DB, the repo importable."""
    env = {k: v for k, v in os.environ.items() if k not in ("PESTCLI_DB", "PESTCLI_PROTOCOL")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def run_process(argv: list[str], report: bool = False) -> Run:
    """Run ``argv`` to the end; its wall time, peak memory, exit code and (``report``) marks."""
    import json

    with tempfile.TemporaryDirectory(prefix="pestcli-bench-") as tmp:
        report_path, err_path = Path(tmp) / "marks.json", Path(tmp) / "stderr.txt"
        if report:
            argv = [*argv, "--report", str(report_path)]
        with err_path.open("wb") as err:
            started = time.perf_counter()
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=err, cwd=REPO, env=child_env())
            killer = threading.Timer(PROCESS_TIMEOUT, proc.kill)
            killer.start()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = (time.perf_counter() - started) * 1000
            killer.cancel()
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        marks = json.loads(report_path.read_text()) if report and report_path.exists() else {}
        lines = [ln for ln in err_path.read_text(errors="replace").splitlines() if ln.strip()]
    error = "" if code == 0 else (lines[-1].strip() if lines else f"afgesloten met code {code}")
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    peak = marks.get("peak_mb") or usage.ru_maxrss / 1024  # the child's own VmHWM when it reports one
    return Run(wall, peak, code, cpu, marks, error[:200], started)


def repeat(argv: list[str], runs: int, report: bool = False, warmup: int = 1) -> list[Run]:
    """``warmup`` uncounted runs, then ``runs`` counted ones; stops at the first failure."""
    done = []
    for index in range(warmup + runs):
        run = run_process(argv, report)
        if run.code != 0:
            return [run]
        if index >= warmup:
            done.append(run)
    return done


def interleaved(argvs: list[list[str]], runs: int, report: bool = False, warmup: int = 1) -> list[list[Run]]:
    """Like ``repeat`` for several commands, one of each in turn (the backends share the machine's moods).

    A command that fails is not run again; its series is that one failed run.
    """
    series: list[list[Run]] = [[] for _ in argvs]
    broken: set[int] = set()
    for index in range(warmup + runs):
        for i, argv in enumerate(argvs):
            if i in broken:
                continue
            run = run_process(argv, report)
            if run.code != 0:
                series[i] = [run]
                broken.add(i)
            elif index >= warmup:
                series[i].append(run)
    return series


def failed(runs: list[Run]) -> str:
    """The error of a failed series, or an empty string."""
    if runs and runs[0].code != 0:
        return runs[0].error or "mislukt"
    return ""


def mark_medians(runs: list[Run], names: tuple[str, ...]) -> str:
    """``naam 12 ms`` medians of the children's own moments, for the note."""
    parts = []
    for name in names:
        values = [r.marks[name] for r in runs if isinstance(r.marks.get(name), (int, float))]
        if values:
            parts.append(f"{name} {statistics.median(values):.0f}")
    return ", ".join(parts)


def startup(backends: list[Backend], meta: dict, runs: int) -> dict[str, Result]:
    """1, 2 and 6: pestcli to its due items (on each backend) vs the bare app, interleaved; peak memory.

    Each round runs pestcli on every backend and then the bare app; the first
    round warms the caches (and makes the daily backup) and is not counted.
    The rows by key; ``startup_rows`` puts one backend's in the table's order.
    """
    apps = [[python(), "-m", "bench.drive_app", "--db", b.db, "--today", meta["today"]] for b in backends]
    bare = [python(), "-m", "bench.bare_app"]
    *series, theirs = interleaved([*apps, bare], runs, report=True)
    out: dict[str, Result] = {}
    base = Result("startup_bare", "2. Start-up tot gegevens: kale Textual-app",
                  samples=[r.wall_ms for r in theirs if r.code == 0], note=failed(theirs) or (
                      "ms na start: " + mark_medians(theirs, ("mounted", "painted", "returned"))))
    mem_base = Result("memory_bare", "   piekgeheugen kale app (bij 2)", "MB",
                      [r.peak_mb for r in theirs if r.code == 0])
    painted_base = Result("painted_bare", "   kale app: van start tot getekend",
                          samples=[v for r in theirs if (v := r.since_spawn("painted")) is not None])
    cpu_base = Result("startup_cpu_bare", "   CPU-tijd kale app", samples=[r.cpu_ms for r in theirs if r.code == 0])
    out.update({r.key: r for r in (base, mem_base, painted_base, cpu_base)})
    for backend, ours in zip(backends, series):
        s, tag = backend.suffix, backend.tag
        start = Result("startup_pestcli" + s, "1. Start-up tot gegevens: pestcli" + tag,
                       samples=[r.wall_ms for r in ours if r.code == 0], note=failed(ours) or (
                           "ms na start: " + mark_medians(ours, ("imported", "app_created", "mounted", "painted",
                                                                 "returned"))
                           + f"; {ours[0].marks.get('due_rows', '?')} rijen"))
        heavy = ", ".join(ours[0].marks.get("heavy_imports", [])) if ours else ""
        mem = Result("memory_pestcli" + s, "6. Piekgeheugen pestcli (bij 1)" + tag, "MB",
                     [r.peak_mb for r in ours if r.code == 0], note=f"geladen: {heavy}" if heavy else "")
        painted = Result("painted_pestcli" + s, "   pestcli: van start tot getekend (zonder afsluiten)" + tag,
                         samples=[v for r in ours if (v := r.since_spawn("painted")) is not None])
        cpu = Result("startup_cpu" + s, "   CPU-tijd pestcli" + tag, samples=[r.cpu_ms for r in ours if r.code == 0])
        cpu_ratio = ratio("startup_cpu_ratio" + s, "   verhouding CPU-tijd" + tag, cpu, cpu_base, None)
        if cpu.median and cpu_base.median:
            cpu_ratio.note = cpu_ratio.note or (f"{cpu.median:.0f} / {cpu_base.median:.0f} ms; minder gevoelig "
                                                "voor ander werk op de machine")
        out.update({r.key: r for r in (
            start, ratio("startup_ratio" + s, "   verhouding 1 / 2" + tag, start, base, 1.2), cpu, cpu_ratio,
            painted, ratio("painted_ratio" + s, "   verhouding tot getekend" + tag, painted, painted_base, None),
            mem, ratio("memory_ratio" + s, "   verhouding" + tag, mem, mem_base, 1.5))})
    return out


def startup_rows(rows: dict[str, Result], backend: Backend) -> tuple[list[Result], list[Result]]:
    """One backend's start-up rows in the table's order: (before the agenda, after the PDF)."""
    s = backend.suffix
    first = ["startup_pestcli" + s, "startup_bare", "startup_ratio" + s, "startup_cpu_ratio" + s,
             "painted_pestcli" + s, "painted_bare", "painted_ratio" + s]
    last = ["memory_pestcli" + s, "memory_bare", "memory_ratio" + s]
    return [rows[k] for k in first], [rows[k] for k in last]


def ratio(key: str, label: str, ours: Result, base: Result, target: float | None) -> Result:
    """The ratio of two medians, with its target (if any)."""
    value = ours.median / base.median if ours.median and base.median else None
    return Result(key, label, "×", value=value, target=target, target_text=f"≤ {target} × kaal" if target else "",
                  note="" if value else "niet beschikbaar")


def help_process(runs: int) -> Result:
    """``pestcli --help`` as a whole process (it must not import Textual)."""
    from bench.imports import loaded_note

    done = repeat([*pestcli_command(), "--help"], runs)
    return Result("help_process", "   pestcli --help (proces)", samples=[r.wall_ms for r in done if r.code == 0],
                  note=failed(done) or loaded_note(["--help"]))


def agenda_process(backends: list[Backend], meta: dict, runs: int) -> dict[str, Result]:
    """3: ``pestcli agenda --days 7`` as a whole process, on each backend in turn."""
    results = {b.suffix: Result("agenda_process" + b.suffix, "3. pestcli agenda --days 7 (proces)" + b.tag)
               for b in backends}
    if not _has_command("agenda"):
        for result in results.values():
            result.note = "niet beschikbaar: er is nog geen commando 'agenda'"
        return results
    day = _dutch(meta["today"])
    from bench.imports import loaded_note

    args = ["agenda", "--days", "7", "--date", day, "--today", day]
    series = interleaved([[*pestcli_command(), *args, "--db", b.db] for b in backends], runs)
    for backend, done in zip(backends, series):
        result = results[backend.suffix]
        result.samples = [r.wall_ms for r in done if r.code == 0]
        result.note = failed(done) or loaded_note([*args, "--db", backend.db])
    return results


def case_screen(backends: list[Backend], meta: dict, runs: int) -> dict[str, Result]:
    """4: opening the case screen of the largest case, push to painted (a fresh process each run)."""
    case = meta["largest_case"]
    results = {b.suffix: Result("case_open" + b.suffix,
                                f"4. Casusscherm {case['number']} ({case['conversations']} gesprekken)" + b.tag,
                                target=150, target_text="≤ 150 ms") for b in backends}
    if not _has_module("pestcli.screens.case"):
        for result in results.values():
            result.note = "niet beschikbaar: er is nog geen casusscherm"
        return results
    series = interleaved([[python(), "-m", "bench.drive_app", "--db", b.db, "--today", meta["today"],
                           "--open-case", case["number"]] for b in backends], runs, report=True)
    for backend, done in zip(backends, series):
        result = results[backend.suffix]
        result.samples = [r.marks["case_ms"] for r in done if r.code == 0 and "case_ms" in r.marks]
        widgets = done[0].marks.get("case_widgets", "?") if done else "?"
        result.note = failed(done) or f"van push_screen tot getekend, in de app; {widgets} widgets"
    return results


def overview_screen(backends: list[Backend], meta: dict, runs: int, bare: Result | None) -> dict[str, Result]:
    """The overview (this school year, the whole school): key to figures drawn, vs the bare app's start-up.

    The goal (issue 18): the overview shows within the bare Textual app's start-up time, measured
    in the same run (``bare``: row 2).
    """
    results: dict[str, Result] = {}
    if not _has_module("pestcli.screens.overview"):
        for b in backends:
            results["overview_open" + b.suffix] = Result("overview_open" + b.suffix, "7. Overzicht" + b.tag,
                                                         note="niet beschikbaar: er is nog geen overzicht")
        return results
    series = interleaved([[python(), "-m", "bench.drive_app", "--db", b.db, "--today", meta["today"],
                           "--open-overview"] for b in backends], runs, report=True)
    for backend, done in zip(backends, series):
        reports = done[0].marks.get("overview_reports", "?") if done else "?"
        result = Result("overview_open" + backend.suffix, "7. Overzicht van dit schooljaar" + backend.tag,
                        samples=[r.marks["overview_ms"] for r in done if r.code == 0 and "overview_ms" in r.marks],
                        note=failed(done) or f"van de toets tot cijfers en grafieken getekend; {reports} meldingen")
        results[result.key] = result
        if bare is not None:
            compared = ratio("overview_ratio" + backend.suffix, "   verhouding overzicht / start-up kale app"
                             + backend.tag, result, bare, 1.0)
            results[compared.key] = compared
    return results


def summary_process(backends: list[Backend], meta: dict, runs: int) -> dict[str, Result]:
    """5: ``pestcli summary NUMBER --pdf FILE`` as a whole process, on each backend in turn."""
    number = meta["largest_case"]["number"]
    results = {b.suffix: Result("pdf_process" + b.suffix, f"5. pestcli summary {number} --pdf (proces)" + b.tag,
                                target=1000, target_text="≤ 1 s") for b in backends}
    if not _has_command("summary"):
        for result in results.values():
            result.note = "niet beschikbaar: er is nog geen commando 'summary'"
        return results
    with tempfile.TemporaryDirectory(prefix="pestcli-bench-") as tmp:
        pdfs = [Path(tmp) / f"samenvatting-{b.name}.pdf" for b in backends]
        series = interleaved([[*pestcli_command(), "summary", number, "--pdf", str(pdf), "--db", b.db]
                              for b, pdf in zip(backends, pdfs)], runs)
        written = [pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-" for pdf in pdfs]
    for backend, done, ok in zip(backends, series, written):
        result = results[backend.suffix]
        result.samples = [r.wall_ms for r in done if r.code == 0]
        result.note = failed(done) or ("" if ok else "geen PDF geschreven")
    return results


def _has_command(name: str) -> bool:
    """Whether ``pestcli NAME`` exists (the command table is plain Python, cheap to import)."""
    from pestcli.cli import COMMANDS

    return name in COMMANDS


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def _dutch(iso: str) -> str:
    """``2026-11-23`` -> ``23-11-2026``."""
    year, month, day = iso.split("-")
    return f"{day}-{month}-{year}"
