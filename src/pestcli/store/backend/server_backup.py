"""Backups of a school's PostgreSQL server with ``pg_dump`` and ``pg_restore``, or an honest word.

On a server pestcli does not pretend: ``pestcli backup`` runs ``pg_dump``
(custom format) into a new private file and only keeps it once
``pg_restore --list`` has read it back; ``pestcli restore`` first dumps the
current state and then puts a dump back with ``pg_restore`` in one
transaction. When the tools are not on this computer the Dutch message says
that the server's backups are the school's job and how to check them.

The tools are looked for on ``PATH``, then in ``$PESTCLI_PG_BINDIR``, then in
the newest ``/usr/lib/postgresql/*/bin`` (Debian); ``pg_dump`` must be at
least the server's major version. The address goes to the tools as
``--dbname=<libpq URL>`` so ``~/.pgpass``, ``service=`` and ``sslmode`` work as
the IT administrator expects; a password in the URL is taken out of it and
handed over in the tools' environment (``PGPASSWORD``), never on a command
line, and no message names more than ``server_label``.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from pestcli.locations import data_dir
from pestcli.store.backend.files import PRIVATE_FILE, make_private_dir
from pestcli.store.backend.server import CONNECT_TIMEOUT, connect_reason, libpq_url, psycopg_module, server_label
from pestcli.store.errors import StoreError, StoreUnreachableError

#: The environment variable with a folder that holds ``pg_dump`` and ``pg_restore``.
PG_BINDIR_ENV = "PESTCLI_PG_BINDIR"

#: Where Debian's ``postgresql-client-NN`` packages put their programs (one folder per version).
DEBIAN_BINDIRS = "/usr/lib/postgresql/*/bin"

#: The folder under pestcli's data directory that holds the dumps of servers.
SERVER_BACKUP_FOLDER = "server-backups"

#: The extension of a dump made by pestcli (``pg_dump --format=custom``).
DUMP_SUFFIX = ".dump"

#: The extra part of the name of the dump made just before a restore.
BEFORE_RESTORE = "voor-terugzetten"

#: How long ``pg_restore`` waits for a colleague's transaction before it gives up (PostgreSQL interval).
RESTORE_LOCK_TIMEOUT = "60s"

#: A table every pestcli database has: a dump without its data is not a dump of pestcli.
_CASES_DATA = re.compile(r"^\d+;\s.*\bTABLE DATA \S+ cases\b", re.MULTILINE)


class ToolsMissingError(StoreError):
    """``pg_dump`` / ``pg_restore`` are not on this computer: the server's backups are the school's job."""


@dataclass(frozen=True)
class PgTools:
    """The ``pg_dump`` and ``pg_restore`` programs pestcli will run."""

    pg_dump: Path
    pg_restore: Path


@dataclass(frozen=True)
class ServerDump:
    """One dump in a backup folder: its path, when it was written, its size and whether it preceded a restore."""

    path: Path
    modified: datetime
    size: int
    before_restore: bool

    @property
    def label(self) -> str:
        """When it was written, as ``2026-11-23 14:05``."""
        return f"{self.modified:%Y-%m-%d %H:%M}"


def default_backup_dir() -> Path:
    """The folder for dumps of servers: ``server-backups`` in pestcli's data directory (not created here)."""
    return data_dir() / SERVER_BACKUP_FOLDER


def missing_tools_message(url: str) -> str:
    """The Dutch message when ``pg_dump`` / ``pg_restore`` are not found: whose job the backups are, how to check."""
    return (
        f"pestcli werkt op de database-server {server_label(url)}. De reservekopieën van die server zijn "
        "de taak van de school: van de systeembeheerder (ICT), bijvoorbeeld met pg_dump, pgBackRest of de "
        "snapshots van de leverancier. pestcli kon hier geen pg_dump en pg_restore vinden, dus er is geen "
        "kopie gemaakt en er is niets veranderd.\n"
        "Zo controleert u dat er reservekopieën zijn:\n"
        "  - vraag de systeembeheerder wanneer de laatste kopie is gemaakt en wanneer er voor het laatst "
        "een kopie op proef is teruggezet (een terugzettest);\n"
        "  - laat op een kopie van pg_dump 'pg_restore --list KOPIE' uitvoeren: die toont wat erin zit.\n"
        f"Wilt u zelf kopieën maken, installeer dan de PostgreSQL-programma's (pakket postgresql-client) "
        f"of wijs hun map aan met {PG_BINDIR_ENV}."
    )


