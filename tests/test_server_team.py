"""The team's use cases on a real server, each run as the person who does it (issue 17).

A hand-over moves the case and its follow-ups to the new mentor's home and
agenda and leaves the previous mentor read access; an escalation to the APC
gives the APC the regie and puts the case on what waits for the APC;
sanction phases 4 and 5 are decided only by a team leader or the directie
(the mentor proposes, and the server itself refuses a mentor's decision);
reading a case one does not hold is recorded. The server is
``server_team``'s: two schools, eight logins, cases written through pestcli.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import psycopg
import pytest
from server_team import Team, team_server  # noqa: F401 - the module's server (fixture 'team')

from pestcli.services import cases as case_uses
from pestcli.services import reads, team as team_uses
from pestcli.store.agenda import due_items
from pestcli.store.errors import StoreError
from pestcli.store.opening import open_server_store

FAR = date(2030, 1, 1)


@contextmanager
def as_person(team: Team, who: str) -> Iterator:
    """pestcli's store on the server, logged in as ``who``."""
    store = open_server_store(team.url(who))
    try:
        yield store
    finally:
        store.close()


def _agenda_cases(store) -> set[int]:
    return {item.case_id for item in due_items(store, date(2020, 1, 1), FAR, today=date(2026, 12, 1))}


def test_who_is_working_is_known_and_named_on_screen(team):
    with as_person(team, "mentor") as store:
        worker = team_uses.who_is_working(store)
    assert worker is not None and worker.label == "J. de Vries (mentor)"
    with as_person(team, "teamleider") as store:
        assert team_uses.who_is_working(store).roles == ("teamleider",)
        names = {c.login for c in team_uses.colleagues(store, "mentor")}
    assert names == {team.logins["mentor"], team.logins["mentor2"]}  # not the other school's mentor


def test_a_handed_over_case_is_the_new_mentors_with_its_history_and_the_old_one_reads_it(team):
    case_id = team.handed_over
    with as_person(team, "mentor2") as store:
        detail = reads.case_detail(store, case_id)
        assert detail.case.holder_id == team.staff_id("mentor2")
        assert detail.conversations  # the whole history went along
        assert case_id in {c.case_id for c in reads.open_case_overview(store)}
        assert case_id in _agenda_cases(store)
        (handover,) = team_uses.handovers_of_case(store, case_id)
        assert team_uses.may_change_case(store, case_id) is True
    assert (handover.from_name, handover.note) == ("J. de Vries", "Nieuwe mentor na de verhuizing.")
    with as_person(team, "mentor") as store:
        assert reads.case_detail(store, case_id).conversations  # still readable
        assert team_uses.may_change_case(store, case_id) is False
        assert case_id not in {c.case_id for c in reads.open_case_overview(store)}  # no longer on the home
        assert case_id not in _agenda_cases(store)  # nor in the agenda
        followup = reads.followups_of_case(store, case_id)[0]
    with team.connect("mentor") as con:  # and the server refuses a change, whatever the client
        assert con.execute("UPDATE followups SET note = 'x' WHERE id = %s", (followup.id,)).rowcount == 0
    assert team.owner_rows("SELECT handed_by FROM case_handovers WHERE case_id = %s", (case_id,)) == [
        (team.logins["mentor"],)]
    assert team.owner_rows("SELECT os_user FROM audit_events WHERE case_id = %s AND action = 'handover'",
                           (case_id,)) == [(team.logins["mentor"],)]


def test_handing_over_to_someone_of_another_school_is_refused(team):
    with as_person(team, "mentor2") as store, pytest.raises(StoreError, match="hoort niet"):
        team_uses.hand_over(store, team.handed_over, team.staff_id("zuid"), "", date(2026, 11, 25))


