"""The README's guide for the IT administrator, followed step by step on a real server (issues 16, 17).

The superuser makes an owner role (with the right to create roles) and its
database; the owner runs ``pestcli server init`` and adds a mentor with
``pestcli server user add ... --wachtwoord``; the mentor's own login then
works through every kind of action (a report, a follow-up, evidence kept in
the database, a summary), sees only their own cases, and cannot change the
schema: that is refused in Dutch. Login role names carry a random suffix:
roles belong to the whole server.
"""

from __future__ import annotations

import io
import uuid
from datetime import date

import psycopg
import pytest
from psycopg import sql

from pestcli import cli
from pestcli.store import open_store
from pestcli.store.backend.migrate import HEAD_REVISION
from pestcli.store.errors import StoreError


def _url(base: str, user: str, database: str) -> str:
    """The test server's URL for another user and database."""
    rest = base.split("@", 1)[1].rsplit("/", 1)[0]
    return f"postgresql://{user}@{rest}/{database}"


@pytest.fixture
def school(postgres_url):
    """The guide's step 1 as the superuser does it: the owner (CREATEROLE) and its database."""
    suffix = uuid.uuid4().hex[:8]
    owner, mentor, database = f"pestcli_beheer_{suffix}", f"jdevries_{suffix}", f"pestcli_{suffix}"
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE").format(sql.Identifier(owner)))
        con.execute(sql.SQL("CREATE DATABASE {} OWNER {} ENCODING 'UTF8' TEMPLATE template0").format(
            sql.Identifier(database), sql.Identifier(owner)))
    try:
        yield {"owner": _url(postgres_url, owner, database), "mentor": _url(postgres_url, mentor, database),
               "login": mentor, "superuser": postgres_url.rsplit("/", 1)[0] + f"/{database}"}
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as con:
            con.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
            for role in (mentor, owner):
                con.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def test_the_guide_sets_up_a_server_where_a_mentor_works_and_cannot_change_the_schema(school, tmp_path, monkeypatch,
                                                                                     capsys, protocol):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert cli.main(["server", "init", school["owner"], "--school", "Locatie Noord"]) == 0
    out = capsys.readouterr().out
    assert f"is ingericht (schema {HEAD_REVISION})" in out and "FORCE ROW LEVEL SECURITY" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("een lang wachtwoord\neen lang wachtwoord\n"))
    assert cli.main(["--db", school["owner"], "server", "user", "add", school["login"], "--role", "mentor",
                     "--naam", "J. de Vries", "--wachtwoord"]) == 0
    assert f"J. de Vries ({school['login']}) is mentor bij Locatie Noord." in capsys.readouterr().out
    with psycopg.connect(school["superuser"], autocommit=True) as con:  # sent as a SCRAM verifier, never plain
        (stored,) = con.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (school["login"],)).fetchone()
    assert stored.startswith("SCRAM-SHA-256$") and "lang" not in stored

    from store_helpers import new_case

    from pestcli.services.followups import record_outcome
    from pestcli.store import add_evidence, plan_followups
    from pestcli.store.evidence import read_evidence_bytes
    from pestcli.store.workflow import Rules

    shot = tmp_path / "schermafdruk.png"
    shot.write_bytes(b"\x89PNG bewijs")
    with open_store(school["mentor"]) as store:  # the mentor's own login
        assert store.staff is not None and store.staff.name == "J. de Vries"
        case = new_case(store)
        (followup,) = plan_followups(store, case.id, [("na twee dagen", date(2026, 11, 25))])
        record_outcome(store, Rules.load(), followup.id, kept=True, day=date(2026, 11, 25), note="Gaat goed.")
        evidence = add_evidence(store, case.id, "bewijs.schermafdruk", source_file=shot)
        assert read_evidence_bytes(store, evidence) == shot.read_bytes()
    assert cli.main(["--db", school["mentor"], "summary", case.number]) == 0
    assert f"Samenvatting pestmelding {case.number}" in capsys.readouterr().out
    with psycopg.connect(school["owner"], autocommit=True) as con:
        assert con.execute("SELECT holder_id IS NOT NULL FROM cases").fetchall() == [(True,)]

    with psycopg.connect(school["owner"], autocommit=True) as con:  # as if an older schema were there
        con.execute("UPDATE alembic_version SET version_num = '0010'")
    with pytest.raises(StoreError, match="geen rechten"):
        open_store(school["mentor"])
