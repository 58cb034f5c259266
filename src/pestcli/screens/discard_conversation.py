"""Throwing away an empty interrupted conversation (a guide opened by mistake).

On the case screen, x asks "Leeg onderbroken gesprek ... weggooien?" (j = ja,
n or Escape = nee) and then calls ``store.discard_empty_conversation`` (one
transaction with its audit record). A conversation with anything in it (a
point ticked or skipped, a note, an agreement) is refused with a Dutch
message: that one is resumed with h and ended.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.screen import Screen

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.screens.confirm import Confirm
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

    def answered(yes: bool | None) -> None:
        if yes and row.id is not None:  # a conversation read from the file has its id
            _discard(screen, row.id, guide_name, reload)

    screen.app.push_screen(ConfirmDiscard(question), answered)


def _discard(screen: Screen, conversation_id: int, guide_name: str, reload: Callable[[], None]) -> None:
    """``services.conversations.discard_conversation``; tell it once it is stored and read the case again."""
    from pestcli.services.conversations import discard_conversation
    from pestcli.services.errors import StoreError

    try:
        discard_conversation(pest_app(screen).store, conversation_id)
    except StoreError as exc:
        screen.notify(str(exc), severity="error", markup=False)
        return
    screen.notify(f"Weggegooid: het lege gesprek ({guide_name}).", markup=False)
    reload()
