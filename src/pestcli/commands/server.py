"""``pestcli server ...``: the school's server, for its IT administrator.

* ``pestcli server init URL``: the schema (the migrations), the roles and the
  row-level-security policies; safe to run again after an upgrade.
* ``pestcli server user add NAME --role ROLE ...``, ``user remove NAME``,
  ``user list``, ``user access NAME [--intrekken] [--melding NUMMER]``: the
  people of the school's team (each a PostgreSQL login) and their access to
  others' cases (the previous mentor keeps read access until it is ended).
* ``pestcli server school add NAME``, ``school list``: the locations of a
  foundation on one server.

Run as the role that owns the database (and may create roles). The server
comes from ``URL``, else ``--db`` or ``PESTCLI_DB``. Dutch output; exit code
0 when done, 1 on a refusal or failure, 2 when the server cannot be reached.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``init``, ``user add|remove|list`` and ``school add|list``."""
    sub = parser.add_subparsers(dest="server_command", metavar="ONDERDEEL", required=True)
    init = sub.add_parser("init", help="richt de database in: schema, rollen en wie wat ziet (opnieuw: veilig)")
    init.add_argument("url", nargs="?", metavar="URL", help="postgresql://beheerder@server/database")
    init.add_argument("--school", metavar="NAAM", help="de naam van de (eerste) school, in plaats van 'Eigen school'")

    user = sub.add_parser("user", help="mensen van het team: toevoegen, verwijderen, tonen")
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTIE", required=True)
    add = user_sub.add_parser("add", help="voeg iemand toe (een eigen login op de server) of geef extra rollen")
    add.add_argument("login", metavar="NAAM", help="de gebruikersnaam (de login op de server), bijvoorbeeld jdevries")
    add.add_argument("--role", "--rol", action="append", required=True, metavar="ROL", dest="roles",
                     help="mentor, apc, teamleider, directie, ondersteuning of stichting (mag vaker)")
    add.add_argument("--naam", default="", metavar="TEKST", help="de naam op het scherm, bijvoorbeeld 'J. de Vries'")
    add.add_argument("--school", metavar="NAAM", help="de school (locatie); nodig als er meer dan één is")
    add.add_argument("--leerjaar", action="append", default=[], metavar="JAAR",
                     help="afdeling van een teamleider: een leerjaar (mag vaker)")
    add.add_argument("--klas", action="append", default=[], metavar="KLAS",
                     help="afdeling van een teamleider: een klas (mag vaker)")
    add.add_argument("--wachtwoord", action="store_true",
                     help="vraag een wachtwoord voor de login (anders regelt de server de aanmelding)")
    remove = user_sub.add_parser("remove", help="neem iemand de toegang af (wat diegene vastlegde blijft)")
    remove.add_argument("login", metavar="NAAM")
    user_sub.add_parser("list", help="toon het team: naam, login, school en rollen")
    access = user_sub.add_parser("access", help="toon of beëindig de toegang van iemand tot meldingen van anderen")
    access.add_argument("login", metavar="NAAM")
    access.add_argument("--intrekken", action="store_true",
                        help="beëindig de toegang (bijvoorbeeld van de vorige mentor); de regels blijven bewaard")
    access.add_argument("--melding", metavar="NUMMER", help="alleen voor deze melding, bijvoorbeeld 2026-0003")

    school = sub.add_parser("school", help="de scholen (locaties) op deze server")
    school_sub = school.add_subparsers(dest="school_command", metavar="ACTIE", required=True)
    school_add = school_sub.add_parser("add", help="voeg een school (locatie) toe")
    school_add.add_argument("name", metavar="NAAM")
    school_sub.add_parser("list", help="toon de scholen")


