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
