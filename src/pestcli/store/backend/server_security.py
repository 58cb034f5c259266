"""Who sees what on the school's server: roles, grants and row-level security, in PostgreSQL itself.

``pestcli server init`` runs :func:`apply_security` after the migrations, as
the role that owns the tables. Everyone else logs in as their own login
role, a member of ``pestcli_gebruiker`` (the grants) and of one or more of
the group roles in :data:`ROLES`; the policies below decide, row by row,
what that login sees and may change. ``FORCE ROW LEVEL SECURITY`` is set on
every table that holds case data, so not even the tables' owner reads past
the policies by accident (the owner has its own policy: it runs the
migrations and the ``SECURITY DEFINER`` helpers).

Rules (protocol §7-§9, issue 17):

* nobody sees another school's records; the foundation's role
  (``stichting``) sees no case data at all, only the numbers of
  :func:`pestcli_cijfers` (counts per school, no names);
* a mentor sees the cases they hold (``cases.holder_id``) and those they
  were given access to (``case_access``); the APC and the directie see all
  of their school's cases; a team leader those of their department
  (``staff_departments``: year groups or classes); the support team those
  they were asked into (``case_access``);
* changing needs the same, except that access may be read-only
  (``case_access.can_change``);
* audit rows can be added (as oneself) but never changed or deleted;
* sanction phases 4 and 5 are decided by a team leader or the directie
  (the mentor and the APC record them as a proposal);
* a draft is its owner's alone;
* the pupils imported from the school's administration (``import-leerlingen``)
  are seen by everyone of their school, so a report can pick them — but not
  the cases they are in (those stay behind the case rules); the class mentors
  of the import are read by the school's team and written only by the
  administrator (who runs the import).

Everything here is idempotent: run again after an upgrade, it replaces the
functions and policies and leaves people and their roles alone.
"""

from __future__ import annotations

from typing import Any

#: The group roles people are given, by the name the administrator types (``--role``).
ROLES: dict[str, str] = {
    "mentor": "pestcli_mentor",
    "apc": "pestcli_apc",
    "teamleider": "pestcli_teamleider",
    "directie": "pestcli_directie",
    "ondersteuning": "pestcli_ondersteuning",
    "stichting": "pestcli_stichting",
}

#: Other names the administrator may type for a role.
ROLE_ALIASES: dict[str, str] = {
    "anti-pestcoordinator": "apc", "anti-pestcoördinator": "apc", "coordinator": "apc", "coördinator": "apc",
    "afdelingsleider": "teamleider", "ondersteuningsteam": "ondersteuning",
}

#: What each role is called on screen.
ROLE_LABELS: dict[str, str] = {
    "mentor": "mentor",
    "apc": "anti-pestcoördinator",
    "teamleider": "teamleider",
    "directie": "directie",
    "ondersteuning": "ondersteuningsteam",
    "stichting": "stichting",
}

#: The role every person of a school has besides their own: the table grants.
BASE_ROLE = "pestcli_gebruiker"

#: Tables whose rows belong to a case through ``case_id`` (a NULL ``case_id`` is nobody's).
CASE_TABLES = ("case_forms", "case_roles", "step_progress", "conversations", "agreements", "followups",
               "evidence", "escalations", "parent_contacts", "case_handovers")

#: Tables whose rows belong to a row of another table: table -> (column, parent table).
CHILD_TABLES = {
    "conversation_participants": ("conversation_id", "conversations"),
    "conversation_items": ("conversation_id", "conversations"),
    "agreement_checks": ("agreement_id", "agreements"),
    "evidence_contents": ("evidence_id", "evidence"),
    "parent_contact_people": ("contact_id", "parent_contacts"),
    "class_conversation_items": ("class_conversation_id", "class_conversations"),
    "class_agreement_checks": ("class_agreement_id", "class_agreements"),
}

#: Every table under row-level security (forced): all case data, the team and the audit trail.
SECURED_TABLES = ("cases", "people", "parent_links", "case_access", "class_conversations", "class_agreements",
                  "drafts", "audit_events", "staff", "staff_departments", "schools", "class_mentors",
                  *CASE_TABLES, *CHILD_TABLES)

