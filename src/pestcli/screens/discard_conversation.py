"""Throwing away an empty interrupted conversation (a guide opened by mistake).

On the case screen, x asks "Leeg onderbroken gesprek ... weggooien?" (j = ja,
n or Escape = nee) and then calls ``services.conversations.discard_conversation``
(one transaction with its audit record) in the background: the dialog says
"Bezig met opslaan…" and waits until it is stored, then closes. A conversation with anything in it (a
point ticked or skipped, a note, an agreement) is refused with a Dutch
message: that one is resumed with h and ended.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Button

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.screens.confirm import Confirm
from pestcli.screens.dialog import BUSY
from pestcli.services.errors import StoreError
from pestcli.services.reads import CaseDetail, ConversationDetail

#: Said when x is pressed on an interrupted conversation that holds something.
NOT_EMPTY = ("Dit onderbroken gesprek is niet leeg (er zijn punten, notities of afspraken vastgelegd); "
             "het blijft bewaard. Hervat het met h en rond het af.")


def is_empty(detail: CaseDetail, talk: ConversationDetail) -> bool:
    """Whether ``talk`` holds nothing: no point ticked or skipped, no notes, no agreement made in it."""
    row = talk.conversation
    if row.notes.strip() or any(item.state != "open" or item.note.strip() for item in talk.items.values()):
        return False
    return not any(view.agreement.conversation_id == row.id for view in detail.agreements)


class ConfirmDiscard(Confirm):
    """Asks once more before an empty interrupted conversation is thrown away."""

    YES = "Ja, weggooien"
    BINDINGS = [
        Binding("j", "answer(True)", "Ja, weggooien", id="discard_yes"),
        Binding("n", "answer(False)", "Nee", id="discard_no"),
        Binding("escape", "answer(False)", "Terug", id="discard_back"),
    ]

    def __init__(self, question: str, discard: Callable[[], object] | None = None) -> None:
        super().__init__(question)
        #: The use case run for "ja" before the dialog closes (``Dialog.save_in_background``).
        self.discard = discard

    def action_answer(self, yes: bool) -> None:
        """No closes at once; yes throws the conversation away first (in the background), then closes.

        Refused (said in Dutch by the dialog): the dialog closes as if no, the conversation stays.
        """
        if self.saving:  # j, n, Escape or a button while it is being thrown away: wait
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        if not yes or self.discard is None:
            self.dismiss(yes)
            return

        def done(_result: object) -> None:
            self.dismiss(True)

        def failed(_error: StoreError) -> None:
            self.dismiss(False)

        self.save_in_background(self.discard, done, failed=failed)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons answer as the keys do."""
        event.stop()
        self.action_answer(event.button.id == "yes")


def ask_to_discard(screen: Screen, detail: CaseDetail | None, guide_name: str, reload: Callable[[], None]) -> None:
    """From the case screen: refuse, or ask and then throw the empty interrupted conversation away.

    ``detail`` is the case as the screen shows it; ``reload`` reads it again once the conversation is gone.
    """
    talk = detail.unfinished_conversation if detail is not None else None
    if detail is None or talk is None:
        screen.notify("Er is geen onderbroken gesprek.")
        return
    if not is_empty(detail, talk):
        screen.notify(NOT_EMPTY, severity="warning", markup=False)
        return
    row = talk.conversation
    question = (f"Leeg onderbroken gesprek weggooien? {guide_name}, gestart "
                f"{format_date(row.started_at.date())} {row.started_at:%H:%M}. Er is niets in vastgelegd.")

    conversation_id = row.id
    if conversation_id is None:  # not reached: a conversation read from the file has its id
        return
    store = pest_app(screen).store

    def discard() -> None:
        from pestcli.services import conversations

        conversations.discard_conversation(store, conversation_id)

    def answered(yes: bool | None) -> None:
        if yes:  # stored: the dialog waited for the use case
            screen.notify(f"Weggegooid: het lege gesprek ({guide_name}).", markup=False)
            reload()

    screen.app.push_screen(ConfirmDiscard(question, discard), answered)