def test_a_whole_class_moves_to_its_new_mentor_in_one_step(team):
    klas = team.owner_rows("SELECT class_name FROM cases WHERE holder_id = %s AND class_name <> '' "
                           "GROUP BY class_name ORDER BY count(*) DESC LIMIT 1", (team.staff_id("mentor"),))[0][0]
    before = {row[0] for row in team.owner_rows(
        "SELECT id FROM cases WHERE class_name = %s AND school_id = %s", (klas, team.school("Locatie Noord")))}
    with as_person(team, "apc") as store:
        moved = team_uses.hand_over_class(store, klas, team.staff_id("mentor2"), "Nieuw schooljaar.",
                                          date(2026, 12, 1))
    assert moved >= 1
    holders = {row[0] for row in team.owner_rows("SELECT holder_id FROM cases WHERE id = ANY(%s)", (list(before),))}
    assert holders == {team.staff_id("mentor2")}


def test_an_escalation_to_the_apc_gives_the_apc_the_regie_and_waits_on_the_apcs_home(team):
    with as_person(team, "mentor") as store:
        case_id = next(c.case_id for c in reads.open_case_overview(store) if c.status != "escalated")
        case_uses.escalate(store, case_id, "apc", date(2026, 11, 30), reason="Afspraken geschonden.", by="mentor")
        assert team_uses.waiting_for_me(store) == []  # nothing waits for a mentor
        assert case_id in {c.case_id for c in reads.open_case_overview(store)}  # the mentor keeps it
    assert team.owner_rows("SELECT regie FROM cases WHERE id = %s", (case_id,)) == [("apc",)]
    with as_person(team, "apc") as store:
        waiting = team_uses.waiting_for_me(store)
        assert case_id in {item.case_id for item in waiting}
        assert case_id in {c.case_id for c in reads.open_case_overview(store)}


