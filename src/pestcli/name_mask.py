"""Replacing people's names in free text, in one pass of one compiled pattern.

A school's database knows thousands of pupils; a text is scanned once by a
pattern built as a trie of every name (so the engine follows shared
prefixes instead of trying thousands of alternatives at each position), and
where names overlap the longest wins ("Sanne de Vries" before "Sanne").

What the mask never touches: a token that is part of a username
(``@sanne.de.loser``), a URL (``https://…``, ``www.…``, anything with
``://``) or an e-mail address: rewriting inside them makes evidence
unreadable and proves nothing. A replacement that starts a sentence starts
with a capital ("De gepeste (S.d.V.) zei …").

Pure standard library: the dossier text (``report/dossier.py``) uses it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping

#: A whole whitespace-separated token that must stay as it is: anything with
#: ``@`` or ``://`` in it, or that starts (after opening quotes or brackets)
#: with ``http:``, ``https:`` or ``www.``.
PROTECTED = r"(?<!\S)(?:\S*?(?:@|://)\S*|[(\[{<\"'“‘«]*(?:https?:|www\.)\S*)"

#: Characters between a sentence end and its first word that may stand before a name.
_OPENERS = "\"'“‘«([{<-–—"
#: What ends a sentence (a new line starts one too).
_ENDS = ".!?…\n"


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression that matches exactly ``words``, longest first, as a trie.

    ``["sem", "sem de jong", "sanne"]`` -> ``s(?:anne|em(?:\\ de\\ jong)?)``.
    An empty list gives a pattern that never matches.
    """
    root: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    if not root:
        return "(?!)"
    return _branch(root)


def _branch(node: dict[str, dict]) -> str:
    """The pattern of one trie node: its children as alternatives, optional when a word ends here."""
    ends_here = "" in node
    alternatives = [re.escape(char) + _branch(child) for char, child in sorted(node.items()) if char]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if ends_here:  # greedy: the longer name is tried first
        return f"(?:{body})?"
    return body


def starts_sentence(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` begins a sentence (or the text, or a line)."""
    index = at - 1
    while index >= 0 and (text[index] in _OPENERS or (text[index].isspace() and text[index] != "\n")):
        index -= 1
    return index < 0 or text[index] in _ENDS


def capitalised(text: str) -> str:
    """``text`` with its first letter in upper case."""
    return text[:1].upper() + text[1:]


class NameMask:
    """Replaces names (by their lower-case form) with a text of the caller's choosing.

    ``replacements`` maps a name in lower case to what it becomes (None: it
    stays as written, so a longer name is not cut up by a shorter one). Names in
    ``capitalised_only`` are replaced only where they are written with a
    capital ("Roos", not "roos"): for names that are also ordinary words.
    A name's replacement that starts a sentence gets a capital.
    """

    def __init__(self, replacements: Mapping[str, str | None], capitalised_only: Collection[str] = (),
                 unknown: str = "[naam]") -> None:
        self.replacements = {name.lower(): text for name, text in replacements.items() if name.strip()}
        self.capitalised_only = frozenset(name.lower() for name in capitalised_only)
        self.unknown = unknown
        names = sorted(self.replacements, key=len, reverse=True)
        self.pattern = re.compile(
            rf"(?P<keep>{PROTECTED})|(?<!\w)(?P<name>{trie_pattern(names)})(?!\w)", re.IGNORECASE,
        ) if names else None

    def __call__(self, text: str | None) -> str:
        """``text`` with every name replaced; usernames, URLs and e-mail addresses left alone."""
        if not text or self.pattern is None:
            return text or ""
        return self.pattern.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        found = match.group("name")
        if found is None:
            return match.group(0)  # a username, URL or e-mail address
        key = found.lower()
        if key in self.capitalised_only and not found[:1].isupper():
            return found
        new = self.replacements.get(key, self.unknown)
        if new is None:
            return found
        if starts_sentence(match.string, match.start()):
            return capitalised(new)
        return new
