"""The no-blame language hint: find words the protocol asks the mentor to avoid.

Bijlage 3 asks to stay specific ("vermijdt woorden als altijd, vaak en
meestal") and never to label the person ("Zeg nooit: je bent heel gemeen").
The word list lives in the protocol data (language.toml). A hint only: the
caller marks the words, it never blocks what the mentor writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pestcli.protocol.model import LanguageHint


@dataclass(frozen=True)
class HintMatch:
    """One place in a text where a hint applies."""

    start: int
    end: int
    word: str
    hint: LanguageHint


@lru_cache(maxsize=8)
def _compiled(hints: tuple[LanguageHint, ...]) -> tuple[tuple[re.Pattern[str], LanguageHint], ...]:
    """Whole-word, case-insensitive patterns; longer phrases first so they win."""
    ordered = sorted(hints, key=lambda h: len(h.pattern), reverse=True)
    return tuple(
        (re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, h.pattern.split())) + r"(?!\w)", re.IGNORECASE), h)
        for h in ordered
    )


def find_hints(text: str, hints: Sequence[LanguageHint]) -> list[HintMatch]:
    """Every non-overlapping match of the hint words in ``text``, in reading order."""
    taken: list[HintMatch] = []
    for pattern, hint in _compiled(tuple(hints)):
        for match in pattern.finditer(text):
            if any(match.start() < m.end and m.start < match.end() for m in taken):
                continue
            taken.append(HintMatch(match.start(), match.end(), match.group(0), hint))
    return sorted(taken, key=lambda m: m.start)