def _say_error(message: str) -> None:
    from pestcli.text import plain

    print(f"pestcli server: {plain(message)}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Run the chosen part; Dutch errors, no traceback."""
    from pestcli.locations import configured_server, is_server_url

    url = getattr(args, "url", None) or configured_server(getattr(args, "db", None))
    if url is None or not is_server_url(url):
        _say_error("dit commando is voor de server van de school: geef een adres als "
                   "postgresql://beheerder@server/database (of --db / PESTCLI_DB).")
        return 2
    handlers: dict[str, Callable[[Any, argparse.Namespace], int]] = {
        "init": _init,
        "user": _user,
        "school": _school,
    }
    return _guarded(url, lambda: handlers[args.server_command](url, args))


def _guarded(url: str, work: Callable[[], int]) -> int:
    """Run ``work``; a StoreError, a refusal or the server's error in Dutch, with the exit code."""
    from pestcli.store.backend.server_users import TeamError
    from pestcli.store.errors import StoreError, StoreUnreachableError

    try:
        return work()
    except TeamError as exc:
        _say_error(str(exc))
        return 1
    except StoreUnreachableError as exc:
        _say_error(str(exc))
        return 2
    except StoreError as exc:
        _say_error(str(exc))
        return 1
    except Exception as exc:
        from pestcli.store.backend.server import is_server_error

        if not is_server_error(exc):
            raise
        _say_error(_admin_error(url, exc))
        return 2 if _is_unreachable(exc) else 1


def _is_unreachable(exc: BaseException) -> bool:
    import psycopg

    return isinstance(exc, psycopg.OperationalError)


def _admin_error(url: str, exc: BaseException) -> str:
    """The server's refusal as the administrator needs to read it."""
    import psycopg

    from pestcli.store.backend.server import translate, unreachable

    if isinstance(exc, psycopg.OperationalError):
        return str(unreachable(url, str(exc)))
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return ("de server weigert: deze login mag dat niet. Voer dit uit als de eigenaar van de database "
                "(de rol die de tabellen heeft gemaakt) met het recht om rollen te maken (CREATEROLE), "
                "of als superuser. Er is niets veranderd.")
    return str(translate(url, exc))


@contextmanager
def _admin_connection(url: str) -> Iterator[Any]:
    """A psycopg connection as the administrator: one transaction, committed at the end, under the write lock."""
    from pestcli.store.backend.server import CONNECT_TIMEOUT, WRITE_LOCK_KEY, libpq_url, psycopg_module

    psycopg = psycopg_module()
    with psycopg.connect(libpq_url(url), connect_timeout=CONNECT_TIMEOUT,
                         application_name="pestcli beheer") as connection:
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
        yield connection


def _init(url: str, args: argparse.Namespace) -> int:
    """The migrations (as ``pestcli migrate``), then roles, grants and policies."""
    from pestcli.store.backend.migrate import HEAD_REVISION, current_revision, upgrade_store
    from pestcli.store.backend.server import server_label
    from pestcli.store.backend.server_security import ROLES, apply_security
    from pestcli.store.backend.server_users import rename_school
    from pestcli.store.opening import open_server_store

    store = open_server_store(url, migrate=False, admin=True)
    try:
        before = current_revision(store)
        upgrade_store(store, backup_first=False)
    finally:
        store.close()
    with _admin_connection(url) as connection:
        apply_security(connection)
        if args.school and connection.execute("SELECT 1 FROM schools WHERE name = 'Eigen school'").fetchone():
            rename_school(connection, "Eigen school", args.school)
        tables = connection.execute("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                    "WHERE n.nspname = current_schema() AND c.relforcerowsecurity").fetchone()[0]
    where = server_label(url)
    schema = ("ingericht" if before is None else
              "bijgewerkt" if before != HEAD_REVISION else "al bij")
    print(f"De database op {where} is {schema} (schema {HEAD_REVISION}).")
    print(f"Rollen: {', '.join(ROLES.values())} en pestcli_gebruiker; rijbeveiliging (FORCE ROW LEVEL SECURITY) "
          f"op {tables} tabellen.")
    print("Voeg nu de mensen toe: pestcli server user add NAAM --role mentor (of apc, teamleider, directie, "
          "ondersteuning, stichting).")
    return 0


def _user(url: str, args: argparse.Namespace) -> int:
    """``user add``, ``user remove`` or ``user list``."""
    from pestcli.store.backend import server_users as team
    from pestcli.store.backend.server_security import role_name
    from pestcli.text import plain

    if args.user_command == "list":
        with _admin_connection(url) as connection:
            people = team.list_users(connection)
        if not people:
            print("Er staat nog niemand in het team. Voeg iemand toe: pestcli server user add NAAM --role mentor.")
        for person in people:
            school = person.school or "stichting (alle scholen, alleen cijfers)"
            gone = "  [verwijderd]" if person.removed else ""
            extra = f"; afdeling {', '.join(person.departments)}" if person.departments else ""
            print(plain(f"{person.login:<16} {person.name:<24} {school:<20} {person.role_text}{extra}{gone}"))
        return 0
    if args.user_command == "access":
        return _access(url, args)
    if args.user_command == "remove":
        with _admin_connection(url) as connection:
            person = team.remove_user(connection, args.login)
        print(plain(f"{person.name} ({person.login}) kan niet meer inloggen en heeft geen rollen meer. "
                    "Wat diegene vastlegde, blijft bewaard en op diens naam."))
        return 0
    roles = []
    for typed in args.roles:
        role = role_name(typed)
        if role is None:
            raise team.TeamError(f"Onbekende rol {typed!r}: kies uit mentor, apc, teamleider, directie, "
                                 "ondersteuning of stichting.")
        roles.append(role)
    departments = [("leerjaar", year.strip()) for year in args.leerjaar if year.strip()]
    departments += [("klas", klas.strip()) for klas in args.klas if klas.strip()]
    if departments and "teamleider" not in roles:
        raise team.TeamError("--leerjaar en --klas zijn de afdeling van een teamleider: geef ook --role teamleider.")
    password = _ask_password(args.login) if args.wachtwoord else None
    if args.wachtwoord and password is None:
        return 1
    with _admin_connection(url) as connection:
        person = team.add_user(connection, args.login, roles, name=args.naam, school=args.school,
                               departments=departments, password=password)
    where = f"bij {person.school}" if person.school else "(alle scholen, alleen de cijfers, geen namen)"
    print(plain(f"{person.name} ({person.login}) is {person.role_text} {where}."))
    if person.departments:
        print(plain(f"Afdeling: {', '.join(person.departments)}."))
    return 0


def _access(url: str, args: argparse.Namespace) -> int:
    """``user access NAME [--intrekken] [--melding NUMMER]``: list or end someone's access to cases."""
    from pestcli.store.backend import server_users as team
    from pestcli.text import plain

    with _admin_connection(url) as connection:
        if args.intrekken:
            ended = team.revoke_access(connection, args.login, args.melding)
        rows = team.access_of(connection, args.login)
    if args.intrekken:
        which = f" tot melding {args.melding.strip()}" if args.melding else ""
        print(plain(f"{ended} toegang(en){which} beëindigd voor {args.login.strip()}; de regels blijven bewaard."))
        return 0
    if not rows:
        print(plain(f"{args.login.strip()} heeft geen toegang tot meldingen van anderen."))
    for row in rows:
        how = "wijzigen" if row.can_change else "alleen inzien"
        until = f" tot {row.revoked_at:%d-%m-%Y}" if row.revoked_at else ""
        print(plain(f"{row.case_number}  {how:<13} {row.reason:<14} sinds {row.granted_at:%d-%m-%Y}{until}"))
    return 0


def _ask_password(login: str) -> str | None:
    """A password typed twice (not echoed on a terminal); None after a Dutch message when they differ."""
    from pestcli.commands.unlock import read_passphrase

    first = read_passphrase(f"Wachtwoord voor {login}: ")
    if len(first) < 10:
        _say_error("het wachtwoord is te kort (minstens 10 tekens). Er is niets veranderd.")
        return None
    if read_passphrase("Nogmaals: ") != first:
        _say_error("de twee wachtwoorden verschillen. Er is niets veranderd.")
        return None
    return first


def _school(url: str, args: argparse.Namespace) -> int:
    """``school add`` or ``school list``."""
    from pestcli.store.backend import server_users as team
    from pestcli.text import plain

    with _admin_connection(url) as connection:
        if args.school_command == "add":
            team.add_school(connection, args.name)
            print(plain(f"School {' '.join(args.name.split())} is toegevoegd."))
            return 0
        rows = connection.execute(
            "SELECT s.name, (SELECT count(*) FROM staff t WHERE t.school_id = s.id AND t.removed_at IS NULL), "
            "(SELECT count(*) FROM cases c WHERE c.school_id = s.id) FROM schools s ORDER BY s.name").fetchall()
    for name, staff, cases in rows:
        people = "persoon " if staff == 1 else "personen"
        reports = "melding" if cases == 1 else "meldingen"
        print(plain(f"{name:<30} {staff:>4} {people}  {cases:>6} {reports}"))
    return 0
