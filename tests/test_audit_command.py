"""``pestcli audit``: every kind of action is in the trail, without names."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from pestcli.cli import main
from pestcli.store import add_person, audit_events, close_case, create_case, open_store, update_case
from pestcli.store.erasure import erase_case_for_good
from pestcli.store.retention import keep_case

TODAY = date(2026, 11, 23)


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    """A database with two cases of Zeynep and Bram; Documents is in tmp_path; wide output."""
    monkeypatch.setenv("COLUMNS", "240")
    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setattr("pestcli.report.output.documents_dir", lambda: docs)
    path = tmp_path / "data" / "pestcli.db"
    with open_store(path, daily_backup=False) as store:
        victim = add_person(store, "Zeynep", "Oosterbroek", class_name="2B")
        bully = add_person(store, "Bram", "Kuipers", class_name="2B")
        for _ in range(2):
            create_case(store, reported_on=TODAY, reporter_kind="leerling", parents_informed_after="na-stap-3",
                        protocol_name="Anti-pestprotocol", protocol_version="2.3",
                        description="Bram Kuipers pest Zeynep Oosterbroek.",
                        roles=[(victim.id, "gepeste"), (bully.id, "pester")])
    return path


def actions(db: Path) -> list[tuple[str, str]]:
    """(action, summary) of every audit event, newest first, from the re-opened file."""
    with open_store(db, daily_backup=False) as store:
        return [(e.action, e.summary) for e in audit_events(store, limit=1000)]


def test_every_kind_of_action_is_recorded_and_shown(db, tmp_path, capsys, monkeypatch):
    with open_store(db, daily_backup=False) as store:
        update_case(store, 1, location="Gang")                       # change
        close_case(store, 2, TODAY, "klaar")
        keep_case(store, 2, "klacht loopt", date(2027, 1, 1), today=TODAY)
    monkeypatch.setattr("pestcli.report.export.find_lp", lambda: None)
    assert main(["--db", str(db), "summary", "2026-0001", "--print"]) == 0   # print, no lp
    assert "lp ontbreekt" in capsys.readouterr().out
    assert main(["--db", str(db), "export", "--pupil", "Zeynep",
                 "--json", str(tmp_path / "z.json")]) == 0                   # export
    with open_store(db, daily_backup=False) as store:
        erase_case_for_good(store, 2, "verzoek", today=TODAY)              # erasure
    kinds = {action for action, _ in actions(db)}
    assert {"create", "update", "export", "keep", "erase"} <= kinds
    capsys.readouterr()
    assert main(["--db", str(db), "audit", "--limit", "500"]) == 0
    out = capsys.readouterr().out
    for word in ("aangemaakt", "gewijzigd", "geëxporteerd", "gewist", "bewaarbesluit",
                 "samenvatting als PDF opgeslagen", "inzageoverzicht als JSON", "melding 2026-0002 gewist"):
        assert word in out, word
    for name in ("Zeynep", "Oosterbroek", "Kuipers", "klacht loopt"):
        assert name not in out


def test_one_case_and_a_limit(db, capsys):
    assert main(["--db", str(db), "audit", "--case", "2026-0002", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "2026-0002" in out and "2026-0001" not in out
    # Into a pipe (capsys is not a terminal): a heading line and one plain line per event.
    lines = out.splitlines()
    assert lines[0].split("\t") == ["Wanneer", "Gebruiker", "Handeling", "Wat", "Melding", "Omschrijving"]
    assert len(lines) == 2 and lines[1].split("\t")[4] == "2026-0002"


def test_errors_are_dutch_and_without_traceback(db, capsys):
    assert main(["--db", str(db), "audit", "--case", "2030-0099"]) == 2
    err = capsys.readouterr().err
    assert "geen melding met nummer 2030-0099" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(db), "audit", "--limit", "0"])
    assert exit_info.value.code == 2
    assert "geef minstens 1 op" in capsys.readouterr().err


def test_an_empty_trail_says_so(tmp_path, capsys):
    db = tmp_path / "leeg.db"
    open_store(db, daily_backup=False).close()
    assert main(["--db", str(db), "audit"]) == 0
    assert "Het logboek is leeg." in capsys.readouterr().out


def test_into_a_pipe_at_80_columns_no_word_is_broken_and_no_code_is_shown(db, capsys, monkeypatch):
    """Issue 13: "geëxporteer d" in a table at 80 columns; "done", "kept", "punt b1.afspraken.19" as codes."""
    from pestcli.protocol import load_protocol, resolve_protocol_dir
    from pestcli.store.agreements import add_agreement, record_agreement_status
    from pestcli.store.conversations import end_conversation, record_item_state, start_conversation
    from pestcli.store.escalations import escalate
    from pestcli.store.evidence import add_evidence

    first = load_protocol(resolve_protocol_dir(None)).guide("bijlage-2").checklist[0]
    monkeypatch.setenv("COLUMNS", "80")
    with open_store(db, daily_backup=False) as store:
        talk = start_conversation(store, 1, "bijlage-2")
        record_item_state(store, talk.id, first.id, "done")
        agreement = add_agreement(store, 1, "Bram laat Zeynep met rust.", conversation_id=talk.id)
        end_conversation(store, talk.id)
        record_agreement_status(store, agreement.id, "broken", TODAY)
        add_evidence(store, 1, "bewijs.schermafdruk", platform="Snapchat")
        escalate(store, 1, "apc", TODAY, reason="Afspraken gebroken")
    assert main(["--db", str(db), "export", "--pupil", "Zeynep", "--json", str(db.parent / "z.json")]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "audit", "--limit", "500"]) == 0
    out = capsys.readouterr().out
    assert "│" not in out and "┃" not in out
    assert "geëxporteerd" in out.split()  # a whole word, not "geëxporteer d"
    for line in out.splitlines():
        assert len(line.split("\t")) == 6, line
    for words in ("afspraak nr. {}: gebroken".format(agreement.id), "bewijs: Schermafdruk",
                  "geëscaleerd naar Anti-pestcoördinator", "gesprek volgens bijlage 2 gestart",
                  f"gedaan: {first.text[:30]}"):
        assert words in out, words
    for code in ("done", "kept", "broken", "skipped", "open", "apc"):
        assert not re.search(rf"\b{code}\b", out), code
    for code in ("b2.", "bijlage-2", "bewijs.schermafdruk"):
        assert code not in out, code
