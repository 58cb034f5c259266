"""The school's team on the server: who is logged in, and adding, listing and removing people.

Each person is a PostgreSQL login role with the same name, a member of
``pestcli_gebruiker`` and of their roles' group roles
(``store.backend.server_security.ROLES``), plus a row in ``staff`` that
says their display name and school. Removing a person takes away the login
and the roles but keeps the row: what they recorded stays attributed to
them. The functions take a psycopg connection of the administrator (the
tables' owner, with the right to create roles) and run in its transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pestcli.store.backend.server_security import BASE_ROLE, ROLE_LABELS, ROLES

#: A login name the administrator may type: letters, digits, ``.``, ``_`` and ``-`` (PostgreSQL's role names).
LOGIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-")


@dataclass(frozen=True)
class StaffMember:
    """A person of the school's team: their login, name, school and roles (keys of ``ROLES``)."""

    id: int
    login: str
    name: str
    school_id: int | None
    school: str
    roles: tuple[str, ...] = ()
    departments: tuple[str, ...] = field(default=())
    removed: bool = False

    @property
    def role_text(self) -> str:
        """The roles as one Dutch phrase (``mentor, anti-pestcoördinator``); ``geen rol`` without."""
        return ", ".join(ROLE_LABELS[role] for role in self.roles) or "geen rol"


class TeamError(Exception):
    """A Dutch message for the administrator: a name, role or school that does not fit."""


def check_login(login: str) -> str:
    """The login name, lower case; TeamError when it is empty or has characters a role name cannot."""
    name = login.strip().lower()
    if not name:
        raise TeamError("De gebruikersnaam is leeg.")
    if not set(name) <= LOGIN_CHARS or len(name) > 63 or name.startswith("pg_") or name.startswith("pestcli_"):
        raise TeamError(f"De gebruikersnaam {login.strip()!r} kan niet: gebruik kleine letters, cijfers, punt, "
                        "liggend streepje en koppelteken (hoogstens 63 tekens; niet beginnend met pg_ of pestcli_).")
    return name


def _roles_of(connection: Any, login: str) -> tuple[str, ...]:
    """The keys of ``ROLES`` the login is a member of (in ROLES's order)."""
    rows = connection.execute(
        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s", (login,)).fetchall()
    held = {name for (name,) in rows}
    return tuple(key for key, group in ROLES.items() if group in held)


def whoami(connection: Any) -> StaffMember | None:
    """The person logged in on ``connection`` (``session_user``), or None (the owner, an administrator)."""
    row = connection.execute(
        "SELECT s.id, s.login, s.name, s.school_id, coalesce(sc.name, '') FROM staff s "
        "LEFT JOIN schools sc ON sc.id = s.school_id WHERE s.login = session_user AND s.removed_at IS NULL"
    ).fetchone()
    if row is None:
        return None
    held = connection.execute(
        "SELECT rolname FROM pg_roles WHERE rolname LIKE 'pestcli%' AND pg_has_role(session_user, oid, 'MEMBER')"
    ).fetchall()
    names = {name for (name,) in held}
    roles = tuple(key for key, group in ROLES.items() if group in names)
    return StaffMember(row[0], row[1], row[2], row[3], row[4], roles)


def school_id_of(connection: Any, school: str | None) -> int | None:
    """The id of the school named ``school`` (case-insensitive); without a name the only school there is."""
    if school is None:
        rows = connection.execute("SELECT id FROM schools ORDER BY id").fetchall()
        if len(rows) == 1:
            return rows[0][0]
        raise TeamError("Deze database heeft meer dan één school: zeg met --school welke.")
    row = connection.execute("SELECT id FROM schools WHERE lower(name) = lower(%s)", (school.strip(),)).fetchone()
    if row is None:
        names = ", ".join(name for (name,) in connection.execute("SELECT name FROM schools ORDER BY name"))
        raise TeamError(f"Er is geen school {school.strip()!r}. Scholen: {names}.")
    return row[0]


def add_school(connection: Any, name: str) -> int:
    """Add a school (location) of the foundation; its id. TeamError when the name is empty or taken."""
    from datetime import datetime

    name = " ".join(name.split())
    if not name:
        raise TeamError("De naam van de school is leeg.")
    if connection.execute("SELECT 1 FROM schools WHERE lower(name) = lower(%s)", (name,)).fetchone():
        raise TeamError(f"Er is al een school {name!r}.")
    row = connection.execute("INSERT INTO schools (name, created_at) VALUES (%s, %s) RETURNING id",
                             (name, datetime.now().replace(microsecond=0))).fetchone()
    return int(row[0])


def rename_school(connection: Any, old: str, new: str) -> None:
    """Give a school (``Eigen school``, the first) its real name."""
    school_id = school_id_of(connection, old)
    new = " ".join(new.split())
    if not new:
        raise TeamError("De naam van de school is leeg.")
    connection.execute("UPDATE schools SET name = %s WHERE id = %s", (new, school_id))


def add_user(connection: Any, login: str, roles: list[str], *, name: str = "", school: str | None = None,
             departments: list[tuple[str, str]] | None = None, password: str | None = None) -> StaffMember:
    """Create (or update) a person: the login role, its roles, the staff row and a team leader's department.

    Run again for the same login, it adds the roles and departments given
    and gives a removed person their login back. ``password`` is sent as a
    SCRAM verifier made here (the server never sees the password itself);
    None leaves the login to the school's own authentication (or its
    current password).
    """
    from datetime import datetime

    from psycopg import sql

    login = check_login(login)
    unknown = [role for role in roles if role not in ROLES]
    if unknown or not roles:
        raise TeamError(f"Onbekende rol {', '.join(unknown) or '(geen)'}: kies uit {', '.join(ROLES)}.")
    foundation = roles == ["stichting"]
    school_id = None if foundation else school_id_of(connection, school)
    ident = sql.Identifier(login)
    exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
    connection.execute(sql.SQL("ALTER ROLE {} LOGIN" if exists else "CREATE ROLE {} LOGIN").format(ident))
    if password is not None:
        verifier = connection.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
        connection.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, sql.Literal(verifier.decode())))
    database = connection.execute("SELECT current_database()").fetchone()[0]
    connection.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), ident))
    groups = [ROLES[role] for role in roles] + ([] if foundation else [BASE_ROLE])
    for group in groups:
        connection.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), ident))
    display = " ".join(name.split()) or login
    stamp = datetime.now().replace(microsecond=0)
    row = connection.execute(
        "INSERT INTO staff (school_id, login, name, created_at) VALUES (%s, %s, %s, %s) "
        "ON CONFLICT (login) DO UPDATE SET school_id = EXCLUDED.school_id, removed_at = NULL, "
        "name = CASE WHEN %s THEN EXCLUDED.name ELSE staff.name END RETURNING id",
        (school_id, login, display, stamp, bool(name.strip()))).fetchone()
    staff_id = int(row[0])
    for kind, value in departments or []:
        connection.execute("INSERT INTO staff_departments (staff_id, kind, value) VALUES (%s, %s, %s) "
                           "ON CONFLICT DO NOTHING", (staff_id, kind, value))
    return member(connection, login)


