"""Textual's Select with Dutch key descriptions.

Textual's Select opens a list (``SelectOverlay``) whose Escape key the
footer shows as "esc Dismiss menu"; ``DutchSelect`` is the same widget whose
open list says "esc Lijst sluiten", and whose keys are named in Dutch too.
Every Select of pestcli is a ``DutchSelect``; its options (pupils' names)
are shown as text, never as markup, and without control characters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay, SelectType

from pestcli.text import literal, plain

#: What the footer shows for Escape while the list of a Select is open.
CLOSE_LIST = "Lijst sluiten"


def literal_options(options: Iterable[tuple[Any, SelectType]]) -> list[tuple[Any, SelectType]]:
    """The options with every prompt as literal text: a str or Content never read as markup."""
    from rich.text import Text
    from textual.content import Content

    shown: list[tuple[Any, SelectType]] = []
    for prompt, value in options:
        if isinstance(prompt, str):
            prompt = literal(prompt)
        elif isinstance(prompt, Content):
            prompt = Content(plain(prompt.plain))
        elif isinstance(prompt, Text):
            prompt = Text(plain(prompt.plain), style=prompt.style)
        shown.append((prompt, value))
    return shown


class DutchSelectOverlay(SelectOverlay):
    """The open list of a Select, with a Dutch Escape key."""

    BINDINGS = [Binding("escape", "dismiss", CLOSE_LIST, id="select_close")]


class DutchSelect(Select[SelectType]):
    """A Select whose keys and open list speak Dutch."""

    BINDINGS = [Binding("enter,down,space,up", "show_overlay", "Lijst openen", show=False, id="select_open")]

    def __init__(self, options: Iterable[tuple[Any, SelectType]], **kwargs: Any) -> None:
        """Textual's Select with ``options`` shown as literal text (see :func:`literal_options`)."""
        super().__init__(literal_options(options), **kwargs)

    def set_options(self, options: Iterable[tuple[Any, SelectType]]) -> None:
        """Replace the options (each prompt shown as literal text)."""
        super().set_options(literal_options(options))

    def compose(self) -> ComposeResult:
        """The current value and the (Dutch) list, as Textual's Select composes them."""
        yield SelectCurrent(self.prompt)
        yield DutchSelectOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
