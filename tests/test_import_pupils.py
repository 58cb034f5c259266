"""``pestcli import-leerlingen``: the exports of Magister, SOMtoday and ParnasSys, on both backends (issue 18).

The exports are made up here, in the shapes those systems write (column
names, delimiter, encoding, byte-order mark), with invented names, and
written to ``tmp_path``. A school year later the same pupils come back in
another system's shape: a class changes, a class gets a new mentor, a
newcomer arrives, a pupil leaves, a pupil a mentor typed in by hand is linked
— and nobody is there twice.
"""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import col, select

from pestcli import cli
from pestcli.pupil_csv import PupilFileError, read_pupils
from pestcli.services.pupil_import import import_pupils, mentor_of_class, read_export, summary_lines
from pestcli.store import add_person, assign_role, create_case, find_people, open_store
from pestcli.store.audit_log import audit_rows
from pestcli.store.models import AuditEvent, ClassMentor, Person

#: The first import, in the summer holidays before school year 2025-2026; the second a year later.
FIRST_DAY, SECOND_DAY = date(2025, 8, 25), date(2026, 8, 31)


def magister(rows: list[tuple[str, ...]]) -> bytes:
    """A Magister export: Stamnr;Roepnaam;Tussenv.;Achternaam;Klas;Mentor, UTF-8 with a BOM, CRLF."""
    lines = ["Stamnr;Roepnaam;Tussenv.;Achternaam;Klas;Studie;Mentor"]
    lines += [";".join((number, first, between, last, klas, f"havo {klas[0]}", mentor))
              for number, first, between, last, klas, mentor in rows]
    return codecs.BOM_UTF8 + "\r\n".join(lines).encode("utf-8") + b"\r\n"


def somtoday(rows: list[tuple[str, ...]]) -> bytes:
    """A SOMtoday export: comma-separated, quoted, 'Leerlingnummer', 'Voorvoegsel', 'Stamgroep', 'Mentor(en)'."""
    lines = ['"Leerlingnummer","Roepnaam","Voorvoegsel","Achternaam","Stamgroep","Mentor(en)","Geboortedatum"']
    lines += [",".join(f'"{value}"' for value in (number, first, between, last, klas, mentor, "01-02-2011"))
              for number, first, between, last, klas, mentor in rows]
    return "\n".join(lines).encode("utf-8") + b"\n"


def parnassys(rows: list[tuple[str, ...]]) -> bytes:
    """A ParnasSys export: tab-separated, Windows-1252, 'Leerling ID', 'Voorvoegsels', 'Groep', 'Leerkracht'."""
    lines = ["Leerling ID\tAchternaam\tVoorvoegsels\tRoepnaam\tGroep\tLeerkracht"]
    lines += ["\t".join((number, last, between, first, klas, mentor))
              for number, first, between, last, klas, mentor in rows]
    return "\r\n".join(lines).encode("cp1252")