#: Tables every person may read whole: they hold nothing about a pupil.
OPEN_TABLES = ("store_meta", "alembic_version")


def role_name(role: str) -> str | None:
    """The key of :data:`ROLES` for what the administrator typed (``APC``, ``afdelingsleider``), or None."""
    key = role.strip().casefold()
    key = ROLE_ALIASES.get(key, key)
    return key if key in ROLES else None


def case_rule(row: str = "", to_change: str = "false") -> str:
    """The rule for a case row (``row``: a prefix such as ``c.``), from its own columns.

    A new row is checked before it is visible to any lookup, so the rule
    reads the row's columns; the person's own values are sub-selects, which
    PostgreSQL evaluates once per statement, not per row.
    """
    return (f"{row}school_id = (SELECT pestcli_school_id()) AND ((SELECT pestcli_sees_school())"
            f" OR {row}holder_id = (SELECT pestcli_staff_id())"
            f" OR {row}id IN (SELECT pestcli_granted_cases({to_change}))"
            f" OR lower(btrim({row}class_name)) IN (SELECT pestcli_department_classes())"
            f" OR substring({row}class_name from '[0-9]+') IN (SELECT pestcli_department_years()))")


def _functions(schema: str) -> list[str]:
    """The helper functions the policies call (``SECURITY DEFINER``: they read past the policies)."""
    definer = f"LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp"
    member = "pg_has_role(session_user, '{role}', 'MEMBER')"
    sees_school = " OR ".join(member.format(role=ROLES[r]) for r in ("apc", "directie"))
    return [
        f"""CREATE OR REPLACE FUNCTION pestcli_staff_id() RETURNS integer {definer} AS $$
            SELECT id FROM staff WHERE login = session_user AND removed_at IS NULL $$""",
        f"""CREATE OR REPLACE FUNCTION pestcli_school_id() RETURNS integer {definer} AS $$
            SELECT school_id FROM staff WHERE login = session_user AND removed_at IS NULL $$""",
        f"""CREATE OR REPLACE FUNCTION pestcli_sees_school() RETURNS boolean {definer} AS $$
            SELECT pestcli_staff_id() IS NOT NULL AND ({sees_school}) $$""",
        # A team leader's department: a class by its name, a year group by the first number in it.
        f"""CREATE OR REPLACE FUNCTION pestcli_in_department(class_name text) RETURNS boolean {definer} AS $$
            SELECT {member.format(role=ROLES["teamleider"])} AND EXISTS (
                SELECT 1 FROM staff_departments d
                WHERE d.staff_id = pestcli_staff_id()
                  AND ((d.kind = 'klas' AND lower(d.value) = lower(btrim(class_name)))
                    OR (d.kind = 'leerjaar' AND d.value = substring(class_name from '[0-9]+')))) $$""",
        f"""CREATE OR REPLACE FUNCTION pestcli_granted(case_id integer, to_change boolean) RETURNS boolean
            {definer} AS $$
            SELECT EXISTS (SELECT 1 FROM case_access a
                           WHERE a.case_id = $1 AND a.staff_id = pestcli_staff_id() AND a.revoked_at IS NULL
                             AND (a.can_change OR NOT $2)) $$""",
        # The rule for one case row, from its own columns (a new row is checked before it is visible).
        f"""CREATE OR REPLACE FUNCTION pestcli_case_allowed(school_id integer, holder_id integer,
                class_name text, case_id integer, to_change boolean) RETURNS boolean {definer} AS $$
            SELECT $1 = pestcli_school_id() AND (
                pestcli_sees_school() OR $2 = pestcli_staff_id() OR pestcli_in_department($3)
                OR pestcli_granted($4, $5)) $$""",
        f"""CREATE OR REPLACE FUNCTION pestcli_sees_case(case_id integer) RETURNS boolean {definer} AS $$
            SELECT EXISTS (SELECT 1 FROM cases c WHERE c.id = $1
                           AND pestcli_case_allowed(c.school_id, c.holder_id, c.class_name, c.id, false)) $$""",
        f"""CREATE OR REPLACE FUNCTION pestcli_changes_case(case_id integer) RETURNS boolean {definer} AS $$
            SELECT EXISTS (SELECT 1 FROM cases c WHERE c.id = $1
                           AND pestcli_case_allowed(c.school_id, c.holder_id, c.class_name, c.id, true)) $$""",
        # Sets, computed once per statement where a policy says ``IN (SELECT ...)``: far cheaper than a
        # function call per row on a school's 10,000 cases.
        f"""CREATE OR REPLACE FUNCTION pestcli_granted_cases(to_change boolean) RETURNS SETOF integer
            {definer} AS $$
            SELECT a.case_id FROM case_access a WHERE a.staff_id = pestcli_staff_id() AND a.revoked_at IS NULL
              AND (a.can_change OR NOT $1) $$""",
        f"""CREATE OR REPLACE FUNCTION pestcli_department_classes() RETURNS SETOF text {definer} AS $$
            SELECT lower(d.value) FROM staff_departments d WHERE d.staff_id = pestcli_staff_id()
              AND d.kind = 'klas' AND {member.format(role=ROLES["teamleider"])} $$""",
        f"""CREATE OR REPLACE FUNCTION pestcli_department_years() RETURNS SETOF text {definer} AS $$
            SELECT d.value FROM staff_departments d WHERE d.staff_id = pestcli_staff_id()
              AND d.kind = 'leerjaar' AND {member.format(role=ROLES["teamleider"])} $$""",
        # The same rule as case_rule, as a union of parts that each use an index (a mentor's own cases
        # through ix_cases_holder_id), not one scan of all the school's cases for everybody.
        f"""CREATE OR REPLACE FUNCTION pestcli_visible_cases(to_change boolean) RETURNS SETOF integer
            {definer} ROWS 100 AS $$
            SELECT c.id FROM cases c WHERE c.school_id = (SELECT pestcli_school_id())
              AND (SELECT pestcli_sees_school())
            UNION
            SELECT c.id FROM cases c WHERE c.holder_id = (SELECT pestcli_staff_id())
              AND c.school_id = (SELECT pestcli_school_id())
            UNION
            SELECT c.id FROM cases c WHERE c.id IN (SELECT pestcli_granted_cases($1))
              AND c.school_id = (SELECT pestcli_school_id())
            UNION
            SELECT c.id FROM cases c WHERE c.school_id = (SELECT pestcli_school_id())
              AND EXISTS (SELECT 1 FROM pestcli_department_classes() UNION ALL SELECT 1 FROM pestcli_department_years())
              AND (lower(btrim(c.class_name)) IN (SELECT pestcli_department_classes())
                   OR substring(c.class_name from '[0-9]+') IN (SELECT pestcli_department_years())) $$""",
        f"""CREATE OR REPLACE FUNCTION pestcli_visible_people() RETURNS SETOF integer {definer} AS $$
            SELECT r.person_id FROM case_roles r WHERE r.case_id IN (SELECT pestcli_visible_cases(false))
            UNION
            SELECT l.parent_id FROM parent_links l JOIN case_roles r ON r.person_id = l.pupil_id
            WHERE r.case_id IN (SELECT pestcli_visible_cases(false)) $$""",
        f"""CREATE OR REPLACE FUNCTION pestcli_visible_classes() RETURNS SETOF text {definer} AS $$
            SELECT DISTINCT c.class_name FROM cases c WHERE c.id IN (SELECT pestcli_visible_cases(false)) $$""",
        # The case numbers the school has taken, also those of cases one cannot see: a mentor who
        # copies their own file in is told which numbers clash (store.copy_to), and nothing more.
        f"""CREATE OR REPLACE FUNCTION pestcli_taken_case_numbers(school_id integer)
            RETURNS TABLE(number text, year integer, seq integer) {definer} AS $$
            SELECT c.number, c.year, c.seq FROM cases c
            WHERE c.school_id = $1 AND $1 = pestcli_school_id() $$""",
        # The numbers: per school and year, counts only, never a name; for the foundation all schools,
        # for the APC, the directie and a team leader their own school.
        f"""CREATE OR REPLACE FUNCTION pestcli_cijfers()
            RETURNS TABLE(school text, jaar integer, meldingen bigint, lopend bigint, gesloten bigint)
            {definer} AS $$
            SELECT s.name, c.year, count(*), count(*) FILTER (WHERE c.status <> 'closed'),
                   count(*) FILTER (WHERE c.status = 'closed')
            FROM cases c JOIN schools s ON s.id = c.school_id
            WHERE pestcli_staff_id() IS NOT NULL AND (
                  (pestcli_school_id() IS NULL AND {member.format(role=ROLES["stichting"])})
               OR (c.school_id = pestcli_school_id() AND (pestcli_sees_school()
                   OR {member.format(role=ROLES["teamleider"])})))
            GROUP BY s.name, c.year ORDER BY s.name, c.year $$""",
    ]


