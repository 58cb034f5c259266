"""SQLite's English error messages never reach a mentor: every one is said in Dutch.

Issue 13: a toast said "database disk image is malformed". The store's
errors (``store.backend.reads.translate``) and the backup's (``store.backend.backup``) name
the reason in Dutch (``store.backend.reads.sqlite_reason``) and never quote SQLite.
"""

from __future__ import annotations

import sqlite3

import pytest

from pestcli.store import add_person, open_store
from pestcli.store.backend.backup import backup_now
from pestcli.store.errors import StoreError
from pestcli.store.backend.reads import sqlite_reason, translate

ENGLISH = ("disk", "image", "malformed", "error", "unable", "no such", "syntax", "near", "file ", "attempt", "never")


@pytest.mark.parametrize("message", [
    "database disk image is malformed", "file is not a database", "database or disk is full",
    "attempt to write a readonly database", "disk I/O error", "unable to open database file",
    "no such table: cases", "interrupted", 'near "x": syntax error', "something SQLite never said",
])
def test_every_sqlite_message_becomes_dutch(message):
    reason = sqlite_reason(message)
    for word in ENGLISH:
        assert word not in reason.casefold(), (message, reason)
    shown = str(translate(message))
    assert message not in shown and "malformed" not in shown
    assert shown.endswith(".") and shown[0].isupper()


def test_a_damaged_file_gives_a_dutch_backup_error(tmp_path):
    path = tmp_path / "data" / "pestcli.db"
    with open_store(path, daily_backup=False) as store:
        for n in range(200):
            add_person(store, f"Leerling{n}", "Test", class_name="2B")
    # Overwrite the pages after the first (the header stays, the tables break).
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)
    path.write_bytes(bytes(data))
    with pytest.raises((StoreError, sqlite3.DatabaseError)) as info:
        backup_now(path, "handmatig")
    assert isinstance(info.value, StoreError), info.value
    text = str(info.value)
    assert "malformed" not in text and "database disk image" not in text
    assert "kon niet worden gemaakt" in text or "beschadigd" in text
