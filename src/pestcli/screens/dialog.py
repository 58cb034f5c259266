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

Saving: ``save_in_background`` (``screens.background_save``) runs a use case
in a worker thread; a dialog says "Bezig met opslaan…" on its box's frame
meanwhile, and its own keys and closing wait until it is done.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Vertical
from textual.screen import ModalScreen

from pestcli.screens.background_save import BUSY, BackgroundSave
from pestcli.widgets.keys_footer import KeysFooter

__all__ = ["BUSY", "Dialog"]  # BUSY re-exported: the dialogs and their tests name it here

T = TypeVar("T")


class Dialog(BackgroundSave, ModalScreen[T]):
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

    def show_busy(self, busy: bool) -> None:
        """Say on the box's frame that a save runs (text, not colour), or stop saying it."""
        for box in self.query(".dialog"):
            box.border_subtitle = BUSY if busy else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a save runs, the dialog's keys wait (the footer shows them dimmed).

        A dialog with its own ``check_action`` asks this one first.
        """
        if self.saving and action in self._own_actions():
            return None
        return super().check_action(action, parameters)

    def _own_actions(self) -> set[str]:
        """The actions of the dialog's own keys (not its widgets' nor the app's)."""
        return {binding.action.split("(", 1)[0]  # "answer(True)" is checked as "answer"
                for bindings in self._bindings.key_to_bindings.values() for binding in bindings}

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        """Close the dialog, except while a save runs: a button or Enter then only says to wait.

        The save's own ``done`` closes it once the use case has returned.
        """
        if self.saving:
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return AwaitComplete.nothing()
        return super().dismiss(result)