def _stamp_triggers() -> list[str]:
    """BEFORE INSERT triggers: who made a row, and at which school, come from the login itself."""
    statements = [
        """CREATE OR REPLACE FUNCTION pestcli_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE me integer := pestcli_staff_id(); school integer := pestcli_school_id();
        BEGIN
            IF me IS NULL THEN RETURN NEW; END IF;  -- the owner or an administrator: as given
            IF TG_TABLE_NAME = 'cases' THEN
                NEW.school_id := coalesce(school, NEW.school_id);
                NEW.holder_id := coalesce(NEW.holder_id, me);
            ELSIF TG_TABLE_NAME IN ('people', 'class_conversations', 'class_agreements') THEN
                NEW.school_id := coalesce(school, NEW.school_id);
                NEW.created_by := me;
            ELSIF TG_TABLE_NAME = 'drafts' THEN
                NEW.owner := session_user;
            ELSIF TG_TABLE_NAME = 'audit_events' THEN
                NEW.os_user := session_user;
                NEW.school_id := school;
            ELSIF TG_TABLE_NAME = 'case_access' THEN
                NEW.granted_by := session_user;
            ELSIF TG_TABLE_NAME = 'case_handovers' THEN
                NEW.handed_by := session_user;
            END IF;
            RETURN NEW;
        END $$""",
    ]
    for table in ("cases", "people", "class_conversations", "class_agreements", "drafts", "audit_events",
                  "case_access", "case_handovers"):
        statements.append(f"DROP TRIGGER IF EXISTS trg_{table}_stamp ON {table}")
        statements.append(f"CREATE TRIGGER trg_{table}_stamp BEFORE INSERT ON {table} "
                          "FOR EACH ROW EXECUTE FUNCTION pestcli_stamp()")
    return statements


