"""``pestcli`` refuses, in Dutch and without a traceback, what it cannot open."""

from __future__ import annotations

import sqlite3
import subprocess
import sys


def run_app(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """Start ``python -m pestcli`` with no terminal; it must stop with a message."""
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "pestcli", *args], capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL, env=env)


def test_a_database_that_is_not_ours_is_refused_and_left_alone(tmp_path):
    foreign = tmp_path / "boekhouding.db"
    with sqlite3.connect(foreign) as con:
        con.execute("create table facturen (id integer primary key, bedrag real)")
        con.execute("insert into facturen (bedrag) values (12.5)")
    before = foreign.read_bytes()
    result = run_app("--db", str(foreign))
    assert result.returncode == 2
    assert "pestcli kan niet starten" in result.stderr
    assert str(foreign) in result.stderr
    assert "Traceback" not in result.stderr
    assert foreign.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    junk = tmp_path / "pestcli.db"
    junk.write_bytes(b"dit is geen database\n" * 100)
    result = run_app(env_extra={"PESTCLI_DB": str(junk)})
    assert result.returncode == 2
    assert str(junk) in result.stderr
    assert "Traceback" not in result.stderr
    assert junk.read_bytes() == b"dit is geen database\n" * 100
