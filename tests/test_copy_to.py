"""``pestcli copy-to URL``: a mentor's own file into the school's database server (issue 16).

Against the throwaway PostgreSQL server of the test run (``server_url``: a
fresh database per test). The source is a copy of the demo (``demo_copy``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pestcli.store import create_case, open_store
from pestcli.store.copy_to import COPIED_TABLES, SKIPPED_TABLES, CopyConflictError, copy_store
from pestcli.store.evidence import evidence_of_case, read_evidence_bytes
from pestcli.store.models import metadata

PASSPHRASE = "een-lang-wachtwoord-voor-de-test"


def folder_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (the database, its sidecars, evidence, ledger)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith((".lock", "-shm"))}


def counts(store) -> dict[str, int]:
    """Rows per copied table (audit events: only those about a case)."""
    out = {}
    with store.read() as session:
        con = session.connection()
        for name in COPIED_TABLES:
            table = metadata.tables[name]
            query = select(func.count()).select_from(table)
            if name == "audit_events":
                query = query.where(table.c.case_id.is_not(None))
            out[name] = con.execute(query).scalar_one()
    return out


def run_cli(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """``python -m pestcli ARGS`` with HOME and the XDG folders in ``tmp_path``."""
    env = dict(os.environ)
    env.pop("PESTCLI_DB", None)
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / "home")
    return subprocess.run([sys.executable, "-m", "pestcli", *args], input=stdin, capture_output=True,
                          text=True, timeout=180, env=env)


@pytest.fixture
def local_db(tmp_path, demo_copy) -> Path:
    """A mentor's own file: a copy of the demo, in its own folder."""
    return demo_copy(tmp_path / "eigen" / "pestcli.db")


def test_every_table_is_copied_or_deliberately_skipped():
    assert set(metadata.tables) <= set(COPIED_TABLES) | SKIPPED_TABLES
    assert not set(COPIED_TABLES) & SKIPPED_TABLES
    order = [t.name for t in metadata.sorted_tables]
    copied = [name for name in COPIED_TABLES if name != "audit_events"]
    assert copied == [name for name in order if name in copied]  # foreign keys first
    assert COPIED_TABLES[-1] == "audit_events"  # after the cases its case_id points at


def test_a_demo_file_copies_with_equal_counts_and_evidence_bytes(local_db, server_url):
    before = folder_digest(local_db.parent)
    with open_store(local_db, daily_backup=False, migrate=False) as source, open_store(server_url) as target:
        source_counts = counts(source)
        report = copy_store(source, target)
        after = counts(target)
        with source.read() as session:
            numbers = sorted(session.connection().execute(select(metadata.tables["cases"].c.number)).scalars())
            case_ids = set(session.connection().execute(select(metadata.tables["evidence"].c.case_id)).scalars())
        local_bytes = {row.sha256: read_evidence_bytes(source, row) for case_id in case_ids
                       for row in evidence_of_case(source, case_id) if row.file_path}
        with target.read() as session:
            con = session.connection()
            stored = con.execute(select(metadata.tables["evidence"].c.sha256, metadata.tables["evidence"].c.file_path,
                                        metadata.tables["evidence_contents"].c.content).join(
                metadata.tables["evidence_contents"])).all()
            copied_events = con.execute(select(func.count()).select_from(metadata.tables["audit_events"]).where(
                metadata.tables["audit_events"].c.summary.like("%gekopieerd uit het eigen bestand%"))).scalar_one()
    assert sorted(report.numbers) == numbers and report.already == []
    assert report.verified and "cases" in report.verified
    for name in COPIED_TABLES:
        left = report.left_behind.get(name, 0)
        extra = len(numbers) if name == "audit_events" else 0  # one "gekopieerd" event per case
        if name == "evidence_contents":  # in the file the bytes are files beside it; on the server rows
            extra = len(local_bytes)
        assert after[name] == source_counts[name] - left + extra, name
    assert local_bytes, "the demo has evidence files"
    assert {sha: bytes(content) for sha, _path, content in stored} == local_bytes
    assert all(path is None for _sha, path, _content in stored)
    assert all(hashlib.sha256(bytes(content)).hexdigest() == sha for sha, _path, content in stored)
    assert copied_events == len(numbers)
    assert folder_digest(local_db.parent) == before  # the own file is left untouched


