"""``pestcli backup`` and ``pestcli restore`` on a PostgreSQL server: pg_dump / pg_restore, or the honest word.

Against the throwaway test server (``server_url``): a backup is a verified
0600 dump in a 0700 folder; a restore without ``--vervang-serverdata``
changes nothing; with it a deleted case comes back and the state before is
dumped first; without the tools the Dutch message says whose job the
server's backups are. No output ever holds the server's password.
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from pestcli.cli import main
from pestcli.store import open_store
from pestcli.store.backend import server_backup
from pestcli.store.backend.server import server_label

sys.path.insert(0, str(Path(__file__).parent / "store"))
from store_helpers import new_case  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def private_home(monkeypatch, tmp_path: Path) -> Path:
    """HOME and the data directory in tmp_path: no dump lands in the real home."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("PESTCLI_DB", raising=False)
    return tmp_path / "data" / "pestcli" / "server-backups"


def _case_numbers(url: str) -> list[str]:
    with psycopg.connect(url) as con:
        return sorted(row[0] for row in con.execute("SELECT number FROM cases").fetchall())


def _with_case(url: str) -> str:
    with open_store(url) as store:
        return new_case(store).number


def _delete_case(url: str, number: str) -> None:
    with psycopg.connect(url) as con:
        con.execute("DELETE FROM cases WHERE number = %s", (number,))


def _dumps(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.dump")) if folder.is_dir() else []


def test_backup_is_a_verified_private_dump(server_url, private_home, capsys):
    _with_case(server_url)
    assert main(["--db", server_url, "backup"]) == 0
    out, err = capsys.readouterr()
    [dump] = _dumps(private_home)
    assert str(dump) in out
    assert "gecontroleerd" in out and "gegevens van leerlingen" in out and "beveiligde opslag" in out
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    assert stat.S_IMODE(private_home.stat().st_mode) == 0o700
    assert dump.name.startswith(server_backup.safe_label(server_url) + "-")
    assert not [path for path in private_home.iterdir() if path.name.endswith(".partial")]
    tools = server_backup.find_tools(server_url)
    assert "TABLE DATA" in server_backup.verify_dump(tools, dump)
    assert err == ""


def test_backup_to_a_chosen_folder(server_url, tmp_path, capsys):
    target = tmp_path / "schijf" / "pestcli"
    assert main(["--db", server_url, "backup", "--naar", str(target)]) == 0
    [dump] = _dumps(target)
    assert str(dump) in capsys.readouterr().out
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.stat().st_mode) == 0o700


def test_restore_without_the_flag_changes_nothing(server_url, private_home, capsys):
    number = _with_case(server_url)
    assert main(["--db", server_url, "backup"]) == 0
    [dump] = _dumps(private_home)
    _delete_case(server_url, number)
    capsys.readouterr()
    assert main(["--db", server_url, "restore", str(dump)]) == 1
    out, err = capsys.readouterr()
    assert "IEDEREEN" in err and "--vervang-serverdata" in err and "niets veranderd" in err
    assert _case_numbers(server_url) == []
    assert _dumps(private_home) == [dump]  # not even the dump of before


