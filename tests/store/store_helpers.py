"""Helpers for the store tests (imported by name: tests/store is on sys.path)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pestcli
from pestcli.store import create_case

SRC = str(Path(pestcli.__file__).resolve().parents[1])

REPORTED = date(2026, 11, 2)
DUE = {2: date(2026, 11, 9), 3: date(2026, 11, 16), 4: date(2026, 11, 23), 6: date(2026, 11, 23)}


def new_case(store, **overrides):
    """A case with sensible defaults (override any create_case argument)."""
    values = dict(
        reported_on=REPORTED, reporter_kind="leerling", parents_informed_after="na-stap-3",
        protocol_name="Anti-pestprotocol", protocol_version="2.3", due_dates=DUE,
        class_name="2B", location="Schoolplein", forms=["woorden.bijnaam"],
        description="Wordt uitgescholden.", mentor="J. de Mentor",
    )
    values.update(overrides)
    return create_case(store, **values)


def run_python(code: str, *args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """Run Python code in a fresh interpreter that can import pestcli."""
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True,
        timeout=timeout, env=env, **kwargs,
    )


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a child process that imports pestcli."""
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.update(extra)
    return env
