"""The README's guide for the IT administrator, followed word for word on a real server (issue 16).

An owner role creates the database and runs ``pestcli migrate``; the
mentors' group gets the grants the README lists; a mentor's own login then
works through every kind of action (a report, a follow-up, evidence kept in
the database, an erasure), but cannot change the schema: that is refused in
Dutch. Role names carry a random suffix: roles belong to the whole server.
"""

from __future__ import annotations

import uuid
from datetime import date

import psycopg
import pytest
from psycopg import sql

from pestcli import cli
from pestcli.store.backend.migrate import HEAD_REVISION
from pestcli.store import open_store
from pestcli.store.errors import StoreError

GRANTS = """
GRANT USAGE ON SCHEMA public TO {group};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {group};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {group};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {group};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO {group};
"""


def _url(base: str, user: str, database: str) -> str:
    """The test server's URL for another user and database."""
    rest = base.split("@", 1)[1].rsplit("/", 1)[0]
    return f"postgresql://{user}@{rest}/{database}"


@pytest.fixture
def school(postgres_url):
    """The guide's steps 1 and 2 as the superuser sets them up: owner, database, group, one mentor."""
    suffix = uuid.uuid4().hex[:8]
    owner, group, mentor, database = (f"pestcli_beheer_{suffix}", f"pestcli_gebruikers_{suffix}",
                                      f"j_devries_{suffix}", f"pestcli_{suffix}")
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(owner)))
        con.execute(sql.SQL("CREATE DATABASE {} OWNER {} ENCODING 'UTF8' TEMPLATE template0").format(
            sql.Identifier(database), sql.Identifier(owner)))
        con.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group)))
        con.execute(sql.SQL("CREATE ROLE {} LOGIN IN ROLE {}").format(sql.Identifier(mentor), sql.Identifier(group)))
    try:
        yield {"owner": _url(postgres_url, owner, database), "mentor": _url(postgres_url, mentor, database),
               "group": group}
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as con:
            con.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
            for role in (mentor, group, owner):
                con.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def test_a_mentor_works_with_the_grants_of_the_guide_and_cannot_change_the_schema(school, tmp_path, monkeypatch,
                                                                                   capsys, protocol):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert cli.main(["--db", school["owner"], "migrate"]) == 0
    assert f"is ingericht voor pestcli (schema {HEAD_REVISION})" in capsys.readouterr().out
    with psycopg.connect(school["owner"], autocommit=True) as con:
        for statement in GRANTS.format(group=school["group"]).strip().splitlines():
            con.execute(statement)

    from store_helpers import new_case

    from pestcli.services.followups import record_outcome
    from pestcli.store import add_evidence, plan_followups
    from pestcli.store.evidence import read_evidence_bytes
    from pestcli.store.workflow import Rules

    shot = tmp_path / "schermafdruk.png"
    shot.write_bytes(b"\x89PNG bewijs")
    with open_store(school["mentor"]) as store:  # the mentor's own login
        case = new_case(store)
        (followup,) = plan_followups(store, case.id, [("na twee dagen", date(2026, 11, 25))])
        record_outcome(store, Rules.load(), followup.id, kept=True, day=date(2026, 11, 25), note="Gaat goed.")
        evidence = add_evidence(store, case.id, "bewijs.schermafdruk", source_file=shot)
        assert read_evidence_bytes(store, evidence) == shot.read_bytes()
    assert cli.main(["--db", school["mentor"], "summary", case.number]) == 0
    assert f"Samenvatting pestmelding {case.number}" in capsys.readouterr().out

    with psycopg.connect(school["owner"], autocommit=True) as con:  # as if an older schema were there
        con.execute("UPDATE alembic_version SET version_num = '0010'")
    with pytest.raises(StoreError, match="geen rechten"):
        open_store(school["mentor"])
