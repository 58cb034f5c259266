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
    assert {"dader", "schuld", "altijd", "vaak", "meestal"} <= words
    assert all("bijlage" in m.hint.reason for m in find_hints(text, protocol.language_hints))