def _policies(owner: str) -> dict[str, list[tuple[str, str, str | None, str | None]]]:
    """Per table: (policy, command, USING, WITH CHECK) for everyone of the school (``pestcli_gebruiker``)."""
    # A row of a case's table: for the APC and the directie, its case among the cases the cases' own
    # policy lets them see (a plain scan of one school's ids); for everyone else among the few cases
    # pestcli_visible_cases() finds through the indexes. Each set is hashed once per statement, and
    # the first is never built for someone who does not see the whole school.
    seen_cases = ("(((SELECT pestcli_sees_school()) AND case_id IN (SELECT c.id FROM cases c))"
                  " OR case_id IN (SELECT pestcli_visible_cases(false)))")
    school = "school_id = (SELECT pestcli_school_id())"
    # A case is held by someone of its own school (or, made by the administrator, by nobody yet).
    holder_here = ("(holder_id IS NULL OR EXISTS (SELECT 1 FROM staff s WHERE s.id = holder_id "
                   "AND s.school_id = (SELECT pestcli_school_id())))")
    # A person (pupil, parent, staff member in a case): in a case one sees, a parent of such a pupil,
    # or typed in by oneself; the APC and the directie see all of their school.
    person = (f"{school} AND ((SELECT pestcli_sees_school()) OR created_by = (SELECT pestcli_staff_id())"
              " OR id IN (SELECT pestcli_visible_people()))")
    # Reading also the school's imported pupils (the administration's register, for picking a pupil);
    # changing them stays with those who see them in a case (the import itself runs as the owner).
    person_read = (f"{school} AND ((SELECT pestcli_sees_school()) OR created_by = (SELECT pestcli_staff_id())"
                   " OR (kind = 'leerling' AND imported_at IS NOT NULL)"
                   " OR id IN (SELECT pestcli_visible_people()))")
    # A parent link: of a pupil one sees for a reason of the case rules, not merely as an imported pupil of
    # the school (that a pupil has a parent in pestcli would say they were in a case).
    linked_pupil = ("EXISTS (SELECT 1 FROM people p WHERE p.id = pupil_id AND (p.imported_at IS NULL"
                    " OR (SELECT pestcli_sees_school()) OR p.created_by = (SELECT pestcli_staff_id())"
                    " OR p.id IN (SELECT pestcli_visible_people())))")
    # A class's own records: of a class one has a case of (or one's department), or made by oneself.
    klas = (f"{school} AND ((SELECT pestcli_sees_school()) OR created_by = (SELECT pestcli_staff_id())"
            " OR lower(btrim(class_name)) IN (SELECT pestcli_department_classes())"
            " OR substring(class_name from '[0-9]+') IN (SELECT pestcli_department_years())"
            " OR class_name IN (SELECT pestcli_visible_classes()))")
    policies: dict[str, list[tuple[str, str, str | None, str | None]]] = {
        "cases": [
            ("lezen", "SELECT", case_rule(), None),
            ("nieuw", "INSERT", None, f"{school} AND (holder_id = (SELECT pestcli_staff_id()) "
             f"OR ((SELECT pestcli_sees_school()) AND {holder_here}))"),
            ("wijzigen", "UPDATE", case_rule(to_change="true"), f"{school} AND {holder_here}"),
            ("wissen", "DELETE", case_rule(to_change="true"), None),
        ],
        "people": [
            ("lezen", "SELECT", person_read, None),
            ("nieuw", "INSERT", None, school),
            ("wijzigen", "UPDATE", person, school),
            ("wissen", "DELETE", person, None),
        ],
        "parent_links": [("alles", "ALL", linked_pupil, linked_pupil)],
        "case_access": [
            ("lezen", "SELECT", f"staff_id = (SELECT pestcli_staff_id()) OR {seen_cases}", None),
            ("nieuw", "INSERT", None, "pestcli_changes_case(case_id)"),
            ("wijzigen", "UPDATE", "pestcli_changes_case(case_id)", "pestcli_changes_case(case_id)"),
        ],
        "drafts": [("eigen", "ALL", "owner = session_user", "owner = session_user")],
        "audit_events": [
            ("lezen", "SELECT", f"os_user = session_user OR ({school} AND (SELECT pestcli_sees_school())) "
             f"OR {seen_cases}", None),
            ("nieuw", "INSERT", None, "os_user = session_user"),
        ],
        "staff": [("lezen", "SELECT", f"login = session_user OR {school}", None)],
        "staff_departments": [
            ("lezen", "SELECT", "staff_id = (SELECT pestcli_staff_id()) OR (SELECT pestcli_sees_school())", None)],
        "schools": [("lezen", "SELECT", "id = (SELECT pestcli_school_id())", None)],
        # The import's class mentors: read by the school's team (a new case's mentor follows from its
        # class); no policy to write them, so only the owner (the administrator's import) does.
        "class_mentors": [("lezen", "SELECT", school, None)],
    }
    for table in ("class_conversations", "class_agreements"):
        policies[table] = [("alles", "ALL", klas, klas)]
    for table in CASE_TABLES:
        policies[table] = [
            ("lezen", "SELECT", seen_cases, None),
            ("nieuw", "INSERT", None, "pestcli_changes_case(case_id)"),
            ("wijzigen", "UPDATE", "pestcli_changes_case(case_id)", "pestcli_changes_case(case_id)"),
            ("wissen", "DELETE", "pestcli_changes_case(case_id)", None),
        ]
    # Sanction phases 4 (schorsing) and 5 (verwijdering): decided by a team leader or the directie only;
    # the mentor and the APC may record them as a proposal.
    decides = " OR ".join(f"pg_has_role(session_user, '{ROLES[r]}', 'MEMBER')" for r in ("teamleider", "directie"))
    sanction = f"pestcli_changes_case(case_id) AND (coalesce(sanction_phase, 0) < 4 OR proposed OR {decides})"
    policies["escalations"] = [
        ("lezen", "SELECT", seen_cases, None),
        ("nieuw", "INSERT", None, sanction),
        ("wijzigen", "UPDATE", "pestcli_changes_case(case_id)", sanction),
        ("wissen", "DELETE", "pestcli_changes_case(case_id)", None),
    ]
    for table, (column, parent) in CHILD_TABLES.items():
        # The parent row's own policy decides: one sees (and changes) what belongs to a row one sees;
        # a set (hashed once per statement): a lookup per row rebuilt the parent's sets for every row.
        visible = f"{column} IN (SELECT p.id FROM {parent} p)"
        if parent in CASE_TABLES:
            change = f"pestcli_changes_case((SELECT p.case_id FROM {parent} p WHERE p.id = {column}))"
        else:
            change = visible
        policies[table] = [
            ("lezen", "SELECT", visible, None),
            ("nieuw", "INSERT", None, change),
            ("wijzigen", "UPDATE", change, change),
            ("wissen", "DELETE", change, None),
        ]
    return policies


