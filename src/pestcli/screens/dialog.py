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

Saving: :meth:`Dialog.save_in_background` runs a use case in a worker thread
(a server may be a slow round trip away; the screen never freezes), says
"Bezig met opslaan…" on the box's frame meanwhile, refuses a second save and
Escape until it is done, and then calls back on the main thread: with the
result, or with the Dutch StoreError (the dialog and its typed text stay).
Nothing says "Opgeslagen" before the use case has returned, i.e. committed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Vertical
from textual.screen import ModalScreen

from pestcli.services.errors import StoreError
from pestcli.widgets.keys_footer import KeysFooter

T = TypeVar("T")
R = TypeVar("R")

#: What the box's frame says while a save runs.
BUSY = "Bezig met opslaan…"


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

    #: Whether a save runs in the background now (see ``save_in_background``).
    saving: bool = False

    def save_in_background(self, call: Callable[[], R], done: Callable[[R], None],
                           failed: Callable[[StoreError], None] | None = None) -> None:
        """Run ``call`` (a use case) in a worker thread; then ``done(result)`` or ``failed(error)`` here.

        Meanwhile the box's frame says "Bezig met opslaan…" and a second
        save or Escape only says to wait. A StoreError is shown in Dutch
        (and passed to ``failed``); any other exception is raised on the main
        thread, as if the call had run there.
        """
        if self.saving:
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self.saving = True
        self._set_busy(True)
        self._save_worker(call, done, failed)

    @work(thread=True, group="dialog-save")
    def _save_worker(self, call: Callable[[], Any], done: Callable[[Any], None],
                     failed: Callable[[StoreError], None] | None) -> None:
        """The worker of ``save_in_background``: the call here, the outcome on the main thread."""
        try:
            result = call()
        except StoreError as exc:
            self.app.call_from_thread(self._save_failed, exc, failed)
            return
        except Exception as exc:  # noqa: BLE001 - a bug: raised on the main thread, as before
            self.app.call_from_thread(self._save_crashed, exc)
            return
        self.app.call_from_thread(self._save_done, result, done)

    def _set_busy(self, busy: bool) -> None:
        """Say on the box's frame that a save runs (text, not colour), or stop saying it."""
        self.saving = busy
        for box in self.query(".dialog"):
            box.border_subtitle = BUSY if busy else ""

    def _save_done(self, result: Any, done: Callable[[Any], None]) -> None:
        self._set_busy(False)
        done(result)

    def _save_failed(self, error: StoreError, failed: Callable[[StoreError], None] | None) -> None:
        self._set_busy(False)
        self.notify(str(error), severity="error", markup=False)
        if failed is not None:
            failed(error)

    def _save_crashed(self, error: Exception) -> None:
        self._set_busy(False)
        raise error

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