def test_a_second_run_copies_nothing_and_says_so(local_db, server_url):
    with open_store(local_db, daily_backup=False, migrate=False) as source, open_store(server_url) as target:
        first = copy_store(source, target)
        once = counts(target)
        second = copy_store(source, target)
        assert counts(target) == once
    assert second.numbers == [] and sorted(second.already) == sorted(first.numbers)
    assert second.nothing_new
    text = "\n".join(second.lines())
    assert "niets nieuws" in text and "al gekopieerd" in text


def test_a_case_number_taken_by_another_case_is_refused_and_nothing_is_written(local_db, server_url):
    with open_store(local_db, daily_backup=False, migrate=False) as source:
        with source.read() as session:
            cases = metadata.tables["cases"]
            first = session.exec(select(cases.c.number, cases.c.year).where(cases.c.seq == 1)
                                 .order_by(cases.c.year)).first()
    assert first is not None
    number, year = first
    with open_store(server_url) as target:
        create_case(target, reported_on=date(year, 3, 1), reporter_kind="leerling", protocol_name="Anti-pestprotocol",
                    protocol_version="2.3", due_dates={}, description="Een andere melding op de server.")
        before = counts(target)
        with open_store(local_db, daily_backup=False, migrate=False) as source:
            with pytest.raises(CopyConflictError) as caught:
                copy_store(source, target)
            with pytest.raises(CopyConflictError):
                copy_store(source, target, dry_run=True)
        assert counts(target) == before
    assert caught.value.numbers == (number,)
    assert number in str(caught.value) and "niets gekopieerd" in str(caught.value)


def test_a_dry_run_writes_nothing_and_shows_what_would_be_copied(local_db, server_url):
    with open_store(local_db, daily_backup=False, migrate=False) as source, open_store(server_url) as target:
        before = counts(target)
        report = copy_store(source, target, dry_run=True)
        assert counts(target) == before
        real = copy_store(source, target)
    assert report.numbers == real.numbers
    assert report.copied.get("conversations") == real.copied.get("conversations")
    assert "zou worden gekopieerd" in "\n".join(report.lines())


def test_an_existing_pupil_with_the_same_number_is_reused(local_db, server_url):
    from pestcli.store import add_person

    people = metadata.tables["people"]
    with open_store(local_db, daily_backup=False, migrate=False) as source:
        with source.read() as session:
            pupil = session.exec(select(people).where(people.c.kind == "leerling")).first()
    assert pupil is not None
    with open_store(local_db) as writable:  # give one demo pupil a pupil number, in the test's own copy
        with writable.write() as session:
            session.connection().execute(people.update().where(people.c.id == pupil.id).values(pupil_number="L123"))
    with open_store(server_url) as target:
        add_person(target, "Al", "Bekend", kind="leerling", pupil_number="L123")
        with open_store(local_db, daily_backup=False, migrate=False) as source:
            report = copy_store(source, target)
        with target.read() as session:
            same = session.connection().execute(select(func.count()).select_from(people).where(
                people.c.pupil_number == "L123")).scalar_one()
    assert report.reused.get("people") == 1 and same == 1


def test_the_cli_copies_then_copies_nothing_new(tmp_path, local_db, server_url):
    before = folder_digest(local_db.parent)
    dry = run_cli(tmp_path, "copy-to", server_url, "--proef", "--db", str(local_db))
    assert dry.returncode == 0, dry.stderr
    assert "Proef" in dry.stdout
    first = run_cli(tmp_path, "--db", str(local_db), "copy-to", server_url)
    assert first.returncode == 0, first.stderr
    assert "gekopieerd naar" in first.stdout and "gesprekken" in first.stdout and "Traceback" not in first.stderr
    second = run_cli(tmp_path, "--db", str(local_db), "copy-to", server_url)
    assert second.returncode == 0, second.stderr
    assert "niets nieuws" in second.stdout and "al gekopieerd" in second.stdout
    assert folder_digest(local_db.parent) == before


def test_the_cli_refuses_a_conflict_with_exit_1(tmp_path, local_db, server_url):
    with open_store(local_db, daily_backup=False, migrate=False) as source:
        with source.read() as session:
            cases = metadata.tables["cases"]
            number, year = session.exec(select(cases.c.number, cases.c.year).where(cases.c.seq == 1)).first()
    with open_store(server_url) as target:
        create_case(target, reported_on=date(year, 3, 1), reporter_kind="leerling", protocol_name="Anti-pestprotocol",
                    protocol_version="2.3", due_dates={})
    result = run_cli(tmp_path, "--db", str(local_db), "copy-to", server_url)
    assert result.returncode == 1
    assert number in result.stderr and "niets gekopieerd" in result.stderr and "Traceback" not in result.stderr