def security_statements(schema: str, owner: str, quote: Any) -> list[str]:
    """Every statement of :func:`apply_security`, in order (``quote`` quotes an identifier)."""
    statements = []
    for group in (BASE_ROLE, *ROLES.values()):
        statements.append(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') "
                          f"THEN CREATE ROLE {group} NOLOGIN; END IF; END $$")
    statements += _functions(quote(schema))
    statements += _stamp_triggers()
    everyone = f"{BASE_ROLE}, {ROLES['stichting']}"
    statements += [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {quote(schema)} FROM PUBLIC, {everyone}",
        f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {quote(schema)} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {quote(schema)} TO {everyone}",
        f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {quote(schema)} TO {BASE_ROLE}",
        f"GRANT EXECUTE ON FUNCTION pestcli_cijfers(), pestcli_staff_id(), pestcli_school_id() "
        f"TO {ROLES['stichting']}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {quote(schema)} TO {BASE_ROLE}",
        f"GRANT SELECT ON {', '.join(OPEN_TABLES)} TO {BASE_ROLE}",
        f"GRANT SELECT ON staff, staff_departments, schools, class_mentors TO {BASE_ROLE}",
        f"GRANT SELECT, INSERT ON audit_events TO {BASE_ROLE}",
        f"GRANT SELECT, INSERT, UPDATE ON case_access TO {BASE_ROLE}",
    ]
    writable = ("cases", "people", "parent_links", "class_conversations", "class_agreements", "drafts",
                *CASE_TABLES, *CHILD_TABLES)
    statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(writable)} TO {BASE_ROLE}")
    for table, rules in _policies(owner).items():
        statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        statements.append(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        statements.append(f"DO $$ DECLARE p record; BEGIN FOR p IN SELECT policyname FROM pg_policies "
                          f"WHERE tablename = '{table}' AND schemaname = current_schema() "
                          f"AND policyname LIKE 'pestcli%' LOOP "
                          f"EXECUTE format('DROP POLICY %I ON {table}', p.policyname); END LOOP; END $$")
        statements.append(f"CREATE POLICY pestcli_beheer ON {table} TO {quote(owner)} USING (true) WITH CHECK (true)")
        for name, command, using, check in rules:
            sql = f"CREATE POLICY pestcli_{name} ON {table} FOR {command} TO {BASE_ROLE}"
            if using is not None:
                sql += f" USING ({using})"
            if check is not None:
                sql += f" WITH CHECK ({check})"
            statements.append(sql)
    return statements


def apply_security(connection: Any) -> None:
    """Create the roles, grants, helper functions, triggers and policies on ``connection`` (psycopg).

    Runs in the connection's transaction (the caller commits), as the role
    that owns the tables or a superuser; the functions are owned by the
    tables' owner, so they read past the policies as the owner does.
    """
    from psycopg import sql

    row = connection.execute("SELECT current_schema(), tableowner FROM pg_tables "
                             "WHERE tablename = 'cases' AND schemaname = current_schema()").fetchone()
    if row is None:
        raise LookupError("cases")
    schema, owner = row

    def quote(name: str) -> str:
        return sql.Identifier(name).as_string(connection)

    for statement in security_statements(schema, owner, quote):
        connection.execute(statement)
    for (function,) in connection.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND p.proname LIKE 'pestcli%'").fetchall():
        connection.execute(f"ALTER FUNCTION {function} OWNER TO {quote(owner)}")
