"""The no-blame language hint: find words the protocol asks the mentor to avoid.

Bijlage 3 asks to stay specific ("vermijdt woorden als altijd, vaak en
meestal") and never to label the person ("Zeg nooit: je bent heel gemeen").
The word list lives in the protocol data (language.toml). A hint only: the
caller marks the words, it never blocks what the mentor writes.

Besides single words, a judgement (``[[judgement]]`` in language.toml) finds a
sentence that labels a third person: "hij is gemeen", "ze zijn gewoon gemeen",
"Daan is een pester". Only the main-clause form counts ("dat hij gemeen is"
reports what someone said), and never inside quotation marks: a pupil's own
words, written down literally as the protocol asks, are not the mentor's label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pestcli.protocol.model import Judgement, LanguageHint

#: Quoted words (“…”, "…", ‘…’): what a pupil said, written down literally.
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
#: At most this many filler words between the verb and the label ("is gewoon echt een pester").
MAX_FILLERS = 3
#: After the label, a participle makes it a description of what was done to someone
#: ("hij is gemeen behandeld"); "geweest" does not ("hij is gemeen geweest").
_PARTICIPLE = r"(?!\s+(?!geweest(?!\w))(?:ge|be|ver|ont|her)\w+[dt](?!\w))"


@dataclass(frozen=True)
class HintMatch:
    """One place in a text where a hint applies."""

    start: int
    end: int
    word: str
    hint: LanguageHint


def _words(words: Sequence[str]) -> str:
    """Alternatives of literal words or phrases, longest first, any case."""
    ordered = sorted(words, key=len, reverse=True)
    return "(?i:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered) + ")"


def judgement_pattern(judgement: Judgement) -> re.Pattern[str]:
    """The sentence ``subject verb [fillers] label`` as one pattern (names need a capital)."""
    subjects = [_words(judgement.subjects)] if judgement.subjects else []
    if judgement.names:
        # a capitalised word: a name, unless it is a word such as "Het" or "Dat"
        not_names = "|".join(map(re.escape, judgement.not_names)) or "(?!)"
        subjects.append(rf"(?!(?i:{not_names})(?!\w))[A-ZÀ-ÖØ-Þ][^\W\d_]*")
    subject = "(?:" + "|".join(subjects) + ")"
    fillers = rf"(?:\s+{_words(judgement.fillers)}){{0,{MAX_FILLERS}}}" if judgement.fillers else ""
    return re.compile(rf"(?<!\w){subject}\s+{_words(judgement.verbs)}{fillers}\s+{_words(judgement.labels)}"
                      rf"(?!\w){_PARTICIPLE}")


@lru_cache(maxsize=8)
def _compiled(hints: tuple[LanguageHint, ...]) -> tuple[tuple[re.Pattern[str], LanguageHint], ...]:
    """The judgements first, then whole-word, case-insensitive words; longer phrases before their parts."""
    judgements = tuple((judgement_pattern(h.judgement), h) for h in hints if h.judgement is not None)
    ordered = sorted((h for h in hints if h.judgement is None), key=lambda h: len(h.pattern), reverse=True)
    return judgements + tuple(
        (re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, h.pattern.split())) + r"(?!\w)", re.IGNORECASE), h)
        for h in ordered
    )


def find_hints(text: str, hints: Sequence[LanguageHint]) -> list[HintMatch]:
    """Every non-overlapping match of the hints in ``text``, in reading order.

    A judgement is not looked for inside quotation marks (a pupil's own words).
    """
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    taken: list[HintMatch] = []
    for pattern, hint in _compiled(tuple(hints)):
        for match in pattern.finditer(text):
            if any(match.start() < m.end and m.start < match.end() for m in taken):
                continue
            if hint.judgement is not None and any(a <= match.start() < b for a, b in quoted):
                continue
            taken.append(HintMatch(match.start(), match.end(), match.group(0), hint))
    return sorted(taken, key=lambda m: m.start)
