"""The check behind the "Dutch only" tests: English words and internal codes a mentor must not see.

Issue 13: "esc Dismiss menu", "Copy selected text", "Focus Next", audit
lines with "done", "kept", "punt b1.afspraken.19" and "gebroken-escalatie",
SQLite's "database disk image is malformed". :func:`english_in` finds such
words in any text shown to a mentor (a screen, a dialog, a command's
output), as whole words, case-insensitively; :func:`codes_in` finds the
app's internal ids.

The list holds English words that are not also Dutch words: "open",
"filter", "status", "online", "app", "week", "demo", "agenda", "help",
"menu"... are Dutch too and are not in it; key names ("esc", "enter",
"tab", "shift", "ctrl") are the keys' own names and are not in it either.
"""

from __future__ import annotations

import re

#: English words a Dutch mentor should never read in pestcli.
ENGLISH = frozenset("""
    dismiss copy focus next previous quit cancel save close closed search loading error errors warning
    done kept broken skipped true false none null select selected toggle submit delete remove back
    settings command commands palette theme light dark show hide press key keys
    yes the and with you your this that not from for found match matches nothing empty
    failed success unknown invalid missing required expected choose choice
    new add edit more less all file files folder path name date time today tomorrow yesterday
    monday tuesday wednesday thursday friday saturday sunday
    january february march may june july august october
    step steps case cases report reports pupil pupils parent parents agreement agreements
    conversation conversations evidence followup follow-up summary note notes guide item items role
    owner held planned overdue due untitled disk image malformed corrupt locked
""".split())

#: The app's internal ids, as they must never be shown (a guide item, a guide, a kind of evidence,
#: a stored outcome, an informing choice, a step anchor).
CODES = (
    re.compile(r"\bb\d\.[a-z0-9-]+\.[a-z0-9-]+"),
    re.compile(r"\bbijlage-\d\b"),
    re.compile(r"\bbewijs\.[a-z]"),
    re.compile(r"\b(?:gebroken|niet)-(?:kans|escalatie|sanctie|einde|goed)\b"),
    re.compile(r"\bna-stap-\d\b"),
    re.compile(r"\bstap-\d\b"),
    re.compile(r"\bcancelled_by_close\b|\bparents_informed_after\b|\bfollowup_id\b"),
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
#: Addresses are names, not words: a URL, a web or e-mail address.
_ADDRESS = re.compile(r"\S+://\S+|\bwww\.\S+|\S+@\S+\.\S+")


def english_in(text: str) -> list[str]:
    """The English words (see ``ENGLISH``) in ``text``, in order, each with the line it stands in."""
    found = []
    for line in text.splitlines():
        for word in _WORD.findall(_ADDRESS.sub(" ", line)):
            if word.casefold() in ENGLISH:
                found.append(f"{word!r} in: {line.strip()}")
    return found


def codes_in(text: str) -> list[str]:
    """The internal ids (see ``CODES``) in ``text``, each with the line it stands in."""
    found = []
    for line in text.splitlines():
        for pattern in CODES:
            for match in pattern.finditer(line):
                found.append(f"{match.group(0)!r} in: {line.strip()}")
    return found


def not_dutch(text: str) -> list[str]:
    """Everything in ``text`` that a Dutch mentor should not read: English words and internal ids."""
    return english_in(text) + codes_in(text)
