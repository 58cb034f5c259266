"""The dossier text in a school's database: every pupil hidden, usernames and URLs intact.

A pupil outside the case becomes "een leerling (T.H.)"; a name several
outside pupils share, "[naam]"; a name that is also a word only where it is
written with a capital. Nothing inside ``@…``, URLs or e-mail addresses is
rewritten, and a replacement that starts a sentence starts with a capital.
Tested with a database of a few thousand generated pupils, through the
function and through ``pestcli summary --for``.
"""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest

from pestcli.cli import main
from pestcli.names import initials
from pestcli.protocol.calendar import SchoolCalendar
from pestcli.report.build import load_summary
from pestcli.report.dossier import dossier_text
from pestcli.report.export import dossier_for
from pestcli.store import add_person, open_store
from pestcli.store.models import Person
from pestcli.store.pupil_names import known_pupils
from pestcli.store.workflow import Rules, register_case

TODAY = date(2026, 11, 23)

DESCRIPTION = (
    "sanne de vries werd door Daan en Tim Hendriks uitgelachen. Noa keek toe, Roos ook; ze kreeg een roos. "
    "tim hendriks zei niets. Daarna plaatste @sanne.de.loser een foto op https://insta.example/sanne.de.vries "
    "en www.tim-hendriks.nl, mail: daan.kok@school.nl. {stranger} deed mee."
)


def generated(count: int) -> list[tuple[str, str]]:
    """Invented pupils with names no Dutch word or test name has (a 'q' in each)."""
    rng = random.Random(2026)
    names: set[tuple[str, str]] = set()
    while len(names) < count:
        first = "Q" + "".join(rng.choice("aeiouklmnrst") for _ in range(rng.randint(2, 7)))
        last = "Q" + "".join(rng.choice("aeiouklmnrstvw") for _ in range(rng.randint(3, 10)))
        names.add((first, last))
    return sorted(names)


@pytest.fixture
def school(tmp_path, protocol):
    """A case (Sanne de Vries gepeste, Daan Kok pester) in a database with 3,000 other pupils."""
    path = tmp_path / "school" / "pestcli.db"
    store = open_store(path, daily_backup=False)
    rules = Rules(protocol, SchoolCalendar.load(protocol.rules.region))
    others = generated(3000)
    with store.write() as session:
        session.add_all(Person(first_name=f, last_name=l, class_name="1A", created_at=datetime(2026, 9, 1))
                        for f, l in others)
    sanne = add_person(store, "Sanne", "de Vries", class_name="2B")
    daan = add_person(store, "Daan", "Kok", class_name="2B")
    for first, last in (("Tim", "Hendriks"), ("Noa", "Smit"), ("Noa", "Visser"), ("Roos", "Bakker")):
        add_person(store, first, last, class_name="3C")
    add_person(store, "Wim", "Toe", kind="medewerker")  # not a pupil: not hidden by the school's list
    stranger = others[1234]
    case = register_case(store, rules, reported_on=date(2026, 11, 2), reporter_kind="leerling",
                         parents_informed_after="na-stap-3",
                         description=DESCRIPTION.format(stranger=" ".join(stranger)),
                         roles=[(sanne.id, "gepeste"), (daan.id, "pester")])
    yield store, path, case, sanne, daan, stranger
    store.close()


def happened(text: str) -> str:
    """The "Wat er gebeurde" line of a dossier text."""
    return next(line for line in text.splitlines() if line.startswith("Wat er gebeurde: "))


def test_every_pupil_of_the_school_is_hidden_but_usernames_and_urls_stay(school, protocol):
    store, _path, case, sanne, daan, stranger = school
    pupils = known_pupils(store)
    assert len(pupils) == 3000 + 6  # every pupil, no staff member
    summary = load_summary(store, protocol, case.id, TODAY)
    text = dossier_text(summary, daan.id, pupils)
    stranger_ref = f"een leerling ({initials(*stranger)})"
    assert happened(text) == (
        "Wat er gebeurde: De gepeste (S.d.V.) werd door Daan en een leerling (T.H.) uitgelachen. "
        "[naam] keek toe, een leerling (R.B.) ook; ze kreeg een roos. Een leerling (T.H.) zei niets. "
        "Daarna plaatste @sanne.de.loser een foto op https://insta.example/sanne.de.vries "
        "en www.tim-hendriks.nl, mail: daan.kok@school.nl. "
        f"{stranger_ref[:1].upper()}{stranger_ref[1:]} deed mee."
    )
    for name in ("Tim", "Hendriks", "Noa", "Roos", "Bakker", stranger[0], stranger[1]):
        assert name not in text.replace("@sanne.de.loser", ""), name
    victim_text = dossier_text(summary, sanne.id, pupils)
    assert happened(victim_text).startswith("Wat er gebeurde: sanne de vries werd door de pester (D.K.) en "
                                            "een leerling (T.H.) uitgelachen.")  # own name as written
    # without the school's list only the case's people are hidden, as before
    assert "Tim Hendriks" in dossier_text(summary, daan.id)


def test_summary_for_hides_the_school_in_the_terminal_and_the_file(school, protocol, tmp_path, capsys):
    store, path, case, _sanne, daan, stranger = school
    store.close()
    assert main(["--db", str(path), "summary", case.number, "--for", "Daan"]) == 0
    out = capsys.readouterr().out
    assert "een leerling (T.H.) uitgelachen" in out and "@sanne.de.loser" in out
    assert "Hendriks uitgelachen" not in out and " ".join(stranger) not in out
    target = tmp_path / "dossier.txt"
    assert main(["--db", str(path), "summary", case.number, "--for", "Daan", "--md", str(target)]) == 0
    saved = target.read_text(encoding="utf-8")
    assert happened(saved) == happened(out)
    with open_store(path, daily_backup=False) as again:  # the same text as the function gives
        assert happened(dossier_for(again, load_summary(again, protocol, case.id, TODAY), daan.id)) == happened(out)
