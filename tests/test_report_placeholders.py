"""The summary reads the guides' letters (x, y, z, A) as the case's names, as the conversation screen does.

The dossier text of one pupil still hides the others: the names the letters
became are masked like any other name of the case.
"""

from __future__ import annotations

from datetime import date

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.report.build import load_summary
from pestcli.report.dossier import dossier_text
from pestcli.store import add_person, end_conversation, open_store, record_item_state, start_conversation
from pestcli.store.workflow import Rules, register_case

TODAY = date(2026, 11, 23)


def test_bijlage_4_items_in_the_summary_name_the_pupils_and_the_dossier_hides_them(protocol, tmp_path):
    calendar = SchoolCalendar.load(protocol.rules.region)
    store = open_store(tmp_path / "pestcli.db")
    try:
        sanne = add_person(store, "Sanne", "de Vries", class_name="2B")
        daan = add_person(store, "Daan", "Jansen", class_name="2B")
        luuk = add_person(store, "Luuk", "Bakker", class_name="2B")
        case = register_case(store, Rules(protocol, calendar), reported_on=TODAY, reporter_kind="leerling",
                             parents_informed_after="na-stap-3", class_name="2B",
                             roles=[(sanne.id, "gepeste"), (daan.id, "pester"), (luuk.id, "meeloper")])
        talk = start_conversation(store, case.id, "bijlage-4", step=3,
                                  participants=[(daan.id, "pester"), (luuk.id, "meeloper")])
        for item_id in ("b4.stappen.02", "b4.stappen.10"):
            record_item_state(store, talk.id, item_id, "done")
        record_item_state(store, talk.id, "b4.stappen.06", "skipped")
        end_conversation(store, talk.id)
        summary = load_summary(store, protocol, case.id, TODAY)
    finally:
        store.close()
    (block,) = summary.conversations
    done = [line.text for line in block.done_items]
    assert any("waarbij Daan (en Luuk en z) betrokken is" in text for text in done)
    assert any("Ik weet alleen dat Sanne zich erg onprettig heeft gevonden." in text for text in done)
    assert block.skipped_items == ["Vragen naar Daan’s kant van het verhaal."]
    dossier = dossier_text(summary, daan.id)  # Daan's own dossier: his talk, the others hidden
    assert "Sanne" not in dossier and "Luuk" not in dossier
