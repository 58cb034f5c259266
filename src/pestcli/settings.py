"""A tiny private settings file beside the database: ``pestcli.settings.json`` (0600).

It holds small remembered choices, never a name or a passphrase: whether the
"encryption is off" notice was shown, the theme chosen with Ctrl+T
(``theme``), and optionally ``lock_minutes``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

SETTINGS_NAME = "pestcli.settings.json"


def settings_path(data_dir: Path) -> Path:
    """The settings file in a data directory."""
    return Path(data_dir) / SETTINGS_NAME


def load_settings(data_dir: Path) -> dict[str, Any]:
    """The settings (empty when there is no file or it is unreadable)."""
    try:
        data = json.loads(settings_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_setting(data_dir: Path, key: str, value: Any) -> None:
    """Remember one setting, writing the file atomically with mode 0600."""
    data = load_settings(data_dir)
    data[key] = value
    path = settings_path(data_dir)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=2)
    os.replace(tmp, path)
