"""The agenda: what is due, as rows for the screens, a Rich table and an iCalendar file.

Nothing here imports Textual, and the store reads behind it are plain SQL
(no SQLAlchemy or SQLModel), so ``pestcli agenda`` stays a quick command.
The names are imported lazily::

    from pestcli.agenda import AgendaRow, agenda_rows, AgendaCounts, counts
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public name -> module that defines it.
_EXPORTS = {
    "AgendaRow": "pestcli.agenda.rows",
    "agenda_rows": "pestcli.agenda.rows",
    "pupils_text": "pestcli.agenda.rows",
    "AgendaCounts": "pestcli.store.counts",
    "counts": "pestcli.store.counts",
}

__all__ = tuple(sorted(_EXPORTS))


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pestcli.agenda' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
