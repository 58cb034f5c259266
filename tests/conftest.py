"""Shared fixtures: the shipped protocol (loaded once), the demo database (filled once, copied per test), a copy to break."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from pestcli.protocol import load_protocol
from pestcli.protocol.loader import default_protocol_dir

REPO = Path(__file__).resolve().parents[1]

#: Where the counts of the crash, fuzz and hostile-text tests are kept for the summary.
COUNTS = pytest.StashKey[list]()


@pytest.fixture
def counts_report(request) -> Callable[[str, str], None]:
    """``counts_report(kind, line)``: a line for the test summary (how many kills, calls, texts were tried)."""
    lines = request.config.stash.setdefault(COUNTS, [])
    return lambda kind, line: lines.append(f"{kind}: {line}")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001 - pytest's hook
    """Print what the crash, fuzz and hostile-text tests tried (their counts), after the results."""
    lines = config.stash.get(COUNTS, [])
    if lines:
        terminalreporter.section("pestcli: wat de crash-, fuzz- en vijandige-teksttests probeerden")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def protocol():
    """The protocol that ships with pestcli, loaded and validated."""
    return load_protocol()


#: The day the shared demo database is filled for (Monday 23 November 2026, a school day).
DEMO_DAY = date(2026, 11, 23)
#: What pestcli writes beside the database and a copy of the demo takes along (the lock file is not
#: copied: every open store makes its own).
DEMO_SIDECARS = ("-wal", "-shm", "-journal")


@pytest.fixture(scope="session")
def demo_templates(tmp_path_factory) -> Callable[..., Path]:
    """``demo_templates(today, prepare=None)``: the folder of a demo database, filled once per test run.

    ``fill_demo`` takes seconds, so each demo (one per day, and per ``prepare``)
    is filled once, closed, and then copied by the tests (``demo_copy``), never
    changed itself. ``prepare(monkeypatch)`` patches what the filling should see
    (a frozen clock, a fixed mentor), undone once the demo is written.
    """
    from pestcli.store import fill_demo, open_store

    built: dict[tuple[date, object], Path] = {}

    def template(today: date = DEMO_DAY, prepare: Callable[[pytest.MonkeyPatch], None] | None = None) -> Path:
        key = (today, prepare)
        if key not in built:
            folder = tmp_path_factory.mktemp(f"demo-{today:%Y%m%d}")
            with pytest.MonkeyPatch.context() as patch:
                if prepare is not None:
                    prepare(patch)
                with open_store(folder / "pestcli.db", daily_backup=False) as store:
                    fill_demo(store, today=today)
            built[key] = folder
        return built[key]

    return template


@pytest.fixture(scope="session")
def demo_template(demo_templates) -> Path:
    """A folder with the demo database for 23 November 2026, filled once per test run.

    Tests copy it (``demo_copy``, or ``shutil.copytree``) before they change anything.
    """
    return demo_templates(DEMO_DAY)


def copy_demo(template: Path, db_path: Path) -> Path:
    """Copy the closed demo database in ``template`` to ``db_path``: a fresh, private file of its own.

    The database, the SQLite files beside it (when there are any) and the
    evidence folder; the file 0600 and the folders 0700, as pestcli makes them.
    """
    source = template / "pestcli.db"
    assert not db_path.exists(), f"{db_path} exists already: a demo is copied to a new file only"
    db_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    for suffix in ("", *DEMO_SIDECARS):
        part = source.with_name(source.name + suffix)
        if part.exists():
            target = db_path.with_name(db_path.name + suffix)
            shutil.copyfile(part, target)
            os.chmod(target, 0o600)
    if (template / "evidence").is_dir():
        shutil.copytree(template / "evidence", db_path.parent / "evidence")
    return db_path


@pytest.fixture
def demo_copy(demo_templates) -> Callable[..., Path]:
    """``demo_copy(db_path, today=DEMO_DAY, prepare=None)``: the test's own copy of a demo database.

    Filled once per run (``demo_templates``); each call copies it to
    ``db_path`` (which must not exist yet) and returns that path.
    """

    def copy(db_path: Path, today: date = DEMO_DAY,
             prepare: Callable[[pytest.MonkeyPatch], None] | None = None) -> Path:
        return copy_demo(demo_templates(today, prepare), db_path)

    return copy


@pytest.fixture
def protocol_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped protocol directory, for breaking on purpose."""
    target = tmp_path / "protocol"
    shutil.copytree(default_protocol_dir(), target)
    return target


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server for the tests: ``PESTCLI_TEST_POSTGRES_URL``, or a throwaway one started here.

    The throwaway server (``tests/pg_server.py``) runs from the operating
    system's PostgreSQL binaries, as ``nobody`` when the tests run as root, on
    a free port on 127.0.0.1; it is stopped and removed at the end of the run.
    No PostgreSQL at all is a failure with a Dutch hint, never a skip.
    """
    given = os.environ.get("PESTCLI_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    from pg_server import ThrowawayServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        pytest.fail("Geen PostgreSQL gevonden voor de tests: `make test` installeert het pakket postgresql "
                    "(als root), of zet PESTCLI_PG_BINDIR of PESTCLI_TEST_POSTGRES_URL.")
    server = ThrowawayServer(bindir).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def postgres_database(postgres_url) -> Iterator[str]:
    """A new, empty database on the test server for one test (its SQLAlchemy URL); dropped afterwards."""
    import uuid

    import psycopg
    from psycopg import sql

    name = f"pestcli_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(name)))
    base, _, _old = postgres_url.rpartition("/")
    try:
        yield f"{base}/{name}".replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as con:
            con.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _new_database(postgres_url: str, template: str = "template0") -> str:
    """Create a database with a fresh name on the test server (from ``template``); its name."""
    import uuid

    import psycopg
    from psycopg import sql

    name = f"pestcli_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)))
    return name


def _drop_database(postgres_url: str, name: str) -> None:
    """Drop a database of the test server, closing whatever still uses it."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _database_url(postgres_url: str, name: str) -> str:
    """The server's URL with another database name."""
    base, _, _old = postgres_url.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def postgres_template(postgres_url) -> Iterator[str]:
    """A database migrated to head by pestcli itself, once per run: the template of ``server_url``."""
    from pestcli.store import open_store

    name = _new_database(postgres_url)
    open_store(_database_url(postgres_url, name)).close()
    try:
        yield name
    finally:
        _drop_database(postgres_url, name)


@pytest.fixture
def server_url(postgres_url, postgres_template) -> Iterator[str]:
    """A new database at pestcli's newest schema for one test: the ``postgresql://`` URL to open it."""
    name = _new_database(postgres_url, postgres_template)
    try:
        yield _database_url(postgres_url, name)
    finally:
        _drop_database(postgres_url, name)


#: The backends the store, use-case and command tests run on.
BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that asks for ``backend`` on both backends.

    A test about the file itself (it takes ``db_path``, or is marked
    ``file_only``) runs on SQLite alone: a server has no file to look at.
    """
    if "backend" not in metafunc.fixturenames:
        return
    import inspect

    direct = inspect.signature(metafunc.function).parameters
    file_only = "db_path" in direct or metafunc.definition.get_closest_marker("file_only") is not None
    backends = ["sqlite"] if file_only else list(BACKENDS)
    metafunc.parametrize("backend", backends, ids=backends)


@pytest.fixture
def store_target(request, backend: str, tmp_path: Path) -> str | Path:
    """Where the test's store lives: a file in ``tmp_path`` or a new database on the test server."""
    if backend == "postgresql":
        return request.getfixturevalue("server_url")
    return tmp_path / "gegevens" / "pestcli.db"
