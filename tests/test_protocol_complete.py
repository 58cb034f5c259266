"""The protocol data is complete: every list item of the document is in data/.

The document itself (tests/fixtures/anti-pestprotocol-2.3.txt, the text the
data was transcribed from) is read here, its bullets and numbered items are
collected for sections 3 and 4, stap 1 and bijlage 1-7, and each one must
stand in some item (text, guidance, or text followed by its guidance) of
the loaded protocol.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import pytest

SOURCE = Path(__file__).parent / "fixtures" / "anti-pestprotocol-2.3.txt"

# (first line of the range, exclusive end marker) for the lists that must be complete.
RANGES = {
    "sectie 3 en 4": (" 3. Signalen van pesten", " 5. De leerlingen"),
    "stap 1": ("Stap 1 ", "Stap 2 "),
    "bijlagen": (" Bijlage 1: ", None),
}
# Bullets anywhere; numbered items start the line (indented numbers are headings).
BULLET = re.compile(r"^(?:\s*•|\d{1,2}\.)\s+(.*\S)")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[‘’´`'\"“”<>()…]", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def document_items() -> list[tuple[str, str]]:
    """(range name, bullet text) for every list item in the ranges above."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    found = []
    for name, (start, end) in RANGES.items():
        begin = next(i for i, line in enumerate(lines) if line.startswith(start))
        stop = next((i for i in range(begin + 1, len(lines)) if end and lines[i].startswith(end)), len(lines))
        for line in lines[begin:stop]:
            match = BULLET.match(line)
            if not match:
                continue
            text = match.group(1)
            if set(text) <= set(".… "):  # the class's own blank agreements in bijlage 1
                continue
            found.append((name, text))
    return found


def protocol_texts(protocol) -> list[str]:
    """Every item text and guidance line in the loaded protocol, normalised."""
    texts = []

    def add(items):
        for item in items:
            texts.append(_norm(item.text))
            texts.extend(_norm(g) for g in item.guidance)
            # A label with its instruction as guidance: "Schermafdruk" + "Via print screen of maak een foto."
            texts.append(_norm(" ".join((item.text, *item.guidance))))

    for step in protocol.steps:
        add(step.evidence)
    add(protocol.tussenstappen)
    for guide in protocol.guides:
        for part in guide.parts:
            add(part.items)
            texts.extend(_norm(t) for t in part.text)
    for group in protocol.forms:
        add(group.items)
    for section in protocol.reading:
        for sub in section.walk():
            add(sub.items)
            texts.extend(_norm(t) for t in sub.text)
    return texts


def test_the_document_has_the_lists_we_expect():
    items = document_items()
    assert len(items) > 200


@pytest.mark.parametrize("where,bullet", document_items())
def test_every_list_item_of_the_document_is_in_the_data(protocol, where, bullet):
    wanted = _norm(bullet)[:60]
    texts = protocol_texts(protocol)
    if any(wanted in t for t in texts):
        return
    # Obvious typos are fixed in the data: accept a near-identical text.
    best = max(difflib.SequenceMatcher(None, wanted, t[: len(wanted)]).ratio() for t in texts)
    assert best >= 0.9, f"{where}: '{bullet}' staat niet in de protocoldata"