YEAR_ONE = [
    ("10001", "Sanne", "de", "Verbeek", "2B", "J. de Vries"),
    ("10002", "Daan", "", "Hofstede", "2B", "J. de Vries"),
    ("10003", "Zoë", "", "Kuipers", "1A", "P. Bakker"),
    ("10004", "Milan", "van", "Dongen", "2B", "J. de Vries"),
]
YEAR_TWO = [
    ("10001", "Sanne", "de", "Verbeek", "3B", "M. Jansen"),       # 2B -> 3B, a new mentor
    ("10003", "Zoë", "", "Kuipers", "2A", "P. Bakker"),           # 1A -> 2A, the same mentor
    ("10004", "Milan", "van", "Dongen", "3B", "M. Jansen"),
    ("10005", "Lars", "", "Mulder", "1C", "R. Smit"),             # a newcomer
    ("10006", "Noor", "el", "Amrani", "3B", "M. Jansen"),         # typed in by a mentor, now with a number
]                                                                 # 10002 Daan Hofstede has left


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    """Write an export to ``tmp_path``; its path."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


def state(store) -> tuple[list[tuple], list[tuple], int]:
    """Everything an import may change: people, class mentors, and the number of audit events."""
    with store.read() as session:
        people = [(p.id, p.first_name, p.last_name, p.class_name, p.pupil_number, p.left_on, p.imported_at, p.version)
                  for p in session.exec(select(Person).order_by(col(Person.id))).all()]
        mentors = [(m.school_year, m.class_name, m.mentor_name, m.staff_id)
                   for m in session.exec(select(ClassMentor).order_by(col(ClassMentor.id))).all()]
        events = len(session.exec(select(AuditEvent)).all())
    return people, mentors, events


# --- reading the three shapes (no database) ------------------------------------------------------------


@pytest.mark.parametrize(("shape", "delimiter", "encoding"), [
    (magister, ";", "UTF-8 met BOM"), (somtoday, ",", "UTF-8"), (parnassys, "\t", "Windows-1252")])
def test_the_three_systems_shapes_are_read_alike(shape, delimiter, encoding):
    export = read_pupils(shape(YEAR_ONE))
    assert (export.delimiter, export.encoding) == (delimiter, encoding)
    assert [(r.number, r.first_name, r.last_name, r.class_name, r.mentor) for r in export.rows] == [
        ("10001", "Sanne", "de Verbeek", "2B", "J. de Vries"), ("10002", "Daan", "Hofstede", "2B", "J. de Vries"),
        ("10003", "Zoë", "Kuipers", "1A", "P. Bakker"), ("10004", "Milan", "van Dongen", "2B", "J. de Vries")]
    assert [r.line for r in export.rows] == [2, 3, 4, 5]


def test_utf16_from_excel_and_column_names_in_any_case_or_punctuation():
    text = "STAMNUMMER\troepnaam\tTUSSENVOEGSEL\tachter naam\tKlas\tmentor\n1\tAnna\t\tBos\t4VA\t\n"
    export = read_pupils(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert export.encoding == "UTF-16"
    assert [(r.number, r.first_name, r.last_name, r.class_name, r.mentor) for r in export.rows] == [
        ("1", "Anna", "Bos", "4VA", "")]


def test_other_columns_are_mapped_with_kolom():
    data = "Nr;Voornaam;Familienaam;Jaarklas\n7;Fleur;in 't Veld;3C\n".encode()
    with pytest.raises(PupilFileError, match="leerlingnummer"):
        read_export(data)
    export = read_export(data, ["leerlingnummer=Nr", "achternaam=familienaam", "klas=Jaarklas"])
    assert [(r.number, r.first_name, r.last_name, r.class_name) for r in export.rows] == [
        ("7", "Fleur", "in 't Veld", "3C")]
    with pytest.raises(PupilFileError, match="onbekend veld"):
        read_export(data, ["geboortedatum=Nr"])
    with pytest.raises(PupilFileError, match="staat niet in het bestand"):
        read_export(data, ["leerlingnummer=Leerlingcode"])


@pytest.mark.parametrize(("data", "message"), [
    (b"", "Het bestand is leeg"),
    (b"\n\n", "Het bestand is leeg"),
    (b"Stamnr;Roepnaam;Achternaam;Klas\n", "alleen een kopregel"),
    (b"Stamnr;Roepnaam;Achternaam\n1;Anna;Bos\n", "Regel 1: in de kopregel ontbreekt een kolom voor de klas"),
    (b"Stamnr;Roepnaam;Achternaam;Klas\n1;Anna;Bos;1A\n;Bram;Visser;1A\n", "Regel 3: het leerlingnummer is leeg"),
    (b"Stamnr;Roepnaam;Achternaam;Klas\n1;Anna;Bos;1A\n2;Bram;Visser;\n", "Regel 3: de klas is leeg"),
    (b"Stamnr;Roepnaam;Achternaam;Klas\n1;Anna;Bos;1A\n\n2;Bram;Visser;1A\n1;Cas;Bos;1B\n",
     "Regel 5: leerlingnummer 1 staat ook op regel 2"),
    (b"PK\x03\x04\x00\x00binary", "geen tekstbestand"),
])
def test_a_bad_file_is_refused_in_dutch_naming_the_line(data, message):
    with pytest.raises(PupilFileError, match=message):
        read_pupils(data)


def test_a_quoted_cell_over_two_lines_keeps_the_line_numbers_right():
    data = b'Stamnr;Roepnaam;Achternaam;Klas;Mentor\n1;Anna;Bos;1A;"J. de Vries\nP. Bakker"\n2;Bram;;1A;\n'
    with pytest.raises(PupilFileError, match="Regel 4: de achternaam is leeg"):
        read_pupils(data)


def test_control_characters_and_extra_spaces_are_left_out():
    data = "Stamnr;Roepnaam;Achternaam;Klas\n 3 ;\x1b[31mAnna\x07;  van  der Bos ;2 B\n".encode()
    row = read_pupils(data).rows[0]
    assert (row.number, row.first_name, row.last_name, row.class_name) == ("3", "[31mAnna", "van der Bos", "2 B")


# --- importing, on both backends -------------------------------------------------------------------------


def test_a_first_import_adds_the_pupils_and_the_class_mentors(backend, store_target):
    with open_store(store_target) as store:
        result = import_pupils(store, read_export(magister(YEAR_ONE)), FIRST_DAY)
        assert [p.number for p in result.changes.new] == ["10001", "10002", "10003", "10004"]
        assert result.school_year == "2025-2026"
        people, mentors, _events = state(store)
        assert sorted(row[1:5] for row in people) == [
            ("Daan", "Hofstede", "2B", "10002"), ("Milan", "van Dongen", "2B", "10004"),
            ("Sanne", "de Verbeek", "2B", "10001"), ("Zoë", "Kuipers", "1A", "10003")]
        assert all(row[6] is not None and row[5] is None for row in people)
        assert sorted(mentors) == [("2025-2026", "1A", "P. Bakker", None), ("2025-2026", "2B", "J. de Vries", None)]
        assert mentor_of_class(store, " 2b ", FIRST_DAY) == "J. de Vries"
        assert mentor_of_class(store, "2B", SECOND_DAY) == ""  # the next school year: not imported yet
        newest = audit_rows(store, limit=1)[0]  # the audit trail says it in Dutch, with counts only
        assert (newest.action, newest.subject) == ("geïmporteerd", "persoon")
        assert newest.summary.startswith("leerlingen geïmporteerd: 4 nieuw, 0 andere klas")


def test_a_reimport_a_year_later_updates_links_and_marks_leavers_without_duplicates(backend, store_target, tmp_path):
    with open_store(store_target) as store:
        import_pupils(store, read_export(magister(YEAR_ONE)), FIRST_DAY)
        noor = add_person(store, "noor", "el amrani", class_name="3B")  # typed in by a mentor, no number
        other = add_person(store, "Noor", "el Amrani", class_name="1D")  # the same name in another class
        sanne = next(p for p in find_people(store, "10001"))
        case = create_case(store, reported_on=date(2026, 6, 1), reporter_kind="leerling",
                           protocol_name="Anti-pestprotocol", protocol_version="2.3", class_name="2B",
                           forms=["woorden.bijnaam"], description="Wordt buitengesloten.", mentor="J. de Vries")
        assert sanne.id is not None and case.id is not None
        assign_role(store, case.id, sanne.id, "gepeste")
        _, _, events_before = state(store)

        result = import_pupils(store, read_export(somtoday(YEAR_TWO)), SECOND_DAY)

        changes = result.changes
        assert [p.number for p in changes.new] == ["10005"]
        assert [(p.number, p.old_class, p.new_class) for p in changes.moved] == [
            ("10001", "2B", "3B"), ("10003", "1A", "2A"), ("10004", "2B", "3B")]
        assert sorted(p.number for p in changes.mentor_changed) == ["10001", "10004"]
        assert [(p.number, p.name, p.old_class) for p in changes.leavers] == [("10002", "Daan Hofstede", "2B")]
        assert [(p.number, p.new_class) for p in changes.linked] == [("10006", "3B")]
        assert changes.unchanged == 0
        with store.read() as session:
            rows = session.exec(select(Person)).all()
            numbers = [p.pupil_number for p in rows if p.pupil_number]
            assert sorted(numbers) == ["10001", "10002", "10003", "10004", "10005", "10006"]  # nobody twice
            by_id = {p.id: p for p in rows}
            assert by_id[noor.id].pupil_number == "10006" and by_id[noor.id].imported_at is not None
            assert (by_id[noor.id].first_name, by_id[noor.id].last_name) == ("Noor", "el Amrani")
            assert by_id[other.id].pupil_number == "" and by_id[other.id].class_name == "1D"
            daan = next(p for p in rows if p.pupil_number == "10002")
            assert daan.left_on == SECOND_DAY and daan.class_name == "2B"
            assert by_id[sanne.id].class_name == "3B" and by_id[sanne.id].left_on is None
            mentors = {(m.school_year, m.class_name): m.mentor_name for m in session.exec(select(ClassMentor)).all()}
            events = session.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc())).all()
        assert mentors[("2026-2027", "3B")] == "M. Jansen" and mentors[("2025-2026", "2B")] == "J. de Vries"
        assert mentor_of_class(store, "3B", SECOND_DAY) == "M. Jansen"
        assert len(events) == events_before + 1  # one audit event, counts only
        assert events[0].action == "import" and events[0].table_name == "people"
        assert "1 nieuw" in events[0].summary and "1 van school" in events[0].summary
        assert not any(name in events[0].summary for name in ("Sanne", "Daan", "Noor", "Verbeek", "Jansen"))
        assert [(p.case_number, p.from_name, p.to_name, p.to_staff_id) for p in result.proposals] == [
            (case.number, "J. de Vries", "M. Jansen", None)]
        lines = summary_lines(result)
        assert f"Overdracht voorgesteld: melding {case.number} van J. de Vries naar M. Jansen" in lines
        assert "  van school (vertrokken): 1" in lines and "  gekoppeld aan een zelf ingevoerde leerling: 1" in lines

        # The leaver is still found, after those at school; back in a later file, they are at school again.
        found = find_people(store, "2B") + find_people(store, "Hofstede")
        assert any(p.pupil_number == "10002" for p in found)
        everyone = find_people(store, "e")
        left = [p.left_on is not None for p in everyone]
        assert left == sorted(left) and left[-1]
        again = import_pupils(store, read_export(parnassys([*YEAR_TWO, YEAR_ONE[1]])), SECOND_DAY)
        assert [p.number for p in again.changes.back] == ["10002"] and not again.changes.new
        assert again.changes.unchanged == 5
        with store.read() as session:
            assert session.exec(select(Person).where(Person.pupil_number == "10002")).one().left_on is None
            assert len(session.exec(select(Person).where(Person.pupil_number != "")).all()) == 6


def test_leavers_past_the_retention_period_in_no_case_are_listed_then_removed_only_when_asked(backend, store_target):
    """A leaver's retention clock starts when they leave: after the protocol's months, if they are in no
    case, the import lists them; --opruimen removes them (one audit event); a leaver in a case stays."""
    later = date(2028, 9, 4)  # two school years after the second import
    with open_store(store_target) as store:
        import_pupils(store, read_export(magister(YEAR_ONE)), FIRST_DAY)
        milan = next(p for p in find_people(store, "10004"))
        case = create_case(store, reported_on=date(2026, 3, 2), reporter_kind="leerling",
                           protocol_name="Anti-pestprotocol", protocol_version="2.3", class_name="2B",
                           forms=["woorden.bijnaam"], description="Wordt uitgescholden.", mentor="J. de Vries")
        assert case.id is not None and milan.id is not None
        assign_role(store, case.id, milan.id, "pester")
        # Daan (10002) and Milan (10004) leave in the second year
        import_pupils(store, read_export(magister([YEAR_ONE[0], YEAR_ONE[2]])), SECOND_DAY)
        not_yet = import_pupils(store, read_export(magister([YEAR_ONE[0], YEAR_ONE[2]])), date(2028, 8, 30))
        assert not_yet.changes.expired == []  # 24 months after 31 August 2026 is 31 August 2028
        before = state(store)
        shown = import_pupils(store, read_export(magister([YEAR_ONE[0], YEAR_ONE[2]])), later, dry_run=True,
                              remove_expired=True)
        assert [p.number for p in shown.changes.expired] == ["10002"]  # Milan is in a case: the case decides
        assert state(store) == before
        assert any("(verwijder ze met --opruimen)" in line for line in summary_lines(shown))
        listed = import_pupils(store, read_export(magister([YEAR_ONE[0], YEAR_ONE[2]])), later)
        assert [p.number for p in listed.changes.expired] == ["10002"] and find_people(store, "10002")
        removed = import_pupils(store, read_export(magister([YEAR_ONE[0], YEAR_ONE[2]])), later, remove_expired=True)
        assert [p.number for p in removed.changes.expired] == ["10002"]
        assert any(line.endswith("(verwijderd).") for line in summary_lines(removed))
        assert find_people(store, "10002") == [] and [p.id for p in find_people(store, "10004")] == [milan.id]
        with store.read() as session:
            last = session.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc())).first()
        assert last is not None and "1 oud-leerlingen na de bewaartermijn verwijderd" in last.summary
        assert "Daan" not in last.summary and "Hofstede" not in last.summary
        short = import_pupils(store, read_export(magister([YEAR_ONE[0], YEAR_ONE[2]])), later, retention_months=1)
        assert short.changes.expired == []  # nobody else: Milan is in a case


def test_erasing_a_case_leaves_the_register_but_not_a_pupil_typed_in_for_it(backend, store_target):
    """The register row (name, class, number from the administration) holds nothing of the case: erasing the
    case leaves a pupil still at school on it; a pupil typed in only for that case goes with it."""
    from pestcli.store.erasure import erase_case_for_good

    with open_store(store_target) as store:
        import_pupils(store, read_export(magister(YEAR_ONE)), FIRST_DAY)
        sanne = next(p for p in find_people(store, "10001"))
        typed = add_person(store, "Kees", "Verzonnen", class_name="2B")
        case = create_case(store, reported_on=date(2025, 10, 1), reporter_kind="leerling",
                           protocol_name="Anti-pestprotocol", protocol_version="2.3", class_name="2B",
                           forms=["woorden.bijnaam"], description="Wordt uitgescholden.", mentor="J. de Vries")
        assert case.id is not None and sanne.id is not None and typed.id is not None
        assign_role(store, case.id, sanne.id, "gepeste")
        assign_role(store, case.id, typed.id, "pester")
        erase_case_for_good(store, case.id, "bewaartermijn", today=date(2028, 10, 1))
        assert [p.id for p in find_people(store, "10001")] == [sanne.id]
        assert find_people(store, "Verzonnen") == []


def test_the_dry_run_writes_nothing_and_says_what_would_change(backend, store_target):
    with open_store(store_target) as store:
        import_pupils(store, read_export(magister(YEAR_ONE)), FIRST_DAY)
        add_person(store, "Noor", "el Amrani", class_name="3B")
        before = state(store)
        result = import_pupils(store, read_export(somtoday(YEAR_TWO)), SECOND_DAY, dry_run=True)
        assert state(store) == before
        assert (len(result.changes.new), len(result.changes.moved), len(result.changes.leavers),
                len(result.changes.linked)) == (1, 3, 1, 1)
        assert summary_lines(result)[0].startswith("Proefimport (er is niets opgeslagen), schooljaar 2026-2027")


def test_a_second_hand_typed_pupil_of_that_name_and_class_is_not_guessed(backend, store_target):
    with open_store(store_target) as store:
        add_person(store, "Noor", "el Amrani", class_name="3B")
        add_person(store, "Noor", "El Amrani", class_name="3b")
        result = import_pupils(store, read_export(magister([YEAR_TWO[4]])), SECOND_DAY)
        assert [p.number for p in result.changes.new] == ["10006"] and not result.changes.linked


def test_a_hand_typed_pupil_with_the_number_is_linked(backend, store_target):
    with open_store(store_target) as store:
        typed = add_person(store, "Lars", "Mulder", class_name="1c", pupil_number="10005")
        result = import_pupils(store, read_export(somtoday([YEAR_TWO[3]])), SECOND_DAY)
        assert [p.number for p in result.changes.linked] == ["10005"] and not result.changes.new
        assert [p.id for p in find_people(store, "10005")] == [typed.id]


# --- the command --------------------------------------------------------------------------------------


def test_the_command_imports_and_the_dry_run_writes_nothing(tmp_path, capsys):
    db = tmp_path / "gegevens" / "pestcli.db"
    export = write(tmp_path, "leerlingen.csv", magister(YEAR_ONE))
    assert cli.main(["--db", str(db), "import-leerlingen", str(export), "--proef"]) == 0
    out = capsys.readouterr().out
    assert "Proefimport (er is niets opgeslagen)" in out and "  nieuw: 4" in out
    assert "kolommen: leerlingnummer = Stamnr" in out
    with open_store(db) as store:
        assert find_people(store, "1000") == []
    assert cli.main(["--db", str(db), "import-leerlingen", str(export)]) == 0
    out = capsys.readouterr().out
    assert "Leerlingen geïmporteerd, schooljaar" in out and "  nieuw: 4" in out
    with open_store(db) as store:
        people_before = state(store)[0]
    assert cli.main(["--db", str(db), "import-leerlingen", str(export)]) == 0
    assert "  ongewijzigd: 4" in capsys.readouterr().out
    with open_store(db) as store:  # an unchanged pupil is not written again (its version stays)
        assert state(store)[0] == people_before
    with open_store(db) as store:
        assert len(find_people(store, "1000")) == 4


@pytest.mark.parametrize(("data", "message"), [
    (b"Stamnr;Roepnaam;Achternaam;Klas\n1;Anna;Bos;1A\n1;Bram;Visser;1A\n", "Regel 3: leerlingnummer 1 staat ook"),
    (b"Nummer;Roepnaam;Achternaam;Klas\n1;Anna;Bos;1A\n", 'kolom voor het leerlingnummer'),
    (b"Stamnr;Roepnaam;Achternaam;Klas\n1;Anna;Bos;1A\n;Bram;Visser;1A\n", "Regel 3: het leerlingnummer is leeg"),
])
def test_a_bad_file_via_the_command_exits_2_in_dutch_and_writes_nothing(tmp_path, capsys, data, message):
    db = tmp_path / "gegevens" / "pestcli.db"
    with open_store(db) as store:
        before = state(store)
    export = write(tmp_path, "export.csv", data)
    assert cli.main(["--db", str(db), "import-leerlingen", str(export)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Er is niets veranderd." in err and "Traceback" not in err
    with open_store(db) as store:
        assert state(store) == before


def test_a_missing_file_and_overdragen_in_a_file_are_refused_in_dutch(tmp_path, capsys):
    db = tmp_path / "gegevens" / "pestcli.db"
    assert cli.main(["--db", str(db), "import-leerlingen", str(tmp_path / "weg.csv")]) == 2
    assert "kan " in capsys.readouterr().err
    export = write(tmp_path, "leerlingen.csv", magister(YEAR_ONE))
    assert cli.main(["--db", str(db), "import-leerlingen", str(export), "--overdragen"]) == 2
    assert "--overdragen kan alleen op de server" in capsys.readouterr().err
    assert cli.main(["--db", str(db), "import-leerlingen", str(export), "--kolom", "klas"]) == 2
    assert "schrijf het als veld=Kolomnaam" in capsys.readouterr().err


def test_the_help_is_dutch():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "pestcli", "import-leerlingen", "--help"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.startswith("gebruik: pestcli import-leerlingen")
    assert "--proef" in result.stdout and "--kolom" in result.stdout


# --- copy-to: imported pupils of two mentors' files into the school's server ------------------------------


def test_two_files_with_imported_pupils_copy_into_the_server_without_duplicates(tmp_path, server_url):
    from pestcli.store.copy_to import copy_store

    files = []
    for mentor in ("eerste", "tweede"):
        path = tmp_path / mentor / "pestcli.db"
        with open_store(path) as own:  # each mentor imported the same export into their own file
            import_pupils(own, read_export(magister(YEAR_ONE)), FIRST_DAY)
            sanne = find_people(own, "10001")[0]
            case = create_case(own, reported_on=date(2025, 10, 1 if mentor == "eerste" else 2),
                               reporter_kind="leerling", protocol_name="Anti-pestprotocol", protocol_version="2.3",
                               class_name="2B", forms=["woorden.bijnaam"], description="Uitgescholden.",
                               mentor="J. de Vries")
            assert sanne.id is not None and case.id is not None
            assign_role(own, case.id, sanne.id, "gepeste")
            if mentor == "tweede":  # the second file's case needs a number of its own on the server
                with own.write() as session:
                    row = session.get(type(case), case.id)
                    assert row is not None
                    row.seq, row.number = 2, "2025-002"
        files.append(path)
    with open_store(server_url) as target:
        for path in files:
            with open_store(path, daily_backup=False, migrate=False) as source:
                copy_store(source, target)
        with target.read() as session:
            numbered = session.exec(select(Person).where(Person.pupil_number == "10001")).all()
        assert len(numbered) == 1 and numbered[0].imported_at is not None
        result = import_pupils(target, read_export(somtoday(YEAR_TWO)), SECOND_DAY)  # the school's own import
        # copy-to brought only the pupil in a case (Sanne, once); the rest comes from the school's export
        assert [p.number for p in result.changes.new] == ["10003", "10004", "10005", "10006"]
        assert [p.number for p in result.changes.moved] == ["10001"]
        with target.read() as session:
            numbers = [p.pupil_number for p in session.exec(select(Person)).all() if p.pupil_number]
            mentors = session.exec(select(ClassMentor)).all()
        assert sorted(numbers) == ["10001", "10003", "10004", "10005", "10006"]
        assert {m.school_year for m in mentors} == {"2026-2027"}  # a file's class mentors are not copied
