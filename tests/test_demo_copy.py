"""The shared demo database: filled once per run, and every test gets a private copy of its own."""

from __future__ import annotations

import sqlite3
import stat


def mode(path) -> int:
    """The permission bits of ``path``."""
    return stat.S_IMODE(path.stat().st_mode)


def test_each_demo_copy_is_a_private_file_of_its_own(demo_copy, demo_template, tmp_path):
    first = demo_copy(tmp_path / "een" / "pestcli.db")
    second = demo_copy(tmp_path / "twee" / "pestcli.db")
    assert mode(first) == mode(second) == 0o600
    assert mode(first.parent) == 0o700
    assert not first.with_name("pestcli.db.lock").exists()  # each open store makes its own lock file
    assert sorted(p.name for p in (first.parent / "evidence").rglob("*.png")) != []  # the demo's screenshot
    with sqlite3.connect(first) as con:
        con.execute("UPDATE cases SET description = 'alleen in de eerste kopie'")
    con.close()
    for other in (second, demo_template / "pestcli.db"):
        with sqlite3.connect(other) as con:
            changed = con.execute("SELECT count(*) FROM cases WHERE description = 'alleen in de eerste kopie'")
            assert changed.fetchone() == (0,)
        con.close()
