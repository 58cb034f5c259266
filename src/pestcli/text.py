"""Text from the database or the keyboard, made safe to show: no control characters.

``plain(text)`` leaves out C0 and C1 control characters (ESC, NUL, BEL, ...)
and the bidi embedding/override/isolate controls, which could rewrite a
terminal or reorder what a mentor reads; tabs and newlines stay. Letters of
every script, emoji and right-to-left text stay as they are. Showing the
result literally (never as markup) is the caller's other half of the job.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """``text`` without control characters (tabs and newlines kept)."""
    return _CONTROLS.sub("", text)


def shorten(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells: cut at a word boundary and ended with "…".

    A text that fits is returned whole; one word longer than ``width`` is cut
    inside the word (there is no boundary to cut at). Never returns more than
    ``width`` cells; an empty string when ``width`` < 1.
    """
    from rich.cells import cell_len, set_cell_size

    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    if width < 1:
        return ""
    room = width - 1  # the "…"
    words = text.split(" ")
    kept = ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if cell_len(candidate) > room:
            break
        kept = candidate
    if not kept:
        kept = set_cell_size(words[0], room).rstrip()
    return kept.rstrip(" ,;:·—-(") + "…"
