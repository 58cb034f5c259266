"""A school's PostgreSQL server as the store: its address, its driver, its errors, its plain reads.

pestcli talks to PostgreSQL through psycopg 3 (libpq underneath), so every
libpq convention works as the IT administrator expects: ``service=`` from
``pg_service.conf``, the password from ``~/.pgpass`` or ``PGPASSFILE``,
``sslmode`` and the other ``PG*`` environment variables. The plain read path
(``Store.sql()``) gets psycopg connections wrapped so the record modules can
keep writing their SQL with ``?`` placeholders, as for SQLite.

Nothing here imports SQLAlchemy; psycopg itself is imported only when a
server is actually used (it is the optional ``pestcli[postgresql]`` extra).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from pestcli.locations import SERVER_SCHEMES, is_server_url
from pestcli.store.backend.reads import IdleConnections
from pestcli.store.errors import StoreBusyError, StoreError, StoreUnreachableError

__all__ = ["SERVER_SCHEMES", "is_server_url"]  # re-exported: the backend's view of a server address


#: How long a connection attempt may take before the server counts as unreachable (seconds).
CONNECT_TIMEOUT = 10

#: The key of the advisory lock every write transaction takes: writers take turns, as in a file.
WRITE_LOCK_KEY = 0x70657374  # "pest"



def driver_url(url: str) -> str:
    """The URL for SQLAlchemy with the psycopg 3 driver (``postgresql+psycopg://...``)."""
    _scheme, _sep, rest = url.partition("://")
    return f"postgresql+psycopg://{rest}"


def libpq_url(url: str) -> str:
    """The URL as libpq (psycopg) reads it (``postgresql://...``)."""
    _scheme, _sep, rest = url.partition("://")
    return f"postgresql://{rest}"


def server_label(url: str) -> str:
    """The server and database for a Dutch message: ``db.school.nl:5432/pestcli``, never a password.

    A ``service=`` URL is named by its service; an address left to libpq's
    defaults (``PGHOST``, the local socket) says so.
    """
    parts = urlsplit(libpq_url(url))
    query = parse_qs(parts.query)
    if "service" in query:
        return f"service {query['service'][0]}"
    host = parts.hostname or (query.get("host") or [""])[0] or "de standaardserver"
    port = f":{parts.port}" if parts.port else ""
    database = unquote(parts.path.lstrip("/")) or (query.get("dbname") or [""])[0]
    return f"{host}{port}/{database}" if database else f"{host}{port}"


def psycopg_module() -> Any:
    """The psycopg module; a Dutch StoreError when pestcli was installed without it."""
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "Voor een PostgreSQL-server heeft pestcli het pakket psycopg nodig; installeer pestcli met "
            "de extra 'postgresql' (pip install 'pestcli[postgresql]'). Er is niets veranderd."
        ) from None
    return psycopg


#: libpq's (English) reasons a connection failed, by a fragment, and what they mean in Dutch.
_CONNECT_REASONS = (
    (("password authentication failed", "no password supplied", "authentication failed"),
     "de gebruikersnaam of het wachtwoord klopt niet (kijk in ~/.pgpass of PGPASSFILE)"),
    (("does not exist",), "die database of gebruiker bestaat niet op de server"),
    (("no pg_hba.conf entry", "pg_hba"), "de server laat deze computer of gebruiker niet toe (pg_hba.conf)"),
    (("timeout", "timed out"), "de server antwoordde niet op tijd"),
    (("could not translate host name", "name or service not known", "nodename nor servname"),
     "de servernaam is onbekend"),
    (("connection refused",), "de server weigert de verbinding (draait PostgreSQL daar, op deze poort?)"),
    (("ssl", "certificate"), "de beveiligde verbinding (TLS) kwam niet tot stand"),
    (("service file", "definition of service"), "die service staat niet in pg_service.conf"),
    (("too many connections", "remaining connection slots"), "de server heeft geen verbindingen meer vrij"),
    (("server closed the connection", "terminating connection", "connection is closed",
      "consuming input failed", "the connection is lost", "connection not open"),
     "de verbinding werd verbroken"),
    (("starting up", "shutting down", "in recovery"), "de server start op of sluit af"),
)


def connect_reason(text: str) -> str:
    """Why a connection to the server failed, in Dutch (never libpq's English itself)."""
    folded = text.casefold()
    for fragments, reason in _CONNECT_REASONS:
        if any(fragment in folded for fragment in fragments):
            return reason
    return "de server gaf een onbekende fout"


def unreachable(url: str, text: str) -> StoreUnreachableError:
    """The Dutch error for a server that cannot be reached (or let us in), naming it."""
    return StoreUnreachableError(
        f"De database-server {server_label(url)} is niet bereikbaar: {connect_reason(text)}. "
        "Er is niets opgeslagen. Controleer de verbinding en het adres (--db of PESTCLI_DB), "
        "of vraag het de systeembeheerder van de school.", server_label(url))