def test_the_cli_unreachable_server_exit_2_and_wrong_url_exit_1(tmp_path, local_db):
    gone = run_cli(tmp_path, "--db", str(local_db), "copy-to", "postgresql://niemand@127.0.0.1:1/pestcli")
    assert gone.returncode == 2 and "127.0.0.1:1" in gone.stderr and "Traceback" not in gone.stderr
    wrong = run_cli(tmp_path, "--db", str(local_db), "copy-to", str(tmp_path / "ander.db"))
    assert wrong.returncode == 1 and "PostgreSQL" in wrong.stderr and "Traceback" not in wrong.stderr
    assert not (tmp_path / "ander.db").exists()


def test_an_encrypted_own_file_is_copied_with_its_evidence(tmp_path, local_db, server_url):
    encrypt = run_cli(tmp_path, "encrypt", "--db", str(local_db), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert encrypt.returncode == 0, encrypt.stderr
    before = folder_digest(local_db.parent)
    result = run_cli(tmp_path, "--db", str(local_db), "copy-to", server_url, stdin=f"{PASSPHRASE}\n")
    assert result.returncode == 0, result.stderr
    assert "bewijsbestanden" in result.stdout
    assert folder_digest(local_db.parent) == before
    with open_store(server_url) as target, target.read() as session:
        contents = session.connection().execute(select(metadata.tables["evidence_contents"])).all()
    with open_store(local_db, passphrase=PASSPHRASE, daily_backup=False, migrate=False) as source:
        with source.read() as session:
            case_ids = session.connection().execute(select(metadata.tables["evidence"].c.case_id)).scalars().all()
        local = sorted(read_evidence_bytes(source, row) for case_id in set(case_ids)
                       for row in evidence_of_case(source, case_id) if row.file_path)
    assert sorted(bytes(row.content) for row in contents) == local and local


def test_a_failure_half_way_rolls_everything_back(local_db, server_url, monkeypatch):
    from pestcli.store import copy_to

    def broken() -> None:
        raise RuntimeError("kapot na het schrijven van de rijen")

    monkeypatch.setattr(copy_to, "now", broken)  # called after every row is inserted, before the commit
    with open_store(local_db, daily_backup=False, migrate=False) as source, open_store(server_url) as target:
        before = counts(target)
        with pytest.raises(RuntimeError):
            copy_store(source, target)
        assert counts(target) == before


def test_a_case_erased_locally_after_an_earlier_copy_is_named(local_db, server_url):
    from pestcli.store.erasure import erase_case_for_good

    with open_store(server_url) as target:
        with open_store(local_db, daily_backup=False, migrate=False) as source:
            first = copy_store(source, target)
        with open_store(local_db, daily_backup=False) as writable:
            erase_case_for_good(writable, 1, "onjuist")
            with writable.read() as session:
                left = session.connection().execute(select(func.count()).select_from(metadata.tables["cases"])).scalar_one()
        with open_store(local_db, daily_backup=False, migrate=False) as source:
            again = copy_store(source, target)
    erased = sorted(set(first.numbers) - set(again.already))
    assert len(erased) == 1 and left == len(first.numbers) - 1
    assert again.numbers == [] and any(erased[0] in warning and "gewist" in warning for warning in again.warnings)


def test_a_difference_found_before_the_commit_undoes_the_copy(local_db, server_url, monkeypatch):
    from pestcli.store import copy_to
    from pestcli.store.copy_to import CopyVerificationError

    real = copy_to._compared
    monkeypatch.setattr(copy_to, "_compared", lambda name, row: {**real(name, row), "x": 1} if name == "followups"
                        else real(name, row))
    with open_store(local_db, daily_backup=False, migrate=False) as source, open_store(server_url) as target:
        before = counts(target)
        with pytest.raises(CopyVerificationError, match="vervolggesprekken"):
            copy_store(source, target)
        assert counts(target) == before


def test_the_cli_refuses_a_missing_own_file(tmp_path, server_url):
    missing = tmp_path / "nergens" / "pestcli.db"
    result = run_cli(tmp_path, "--db", str(missing), "copy-to", server_url)
    assert result.returncode == 1 and "bestaat niet" in result.stderr and "Traceback" not in result.stderr
    assert not missing.exists()