def member(connection: Any, login: str) -> StaffMember:
    """The person with this login as the administrator sees them (also when removed)."""
    row = connection.execute(
        "SELECT s.id, s.login, s.name, s.school_id, coalesce(sc.name, ''), s.removed_at IS NOT NULL FROM staff s "
        "LEFT JOIN schools sc ON sc.id = s.school_id WHERE s.login = %s", (login,)).fetchone()
    if row is None:
        raise TeamError(f"Er is geen gebruiker {login!r} in pestcli.")
    departments = tuple(f"{kind} {value}" for kind, value in connection.execute(
        "SELECT kind, value FROM staff_departments WHERE staff_id = %s ORDER BY kind, value", (row[0],)))
    return StaffMember(row[0], row[1], row[2], row[3], row[4], _roles_of(connection, login), departments,
                       bool(row[5]))


def remove_user(connection: Any, login: str) -> StaffMember:
    """Take away a person's login and roles; their staff row and everything they recorded stay."""
    from datetime import datetime

    from psycopg import sql

    login = check_login(login)
    before = member(connection, login)
    ident = sql.Identifier(login)
    if connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone():
        connection.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(ident))
        for group in (BASE_ROLE, *ROLES.values()):
            connection.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), ident))
    connection.execute("UPDATE staff SET removed_at = %s WHERE login = %s AND removed_at IS NULL",
                       (datetime.now().replace(microsecond=0), login))
    return before


def list_users(connection: Any) -> list[StaffMember]:
    """Everyone in ``staff``, by school and name (removed people too, marked)."""
    logins = [login for (login,) in connection.execute(
        "SELECT s.login FROM staff s LEFT JOIN schools sc ON sc.id = s.school_id "
        "ORDER BY sc.name NULLS FIRST, lower(s.name), s.login")]
    return [member(connection, login) for login in logins]


@dataclass(frozen=True)
class AccessRow:
    """A colleague's access to a case, as the administrator lists it."""

    case_number: str
    can_change: bool
    reason: str
    granted_at: Any
    revoked_at: Any


def access_of(connection: Any, login: str) -> list[AccessRow]:
    """The access ``login`` was given to cases (revoked ones too), by case number."""
    person = member(connection, check_login(login))
    rows = connection.execute(
        "SELECT c.number, a.can_change, a.reason, a.granted_at, a.revoked_at FROM case_access a "
        "JOIN cases c ON c.id = a.case_id WHERE a.staff_id = %s ORDER BY c.number, a.granted_at", (person.id,))
    return [AccessRow(*row) for row in rows]


def revoke_access(connection: Any, login: str, case_number: str | None = None) -> int:
    """End ``login``'s access to one case (by number) or to all; how many accesses ended.

    The rows stay, with when the access ended: who could read a case, and
    when, is part of the record. The person's own cases are not touched.
    """
    from datetime import datetime

    person = member(connection, check_login(login))
    query = ("UPDATE case_access a SET revoked_at = %s WHERE a.staff_id = %s AND a.revoked_at IS NULL")
    params: list[Any] = [datetime.now().replace(microsecond=0), person.id]
    if case_number is not None:
        query += " AND a.case_id IN (SELECT c.id FROM cases c WHERE c.number = %s AND c.school_id = %s)"
        params += [case_number.strip(), person.school_id]
    return connection.execute(query, params).rowcount