def test_only_a_team_leader_or_the_directie_decides_suspension_and_removal(team):
    holder, case_id = team.owner_rows(
        "SELECT s.login, c.id FROM cases c JOIN staff s ON s.id = c.holder_id WHERE c.class_name LIKE '2%%' "
        "AND c.status <> 'closed' AND s.login = ANY(%s) ORDER BY c.id LIMIT 1",
        ([team.logins["mentor"], team.logins["mentor2"]],))[0]
    who = "mentor" if holder == team.logins["mentor"] else "mentor2"
    with as_person(team, who) as store:
        escalation = case_uses.escalate(store, case_id, "teamleider", date(2026, 11, 30), sanction_phase=4,
                                        reason="Opnieuw.", by="mentor")
        assert team_uses.may_decide_sanctions(store) is False
        with pytest.raises(StoreError, match="Alleen een teamleider of de directie"):
            team_uses.decide_sanction(store, escalation)
    assert team.owner_rows("SELECT proposed FROM escalations WHERE id = %s", (escalation,)) == [(True,)]
    with team.connect(who) as con:  # the server refuses a mentor's decision, also without pestcli
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("UPDATE escalations SET proposed = false WHERE id = %s", (escalation,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("INSERT INTO escalations (case_id, to_rung, sanction_phase, reason, escalated_on, "
                        "escalated_by, proposed) VALUES (%s, 'teamleider', 5, '', '2026-11-30', '', false)",
                        (case_id,))
    with as_person(team, "teamleider") as store:  # the case is of the team leader's department (leerjaar 2)
        assert escalation in {_escalation_of(team, item.case_id) for item in team_uses.waiting_for_me(store)}
        team_uses.decide_sanction(store, escalation, by="T. Leider")
        assert team_uses.waiting_for_me(store) == [] or escalation not in {
            _escalation_of(team, item.case_id) for item in team_uses.waiting_for_me(store)}
    leader = team.owner_rows("SELECT name FROM staff WHERE login = %s", (team.logins["teamleider"],))[0][0]
    assert team.owner_rows("SELECT proposed, escalated_by FROM escalations WHERE id = %s", (escalation,)) == [
        (False, leader)]  # the person logged in is recorded, whatever the screen passed
    with as_person(team, "directie") as store:  # the directie decides directly
        assert team_uses.may_decide_sanctions(store)
        direct = case_uses.escalate(store, case_id, "teamleider", date(2026, 12, 1), sanction_phase=5, by="directie")
    director = team.owner_rows("SELECT name FROM staff WHERE login = %s", (team.logins["directie"],))[0][0]
    assert team.owner_rows("SELECT proposed, escalated_by FROM escalations WHERE id = %s", (direct,)) == [
        (False, director)]


def _escalation_of(team: Team, case_id: int) -> int:
    return team.owner_rows("SELECT max(id) FROM escalations WHERE case_id = %s AND proposed", (case_id,))[0][0]


def test_reading_a_case_one_does_not_hold_is_recorded(team):
    case_id = team.owner_rows("SELECT id FROM cases WHERE holder_id = %s ORDER BY id LIMIT 1",
                              (team.staff_id("mentor"),))[0][0]
    with as_person(team, "mentor") as store:
        assert team_uses.note_case_opened(store, case_id) is False  # one's own case: no record
    with as_person(team, "apc") as store:
        assert team_uses.note_case_opened(store, case_id) is True
    rows = team.owner_rows("SELECT os_user, table_name, summary FROM audit_events "
                           "WHERE case_id = %s AND action = 'viewed'", (case_id,))
    assert rows == [(team.logins["apc"], "cases", "bekeken")]
    with team.connect("mentor") as con:  # the holder reads who looked at their case
        assert con.execute("SELECT count(*) FROM audit_events WHERE case_id = %s AND action = 'viewed'",
                           (case_id,)).fetchone()[0] == 1


def test_in_a_mentors_own_file_nothing_of_the_team_applies(tmp_path):
    from pestcli.store import open_store

    store = open_store(tmp_path / "pestcli.db")
    try:
        assert team_uses.who_is_working(store) is None and team_uses.colleagues(store) == []
        assert team_uses.may_decide_sanctions(store) and team_uses.waiting_for_me(store) == []
        with pytest.raises(StoreError, match="alleen op de server"):
            team_uses.hand_over(store, 1, 2, "", date(2026, 12, 1))
    finally:
        store.close()


def test_pestcli_overdracht_moves_a_class_and_says_so(team, capsys):
    from pestcli import cli

    klas = team.owner_rows("SELECT class_name FROM cases WHERE holder_id = %s AND class_name <> '' "
                           "ORDER BY id LIMIT 1", (team.staff_id("mentor"),))[0][0]
    assert cli.main(["--db", team.admin, "overdracht", "--klas", klas, "--naar", team.logins["mentor2"]]) == 1
    assert "staat niet in het team van pestcli" in capsys.readouterr().err
    assert cli.main(["--db", team.url("apc"), "overdracht", "--klas", klas, "--naar", team.logins["zuid"]]) == 1
    assert "geen collega met gebruikersnaam" in capsys.readouterr().err  # another school's mentor
    assert cli.main(["--db", team.url("apc"), "overdracht", "--klas", klas, "--naar", team.logins["mentor2"],
                     "--notitie", "Nieuw schooljaar."]) == 0
    out = capsys.readouterr().out
    assert f"van klas {klas} overgedragen aan" in out
    assert team.owner_rows("SELECT DISTINCT holder_id FROM cases WHERE class_name = %s AND school_id = %s",
                           (klas, team.school("Locatie Noord"))) == [(team.staff_id("mentor2"),)]
    assert team.owner_rows("SELECT DISTINCT note FROM case_handovers WHERE note = 'Nieuw schooljaar.'")


def test_a_mentor_copies_their_own_file_in_and_holds_what_they_copied(team, tmp_path):
    from pestcli.store import create_case, open_store
    from pestcli.store.copy_to import CopyConflictError, copy_store

    firsts = team.owner_rows("SELECT number, reported_on FROM cases WHERE seq = 1 AND school_id = %s ORDER BY id",
                             (team.school("Locatie Noord"),))
    with team.connect("mentor2") as con:
        seen = {row[0] for row in con.execute("SELECT number FROM cases")}
    taken = next(row for row in firsts if row[0] not in seen)  # a first number of a year mentor2 cannot see
    own = tmp_path / "eigen.db"
    with open_store(own) as store:  # the first case of its year gets the number the mentor's case has
        create_case(store, reported_on=taken[1], reporter_kind="leerling", protocol_name="Anti-pestprotocol",
                    protocol_version="2.3", class_name="1A", description="Botst.")
    with open_store(own) as source, as_person(team, "mentor2") as target, \
            pytest.raises(CopyConflictError) as refused:  # mentor2 cannot see that case, the server knows it
        copy_store(source, target)
    assert taken[0] in str(refused.value)
    fresh = tmp_path / "nieuw.db"
    with open_store(fresh) as store:
        create_case(store, reported_on=date(2018, 5, 14), reporter_kind="leerling", protocol_name="Anti-pestprotocol",
                    protocol_version="2.3", class_name="1A", description="Van de eigen laptop.")
    with open_store(fresh) as source, as_person(team, "mentor2") as target:
        report = copy_store(source, target)
    assert report.numbers == ["2018-0001"]
    assert team.owner_rows("SELECT s.login FROM cases c JOIN staff s ON s.id = c.holder_id "
                           "WHERE c.number = '2018-0001'") == [(team.logins["mentor2"],)]


def test_the_administrator_ends_the_previous_mentors_read_access(team, capsys):
    from pestcli import cli

    number = team.owner_rows("SELECT number FROM cases WHERE id = %s", (team.handed_over,))[0][0]
    assert cli.main(["--db", team.admin, "server", "user", "access", team.logins["mentor"]]) == 0
    listed = capsys.readouterr().out
    assert f"{number}  alleen inzien vorige-mentor" in listed
    assert cli.main(["--db", team.admin, "server", "user", "access", team.logins["mentor"], "--intrekken",
                     "--melding", number]) == 0
    assert "1 toegang(en) tot melding" in capsys.readouterr().out
    with team.connect("mentor") as con:
        assert con.execute("SELECT count(*) FROM cases WHERE id = %s", (team.handed_over,)).fetchone()[0] == 0
    assert team.owner_rows("SELECT count(*) FROM case_access WHERE case_id = %s AND revoked_at IS NOT NULL",
                           (team.handed_over,)) == [(1,)]  # the row stays: who could read it, and until when


def test_pestcli_works_as_a_person_of_the_team_never_as_the_tables_owner(team, capsys):
    from pestcli import cli

    number = team.owner_rows("SELECT number FROM cases ORDER BY id LIMIT 1")[0][0]
    for command in (["summary", number], ["agenda"], ["demo", "--force"]):
        assert cli.main(["--db", team.admin, *command]) == 1, command
        err = capsys.readouterr().err
        assert "staat niet in het team van pestcli" in err and "eigen gebruikersnaam" in err
    assert cli.main(["--db", team.admin, "audit", "--limit", "3"]) == 0  # the administrator's own commands work
    assert cli.main(["--db", team.admin, "migrate"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", team.url("mentor"), "agenda"]) == 0


def test_a_mentor_asks_the_support_team_in_and_ends_it(team, capsys):
    from pestcli import cli

    number, case_id = team.owner_rows("SELECT number, id FROM cases WHERE holder_id = %s AND status <> 'closed' "
                                      "ORDER BY id DESC LIMIT 1", (team.staff_id("mentor"),))[0]
    support = team.logins["ondersteuning"]
    assert cli.main(["--db", team.url("mentor"), "toegang", "--melding", number, "--naar", support]) == 0
    assert f"mag meelezen bij melding {number}" in capsys.readouterr().out
    with team.connect("ondersteuning") as con:
        assert con.execute("SELECT count(*) FROM cases WHERE id = %s", (case_id,)).fetchone()[0] == 1
        assert con.execute("UPDATE cases SET location = 'x' WHERE id = %s", (case_id,)).rowcount == 0
    assert cli.main(["--db", team.url("ondersteuning"), "toegang", "--melding", number, "--naar",
                     team.logins["mentor2"]]) == 1  # read-only: cannot let others in
    assert "alleen inzien" in capsys.readouterr().err
    assert cli.main(["--db", team.url("mentor"), "toegang", "--melding", number, "--naar", support,
                     "--intrekken"]) == 0
    assert "heeft geen toegang meer" in capsys.readouterr().out
    with team.connect("ondersteuning") as con:
        assert con.execute("SELECT count(*) FROM cases WHERE id = %s", (case_id,)).fetchone()[0] == 0
