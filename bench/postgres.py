"""The same generated school on PostgreSQL: a server on loopback, the SQLite file copied into it.

``PESTCLI_BENCH_POSTGRES_URL`` names a server of one's own (its user must be
allowed to create databases); without it the bench starts a server itself
with the tests' ``tests/pg_server.py`` (the operating system's binaries,
127.0.0.1 only, a free port, run as ``nobody`` when the bench runs as root)
whose cluster is kept in ``bench/results/postgres/`` between runs, so the
copy is made once per generated database, not at every run.

The copy (``load``): a fresh database, pestcli's own schema
(``open_store(url)``: the migrations), then every table of
``pestcli.store.models`` in foreign-key order from the SQLite file with
``COPY ... FROM STDIN`` (the columns the two have in common; SQLite's 0/1 as
booleans), each ``id`` sequence set to the largest id, ``VACUUM ANALYZE``
(as a server's autovacuum would have done long since). A fingerprint of the
source (generator, generation time, ``today``, revision) is kept as the
database's comment; when it matches, the copy is reused.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import RESULTS_DIR
from bench.measure import REPO

#: Bumped when the way of copying changes: every cached copy is made again.
LOADER_VERSION = 1
#: The kept cluster of the bench's own server.
CLUSTER_DIR = RESULTS_DIR / "postgres"
ENV_URL = "PESTCLI_BENCH_POSTGRES_URL"


def _pg_server():
    """The tests' ``pg_server`` module (tests/ is not a package)."""
    tests = str(REPO / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    import pg_server

    return pg_server


def _kept_server_class():
    """``ThrowawayServer`` with a kept cluster: initdb only once, ``stop`` keeps the directory."""
    pg_server = _pg_server()

    @dataclass
    class KeptServer(pg_server.ThrowawayServer):
        def start(self):
            if not (self.data / "PG_VERSION").exists():
                return super().start()
            if (self.data / "postmaster.pid").exists():  # left running by a killed bench run
                try:
                    self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")
                except RuntimeError:
                    pass
            options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"),
                      "-w", "-t", "120", "start")
            return self

        def stop(self) -> None:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    return KeptServer


class Server:
    """The PostgreSQL server of one bench run: one's own (``PESTCLI_BENCH_POSTGRES_URL``) or started here."""

    def __init__(self) -> None:
        self.own_url = os.environ.get(ENV_URL, "").strip()
        self.server = None
        self.started_ms = 0.0

    def __enter__(self) -> Server:
        if self.own_url:
            return self
        pg_server = _pg_server()
        bindir = pg_server.find_bindir()
        if bindir is None:
            raise RuntimeError("PostgreSQL ontbreekt: installeer het pakket postgresql (make test doet dat als "
                               f"root), of zet PESTCLI_PG_BINDIR of {ENV_URL}.")
        started = time.perf_counter()
        CLUSTER_DIR.mkdir(parents=True, exist_ok=True)
        self.server = _kept_server_class()(bindir, root=CLUSTER_DIR).start()
        self.started_ms = (time.perf_counter() - started) * 1000
        return self

    def __exit__(self, *exc) -> None:
        if self.server is not None:
            self.server.stop()

    @property
    def admin_url(self) -> str:
        """Where databases are created: the server's own URL."""
        return self.own_url or self.server.url

    def url_of(self, database: str) -> str:
        """The URL of ``database`` on this server (user, host, port and options kept)."""
        parts = urlsplit(self.admin_url)
        return urlunsplit(parts._replace(path="/" + database))

    @property
    def description(self) -> str:
        """Which server, for the table (no password)."""
        if self.server is None:
            parts = urlsplit(self.own_url)
            return f"eigen server {parts.hostname}:{parts.port or 5432} ({ENV_URL})"
        version = (self.server.data / "PG_VERSION").read_text().strip()
        return f"PostgreSQL {version} op 127.0.0.1:{self.server.port}, gestart door de bench"


def fingerprint(db: Path, meta: dict) -> str:
    """What the copy was made from: a different fingerprint means copy again."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()
    return json.dumps({"loader": LOADER_VERSION, "file": db.name, "generator": meta.get("generator"),
                       "generated_at": meta.get("generated_at"), "today": meta.get("today"),
                       "revision": revision}, sort_keys=True)


def database_name(meta: dict) -> str:
    """``pestcli_bench_10000_s7``: one database per generated school."""
    return f"pestcli_bench_{meta['cases']}_s{meta['seed']}"


def ensure_loaded(server: Server, db: Path, meta: dict, reload: bool = False) -> tuple[str, dict]:
    """The URL of the school on ``server``; copied from ``db`` unless an equal copy is there.

    Returns the URL and what happened (``loaded``, ``load_s``, the row counts).
    """
    import psycopg

    name = database_name(meta)
    wanted = fingerprint(db, meta)
    with psycopg.connect(server.admin_url, autocommit=True) as admin:
        found = admin.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                              (name,)).fetchone()
        if found is not None and found[0] == wanted and not reload:
            return server.url_of(name), {"loaded": False}
        started = time.perf_counter()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
    url = server.url_of(name)
    counts = copy_rows(db, url)
    with psycopg.connect(server.admin_url, autocommit=True) as admin:
        admin.execute(f'COMMENT ON DATABASE "{name}" IS {_literal(wanted)}')
    return url, {"loaded": True, "load_s": round(time.perf_counter() - started, 1), "rows": counts}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def copy_rows(db: Path, url: str) -> dict[str, int]:
    """pestcli's schema on ``url``, then every table's rows from the SQLite file; the counts."""
    import psycopg

    from pestcli.store import open_store
    from pestcli.store.models import metadata

    open_store(url).close()  # the migrations make the schema (and its first rows)
    tables = [t.name for t in metadata.sorted_tables]
    source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    counts: dict[str, int] = {}
    try:
        present = {r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        with psycopg.connect(url) as con:
            quoted = ", ".join(f'"{t}"' for t in tables)
            con.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")  # the rows the migrations made
            for table in tables:
                if table not in present:
                    continue
                counts[table] = _copy_table(source, con, table)
            for table in tables:  # the next new row gets the next id
                if _has_serial_id(con, table):
                    con.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), max(id)) FROM \"{table}\"",
                                (f'"{table}"',))
            con.commit()
        with psycopg.connect(url, autocommit=True) as con:
            con.execute("VACUUM ANALYZE")
    finally:
        source.close()
    return counts


def _has_serial_id(con, table: str) -> bool:
    row = con.execute("SELECT pg_get_serial_sequence(%s, 'id') FROM information_schema.columns "
                      "WHERE table_schema = current_schema() AND table_name = %s AND column_name = 'id'",
                      (f'"{table}"', table)).fetchone()
    return bool(row and row[0])


def _copy_table(source: sqlite3.Connection, con, table: str) -> int:
    """COPY one table's rows (the columns both sides have, in the server's order); the row count."""
    pg_columns = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
                             (table,)).fetchall()
    sqlite_columns = {r[1] for r in source.execute(f'PRAGMA table_info("{table}")')}
    columns = [(name, kind) for name, kind in pg_columns if name in sqlite_columns]
    names = ", ".join(f'"{name}"' for name, _kind in columns)
    booleans = [i for i, (_name, kind) in enumerate(columns) if kind == "boolean"]
    rows = source.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid')
    count = 0
    with con.cursor() as cur, cur.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for row in rows:
            if booleans:
                row = list(row)
                for i in booleans:
                    if row[i] is not None:
                        row[i] = bool(row[i])
            copy.write_row(row)
            count += 1
    return count
