"""``pestcli backup`` and ``pestcli restore`` on the command line."""

from __future__ import annotations

from store_helpers import new_case

from pestcli.cli import main
from pestcli.store import count_cases, list_backups, open_store


def test_backup_command_prints_the_path(db_path, capsys):
    store = open_store(db_path)
    new_case(store)
    store.close()
    assert main(["backup", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    newest = list_backups(db_path)[-1].path
    assert "Reservekopie gemaakt en gecontroleerd" in out and str(newest) in out
    assert main(["--db", str(db_path), "backup", "--keep", "1"]) == 0
    assert len(list_backups(db_path)) == 1


def test_backup_command_without_a_database(tmp_path, capsys):
    assert main(["backup", "--db", str(tmp_path / "niets.db")]) == 1
    assert "Er is nog geen database" in capsys.readouterr().err


def test_backup_command_on_a_damaged_file(tmp_path, capsys):
    bad = tmp_path / "kapot.db"
    bad.write_bytes(b"nee" * 100)
    assert main(["backup", "--db", str(bad)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "Traceback" not in err


def test_restore_lists_and_restores_by_number(db_path, capsys):
    store = open_store(db_path)
    new_case(store)
    store.close()
    main(["backup", "--db", str(db_path)])
    store = open_store(db_path)
    new_case(store)
    store.close()
    capsys.readouterr()

    assert main(["restore", "--db", str(db_path)]) == 0
    listing = capsys.readouterr().out
    assert "nieuwste eerst" in listing and "handmatig" in listing and " 1  " in listing

    assert main(["restore", "--list", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out == listing

    handmatig = [b for b in list_backups(db_path) if b.reason == "handmatig"][0]
    assert main(["restore", str(handmatig.path), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Teruggezet" in out and "De vorige toestand is bewaard" in out
    store = open_store(db_path)
    assert count_cases(store) == 1
    store.close()

    assert main(["restore", "99", "--db", str(db_path)]) == 1
    assert "geen reservekopie met nummer 99" in capsys.readouterr().err


def test_restore_without_backups(tmp_path, capsys):
    assert main(["restore", "--db", str(tmp_path / "leeg.db")]) == 0
    assert "Er zijn geen reservekopieën" in capsys.readouterr().out
