"""``encrypt``, ``rekey`` and ``restore`` never lose what an open pestcli saves; full disks.

Another pestcli with the file open is a real second process (or a store
opened in this one); a full disk is a real write failure, made with a
file-size limit (``RLIMIT_FSIZE``) in the child process, not a mock.
"""

from __future__ import annotations

import io
import os
import re
import signal
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pestcli.cli import main
from pestcli.store import add_person, backup_now, create_case, open_store
from pestcli.store.backend.cipher import is_encrypted
from pestcli.store.errors import StoreError

GOOD = "een-goed-wachtwoord"
OTHER = "een-ander-wachtwoord"


def _case(store, name: str = "Zwaantje"):
    """One case with one pupil."""
    pupil = add_person(store, name, "Oudewater", class_name="2B")
    return create_case(store, reported_on=date(2026, 11, 2), reporter_kind="leerling",
                       parents_informed_after="na-stap-3", protocol_name="Anti-pestprotocol",
                       protocol_version="2.3", due_dates={}, class_name="2B",
                       description="Wordt gepest.", roles=[(pupil.id, "gepeste")])


@pytest.fixture
def db(tmp_path) -> Path:
    """A plain database with one case and one backup."""
    path = tmp_path / "data" / "pestcli.db"
    with open_store(path) as store:
        _case(store)
        backup_now(store, reason="handmatig")
    return path


def run_main(monkeypatch, capsys, argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    """``pestcli ARGV`` in this process with ``stdin`` as standard input."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def count_cases(path: Path) -> int:
    """How many cases a plain database holds."""
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        con.close()


def test_encrypt_refuses_while_the_app_has_the_file_open_and_says_who(db, monkeypatch, capsys):
    """The open store keeps its file; encrypt says which pestcli holds it and changes nothing."""
    store = open_store(db, daily_backup=False)
    try:
        code, _out, err = run_main(monkeypatch, capsys, ["encrypt", "--db", str(db)], f"{GOOD}\n{GOOD}\n")
        assert code == 1
        assert "geopend in een ander venster van pestcli" in err
        assert f"proces {os.getpid()}" in err
        assert "Traceback" not in err
        assert not is_encrypted(db)
        _case(store, "Jesse")  # the open pestcli still saves, into the real file
    finally:
        store.close()
    assert count_cases(db) == 2
    code, _out, err = run_main(monkeypatch, capsys, ["encrypt", "--db", str(db)], f"{GOOD}\n{GOOD}\n")
    assert code == 0, err
    assert is_encrypted(db)


def test_rekey_and_restore_refuse_while_the_file_is_open(db, monkeypatch, capsys):
    """rekey and restore are refused too while a store has the file open."""
    assert run_main(monkeypatch, capsys, ["encrypt", "--db", str(db)], f"{GOOD}\n{GOOD}\n")[0] == 0
    store = open_store(db, daily_backup=False, passphrase=GOOD)
    try:
        code, _out, err = run_main(monkeypatch, capsys, ["rekey", "--db", str(db)],
                                   f"{GOOD}\n{OTHER}\n{OTHER}\n")
        assert code == 1 and "geopend in een ander venster van pestcli" in err
        code, _out, err = run_main(monkeypatch, capsys, ["restore", "--db", str(db), "1"], f"{GOOD}\n")
        assert code == 1 and "geopend in een ander venster van pestcli" in err
    finally:
        store.close()
    with open_store(db, daily_backup=False, passphrase=GOOD) as again:  # the old passphrase still opens it
        assert again.encrypted


def test_a_killed_pestcli_does_not_block_encrypt(db, monkeypatch, capsys):
    """The lock is the operating system's: after ``kill -9`` of the holder, encrypt runs."""
    code = (
        "import sys\nfrom pestcli.store import open_store\n"
        "s = open_store(sys.argv[1], daily_backup=False)\nprint('open', flush=True)\nsys.stdin.read()\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(db)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        assert child.stdout.readline().strip() == "open"
        code_busy, _out, err = run_main(monkeypatch, capsys, ["encrypt", "--db", str(db)], f"{GOOD}\n{GOOD}\n")
        assert code_busy == 1 and f"proces {child.pid}" in err
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    code, _out, err = run_main(monkeypatch, capsys, ["encrypt", "--db", str(db)], f"{GOOD}\n{GOOD}\n")
    assert code == 0, err


def test_pestcli_does_not_open_a_file_while_encrypt_runs(db):
    """While encrypt holds the file, a pestcli that starts is refused in Dutch."""
    from pestcli.store.backend.in_use import StoreInUseError, exclusive

    with exclusive(db, "versleutelen"):
        with pytest.raises(StoreInUseError, match="wordt op dit moment versleuteld of teruggezet"):
            open_store(db, daily_backup=False)
    with open_store(db, daily_backup=False):
        pass


def test_a_write_to_a_replaced_file_fails_and_never_says_saved(db, tmp_path):
    """A store whose file was replaced under it (another encrypt, restore, copy) refuses to write."""
    store = open_store(db, daily_backup=False)
    try:
        _case(store, "Eerst")  # a write before: fine
        copy = tmp_path / "copy.db"
        with sqlite3.connect(db) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
        os.replace(copy, db)
        with pytest.raises(StoreError, match="vervangen of verwijderd terwijl pestcli openstond"):
            _case(store, "Verloren")
    finally:
        store.close()
    assert count_cases(db) == 2  # the copy holds the cases saved before; "Verloren" claims nothing


def test_encrypt_on_a_full_disk_says_so_in_dutch_and_keeps_the_plain_file(db):
    """A write failure during encrypt: no traceback, the plain file stays, no temporary file left."""
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "limit = int(sys.argv[2])\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))\n"
        "from pestcli.cli import main\nsys.exit(main(['encrypt', '--db', sys.argv[1]]))\n"
    )
    before = count_cases(db)
    limit = db.stat().st_size // 2  # the encrypted copy cannot be written whole
    result = subprocess.run([sys.executable, "-c", code, str(db), str(limit)], input=f"{GOOD}\n{GOOD}\n",
                            capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "kon niet worden geschreven" in result.stderr
    assert "Het onversleutelde bestand is bewaard" in result.stderr
    assert not is_encrypted(db) and count_cases(db) == before
    assert not list(db.parent.glob("*.versleuteld-tmp"))


def test_demo_on_a_full_disk_says_how_many_cases_were_saved(tmp_path):
    """The demo stops on a full disk and names the number of cases it did save (and they are there)."""
    path = tmp_path / "demo.db"
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (2000000, 2000000))\n"
        "from pestcli.cli import main\n"
        "sys.exit(main(['demo', '--db', sys.argv[1], '--today', '2026-11-23']))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                            timeout=300, env=dict(os.environ))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "niets opgeslagen" not in result.stderr.casefold()
    found = re.search(r"Er (?:is|zijn) (\d+) van de (\d+) demomeldingen opgeslagen", result.stderr)
    assert found, result.stderr
    saved = int(found.group(1))
    assert 0 < saved < int(found.group(2))
    assert count_cases(path) == saved


def test_leftovers_of_a_killed_encrypt_are_removed_at_the_next_start(db):
    """A killed encrypt leaves ``*.versleuteld-tmp`` copies; the next pestcli removes them."""
    leftovers = [db.with_name(db.name + ".versleuteld-tmp"),
                 db.parent / "backups" / "pestcli-oud.db.versleuteld-tmp"]
    for leftover in leftovers:
        leftover.write_bytes(b"\0" * 4096)
    with open_store(db, daily_backup=False):
        pass
    assert not any(leftover.exists() for leftover in leftovers)
    assert count_cases(db) == 1
