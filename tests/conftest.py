"""Shared fixtures: the shipped protocol (loaded once) and a copy to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pestcli.protocol import load_protocol
from pestcli.protocol.loader import default_protocol_dir

REPO = Path(__file__).resolve().parents[1]


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
