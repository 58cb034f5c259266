"""The one dialog: a framed box over the screen below, the keys in the footer.

Every modal dialog of pestcli subclasses :class:`Dialog`. The base gives the
chrome, so dialogs differ in content only: the box (``Vertical.dialog``,
styled once in ``pestcli.tcss`` under "dialogs": one width, one border, at
most the screen's height, so it fits 80×24), and the :class:`KeysFooter`
under it. A subclass writes :meth:`Dialog.compose_dialog` (its title, fields
and buttons) and its own keys; Escape always leaves the dialog without doing
anything, each dialog naming in its footer what that means there ("Terug",
"Annuleren", "Later", ...).

Class attributes a subclass may set:

- ``BOX_ID``: the id of the box (tests and a dialog's own CSS find it by it);
- ``BOX_CLASSES``: ``-wide`` for a dialog with a table or long lines (wider
  on a large terminal, the screen's width at 80 columns), ``-tall`` for one
  that takes the screen's height (its body scrolls, the buttons stay in
  view), ``-danger`` for one that erases (a red frame; its text says so too).
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen

from pestcli.widgets.keys_footer import KeysFooter

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal dialog: ``compose_dialog``'s content in the shared box, the footer below."""

    #: The box's id (None: no id).
    BOX_ID: ClassVar[str | None] = None
    #: Modifiers of the box: ``-wide``, ``-tall``, ``-danger`` (see the module's docstring).
    BOX_CLASSES: ClassVar[str] = ""

    def compose(self) -> ComposeResult:
        """The box with the dialog's content, and the keys footer."""
        with Vertical(id=self.BOX_ID, classes=f"dialog {self.BOX_CLASSES}".strip()):
            yield from self.compose_dialog()
        yield KeysFooter()

    def compose_dialog(self) -> ComposeResult:
        """The dialog's content: title, text or fields, buttons (subclasses)."""
        yield from ()
