"""A hostile corpus: text a tester (or a pupil's chat line) could put in any field.

Rich and Textual markup, terminal escape sequences, NUL, bidi controls, a
20,000-character note, SQL-looking strings, emoji and right-to-left text.
``poison(path)`` writes the corpus into every free-text column of a (demo)
database file, so every screen and command that reads it meets it.
Imported by name (``from hostile_corpus import ...``) by the hostile tests.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

#: Markup that Rich or Textual would interpret (or crash on) if text were markup.
MARKUP = [
    "[/]",
    "x[/]",
    "2B [/]",
    "2B [havo]",
    "[link=https://example.com]Klik[/link]",
    "[bold red]Rood[/bold red]",
    "[@click=app.quit]Stop[/]",
    "[on red]",
    "$accent [b]vet",
    "\\[niet]",
]
#: Terminal control: clear screen, retitle, colours, NUL, BEL, C1, bidi overrides.
CONTROLS = [
    "Jansen\x1b[2J\x1b]0;PWNED\x07",
    "Nul\x00teken",
    "\x1b[31mRood\x1b[0m",
    "C1\x9bteken\x85",
    "Bidi\u202eesrever\u202c en \u2067isolaat\u2069",
    "Back\bspace\rterug",
]
#: Text that must be kept exactly: emoji, right-to-left script, accents.
KEPT = [
    "Zoë 😀 van den Berg",
    "سارة",  # Arabic, right to left
    "שלום",  # Hebrew
    "Anaïs Çelik-Ødegård",
]
#: Strings that look like SQL or format strings.
SQL_LIKE = [
    "Robert'); DROP TABLE people;--",
    "' OR 1=1 --",
    "%s %d {0} {name}",
]
#: A very long note (20,000 characters), with markup inside.
LONG = ("Lange notitie [b]met[/b] haakjes. " * 700)[:20_000]

#: The whole corpus, in one list.
CORPUS = MARKUP + CONTROLS + KEPT + SQL_LIKE + [LONG]

#: Any control character that must never reach a terminal or a file (tab and newline allowed).
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: The surname of the first demo pupil after ``poison``: escape sequences, markup and a closing tag.
HOSTILE_SURNAME = "Jansen\x1b[2J\x1b]0;PWNED\x07 [/]"
#: The first name of the first demo pupil after ``poison``: a Rich link.
HOSTILE_FIRST = "[link=https://example.com]Klik[/link]"
#: The class of every pupil and case after ``poison``.
HOSTILE_CLASS = "2B [/]"

#: Free-text columns per table (never codes such as status, role or kind).
FREE_TEXT = {
    "people": ["first_name", "last_name", "class_name", "phone", "email"],
    "cases": ["class_name", "location", "description", "mentor", "keep_reason", "monitoring_end_reason",
              "reporter_name", "reporter_relation", "informing_reason"],
    "case_roles": ["note"],
    "conversations": ["held_by", "notes"],
    "conversation_items": ["note"],
    "agreements": ["text"],
    "followups": ["note", "done_by", "moved_reason"],
    "agreement_checks": ["note"],
    "evidence": ["platform", "url", "username", "description", "recorded_by"],
    "escalations": ["reason", "escalated_by"],
    "parent_contacts": ["summary", "held_by"],
    "class_conversations": ["held_by", "notes"],
    "class_agreements": ["text"],
    "class_agreement_checks": ["note"],
    "class_conversation_items": ["note"],
}


def literal(text: str) -> str:
    """What a reader should see of ``text``: the same without control characters."""
    return FORBIDDEN.sub("", text)


def poison(path: Path) -> None:
    """Overwrite every free-text value of the (unencrypted) database at ``path`` with the corpus.

    Row ``n`` of a table gets corpus entry ``n`` (cycling), each column shifted
    by one so one row holds several kinds; person 1 gets ``HOSTILE_FIRST`` +
    ``HOSTILE_SURNAME``, every class becomes ``HOSTILE_CLASS``. Names keep a
    readable part so search by name still works.
    """
    connection = sqlite3.connect(path)
    try:
        for table, columns in FREE_TEXT.items():
            ids = [row[0] for row in connection.execute(f"SELECT id FROM {table} ORDER BY id")]  # noqa: S608
            for n, row_id in enumerate(ids):
                for k, column in enumerate(columns):
                    value = CORPUS[(n + k) % len(CORPUS)]
                    if column in ("first_name", "last_name"):
                        value = f"{value[:40]} Naam{row_id}"
                    if column == "class_name":
                        value = HOSTILE_CLASS
                    connection.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?",  # noqa: S608
                                       (value, row_id))
        connection.execute("UPDATE people SET first_name = ?, last_name = ? WHERE id = 1",
                           (HOSTILE_FIRST, HOSTILE_SURNAME))
        connection.commit()
    finally:
        connection.close()
