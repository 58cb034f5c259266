"""Loading the protocol: the shipped one is whole, a broken one is named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from pestcli.protocol import ProtocolError, load_protocol, resolve_protocol_dir


def test_document_identity(protocol):
    doc = protocol.document
    assert doc.name == "Anti-pestprotocol"
    assert doc.version == "2.3"
    assert doc.kenmerk == "VEILIGHEID-709824748-39"


def test_six_steps_with_their_guides_and_deadlines(protocol):
    assert [s.number for s in protocol.steps] == [1, 2, 3, 4, 5, 6]
    guides = {s.number: s.guides for s in protocol.steps}
    assert guides == {1: (), 2: ("bijlage-2", "bijlage-6"), 3: ("bijlage-3", "bijlage-4"),
                      4: ("bijlage-7",), 5: (), 6: ("bijlage-5",)}
    assert protocol.step(2).deadline.after == "melding"
    assert protocol.step(3).deadline.after == "stap-2"
    assert protocol.step(4).deadline.after == "stap-3"
    assert protocol.step(6).deadline.after == "stap-3"
    assert protocol.step(6).deadline.follows_informing_choice
    assert not any(s.deadline.follows_informing_choice for s in protocol.steps if s.deadline and s.number != 6)
    assert all(s.deadline.days == 7 for s in protocol.steps if s.deadline)


def test_stap_1_evidence_list(protocol):
    texts = [e.text for e in protocol.step(1).evidence]
    assert texts == [
        "Data en (exacte) tijdstippen",
        "E-mail- en internetadressen (url)",
        "Gebruikersnaam en nickname(s) van betrokkene(n)",
        "Prints van chatlogs en mailberichten",
        "Bewaarde sms-berichten",
        "Schermafdruk",
    ]
    # The protocol's instruction is the guidance, not the label (a label in the dialog and the case log).
    assert protocol.step(1).evidence[-1].guidance == ("Via print screen of maak een foto.",)


def test_tussenstappen_police_and_parents_rule(protocol):
    assert len(protocol.tussenstappen) == 4
    assert any("wijkagent" in line for line in protocol.rules.police)
    # stap 6: "Afhankelijk van de ernst doet de school dit na stap 1 of na stap 3."
    informing = protocol.informing_parents
    assert informing.hint == "Afhankelijk van de ernst doet de school dit na stap 1 of na stap 3."
    assert [(c.id, c.label, c.after) for c in informing.choices] == [
        ("na-stap-1", "Na stap 1", "stap-1"), ("na-stap-3", "Na stap 3", "stap-3")]
    assert informing.hint in " ".join(protocol.step(6).text)


def test_reporter_kinds_say_which_person_the_form_asks_for(protocol):
    persons = {k.id: k.person for k in protocol.reporter_kinds}
    assert persons == {"leerling": "gepeste", "medeleerling": "leerling", "ouder": "ouder",
                       "medewerker": "medewerker", "anoniem": "anoniem"}
    assert protocol.reporter_kind("ouder").label == "Een ouder"


def test_all_seven_guides(protocol):
    assert [g.number for g in protocol.guides] == [1, 2, 3, 4, 5, 6, 7]
    assert len(protocol.guide("bijlage-4").checklist) >= 17
    b7 = protocol.guide("bijlage-7")
    fase5 = next(p for p in b7.parts if p.id == "b7.fase5")  # issue 12: a "vervallen" part follows it
    assert fase5.items, "fase 5 of bijlage 7 must have items (BESLUIT)"
    assert fase5.plans_followups and fase5.captures_agreements
    # the item that moved to bijlage 3 and 5 is no longer asked, but an old conversation can still name it
    assert "b7.fase5.niet-nagekomen" not in {i.id for i in b7.checklist}
    assert b7.part_of("b7.fase5.niet-nagekomen").kind == "vervallen"
    assert all(p.kind != "vervallen" for p in b7.guidance)
    titles = {p.title for p in protocol.guide("bijlage-4").guidance}
    assert {"Houding", "Vragen stellen", "Informatie geven", "Aandachtspunten"} <= titles


def test_followup_schedule_and_ladder(protocol):
    slots = protocol.rules.followups
    assert (slots[0].days, slots[1].weeks, slots[2].months) == (2, 1, 1)
    assert slots[-1].months == 24
    assert protocol.rules.chances_after_broken == 1
    assert [p.number for p in protocol.rules.sanctions] == [1, 2, 3, 4, 5]
    assert [r.id for r in protocol.rules.escalation] == ["mentor", "apc", "teamleider"]


def test_forms_and_language_hints(protocol):
    assert len(protocol.forms) == 6
    assert protocol.form_label("lichamelijk.duwen").startswith("Duwen")
    words = {h.pattern for h in protocol.language_hints}
    assert {"altijd", "vaak", "meestal", "dader", "schuld"} <= words


def test_ids_are_unique(protocol):
    ids = [i.id for g in protocol.guides for p in g.parts for i in p.items]
    ids += [i.id for g in protocol.forms for i in g.items]
    assert len(ids) == len(set(ids))


def test_resolve_protocol_dir_prefers_cli_then_env(monkeypatch, tmp_path):
    monkeypatch.setenv("PESTCLI_PROTOCOL", str(tmp_path / "env"))
    assert resolve_protocol_dir(tmp_path / "cli") == tmp_path / "cli"
    assert resolve_protocol_dir(None) == tmp_path / "env"
    monkeypatch.delenv("PESTCLI_PROTOCOL")
    assert resolve_protocol_dir(None).name == "protocol"


# --- a broken protocol: a clear Dutch message with file, line and field ---------

def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_typo_in_a_field_name_is_named_with_a_suggestion(protocol_copy):
    steps = protocol_copy / "steps.toml"
    _break(steps, 'title = "Gesprek met de pester en meelopers"', 'titel = "Gesprek met de pester en meelopers"')
    with pytest.raises(ProtocolError) as info:
        load_protocol(protocol_copy)
    err = info.value
    assert err.file == "steps.toml"
    assert err.line == _line_of(steps, "titel =")
    assert err.field == "step[3].titel"
    assert "Bedoelt u 'title'?" in str(err)
    assert str(err).startswith("Fout in bestand steps.toml, regel")


def test_toml_syntax_error_names_the_line(protocol_copy):
    top = protocol_copy / "protocol.toml"
    _break(top, 'version = "2.3"', 'version = "2.3')
    with pytest.raises(ProtocolError) as info:
        load_protocol(protocol_copy)
    assert info.value.file == "protocol.toml"
    assert info.value.line == _line_of(top, 'version = "2.3')
    assert "geen geldige TOML" in str(info.value)


def test_wrong_type_is_named(protocol_copy):
    _break(protocol_copy / "protocol.toml", "months = 24", 'months = "24"')
    with pytest.raises(ProtocolError) as info:
        load_protocol(protocol_copy)
    assert info.value.field == "followups.slot[9].months"
    assert "geheel getal" in str(info.value)


def test_missing_required_field(protocol_copy):
    _break(protocol_copy / "protocol.toml", 'kenmerk = "VEILIGHEID-709824748-39"\n', "")
    with pytest.raises(ProtocolError) as info:
        load_protocol(protocol_copy)
    assert info.value.field == "document.kenmerk"
    assert "ontbreekt" in str(info.value)
    assert info.value.line == _line_of(protocol_copy / "protocol.toml", "[document]")


def test_a_step_naming_an_unknown_guide(protocol_copy):
    _break(protocol_copy / "steps.toml", 'guides = ["bijlage-7"]', 'guides = ["bijlage-9"]')
    with pytest.raises(ProtocolError, match="bijlage-9"):
        load_protocol(protocol_copy)


def test_duplicate_item_id_names_both_files(protocol_copy):
    forms = protocol_copy / "forms.toml"
    _break(forms, 'id = "lichamelijk.duwen"', 'id = "bewijs.sms"')
    with pytest.raises(ProtocolError) as info:
        load_protocol(protocol_copy)
    assert "steps.toml" in str(info.value) and info.value.file == "forms.toml"


def test_bad_id_and_bad_anchor(protocol_copy):
    _break(protocol_copy / "steps.toml", 'after = "stap-3", days = 7 }', 'after = "stap-9", days = 7 }')
    with pytest.raises(ProtocolError, match="melding"):
        load_protocol(protocol_copy)


def test_missing_directory_and_file(tmp_path, protocol_copy):
    with pytest.raises(ProtocolError, match="bestaat niet"):
        load_protocol(tmp_path / "nergens")
    (protocol_copy / "language.toml").unlink()
    with pytest.raises(ProtocolError) as info:
        load_protocol(protocol_copy)
    assert info.value.file == "language.toml" and "ontbreekt" in str(info.value)


def test_file_that_is_not_text(protocol_copy):
    (protocol_copy / "forms.toml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ProtocolError, match="UTF-8"):
        load_protocol(protocol_copy)


# --- when the parents are told: the school's own words, checked ---------------------------

def test_a_school_can_reword_the_choice_of_when_the_parents_are_told(protocol_copy):
    _break(protocol_copy / "protocol.toml", 'label = "Na stap 1"', 'label = "Meteen na de melding"')
    protocol = load_protocol(protocol_copy)
    assert protocol.informing_parents.choice("na-stap-1").label == "Meteen na de melding"


def test_an_unknown_anchor_of_a_choice_is_named_in_dutch(protocol_copy):
    top = protocol_copy / "protocol.toml"
    _break(top, 'after = "stap-1"', 'after = "direct"')
    with pytest.raises(ProtocolError) as info:
        load_protocol(protocol_copy)
    assert info.value.file == "protocol.toml"
    assert info.value.field == "informing_parents.choice[1].after"  # counted from 1
    assert info.value.line == _line_of(top, 'after = "direct"')
    assert "moet 'melding' of 'stap-1' … 'stap-6' zijn" in str(info.value)


def test_one_choice_only_is_refused(protocol_copy):
    top = protocol_copy / "protocol.toml"
    text = top.read_text(encoding="utf-8")
    start = text.index("[[informing_parents.choice]]\nid = \"na-stap-3\"")
    end = text.index("# --- Roles")
    top.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ProtocolError, match="minstens twee keuzes"):
        load_protocol(protocol_copy)


def test_the_old_severities_are_refused_with_what_to_do(protocol_copy):
    top = protocol_copy / "protocol.toml"
    top.write_text(top.read_text(encoding="utf-8") + '\n[[severity]]\nid = "licht"\nlabel = "Licht"\n'
                   'severe = false\n', encoding="utf-8")
    with pytest.raises(ProtocolError) as info:
        load_protocol(protocol_copy)
    assert "[informing_parents]" in str(info.value) and "na stap 1 of na stap 3" in str(info.value)


def test_the_old_severe_anchor_of_stap_6_is_refused_with_what_to_do(protocol_copy):
    _break(protocol_copy / "steps.toml", "follows_informing_choice = true", 'after_if_severe = "melding"')
    with pytest.raises(ProtocolError) as info:
        load_protocol(protocol_copy)
    assert info.value.file == "steps.toml" and "follows_informing_choice = true" in str(info.value)


def test_a_reporter_kind_needs_a_known_person(protocol_copy):
    _break(protocol_copy / "protocol.toml", 'person = "medewerker"', 'person = "docent"')
    with pytest.raises(ProtocolError) as info:
        load_protocol(protocol_copy)
    assert info.value.field == "reporter[4].person"  # the fourth kind, counted from 1
    assert "'gepeste', 'leerling', 'ouder', 'medewerker', 'anoniem'" in str(info.value)
