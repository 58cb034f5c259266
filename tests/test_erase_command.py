"""``pestcli wis --leerling NAAM``: erase one pupil on request (issue 14)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from pestcli.cli import main
from pestcli.store import add_person, audit_events, create_case, open_store
from pestcli.store.erasure_ledger import read_ledger
from pestcli.store.models import Person
from pestcli.store.parents import add_parent

TODAY = date(2026, 11, 23)


@pytest.fixture
def db(tmp_path) -> Path:
    """Fenna Kuipers with her father in one case; two pupils called Bram."""
    path = tmp_path / "data" / "pestcli.db"
    with open_store(path, daily_backup=False) as store:
        fenna = add_person(store, "Fenna", "Kuipers", class_name="2B")
        add_person(store, "Bram", "Jansen", class_name="3A")
        add_person(store, "Bram", "de Wit", class_name="3A")
        case = create_case(store, reported_on=TODAY, reporter_kind="leerling", parents_informed_after="na-stap-3",
                           protocol_name="Anti-pestprotocol", protocol_version="2.3",
                           description="Fenna wordt uitgescholden.", roles=[(fenna.id, "gepeste")])
        add_parent(store, case.id, fenna.id, "Peter", "Kuipers", "vader")
    return path


def names(db: Path) -> list[str]:
    """Every person still in the database."""
    with open_store(db, daily_backup=False) as store, store.read() as session:
        return sorted(f"{p.first_name} {p.last_name}" for p in session.exec(select(Person)).all())


def test_erasing_a_pupil_with_ja_erases_her_and_her_father(db, capsys):
    assert main(["--db", str(db), "wis", "--leerling", "fenna", "--ja"]) == 0
    out = capsys.readouterr().out
    assert "De leerling is gewist" in out and "blijft dit gewist" in out
    assert names(db) == ["Bram Jansen", "Bram de Wit"]
    assert b"Kuipers" not in db.read_bytes()
    (entry,) = read_ledger(db)
    assert (entry.kind, entry.grounds) == ("leerling", "verzoek")
    with open_store(db, daily_backup=False) as store:
        assert [e.action for e in audit_events(store)].count("erase") == 1


def test_without_a_terminal_and_without_ja_nothing_is_erased(db, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Fenna Kuipers\n"))
    assert main(["--db", str(db), "wis", "--leerling", "fenna"]) == 2
    assert "bevestig met --ja" in capsys.readouterr().err
    assert "Fenna Kuipers" in names(db)


def test_two_matches_are_listed_and_nothing_is_erased(db, capsys):
    assert main(["--db", str(db), "wis", "--leerling", "bram", "--ja"]) == 2
    err = capsys.readouterr().err
    assert "2 leerlingen passen" in err and "Bram de Wit" in err and "niets gewist" in err
    assert len(names(db)) == 4


def test_an_unknown_pupil_and_a_wrong_ground_get_dutch_messages(db, capsys):
    assert main(["--db", str(db), "wis", "--leerling", "Nobody", "--ja"]) == 2
    assert "geen leerling gevonden" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(db), "wis", "--leerling", "fenna", "--grond", "zomaar"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ongeldige keuze" in err
    assert len(names(db)) == 4


def test_pestcli_restore_of_an_older_backup_erases_the_pupil_again(db, capsys):
    assert main(["--db", str(db), "backup"]) == 0
    assert main(["--db", str(db), "wis", "--leerling", "fenna", "--ja"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "restore", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 eerdere wissing is opnieuw toegepast" in out
    assert names(db) == ["Bram Jansen", "Bram de Wit"]
    assert b"Kuipers" not in db.read_bytes()
    with open_store(db, daily_backup=False) as store:
        erased = [e for e in audit_events(store) if e.action == "erase"]
    assert len(erased) == 1 and "opnieuw toegepast na terugzetten" in erased[0].summary


def test_a_full_disk_for_the_ledger_erases_nothing(db, capsys, monkeypatch):
    import errno
    import os

    real_replace = os.replace

    def full(src, dst, *args, **kwargs):
        if str(dst).endswith(".wissingen.json"):
            raise OSError(errno.ENOSPC, "Geen ruimte meer op het apparaat")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", full)
    assert main(["--db", str(db), "wis", "--leerling", "fenna", "--ja"]) == 1
    err = capsys.readouterr().err
    assert "er is niets gewist" in err and "Traceback" not in err
    monkeypatch.undo()
    assert "Fenna Kuipers" in names(db) and "Peter Kuipers" in names(db)
    assert not list(db.parent.glob("*.wissingen.json*"))
