"""A real server with the school's team, for the tests of issue 17 (imported by name).

``pestcli server init`` sets up a new database; ``pestcli server user add``
adds a team of two schools; two mentors write their cases through pestcli
itself (``pestcli demo`` and a report, as their own login), and the first
mentor asks two colleagues in. Login roles belong to the whole server: their
names carry a random suffix and are dropped at the end.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import psycopg
import pytest
from psycopg import sql

from pestcli import cli
from pestcli.store import create_case
from pestcli.store.opening import open_server_store
from pestcli.store.team import grant_access, hand_over


def _url(base: str, user: str, database: str) -> str:
    """The test server's URL for another user and database."""
    rest = base.split("@", 1)[1].rsplit("/", 1)[0]
    return f"postgresql://{user}@{rest}/{database}"


@dataclass
class Team:
    """The server of the tests: its database, the admin's URL, and the logins by role."""

    base: str
    database: str
    admin: str
    logins: dict[str, str]
    #: The case the first mentor handed to the second.
    handed_over: int = 0

    def url(self, who: str) -> str:
        """The URL to log in as ``who`` (a key of ``logins``)."""
        return _url(self.base, self.logins[who], self.database)

    def connect(self, who: str) -> psycopg.Connection:
        """A plain psycopg connection as ``who``, as ``psql`` would make it (autocommit)."""
        return psycopg.connect(self.url(who), autocommit=True)

    def owner_rows(self, query: str, params: tuple = ()) -> list[tuple]:
        """Rows as the administrator (the tables' owner, who sees everything)."""
        with psycopg.connect(self.admin, autocommit=True) as con:
            return con.execute(query, params).fetchall()

    def school(self, name: str) -> int:
        """The id of the school called ``name``."""
        return self.owner_rows("SELECT id FROM schools WHERE name = %s", (name,))[0][0]

    def staff_id(self, who: str) -> int:
        """The ``staff.id`` of ``who``."""
        return self.owner_rows("SELECT id FROM staff WHERE login = %s", (self.logins[who],))[0][0]


def run_pestcli(*args: str) -> None:
    """Run a pestcli command in this process; it must succeed."""
    assert cli.main(list(args)) == 0, args


@pytest.fixture(scope="module", name="team")
def team_server(postgres_url) -> Iterator[Team]:
    """A server with two schools, their team, and the cases of three mentors."""
    suffix = uuid.uuid4().hex[:6]
    database = f"pestcli_team_{suffix}"
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(database)))
    admin = postgres_url.rsplit("/", 1)[0] + f"/{database}"
    logins = {who: f"{who}_{suffix}" for who in
              ("mentor", "mentor2", "apc", "directie", "teamleider", "ondersteuning", "zuid", "stichting")}
    try:
        run_pestcli("server", "init", admin, "--school", "Locatie Noord")
        run_pestcli("--db", admin, "server", "school", "add", "Locatie Zuid")
        noord = ("--school", "Locatie Noord")
        run_pestcli("--db", admin, "server", "user", "add", logins["mentor"], "--role", "mentor", "--naam", "J. de Vries", *noord)
        run_pestcli("--db", admin, "server", "user", "add", logins["mentor2"], "--role", "mentor", *noord)
        run_pestcli("--db", admin, "server", "user", "add", logins["apc"], "--role", "apc", *noord)
        run_pestcli("--db", admin, "server", "user", "add", logins["directie"], "--role", "directie", *noord)
        run_pestcli("--db", admin, "server", "user", "add", logins["teamleider"], "--role", "teamleider",
             "--leerjaar", "2", "--klas", "4VA", *noord)
        run_pestcli("--db", admin, "server", "user", "add", logins["ondersteuning"], "--role", "ondersteuning", *noord)
        run_pestcli("--db", admin, "server", "user", "add", logins["zuid"], "--role", "mentor", "--school", "Locatie Zuid")
        run_pestcli("--db", admin, "server", "user", "add", logins["stichting"], "--role", "stichting")
        made = Team(postgres_url, database, admin, logins)
        run_pestcli("--db", made.url("mentor"), "demo")  # every kind of record, through pestcli, as the mentor
        run_pestcli("--db", made.url("zuid"), "demo")
        store = open_server_store(made.url("mentor2"))
        try:
            create_case(store, reported_on=date(2026, 11, 2), reporter_kind="leerling",
                        protocol_name="Anti-pestprotocol", protocol_version="2.3", class_name="3C",
                        forms=["woorden.bijnaam"], description="Wordt uitgescholden.", mentor="P. van den Berg")
        finally:
            store.close()
        first, second, third = [row[0] for row in made.owner_rows(
            "SELECT id FROM cases c WHERE holder_id = %s AND status <> 'closed' "
            "AND EXISTS (SELECT 1 FROM conversations t WHERE t.case_id = c.id) "
            "AND EXISTS (SELECT 1 FROM followups f WHERE f.case_id = c.id AND f.done_on IS NULL) "
            "ORDER BY id LIMIT 3", (made.staff_id("mentor"),))]
        store = open_server_store(made.url("mentor"))
        try:  # the mentor asks colleagues in and hands a case over, through pestcli
            grant_access(store, first, made.staff_id("ondersteuning"), reason="ondersteuning")
            grant_access(store, second, made.staff_id("mentor2"), can_change=True)
            hand_over(store, third, made.staff_id("mentor2"), "Nieuwe mentor na de verhuizing.", date(2026, 11, 20))
        finally:
            store.close()
        with made.connect("mentor") as con:
            con.execute("INSERT INTO drafts (key, case_id, text, saved_at) VALUES ('report', NULL, "
                        "'{\"beschrijving\": \"half getypt\"}', now())")
        made.handed_over = third
        yield made
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as con:
            con.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
            for login in logins.values():
                con.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))
