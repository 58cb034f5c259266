"""Who sees what on the school's server, proved by logging in as each role with plain SQL (issue 17).

``pestcli server init`` sets up a real server; ``pestcli server user add``
adds a team of two schools; two mentors write their cases through pestcli
itself (``pestcli demo`` and a report, as their own login). Then every role
connects with psycopg, as ``psql`` would, and the tests compare what it sees
in every table that holds case data with what the rules of the protocol say
it may see, worked out here from the owner's view of the data — and try to
change what it may not. Login roles belong to the whole server: their names
carry a random suffix and are dropped at the end.
"""

from __future__ import annotations

import psycopg
import pytest
from server_team import Team, run_pestcli, team_server  # noqa: F401 - the module's server (fixture 'team')

from pestcli import cli
from pestcli.store.backend.server_security import CASE_TABLES, CHILD_TABLES, ROLES, SECURED_TABLES
from pestcli.store.opening import open_server_store

#: Tables that hold no case data (everyone of the school may read them whole).
NOT_CASE_DATA = {"store_meta", "alembic_version"}


def expected_cases(team: Team, who: str) -> set[int]:
    """The cases ``who`` may see, by the protocol's rules, worked out in Python from the owner's view."""
    if who == "stichting":
        return set()
    me = team.staff_id(who)
    school = team.owner_rows("SELECT school_id FROM staff WHERE id = %s", (me,))[0][0]
    cases = team.owner_rows("SELECT id, holder_id, class_name FROM cases WHERE school_id = %s", (school,))
    granted = {row[0] for row in team.owner_rows(
        "SELECT case_id FROM case_access WHERE staff_id = %s AND revoked_at IS NULL", (me,))}
    if who in ("apc", "directie"):
        return {case_id for case_id, _holder, _klas in cases}
    if who == "teamleider":
        departments = team.owner_rows("SELECT kind, value FROM staff_departments WHERE staff_id = %s", (me,))
        years = {value for kind, value in departments if kind == "leerjaar"}
        classes = {value.lower() for kind, value in departments if kind == "klas"}
        return {case_id for case_id, _holder, klas in cases
                if klas.lower() in classes or "".join(c for c in klas if c.isdigit())[:1] in years} | granted
    return {case_id for case_id, holder, _klas in cases if holder == me} | granted


def case_of(table: str) -> str:
    """SQL for the case a row of ``table`` belongs to."""
    if table == "cases":
        return "id"
    if table in CASE_TABLES:
        return "case_id"
    column, parent = CHILD_TABLES[table]
    return f"(SELECT p.case_id FROM {parent} p WHERE p.id = {column})"


CASE_LINKED = ("cases", *CASE_TABLES, *(t for t, (_c, parent) in CHILD_TABLES.items() if parent in CASE_TABLES))
ROLES_SEEN = ("mentor", "mentor2", "apc", "directie", "teamleider", "ondersteuning", "zuid")


