"""Shared fixtures: the shipped protocol (loaded once) and a copy to break."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pestcli.protocol import load_protocol
from pestcli.protocol.loader import default_protocol_dir

REPO = Path(__file__).resolve().parents[1]

#: Where the counts of the crash, fuzz and hostile-text tests are kept for the summary.
COUNTS = pytest.StashKey[list]()


@pytest.fixture
def counts_report(request) -> Callable[[str, str], None]:
    """``counts_report(kind, line)``: a line for the test summary (how many kills, calls, texts were tried)."""
    lines = request.config.stash.setdefault(COUNTS, [])
    return lambda kind, line: lines.append(f"{kind}: {line}")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001 - pytest's hook
    """Print what the crash, fuzz and hostile-text tests tried (their counts), after the results."""
    lines = config.stash.get(COUNTS, [])
    if lines:
        terminalreporter.section("pestcli: wat de crash-, fuzz- en vijandige-teksttests probeerden")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def protocol():
    """The protocol that ships with pestcli, loaded and validated."""
    return load_protocol()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A folder with the demo database for 23 November 2026, filled once per test run.

    Tests copy the folder (``shutil.copytree``) before they change anything.
    """
    from datetime import date

    from pestcli.store import fill_demo, open_store

    folder = tmp_path_factory.mktemp("demo")
    with open_store(folder / "pestcli.db", daily_backup=False) as store:
        fill_demo(store, today=date(2026, 11, 23))
    return folder


@pytest.fixture
def protocol_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped protocol directory, for breaking on purpose."""
    target = tmp_path / "protocol"
    shutil.copytree(default_protocol_dir(), target)
    return target
