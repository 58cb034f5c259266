"""The throwaway PostgreSQL server the test setup starts (for the PostgreSQL backend, issue 16).

Real, not mocked: a real server from the operating system's binaries, reached
with psycopg 3 over TCP on loopback. When the tests run as root, the server
must not (``initdb`` refuses root, and a database server has no business
running as root).
"""

from __future__ import annotations

import os

import psycopg
import pytest
from pg_server import ThrowawayServer, find_bindir


def test_the_server_answers_sql_and_keeps_what_was_committed(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute("DROP TABLE IF EXISTS pestcli_probe")
        con.execute("CREATE TABLE pestcli_probe (naam text)")
        con.execute("INSERT INTO pestcli_probe VALUES (%s)", ("Sanne de Vries",))
    with psycopg.connect(postgres_url) as con:
        assert con.execute("SELECT naam FROM pestcli_probe").fetchall() == [("Sanne de Vries",)]
        assert con.execute("SHOW server_encoding").fetchone() == ("UTF8",)
        con.execute("DROP TABLE pestcli_probe")


@pytest.mark.skipif("PESTCLI_TEST_POSTGRES_URL" in os.environ, reason="a server of one's own: nothing to start")
def test_a_throwaway_server_runs_unprivileged_listens_on_loopback_and_is_gone_after_stop():
    bindir = find_bindir()
    assert bindir is not None, "make test installs PostgreSQL where it is missing"
    server = ThrowawayServer(bindir).start()
    try:
        assert server.running()
        owner = server.data.stat().st_uid
        assert owner != 0 or os.geteuid() != 0  # as root, the cluster belongs to an unprivileged user
        with psycopg.connect(server.url) as con:
            assert con.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)
            assert con.execute("SELECT current_user").fetchone() == ("pestcli_test",)
    finally:
        server.stop()
    assert not server.running()
    assert not server.root.exists()