def test_every_table_with_case_data_is_under_forced_row_level_security(team):
    tables = {row[0] for row in team.owner_rows(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind = 'r'")}
    assert tables - NOT_CASE_DATA == set(SECURED_TABLES), "a new table needs its policies"
    forced = {row[0] for row in team.owner_rows(
        "SELECT relname FROM pg_class WHERE relrowsecurity AND relforcerowsecurity")}
    assert set(SECURED_TABLES) <= forced


def test_the_demo_data_fills_every_table_that_is_checked(team):
    for table in (*CASE_LINKED, "people", "parent_links", "class_conversations", "class_agreements",
                  "class_conversation_items", "class_agreement_checks", "audit_events", "drafts", "case_access"):
        assert team.owner_rows(f"SELECT count(*) FROM {table}")[0][0] > 0, table


@pytest.mark.parametrize("who", ROLES_SEEN)
def test_each_role_sees_exactly_the_rows_of_the_cases_it_may_see(team, who):
    allowed = expected_cases(team, who)
    assert allowed or who == "zuid" or who == "ondersteuning"
    with team.connect(who) as con:
        for table in CASE_LINKED:
            seen = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            expected = team.owner_rows(f"SELECT count(*) FROM {table} WHERE {case_of(table)} = ANY(%s)",
                                       (list(allowed),))[0][0]
            assert seen == expected, (who, table)
        ids = {row[0] for row in con.execute("SELECT id FROM cases")}
    assert ids == allowed


def test_the_roles_differ_as_the_protocol_says(team):
    noord = {row[0] for row in team.owner_rows("SELECT id FROM cases WHERE school_id = %s",
                                               (team.school("Locatie Noord"),))}
    zuid = {row[0] for row in team.owner_rows("SELECT id FROM cases WHERE school_id = %s",
                                              (team.school("Locatie Zuid"),))}
    seen = {}
    for who in ROLES_SEEN:
        with team.connect(who) as con:
            seen[who] = {row[0] for row in con.execute("SELECT id FROM cases")}
    assert seen["apc"] == seen["directie"] == noord
    assert seen["zuid"] == zuid and not seen["zuid"] & noord
    assert seen["mentor"] and seen["mentor"] < noord and not seen["mentor"] & zuid
    assert len(seen["mentor2"] - seen["mentor"]) == 1  # the report of their own, and the shared case
    assert len(seen["ondersteuning"]) == 1 and seen["ondersteuning"] < seen["mentor"]
    classes = {row[0] for row in team.owner_rows("SELECT class_name FROM cases WHERE id = ANY(%s)",
                                                 (list(seen["teamleider"]),))}
    assert classes and all(k.startswith("2") or k == "4VA" for k in classes)


@pytest.mark.parametrize("who", ROLES_SEEN)
def test_people_are_seen_only_through_a_case_one_sees(team, who):
    allowed = list(expected_cases(team, who))
    me = team.staff_id(who)
    in_cases = {row[0] for row in team.owner_rows(
        "SELECT person_id FROM case_roles WHERE case_id = ANY(%s) UNION "
        "SELECT l.parent_id FROM parent_links l JOIN case_roles r ON r.person_id = l.pupil_id "
        "WHERE r.case_id = ANY(%s)", (allowed, allowed))}
    if who in ("apc", "directie"):
        school = team.owner_rows("SELECT school_id FROM staff WHERE id = %s", (me,))[0][0]
        may = {row[0] for row in team.owner_rows("SELECT id FROM people WHERE school_id = %s", (school,))}
    else:
        may = in_cases | {row[0] for row in team.owner_rows("SELECT id FROM people WHERE created_by = %s", (me,))}
    with team.connect(who) as con:
        seen = {row[0] for row in con.execute("SELECT id FROM people")}
        links = con.execute("SELECT count(*) FROM parent_links").fetchone()[0]
    assert seen == may
    assert in_cases <= seen
    assert links == team.owner_rows("SELECT count(*) FROM parent_links WHERE pupil_id = ANY(%s)",
                                    (list(may),))[0][0]


def test_no_role_changes_or_adds_to_a_case_it_cannot_see(team):
    not_mine = team.owner_rows("SELECT id FROM cases WHERE school_id = %s ORDER BY id LIMIT 1",
                               (team.school("Locatie Zuid"),))[0][0]
    for who in ROLES_SEEN:
        if who == "zuid":
            continue
        with team.connect(who) as con:
            assert con.execute("UPDATE cases SET description = 'x' WHERE id = %s", (not_mine,)).rowcount == 0
            assert con.execute("DELETE FROM followups WHERE case_id = %s", (not_mine,)).rowcount == 0
            assert con.execute("UPDATE conversation_items SET note = 'x' WHERE conversation_id IN "
                               "(SELECT id FROM conversations WHERE case_id = %s)", (not_mine,)).rowcount == 0
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute("INSERT INTO followups (case_id, seq, label, due_on, note, done_by, moved_reason, "
                            "changes, cancelled_by_close) VALUES (%s, 99, 'x', '2026-12-01', '', '', '', 0, false)",
                            (not_mine,))
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute("INSERT INTO cases (school_id, number, year, seq, status, reported_on, reporter_kind, "
                            "class_name, location, online, description, mentor, protocol_name, protocol_version, "
                            "created_at, updated_at, holder_id) VALUES (%s, '2026-9999', 2026, 9999, 'open', "
                            "'2026-11-01', 'leerling', '', '', false, '', '', 'p', '1', now(), now(), %s)",
                            (team.school("Locatie Zuid"), team.staff_id("zuid")))
    assert team.owner_rows("SELECT description FROM cases WHERE id = %s", (not_mine,))[0][0] != "x"


def test_read_only_access_reads_and_changes_nothing_shared_access_changes(team):
    with team.connect("ondersteuning") as con:
        (case_id,) = con.execute("SELECT id FROM cases").fetchone()
        assert con.execute("SELECT count(*) FROM conversations WHERE case_id = %s", (case_id,)).fetchone()[0] > 0
        assert con.execute("UPDATE cases SET description = 'x' WHERE id = %s", (case_id,)).rowcount == 0
        assert con.execute("UPDATE followups SET note = 'x' WHERE case_id = %s", (case_id,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("INSERT INTO case_access (case_id, staff_id, granted_at) VALUES (%s, %s, now())",
                        (case_id, team.staff_id("ondersteuning")))
    shared = team.owner_rows("SELECT case_id FROM case_access WHERE staff_id = %s AND can_change",
                             (team.staff_id("mentor2"),))[0][0]
    with team.connect("mentor2") as con:
        assert con.execute("UPDATE cases SET location = 'Gang' WHERE id = %s", (shared,)).rowcount == 1


def test_the_audit_trail_is_added_to_as_oneself_and_never_changed(team):
    for who in (*ROLES_SEEN, "stichting"):
        with team.connect(who) as con:
            for statement in ("UPDATE audit_events SET summary = 'x'", "DELETE FROM audit_events"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    con.execute(statement)
    with team.connect("mentor") as con:
        con.execute("INSERT INTO audit_events (at, os_user, table_name, action, summary) "
                    "VALUES (now(), 'iemand-anders', 'cases', 'viewed', '')")
        mine = con.execute("SELECT DISTINCT os_user FROM audit_events WHERE action = 'viewed'").fetchall()
    assert mine == [(team.logins["mentor"],)]
    with team.connect("zuid") as con:  # another school's audit is not theirs to read
        users = {row[0] for row in con.execute("SELECT DISTINCT os_user FROM audit_events")}
    assert users == {team.logins["zuid"]}


def test_a_draft_is_its_owners_alone(team):
    for who in ROLES_SEEN:
        with team.connect(who) as con:
            assert con.execute("SELECT count(*) FROM drafts").fetchone()[0] == (who == "mentor"), who
            if who != "mentor":
                assert con.execute("DELETE FROM drafts").rowcount == 0
                assert con.execute("UPDATE drafts SET text = '{}'").rowcount == 0
    assert team.owner_rows("SELECT owner, text FROM drafts") == [(team.logins["mentor"],
                                                                 '{"beschrijving": "half getypt"}')]


def test_the_foundation_sees_numbers_and_no_case_data(team):
    with team.connect("stichting") as con:
        for table in SECURED_TABLES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute(f"SELECT 1 FROM {table} LIMIT 1")
        numbers = con.execute("SELECT school, sum(meldingen) FROM pestcli_cijfers() GROUP BY school "
                              "ORDER BY school").fetchall()
    per_school = team.owner_rows("SELECT s.name, count(*) FROM cases c JOIN schools s ON s.id = c.school_id "
                                 "GROUP BY s.name ORDER BY s.name")
    assert numbers == per_school and len(numbers) == 2
    with team.connect("mentor") as con:  # a mentor gets no school-wide numbers
        assert con.execute("SELECT count(*) FROM pestcli_cijfers()").fetchone()[0] == 0
    with team.connect("apc") as con:  # the APC gets those of their own school
        assert [row[0] for row in con.execute("SELECT DISTINCT school FROM pestcli_cijfers()")] == ["Locatie Noord"]


def test_a_login_cannot_take_on_a_role_it_was_not_given(team):
    with team.connect("mentor") as con:
        for group in ("pestcli_apc", "pestcli_directie"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute(f"SET ROLE {group}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("UPDATE staff SET school_id = NULL")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("INSERT INTO staff_departments (staff_id, kind, value) VALUES (1, 'leerjaar', '3')")


def test_pestcli_as_the_mentor_shows_what_psql_shows(team):
    from pestcli.store.overview import count_cases

    store = open_server_store(team.url("mentor"))
    try:
        assert store.staff is not None and store.staff.roles == ("mentor",) and store.staff.name == "J. de Vries"
        assert store.school_id == team.school("Locatie Noord")
        assert count_cases(store) == len(expected_cases(team, "mentor"))
    finally:
        store.close()


def test_a_removed_user_cannot_log_in_and_their_records_stay(team, capsys):
    login = team.logins["mentor2"]
    held = team.owner_rows("SELECT count(*) FROM cases WHERE holder_id = %s", (team.staff_id("mentor2"),))[0][0]
    assert cli.main(["--db", team.admin, "server", "user", "remove", login]) == 0
    assert "kan niet meer inloggen" in capsys.readouterr().out
    with pytest.raises(psycopg.OperationalError):
        team.connect("mentor2").close()
    assert team.owner_rows("SELECT count(*) FROM cases WHERE holder_id = %s", (team.staff_id("mentor2"),))[0][0] == held
    assert team.owner_rows("SELECT removed_at IS NOT NULL FROM staff WHERE login = %s", (login,)) == [(True,)]
    assert cli.main(["--db", team.admin, "server", "user", "list"]) == 0
    assert "[verwijderd]" in capsys.readouterr().out
    run_pestcli("--db", team.admin, "server", "user", "add", login, "--role", "mentor", "--school", "Locatie Noord")
    team.connect("mentor2").close()  # back, with the same records


def test_init_again_changes_nothing_and_keeps_the_team(team, capsys):
    before = team.owner_rows("SELECT login, name, school_id FROM staff ORDER BY login")
    assert cli.main(["server", "init", team.admin]) == 0
    assert "al bij" in capsys.readouterr().out
    assert team.owner_rows("SELECT login, name, school_id FROM staff ORDER BY login") == before
    with team.connect("apc") as con:
        assert con.execute("SELECT count(*) FROM cases").fetchone()[0] > 0
    assert set(ROLES) == {"mentor", "apc", "teamleider", "directie", "ondersteuning", "stichting"}
