"""Where pestcli keeps its files: the data directory and the database path.

The database is chosen in this order: ``--db PATH`` on the command line, the
``PESTCLI_DB`` environment variable, then ``pestcli.db`` in the platform's user
data directory (``~/.local/share/pestcli`` on Linux). Either of the first two
may instead be a PostgreSQL URL (``postgresql://user@host/db``): the school's
server.
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


def configured_value(cli_value: str | None) -> str | None:
    """The ``--db`` value, else ``PESTCLI_DB``; None for the default."""
    for value in (cli_value, os.environ.get(DB_ENV)):
        if value:
            return value
    return None


#: The URL schemes that name a PostgreSQL server (libpq's two and SQLAlchemy's driver-qualified ones).
SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def is_server_url(value: object) -> bool:
    """Whether a ``--db`` / ``PESTCLI_DB`` value names a PostgreSQL server rather than a file."""
    scheme, sep, _rest = str(value).partition("://")
    return bool(sep) and scheme.lower() in SERVER_SCHEMES


def configured_server(cli_value: str | None) -> str | None:
    """The PostgreSQL URL chosen with ``--db`` or ``PESTCLI_DB``; None when the store is a file."""
    value = configured_value(cli_value)
    return value if value is not None and is_server_url(value) else None


def resolve_db_path(cli_value: str | None) -> Path:
    """The database path: the ``--db`` value, else ``PESTCLI_DB``, else the default.

    For a server URL use ``configured_server`` first: this is for files.
    """
    for value in (cli_value, os.environ.get(DB_ENV)):
        if value:
            return Path(value).expanduser()
    return default_db_path()
