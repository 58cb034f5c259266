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


@pytest.fixture
def protocol_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped protocol directory, for breaking on purpose."""
    target = tmp_path / "protocol"
    shutil.copytree(default_protocol_dir(), target)
    return target
