"""The pupil import on the school's server, proved by logging in as the team (issue 18).

The administrator imports an export for Locatie Noord (``pestcli
import-leerlingen --school``); then a mentor who never typed those pupils in
finds one by pupil number through ``store.people.find_people`` (the pupil
picker's search), a mentor of the other school does not, nobody learns which
cases a pupil is in, the class mentors are read by the school's team and
written by nobody but the administrator, and ``--overdragen`` hands an open
case to the new mentor of the victim's class.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import psycopg
import pytest
from server_team import Team, team_server  # noqa: F401 - the module's server (fixture 'team')

from pestcli import cli
from pestcli.store import add_person, assign_role, create_case
from pestcli.store.opening import open_server_store
from pestcli.store.parents import add_parent
from pestcli.store.people import find_people


def export(tmp_path: Path, team: Team, name: str = "noord.csv") -> Path:
    """A Magister-shaped export of Locatie Noord: 4C with the first mentor, 4D with the second."""
    rows = [
        "Stamnr;Roepnaam;Tussenv.;Achternaam;Klas;Mentor",
        "77001;Jesse;van;Wijk;4C;J. de Vries",
        f"77002;Lotte;;Brink;4D;{team.logins['mentor2']}",
        "77003;Ravi;;Kooistra;4E;K. Onbekend",
    ]
    path = tmp_path / name
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-8-sig"))
    return path


@pytest.fixture(scope="module")
def imported(team, tmp_path_factory) -> Team:
    """The server after the administrator's import for Locatie Noord."""
    path = export(tmp_path_factory.mktemp("export"), team)
    assert cli.main(["--db", team.admin, "import-leerlingen", str(path), "--school", "Locatie Noord"]) == 0
    return team


def found_by_number(team: Team, who: str, number: str) -> list[tuple[str, str, str]]:
    """What ``who`` finds for ``number`` through the picker's search (name, class, number)."""
    store = open_server_store(team.url(who))
    try:
        return [(f"{p.first_name} {p.last_name}", p.class_name, p.pupil_number) for p in find_people(store, number)]
    finally:
        store.close()


def test_every_mentor_of_the_school_finds_an_imported_pupil_by_number(imported):
    for who in ("mentor", "mentor2", "teamleider", "ondersteuning", "apc"):
        assert found_by_number(imported, who, "77001") == [("Jesse van Wijk", "4C", "77001")], who
    assert found_by_number(imported, "zuid", "77001") == []  # another school's pupils stay out of sight
    assert imported.owner_rows("SELECT school_id FROM people WHERE pupil_number = '77001'") == [
        (imported.school("Locatie Noord"),)]


def test_the_class_mentors_are_matched_to_the_team_and_read_by_the_school(imported):
    rows = imported.owner_rows("SELECT class_name, mentor_name, staff_id FROM class_mentors ORDER BY class_name")
    assert rows == [("4C", "J. de Vries", imported.staff_id("mentor")),
                    ("4D", imported.logins["mentor2"], imported.staff_id("mentor2")),
                    ("4E", "K. Onbekend", None)]
    with imported.connect("mentor2") as con:
        assert con.execute("SELECT count(*) FROM class_mentors").fetchone()[0] == 3
    with imported.connect("zuid") as con:
        assert con.execute("SELECT count(*) FROM class_mentors").fetchone()[0] == 0


@pytest.mark.parametrize("statement", [
    "INSERT INTO class_mentors (school_id, school_year, class_name, mentor_name, imported_at) "
    "VALUES ((SELECT pestcli_school_id()), '2030-2031', '1A', 'Ik', now())",
    "UPDATE class_mentors SET mentor_name = 'Ik'",
    "DELETE FROM class_mentors",
])
def test_no_one_of_the_team_writes_the_class_mentors(imported, statement):
    for who in ("mentor", "apc", "directie"):
        with imported.connect(who) as con, pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute(statement)
    assert len(imported.owner_rows("SELECT 1 FROM class_mentors")) == 3