def _bindir_version(folder: str) -> int:
    """15 for ``/usr/lib/postgresql/15/bin`` (0 when the folder names no version)."""
    name = Path(folder).parent.name
    return int(name) if name.isdigit() else 0


def tool_candidates(name: str) -> list[Path]:
    """Where ``name`` may be, in the order pestcli tries them: PATH, ``$PESTCLI_PG_BINDIR``, Debian's newest."""
    found: list[Path] = []
    on_path = shutil.which(name)
    if on_path:
        found.append(Path(on_path))
    folders: list[str] = []
    if os.environ.get(PG_BINDIR_ENV):
        folders.append(os.environ[PG_BINDIR_ENV])
    folders += sorted(glob.glob(DEBIAN_BINDIRS), key=_bindir_version, reverse=True)
    for folder in folders:
        program = Path(folder).expanduser() / name
        if program.is_file() and os.access(program, os.X_OK) and program not in found:
            found.append(program)
    return found


def tool_version(program: Path) -> int | None:
    """The version of a PostgreSQL program as ``server_version_num`` counts (150018 for 15.18); None if unknown."""
    try:
        done = subprocess.run([str(program), "--version"], capture_output=True, text=True, errors="replace",
                              env=_tool_env(None), timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?(?:\.(\d+))?", done.stdout)
    if done.returncode != 0 or match is None:
        return None
    first, second, third = (int(part) if part else 0 for part in match.groups())
    return first * 10000 + second if first >= 10 else first * 10000 + second * 100 + third


def major(version_num: int) -> tuple[int, int]:
    """The major version, comparable across the old numbering: ``(15, 0)`` for 150018, ``(9, 6)`` for 90624."""
    if version_num >= 100000:
        return (version_num // 10000, 0)
    return (version_num // 10000, version_num // 100 % 100)


def major_text(version_num: int) -> str:
    """The major version as people write it: ``15`` or ``9.6``."""
    if version_num >= 100000:
        return str(version_num // 10000)
    return f"{version_num // 10000}.{version_num // 100 % 100}"


def server_version(url: str) -> int:
    """The server's ``server_version_num`` (150018 for 15.18); a Dutch StoreUnreachableError naming it."""
    psycopg = psycopg_module()
    try:
        with psycopg.connect(libpq_url(url), autocommit=True, connect_timeout=CONNECT_TIMEOUT,
                             application_name="pestcli") as con:
            row = con.execute("SHOW server_version_num").fetchone()
    except psycopg.Error as exc:
        raise _unreachable(url, str(exc)) from None
    return int(row[0])


def find_tools(url: str) -> PgTools:
    """``pg_dump`` (at least the server's major version) and the ``pg_restore`` beside it.

    ToolsMissingError when either is not on this computer; a Dutch StoreError
    when every ``pg_dump`` found is older than the server.
    """
    dumps = tool_candidates("pg_dump")
    if not dumps or not tool_candidates("pg_restore"):
        raise ToolsMissingError(missing_tools_message(url))
    wanted = server_version(url)
    versions: list[int] = []
    for pg_dump in dumps:
        version = tool_version(pg_dump)
        if version is None:
            continue
        versions.append(version)
        if major(version) < major(wanted):
            continue
        beside = pg_dump.with_name("pg_restore")
        if beside.is_file() and os.access(beside, os.X_OK):
            return PgTools(pg_dump, beside)
        for pg_restore in tool_candidates("pg_restore"):
            restore_version = tool_version(pg_restore)
            if restore_version is not None and major(restore_version) >= major(version):
                return PgTools(pg_dump, pg_restore)
    if not versions:
        raise ToolsMissingError(missing_tools_message(url))
    newest = max(versions)
    raise StoreError(
        f"De database-server {server_label(url)} draait PostgreSQL {major_text(wanted)}, maar de nieuwste "
        f"pg_dump op deze computer is van versie {major_text(newest)}; een oudere pg_dump kan deze server "
        f"niet betrouwbaar kopiëren. Er is geen kopie gemaakt en er is niets veranderd. Installeer de "
        f"PostgreSQL-programma's van versie {major_text(wanted)} of nieuwer (pakket postgresql-client-"
        f"{major_text(wanted)}), of wijs hun map aan met {PG_BINDIR_ENV}."
    )


def split_password(url: str) -> tuple[str, str | None]:
    """The libpq URL without its password, and the password (None when the URL holds none).

    The password may be in the address (``user:secret@host``) or in the
    query (``?password=secret``); both are taken out.
    """
    parts = urlsplit(libpq_url(url))
    netloc, password = parts.netloc, None
    if "@" in netloc:
        userinfo, _at, hosts = netloc.rpartition("@")
        user, colon, secret = userinfo.partition(":")
        if colon:
            password = unquote(secret)
            netloc = f"{user}@{hosts}" if user else hosts
    query = parts.query
    pairs = parse_qsl(query, keep_blank_values=True)
    if any(key == "password" for key, _value in pairs):
        password = next(value for key, value in pairs if key == "password")
        query = urlencode([(key, value) for key, value in pairs if key != "password"])
    if password is None:
        return libpq_url(url), None
    # Built by hand: urlunsplit drops the "//" of an empty host ("postgresql:///db" would become "postgresql:/db").
    rebuilt = f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")
    return rebuilt + (f"#{parts.fragment}" if parts.fragment else ""), password


def _tool_env(password: str | None, extra_options: str = "") -> dict[str, str]:
    """The environment for a PostgreSQL program: English (C) messages, pestcli's name, the password if any."""
    env = dict(os.environ, LC_ALL="C", LC_MESSAGES="C", PGAPPNAME="pestcli")
    env.setdefault("PGCONNECT_TIMEOUT", str(CONNECT_TIMEOUT))
    if password is not None:
        env["PGPASSWORD"] = password
    if extra_options:
        env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} {extra_options}".strip()
    return env


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run one PostgreSQL program, its output captured as text; a Dutch StoreError when it cannot start."""
    try:
        return subprocess.run(command, capture_output=True, text=True, errors="replace", env=env,
                              stdin=subprocess.DEVNULL, check=False)
    except OSError as exc:
        raise StoreError(f"Kan {Path(command[0]).name} niet starten: {exc.strerror or 'onbekende fout'}. "
                         "Er is niets veranderd.") from None


def _unreachable(url: str, text: str) -> StoreUnreachableError:
    """The Dutch error for a server the tools could not reach, naming it (never the URL)."""
    return StoreUnreachableError(
        f"De database-server {server_label(url)} is niet bereikbaar: {connect_reason(text)}. Er is niets "
        "veranderd. Controleer de verbinding en het adres (--db of PESTCLI_DB), of vraag het de "
        "systeembeheerder van de school.", server_label(url))


def _is_connection_failure(text: str) -> bool:
    """Whether a PostgreSQL program's error output says the connection failed (rather than the work)."""
    folded = text.casefold()
    return "connection to server" in folded or "could not connect" in folded or "fe_sendauth" in folded


def safe_label(url: str) -> str:
    """The server label as part of a file name: ``127.0.0.1_5432_pestcli``."""
    label = re.sub(r"[^A-Za-z0-9._-]+", "_", server_label(url)).strip("._-")
    return label[:80] or "server"


def _new_dump_path(folder: Path, url: str, extra: str = "") -> Path:
    """A name in ``folder`` that is not taken yet: the server label, the time, ``extra``, ``.dump``."""
    stem = f"{safe_label(url)}-{datetime.now():%Y%m%d-%H%M%S}" + (f"-{extra}" if extra else "")
    path = folder / f"{stem}{DUMP_SUFFIX}"
    number = 2
    while path.exists() or _partial(path).exists():
        path = folder / f"{stem}-{number}{DUMP_SUFFIX}"
        number += 1
    return path


def _partial(path: Path) -> Path:
    """The temporary name a dump is written under until it has been read back."""
    return path.with_name(f".{path.name}.partial")


def verify_dump(tools: PgTools, path: Path) -> str:
    """Read a dump back with ``pg_restore --list``; its table of contents, or a Dutch StoreError.

    The dump must be readable by this ``pg_restore`` and hold the data of
    pestcli's ``cases`` table (a dump of something else is refused).
    """
    done = _run([str(tools.pg_restore), "--list", str(path)], _tool_env(None))
    if done.returncode != 0:
        folded = done.stderr.casefold()
        if "unsupported version" in folded:
            reason = "de kopie is gemaakt met een nieuwere pg_dump dan deze pg_restore kan lezen"
        elif "input file is too short" in folded or "does not appear to be a valid archive" in folded:
            reason = "het is geen (volledige) kopie van pg_dump in het eigen formaat (--format=custom)"
        elif "could not open" in folded or "no such file" in folded:
            reason = "het bestand kan niet worden gelezen"
        else:
            reason = "pg_restore kon het bestand niet lezen"
        raise StoreError(f"De kopie {path} is niet bruikbaar: {reason}.")
    if not _CASES_DATA.search(done.stdout):
        raise StoreError(f"De kopie {path} is leesbaar, maar bevat geen gegevens van pestcli (geen meldingen-tabel).")
    return done.stdout


def _dump(url: str, tools: PgTools, folder: Path, *, extra: str = "", tighten: bool = True) -> Path:
    """Dump the server into a new, read-back file in ``folder``; its path. Nothing is left behind on failure."""
    try:
        make_private_dir(folder, tighten_existing=tighten)
    except OSError as exc:
        raise StoreError(f"Kan de map {folder} voor de kopie niet aanmaken: {exc.strerror or exc}. "
                         "Er is geen kopie gemaakt.") from None
    target = _new_dump_path(folder, url, extra)
    partial = _partial(target)
    dbname, password = split_password(url)
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    except OSError as exc:  # nothing of ours to remove: the file was not made
        raise StoreError(f"Kan in {folder} geen bestand aanmaken: {exc.strerror or exc}. "
                         "Er is geen kopie gemaakt.") from None
    try:
        done = _run([str(tools.pg_dump), "--format=custom", "--no-password", f"--file={partial}",
                     f"--dbname={dbname}"], _tool_env(password))
        if done.returncode != 0:
            if _is_connection_failure(done.stderr):
                raise _unreachable(url, done.stderr)
            if "permission denied" in done.stderr.casefold():
                raise StoreError(f"U hebt op de server {server_label(url)} niet genoeg rechten om alles te "
                                 "kopiëren; er is geen kopie gemaakt. Vraag het de systeembeheerder.")
            raise StoreError(f"pg_dump kon de database op {server_label(url)} niet kopiëren; er is geen "
                             "kopie gemaakt.")
        verify_dump(tools, partial)
        os.chmod(partial, PRIVATE_FILE)
        if target.exists():  # pragma: no cover - the name was free a moment ago
            raise StoreError(f"Er verscheen intussen een ander bestand {target}; er is geen kopie gemaakt.")
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def backup_server(url: str, folder: Path | None = None) -> Path:
    """Make a verified dump of the server (``pg_dump --format=custom``); the path of the new 0600 file.

    ``folder`` defaults to ``default_backup_dir()`` (made 0700); a folder the
    person chose is created 0700 when missing and otherwise left as it is.
    ToolsMissingError without the tools; a Dutch StoreError on any failure.
    """
    tools = find_tools(url)
    chosen = folder is not None
    return _dump(url, tools, (folder or default_backup_dir()).expanduser(), tighten=not chosen)


def list_server_dumps(folder: Path | None = None) -> list[ServerDump]:
    """The dumps (``*.dump``) in ``folder`` (default: ``default_backup_dir()``), newest first."""
    where = (folder or default_backup_dir()).expanduser()
    dumps: list[ServerDump] = []
    try:
        entries = list(where.glob(f"*{DUMP_SUFFIX}"))
    except OSError:
        return []
    for path in entries:
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            dumps.append(ServerDump(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size,
                                    BEFORE_RESTORE in path.name))
    return sorted(dumps, key=lambda dump: (dump.modified, dump.path.name), reverse=True)


def restore_plan(url: str, source: Path) -> str:
    """The Dutch text of what ``restore_server`` would do, for the person to confirm with a flag."""
    label = server_label(url)
    return (
        f"Terugzetten op een server vervangt de gegevens van pestcli op {label} voor IEDEREEN die pestcli "
        f"op deze server gebruikt, niet alleen voor u. Er is niets veranderd.\n"
        f"Wat er zou gebeuren:\n"
        f"  1. pestcli maakt eerst een kopie van de huidige gegevens (in {default_backup_dir()}), zodat er "
        f"niets ongemerkt verloren gaat;\n"
        f"  2. daarna zet pg_restore {source} terug, in één transactie: lukt het niet helemaal, dan blijft "
        f"alles zoals het was;\n"
        f"  3. alles wat collega's na het maken van deze kopie hebben vastgelegd, is daarna weg (het staat "
        f"wel in de kopie van stap 1). Wat sindsdien is gewist (AVG), komt terug en moet opnieuw worden "
        f"gewist.\n"
        f"Overleg eerst met de collega's en de systeembeheerder. Weet u het zeker, voer dan uit:\n"
        f"  pestcli restore {source} --vervang-serverdata\n"
        f"(met dezelfde --db of PESTCLI_DB als nu)."
    )


def restore_server(url: str, source: Path) -> Path:
    """Put a dump back on the server, after a fresh dump of what is there now; that dump's path.

    The dump is read back first (``pg_restore --list``); then the current
    state is dumped into ``default_backup_dir()``; then ``pg_restore --clean
    --if-exists --no-owner --single-transaction`` replaces the data, all or
    nothing. ToolsMissingError without the tools; a Dutch StoreError on any
    failure (the server is then as it was).
    """
    tools = find_tools(url)
    verify_dump(tools, source)
    before = _dump(url, tools, default_backup_dir(), extra=BEFORE_RESTORE)
    dbname, password = split_password(url)
    done = _run([str(tools.pg_restore), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                 "--exit-on-error", "--no-password", f"--dbname={dbname}", str(source)],
                _tool_env(password, f"-c lock_timeout={RESTORE_LOCK_TIMEOUT}"))
    if done.returncode != 0:
        folded = done.stderr.casefold()
        if _is_connection_failure(done.stderr):
            raise _unreachable(url, done.stderr)
        if "lock timeout" in folded or "canceling statement due to lock" in folded:
            reason = "een collega was nog bezig met de database"
        elif "permission denied" in folded or "must be owner" in folded:
            reason = "u hebt op de server niet genoeg rechten om alles te vervangen"
        else:
            reason = "pg_restore gaf een fout"
        raise StoreError(f"Terugzetten op {server_label(url)} is niet gelukt: {reason}. Er is niets "
                         f"veranderd (alles in één transactie). De kopie van de huidige gegevens staat in "
                         f"{before}.")
    return before