def test_restore_with_the_flag_brings_back_a_deleted_case(server_url, private_home, capsys):
    number = _with_case(server_url)
    assert main(["--db", server_url, "backup"]) == 0
    [dump] = _dumps(private_home)
    _delete_case(server_url, number)
    capsys.readouterr()
    assert main(["--db", server_url, "restore", str(dump), "--vervang-serverdata"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert _case_numbers(server_url) == [number]
    [before] = [path for path in _dumps(private_home) if path != dump]
    assert server_backup.BEFORE_RESTORE in before.name and str(before) in out
    assert stat.S_IMODE(before.stat().st_mode) == 0o600
    tools = server_backup.find_tools(server_url)
    server_backup.verify_dump(tools, before)
    with open_store(server_url) as store:  # pestcli opens the restored database as usual
        with store.sql() as con:
            assert con.execute("SELECT count(*) FROM cases").fetchone()[0] == 1


def test_restore_list_shows_the_dumps_and_a_number_restores(server_url, private_home, capsys):
    number = _with_case(server_url)
    assert main(["--db", server_url, "backup"]) == 0
    capsys.readouterr()
    assert main(["--db", server_url, "restore", "--list"]) == 0
    out = capsys.readouterr().out
    [dump] = _dumps(private_home)
    assert " 1  " in out and str(dump) in out and "handmatig" in out
    _delete_case(server_url, number)
    assert main(["--db", server_url, "restore", "1", "--vervang-serverdata"]) == 0
    assert _case_numbers(server_url) == [number]


def test_restore_of_a_file_that_is_no_dump_changes_nothing(server_url, private_home, tmp_path, capsys):
    number = _with_case(server_url)
    bogus = tmp_path / "geen.dump"
    bogus.write_bytes(b"PGDMP but not really")
    assert main(["--db", server_url, "restore", str(bogus), "--vervang-serverdata"]) == 1
    out, err = capsys.readouterr()
    assert "niet bruikbaar" in err and "Traceback" not in err
    assert _case_numbers(server_url) == [number]
    assert _dumps(private_home) == []


def test_without_pg_dump_the_school_is_named_and_nothing_happens(server_url, private_home, monkeypatch,
                                                                 tmp_path, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "leeg"))
    monkeypatch.delenv(server_backup.PG_BINDIR_ENV, raising=False)
    monkeypatch.setattr(server_backup, "DEBIAN_BINDIRS", str(tmp_path / "geen" / "*" / "bin"))
    assert main(["--db", server_url, "backup"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "taak van de school" in err and "systeembeheerder" in err
    assert "pg_restore --list" in err and "terugzettest" in err
    assert server_label(server_url) in err
    assert not private_home.exists()
    assert main(["--db", server_url, "restore", str(tmp_path), "--vervang-serverdata"]) == 1


def test_an_older_pg_dump_is_refused_in_dutch(server_url, monkeypatch, private_home, capsys):
    monkeypatch.setattr(server_backup, "tool_version", lambda program: 90624)
    assert main(["--db", server_url, "backup"]) == 1
    err = capsys.readouterr().err
    assert "9.6" in err and "nieuwer" in err and "Traceback" not in err
    assert _dumps(private_home) == []


def _with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    user, _at, hosts = parts.netloc.rpartition("@")
    return urlunsplit((parts.scheme, f"{user}:{password}@{hosts}", parts.path, parts.query, parts.fragment))


def test_a_password_never_reaches_a_message_or_a_command_line(server_url, private_home, monkeypatch, capsys):
    secret = "Geheim-wachtwoord-42"
    url = _with_password(server_url, secret)  # the test server trusts loopback: the password is not checked
    seen: list[list[str]] = []
    real_run = server_backup._run

    def spying_run(command, env):
        seen.append(list(command))
        return real_run(command, env)

    monkeypatch.setattr(server_backup, "_run", spying_run)
    number = _with_case(server_url)
    assert main(["--db", url, "backup"]) == 0
    [dump] = _dumps(private_home)
    assert main(["--db", url, "restore", str(dump)]) == 1
    assert main(["--db", url, "restore", str(dump), "--vervang-serverdata"]) == 0
    assert main(["--db", url, "restore", "--list"]) == 0
    out, err = capsys.readouterr()
    assert secret not in out + err
    assert server_label(url) in out + err and secret not in server_label(url)
    assert seen and not any(secret in part for command in seen for part in command)
    assert not any(secret in path.name for path in _dumps(private_home))
    assert _case_numbers(server_url) == [number]


def test_an_unreachable_server_is_named_in_dutch(private_home, capsys):
    from pg_server import free_port

    url = f"postgresql://niemand:Geheim-99@127.0.0.1:{free_port()}/pestcli"
    assert main(["--db", url, "backup"]) == 1
    err = capsys.readouterr().err
    assert "niet bereikbaar" in err and "127.0.0.1" in err and "Geheim-99" not in err
    assert _dumps(private_home) == []


def test_split_password_takes_it_out_of_address_and_query():
    assert server_backup.split_password("postgresql://anna:p%40ss@db.school.nl:5432/pestcli?sslmode=require") == (
        "postgresql://anna@db.school.nl:5432/pestcli?sslmode=require", "p@ss")
    assert server_backup.split_password("postgresql+psycopg://db/pestcli?password=x&sslmode=verify-full") == (
        "postgresql://db/pestcli?sslmode=verify-full", "x")
    assert server_backup.split_password("postgresql:///pestcli?service=school") == (
        "postgresql:///pestcli?service=school", None)
    assert server_backup.split_password("postgresql://:geheim@/pestcli?host=/run/postgresql") == (
        "postgresql:///pestcli?host=/run/postgresql", "geheim")


def test_file_options_are_refused_for_a_file(tmp_path, capsys):
    db = tmp_path / "pestcli.db"
    assert main(["--db", str(db), "backup", "--naar", str(tmp_path)]) == 1
    assert "alleen voor een PostgreSQL-server" in capsys.readouterr().err
    assert not db.exists()


def test_major_versions_compare_across_the_old_numbering():
    assert server_backup.major(90624) < server_backup.major(100000) < server_backup.major(150018)
    assert server_backup.major(150002) == server_backup.major(150018)
    assert server_backup.major_text(90624) == "9.6" and server_backup.major_text(150018) == "15"


def test_a_name_too_long_for_the_system_is_a_dutch_refusal(server_url, private_home, capsys):
    assert main(["--db", server_url, "restore", "x" * 300, "--vervang-serverdata"]) == 1
    err = capsys.readouterr().err
    assert "te lang" in err and "Traceback" not in err
    assert _dumps(private_home) == []
