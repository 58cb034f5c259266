"""Textual's Select with Dutch key descriptions.

Textual's Select opens a list (``SelectOverlay``) whose Escape key the
footer shows as "esc Dismiss menu"; ``DutchSelect`` is the same widget whose
open list says "esc Lijst sluiten", and whose keys are named in Dutch too.
Every Select of pestcli is a ``DutchSelect``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay, SelectType

#: What the footer shows for Escape while the list of a Select is open.
CLOSE_LIST = "Lijst sluiten"


class DutchSelectOverlay(SelectOverlay):
    """The open list of a Select, with a Dutch Escape key."""

    BINDINGS = [Binding("escape", "dismiss", CLOSE_LIST, id="select_close")]


class DutchSelect(Select[SelectType]):
    """A Select whose keys and open list speak Dutch."""

    BINDINGS = [Binding("enter,down,space,up", "show_overlay", "Lijst openen", show=False, id="select_open")]

    def compose(self) -> ComposeResult:
        """The current value and the (Dutch) list, as Textual's Select composes them."""
        yield SelectCurrent(self.prompt)
        yield DutchSelectOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