def test_seeing_a_pupil_says_nothing_about_their_cases_and_overdragen_hands_over(imported, tmp_path, capsys):
    team = imported
    store = open_server_store(team.url("mentor"))
    try:  # the first mentor reports a case about the imported pupil of 4D (the second mentor's class)
        lotte = find_people(store, "77002")[0]
        assert lotte.id is not None
        case = create_case(store, reported_on=date(2026, 11, 30), reporter_kind="leerling",
                           protocol_name="Anti-pestprotocol", protocol_version="2.3", class_name="4D",
                           forms=["woorden.bijnaam"], description="Wordt uitgelachen.", mentor="J. de Vries")
        assert case.id is not None
        assign_role(store, case.id, lotte.id, "gepeste")
        parent = add_parent(store, case.id, lotte.id, "Ria", "Brink", "moeder")
    finally:
        store.close()
    with team.connect("ondersteuning") as con:  # sees the pupil, not the case they are in
        assert con.execute("SELECT count(*) FROM people WHERE id = %s", (lotte.id,)).fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM case_roles WHERE person_id = %s", (lotte.id,)).fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM cases WHERE id = %s", (case.id,)).fetchone()[0] == 0
        # nor that a parent of theirs is known (which would say they were in a case)
        assert con.execute("SELECT count(*) FROM parent_links WHERE pupil_id = %s", (lotte.id,)).fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM people WHERE id = %s", (parent.id,)).fetchone()[0] == 0
    with team.connect("mentor") as con:  # the mentor of the case sees the link
        assert con.execute("SELECT count(*) FROM parent_links WHERE pupil_id = %s", (lotte.id,)).fetchone()[0] == 1
    path = export(tmp_path, team, "weer.csv")
    assert cli.main(["--db", team.admin, "import-leerlingen", str(path), "--school", "Locatie Noord",
                     "--proef"]) == 0
    out = capsys.readouterr().out
    assert f"Overdracht voorgesteld: melding {case.number} van J. de Vries naar {team.logins['mentor2']}" in out
    assert "Mentor niet gevonden in het team: K. Onbekend" in out
    assert team.owner_rows("SELECT holder_id FROM cases WHERE id = %s", (case.id,)) == [(team.staff_id("mentor"),)]
    assert cli.main(["--db", team.admin, "import-leerlingen", str(path), "--school", "Locatie Noord",
                     "--overdragen"]) == 0
    out = capsys.readouterr().out
    assert f"Overgedragen: melding {case.number} van J. de Vries naar {team.logins['mentor2']}" in out
    assert team.owner_rows("SELECT holder_id FROM cases WHERE id = %s", (case.id,)) == [(team.staff_id("mentor2"),)]
    assert team.owner_rows("SELECT count(*) FROM people WHERE pupil_number LIKE '7700_'") == [(3,)]


def test_a_linked_pupil_no_longer_says_who_typed_them_in(imported, tmp_path):
    """A pupil a mentor typed in (for a report) and the import then linked is read by the whole school:
    the row no longer names the mentor who typed it in."""
    team = imported
    store = open_server_store(team.url("mentor2"))
    try:
        typed = add_person(store, "Mees", "Verzonnen", class_name="4E")
    finally:
        store.close()
    assert team.owner_rows("SELECT created_by FROM people WHERE id = %s", (typed.id,)) == [(team.staff_id("mentor2"),)]
    path = tmp_path / "mees.csv"
    path.write_bytes(export(tmp_path, team).read_bytes() + "77004;Mees;;Verzonnen;4E;K. Onbekend\r\n".encode())
    assert cli.main(["--db", team.admin, "import-leerlingen", str(path), "--school", "Locatie Noord"]) == 0
    with team.connect("ondersteuning") as con:
        assert con.execute("SELECT pupil_number, created_by FROM people WHERE id = %s",
                           (typed.id,)).fetchall() == [("77004", None)]


def test_a_mentor_cannot_import(imported, tmp_path, capsys):
    path = export(tmp_path, imported, "mentor.csv")
    assert cli.main(["--db", imported.url("mentor"), "import-leerlingen", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Er is niets veranderd." in err and "Traceback" not in err
    assert imported.owner_rows("SELECT count(*) FROM class_mentors") == [(3,)]
