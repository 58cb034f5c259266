"""The letters in the guides' texts (x, X, A, y, z) replaced by the case's own names.

The document writes its example sentences with letters: in bijlage 4 (the
conversation with the pester) "waarbij x (en y en z) betrokken is", "Vragen
naar X’s kant van het verhaal", "Ik weet alleen dat A zich erg onprettig heeft
gevonden"; in bijlage 5 (the pester's parents) "U kunt zich niet voorstellen
dat X zoiets doet". So x and X are the pester, y and z the others involved on
that side (a second pester, the meelopers), and A is the pupil who is bullied.

In a live conversation the mentor reads the case's first names instead. A
letter the case has no person for stays a letter. Pure: text in, text out; the
caller shows the result literally (a name is never markup).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

#: The letters the guides use, and what each stands for.
LETTERS = {
    "x": "de pester",
    "X": "de pester",
    "y": "een tweede betrokkene (pester of meeloper)",
    "z": "een derde betrokkene (pester of meeloper)",
    "A": "de gepeste",
}

#: A letter on its own: not part of a word, not a letter in "<gedrag>" or "A4".
_LETTER = re.compile(r"(?<![\w<>/’'-])([xXyzA])(?![\w>/-])")


def placeholder_names(
    victims: Sequence[str], bullies: Sequence[str], followers: Sequence[str] = ()
) -> dict[str, str]:
    """The name for each letter: x/X the first pester, y and z the next ones, A the first gepeste.

    ``bullies`` and ``followers`` (meelopers) are in the order the case lists
    them; the side of the pester fills x, y and z in that order. Empty names
    are skipped; a letter with no person is left out of the result.
    """
    side = [n for n in (*bullies, *followers) if n]
    names: dict[str, str] = {}
    for letters, name in zip((("x", "X"), ("y",), ("z",)), side):
        for letter in letters:
            names[letter] = name
    victim = next((n for n in victims if n), None)
    if victim is not None:
        names["A"] = victim
    return names


def fill_placeholders(text: str, names: Mapping[str, str]) -> str:
    """``text`` with each known letter replaced by its name; unknown letters stay as they are."""
    if not names:
        return text
    return _LETTER.sub(lambda m: names.get(m.group(1), m.group(1)), text)
