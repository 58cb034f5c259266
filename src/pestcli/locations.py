"""Where pestcli keeps its files: the data directory and the database path.

The database is chosen in this order: ``--db PATH`` on the command line, the
``PESTCLI_DB`` environment variable, then ``pestcli.db`` in the platform's user
data directory (``~/.local/share/pestcli`` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "pestcli"
DB_FILENAME = "pestcli.db"
DB_ENV = "PESTCLI_DB"


def data_dir() -> Path:
    """The user data directory of pestcli (not created here)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The database file used when neither ``--db`` nor ``PESTCLI_DB`` is given."""
    return data_dir() / DB_FILENAME


def resolve_db_path(cli_value: str | None) -> Path:
    """The database path: the ``--db`` value, else ``PESTCLI_DB``, else the default."""
    for value in (cli_value, os.environ.get(DB_ENV)):
        if value:
            return Path(value).expanduser()
    return default_db_path()
