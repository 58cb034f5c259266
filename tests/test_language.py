"""The no-blame language hint finds the protocol's words, whole-word only."""

from __future__ import annotations

from pestcli.protocol.language import find_hints
from pestcli.protocol.model import LanguageHint

HINTS = (
    LanguageHint("altijd", "Specifiek blijven.", "generaliseren"),
    LanguageHint("vaak", "Specifiek blijven.", "generaliseren"),
    LanguageHint("je bent gemeen", "Zeg nooit: je bent heel gemeen.", "label"),
    LanguageHint("gemeen", "Label.", "label"),
    LanguageHint("schuld", "Zonder schuldvraag.", "label"),
)


def test_finds_words_case_insensitively_in_order():
    found = find_hints("Hij doet ALTIJD zo en vaak ook nog.", HINTS)
    assert [m.word for m in found] == ["ALTIJD", "vaak"]
    assert found[0].hint.kind == "generaliseren"


def test_whole_words_only():
    assert find_hints("schuldvraag en vaaknaam", HINTS) == []


def test_longer_phrase_wins_over_its_part():
    found = find_hints("Ik zei: je  bent gemeen.", HINTS)
    assert [m.word for m in found] == ["je  bent gemeen"]
    assert found[0].hint.kind == "label"


def test_shipped_hints_mark_the_protocol_examples(protocol):
    text = "Piet is de dader, het is zijn schuld; hij pest altijd en vaak, meestal in de pauze."
    words = {m.word.lower() for m in find_hints(text, protocol.language_hints)}
    # issue 12: "Piet is de dader" is now marked as a whole (a judgement about Piet)
    assert {"piet is de dader", "schuld", "altijd", "vaak", "meestal"} <= words
    assert [m.word for m in find_hints("dat was de dader", protocol.language_hints)] == ["dader"]
    assert all("bijlage" in m.hint.reason for m in find_hints(text, protocol.language_hints))


# --- judgements about a third person (issue 12) ------------------------------------
JUDGEMENTS = [
    "hij is gemeen",
    "Ze zijn gewoon gemeen.",
    "Daan is een pester",
    "Zij waren echt heel erg gemeen",
    "Hij is gemeen geweest tegen Sanne",
    "Émile is vals",
    "Sanne is het slachtoffer",
]
NOT_JUDGEMENTS = [
    "hij vond het gemeen",  # what the pupil felt
    "Ze zegt dat hij gemeen is",  # reported speech, not the mentor's label
    "Het is gemeen",  # about what happened
    "Dat was gemeen",
    "Pesten is gemeen",
    "hij is gemeen behandeld",  # what was done to him
    "Sanne zei: “hij is gemeen”",  # her own words, quoted literally
    "Daan is een leuke jongen",
    "Sanne is verdrietig",
    "Toen is hij weggelopen",
]


def _judgements(text: str, hints) -> list[str]:
    return [m.word for m in find_hints(text, hints) if m.hint.judgement is not None]


def test_shipped_judgements_catch_labels_of_a_third_person(protocol):
    for text in JUDGEMENTS:
        assert _judgements(text, protocol.language_hints), text
    assert _judgements("Volgens mij: Daan is gewoon een pestkop.", protocol.language_hints) == [
        "Daan is gewoon een pestkop"]


def test_shipped_judgements_leave_feelings_reports_and_quotes_alone(protocol):
    for text in NOT_JUDGEMENTS:
        assert _judgements(text, protocol.language_hints) == [], text


def test_a_judgement_says_to_write_the_behaviour_instead(protocol):
    (match,) = find_hints("Daan is een pester.", protocol.language_hints)
    assert match.hint.kind == "label"
    assert "Beschrijf wat er gebeurde" in match.hint.reason
    assert "(bijlage 3)" in match.hint.reason


def test_the_second_person_keeps_the_protocols_own_words(protocol):
    (match,) = find_hints("je bent heel gemeen", protocol.language_hints)
    assert match.hint.judgement is None and match.hint.reason.startswith("Zeg nooit: je bent heel gemeen.")


def test_a_judgement_and_a_word_hint_do_not_overlap(protocol):
    found = find_hints("Hij is altijd gemeen en pest vaak.", protocol.language_hints)
    assert [m.word for m in found] == ["Hij is altijd gemeen", "vaak"]


def test_a_schools_own_judgement_is_literal_words_only():
    from pestcli.protocol.model import Judgement

    hint = LanguageHint("x", "Gedrag.", "label",
                        Judgement(subjects=("hij",), verbs=("is",), fillers=(), labels=("a.b",), names=False))
    assert find_hints("hij is a.b", (hint,)) and not find_hints("hij is axb", (hint,))
    assert not find_hints("Daan is a.b", (hint,))  # names = false
