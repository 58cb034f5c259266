"""Where the packaged data (protocol and calendar) lives."""

from __future__ import annotations

from pathlib import Path


def data_dir() -> Path:
    """The data folder that holds ``protocol/`` and ``calendar/``.

    In an installed wheel the data is force-included as ``pestcli/data``;
    in an editable install (src layout) it is the repository's top-level
    ``data/`` folder.
    """
    packaged = Path(__file__).resolve().parents[1] / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def calendar_dir() -> Path:
    """The default folder with one school-calendar file per region."""
    return data_dir() / "calendar"
