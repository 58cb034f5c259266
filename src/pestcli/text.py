"""Text from the database or the keyboard, made safe to show: no control characters.

``plain(text)`` leaves out C0 and C1 control characters (ESC, NUL, BEL, ...)
and the bidi embedding/override/isolate controls, which could rewrite a
terminal or reorder what a mentor reads; tabs and newlines stay. Letters of
every script, emoji and right-to-left text stay as they are. Showing the
result literally (never as markup) is the caller's other half of the job:
``literal(text)`` gives a Rich ``Text`` (which Rich and Textual never parse as
markup) of the plain text, and ``plain_values(value)`` makes a whole read
model (dataclasses, lists, dicts) plain at once, before a renderer sees it.

This module is the one place that neutralises: the command line, the
writers (text, Markdown, dossier, iCalendar, PDF, JSON) and the app's widgets
call it on the way out, so whatever the database holds is shown as text.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """``text`` without control characters (tabs and newlines kept)."""
    return _CONTROLS.sub("", text)


def plain_line(text: str) -> str:
    """``text`` on one line: control characters left out, tabs and newlines as spaces."""
    return " ".join(plain(text).split())


def literal(text: str, style: str = ""):
    """A Rich ``Text`` of ``plain(text)``: shown as it is, never parsed as markup.

    Textual's ``Static``, ``Label``, ``OptionList`` prompts and ``DataTable``
    cells take it as it is; Rich tables and consoles print it literally.
    """
    from rich.text import Text

    return Text(plain(text), style=style)


def plain_values(value: Any) -> Any:
    """``value`` with every string in it made ``plain``: dataclasses, lists, tuples and dicts walked.

    Frozen dataclasses are copied (``dataclasses.replace``); values of other
    types (dates, numbers, None) are returned as they are.
    """
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, list):
        return [plain_values(item) for item in value]
    if isinstance(value, tuple):
        items = [plain_values(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict):
        return {key: plain_values(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for field in dataclasses.fields(value):
            if not field.init:
                continue
            old = getattr(value, field.name)
            new = plain_values(old)
            if new is not old and new != old:
                changed[field.name] = new
        return dataclasses.replace(value, **changed) if changed else value
    return value


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
