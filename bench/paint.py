"""Shared by the two headless bench apps: poll for data, then exit after it is painted.

Both ``drive_app`` (the real pestcli) and ``bare_app`` (a bare Textual app)
use the same polling interval and the same "painted" moment: the first
screen refresh after the condition became true. So their start-up times
differ only by what the apps themselves do.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

#: How often the condition is checked (seconds).
POLL = 0.005
#: Give up (exit code 3) when nothing is painted after this many seconds.
TIMEOUT = 60.0


class Marks:
    """Moments in milliseconds since the script started, written as JSON at the end."""

    def __init__(self, started: float) -> None:
        self.started = started
        # perf_counter is one system-wide monotonic clock, so the parent can place these moments
        self.values: dict[str, object] = {"ok": False, "clock_start": started}

    def mark(self, name: str) -> float:
        """Record ``name`` as now; return the moment (ms)."""
        moment = round((time.perf_counter() - self.started) * 1000, 2)
        self.values[name] = moment
        return moment

    def write(self, path: str | None) -> None:
        """Write the marks (and which heavy packages were imported) to ``path``."""
        heavy = ("textual", "sqlalchemy", "sqlmodel", "alembic", "fpdf", "dateutil", "platformdirs")
        self.values["heavy_imports"] = [name for name in heavy if name in sys.modules]
        self.values["modules"] = len(sys.modules)
        peak = peak_memory_mb()
        if peak is not None:
            self.values["peak_mb"] = peak
        if path:
            Path(path).write_text(json.dumps(self.values), encoding="utf-8")


def peak_memory_mb() -> float | None:
    """This process's own peak resident memory (``VmHWM``, Linux), in MB.

    ``ru_maxrss`` from ``wait4`` is not used for the apps: on Linux a child
    inherits the parent's resident size at fork as its high-water mark, so a
    large benchmark process would raise every child's figure.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


def when_painted(app, ready: Callable[[], object], done: Callable[[], None]) -> None:
    """Poll ``ready()``; once true, call ``done()`` after the screen's next refresh."""
    def poll() -> None:
        try:
            is_ready = bool(ready())
        except Exception:  # noqa: BLE001 - the widget may not exist yet
            is_ready = False
        if is_ready:
            timer.stop()
            app.screen.call_after_refresh(done)

    timer = app.set_interval(POLL, poll)


def give_up_later(app, marks: Marks) -> None:
    """Exit with code 3 if nothing was painted within TIMEOUT."""
    def give_up() -> None:
        marks.values["error"] = f"niets getekend binnen {TIMEOUT:.0f} s"
        app.exit(return_code=3)

    app.set_timer(TIMEOUT, give_up)
