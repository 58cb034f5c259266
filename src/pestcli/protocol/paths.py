"""Where the packaged data (protocol, calendar) lives, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

import pestcli


def data_dir() -> Path:
    """The ``data`` directory: inside the installed package, else the repository's.

    A wheel carries the data as ``pestcli/data``; an editable install or a
    checkout uses the top-level ``data/`` folder.
    """
    packaged = Path(pestcli.__file__).resolve().parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"
