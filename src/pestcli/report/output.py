"""Writing report files: private (0600), whole or not at all, with Dutch errors.

A summary holds pupils' personal data, so every file pestcli writes is
readable by the user only. The file is written next to its target and moved
into place, so a full disk never leaves half a PDF behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600


class ExportError(Exception):
    """A report file could not be written; ``str(error)`` is a Dutch message."""


def documents_dir() -> Path:
    """The user's documents folder (``~/Documents`` or the localised one), else home."""
    try:
        from platformdirs import user_documents_dir

        folder = Path(user_documents_dir())
    except Exception:  # noqa: BLE001 - no documents folder known: use home
        folder = Path.home() / "Documents"
    return folder if folder.is_dir() else Path.home()


def default_path(number: str, suffix: str, extra: str = "") -> Path:
    """``~/Documents/pestcli-2026-0003.pdf`` (``extra`` goes before the suffix)."""
    return documents_dir() / f"pestcli-{number}{extra}{suffix}"


def expand(text: str) -> Path:
    """A path the user typed: ``~`` expanded, made absolute."""
    return Path(text.strip()).expanduser().absolute()


def write_private(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` with mode 0600 (replacing a file that is there).

    Raises :class:`ExportError` with a Dutch message when the folder is
    missing or not writable, or the disk is full.
    """
    path = Path(path).expanduser().absolute()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_dir():
        raise ExportError(f"{path} is een map; geef een bestandsnaam op.")
    if not path.parent.is_dir():
        raise ExportError(f"De map {path.parent} bestaat niet; kies een andere plek.")
    if path.exists() and not path.is_file():  # /dev/null, /dev/stdout, a pipe: write into it, never replace it
        try:
            with open(path, "wb") as handle:
                handle.write(payload)
        except OSError as exc:
            raise ExportError(f"Kan {path} niet opslaan: {exc.strerror or exc}.") from None
        return path
    try:
        fd, scratch = tempfile.mkstemp(dir=path.parent, prefix=".pestcli-", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"Kan niet schrijven in {path.parent}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(scratch, PRIVATE_FILE)
        os.replace(scratch, path)
    except OSError as exc:
        Path(scratch).unlink(missing_ok=True)
        raise ExportError(f"Kan {path} niet opslaan: {exc.strerror or exc}.") from None
    return path