def translate(url: str, exc: BaseException) -> StoreError:
    """A Dutch StoreError for an error psycopg raised (directly or wrapped by SQLAlchemy)."""
    psycopg = psycopg_module()
    orig = getattr(exc, "orig", None) or exc
    errors = psycopg.errors
    text = str(orig)
    if isinstance(orig, (errors.LockNotAvailable, errors.SerializationFailure, errors.DeadlockDetected)):
        return StoreBusyError("De database is bezet door een collega; er is niets opgeslagen. "
                              "Probeer het zo nog eens.")
    if isinstance(orig, errors.InsufficientPrivilege):
        return StoreError("U hebt op de server geen rechten voor deze handeling; er is niets opgeslagen. "
                          "Vraag het de beheerder van pestcli op school.")
    if isinstance(orig, errors.ReadOnlySqlTransaction):
        return StoreError("De server staat alleen lezen toe; er is niets opgeslagen.")
    if isinstance(orig, errors.DiskFull):
        return StoreError("De schijf van de server is vol; er is niets opgeslagen. Meld het de systeembeheerder.")
    if isinstance(orig, errors.QueryCanceled):
        return StoreError("De server deed te lang over deze handeling; er is niets opgeslagen. "
                          "Probeer het opnieuw.")
    if isinstance(orig, (errors.UndefinedTable, errors.UndefinedColumn)):
        return StoreError(f"De database op {server_label(url)} hoort bij een andere versie van pestcli; "
                          "er is niets veranderd.")
    if isinstance(orig, psycopg.OperationalError) or getattr(exc, "connection_invalidated", False):
        return unreachable(url, text)
    return StoreError(f"De database-server {server_label(url)} gaf een fout; er is niets opgeslagen.")


def is_server_error(exc: BaseException) -> bool:
    """Whether ``exc`` comes from psycopg (an error of the server or of the connection to it)."""
    import sys

    psycopg = sys.modules.get("psycopg")
    if psycopg is None:
        return False
    return isinstance(getattr(exc, "orig", None) or exc, psycopg.Error)


def qmark_to_format(sql: str) -> str:
    """SQL written for SQLite's ``?`` placeholders with psycopg's ``%s`` instead.

    A literal ``%`` is doubled; a ``?`` inside a quoted string is left alone.
    """
    out: list[str] = []
    quote: str | None = None
    for char in sql:
        if quote is not None:
            out.append("%%" if char == "%" else char)
            if char == quote:
                quote = None
        elif char in ("'", '"'):
            quote = char
            out.append(char)
        elif char == "?":
            out.append("%s")
        elif char == "%":
            out.append("%%")
        else:
            out.append(char)
    return "".join(out)


class QmarkConnection:
    """A psycopg connection that takes SQL with ``?`` placeholders, like ``sqlite3``'s ``execute``."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        """Run one statement; returns the cursor (``fetchall``, ``fetchone``, iteration)."""
        if params is None:
            return self.connection.execute(sql)
        return self.connection.execute(qmark_to_format(sql), list(params))


class ServerReadPool(IdleConnections):
    """Plain psycopg connections for ``Store.sql()``: one read-only snapshot per reader.

    Each read runs in ``REPEATABLE READ READ ONLY``, so several queries of
    one screen see one moment and nothing can be written through them. A
    connection that failed is dropped; the next read opens a new one, so the
    app carries on once the server is back.
    """

    def __init__(self, url: str) -> None:
        super().__init__()
        self._url = url

    @contextmanager
    def read(self) -> Iterator[QmarkConnection]:
        """A connection in one read-only snapshot; Dutch StoreErrors."""
        psycopg = psycopg_module()
        con = self._begin()
        try:
            try:
                yield QmarkConnection(con)
            finally:
                con.execute("ROLLBACK")
        except psycopg.Error as exc:
            self._discard(con)
            raise translate(self._url, exc) from None
        except BaseException:
            self._discard(con)
            raise
        self._give_back(con)

    def _begin(self) -> Any:
        """A connection with its read-only snapshot begun.

        An idle connection the server dropped meanwhile (a restart, a
        network hiccup, an administrator's ``pg_terminate_backend``) is
        noticed here and replaced by a new one, as SQLAlchemy's pre-ping does
        for the sessions: the reader never sees it.
        """
        psycopg = psycopg_module()
        while True:
            con, fresh = self._take()
            try:
                con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                return con
            except psycopg.Error as exc:
                self._discard(con)
                if fresh:
                    raise translate(self._url, exc) from None

    def _take(self) -> tuple[Any, bool]:
        """An idle connection (False), or a new one (True)."""
        psycopg = psycopg_module()
        idle = self._idle_one()
        if idle is not None:
            return idle, False
        try:
            return psycopg.connect(libpq_url(self._url), autocommit=True, connect_timeout=CONNECT_TIMEOUT,
                                   application_name="pestcli"), True
        except psycopg.Error as exc:
            raise unreachable(self._url, str(exc)) from None
