"""Start what an agenda row says is due: the follow-up, the conversation, the parents.

The screens decide what opens: the home screen when its "Vandaag" list
(``widgets.due_list``) asks (``DueList.StartRequested``, ``DueList.MoveRequested``,
handled by :class:`DueListHost`), and the agenda screen for its own rows, so
the ``g`` and ``v`` keys do the same everywhere. The screens this opens are
imported when they are first opened, not when the home screen loads (it
paints before the ORM is loaded).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from pestcli.services.errors import StoreError
from pestcli.widgets.due_list import DueList

if TYPE_CHECKING:
    from textual.app import App

    from pestcli.agenda import AgendaRow
    from pestcli.app_access import PestContext
    from pestcli.screens.guide_picker import ConversationChoice


def _pest(app: App) -> PestContext:
    """``app`` (pestcli's app, given here as the app itself) typed as PestContext, as ``pest_app`` does for a node."""
    return cast("PestContext", app)


def start_due_item(app: App, row: AgendaRow, done: Callable[[Any], None] | None = None) -> None:
    """Start what ``row`` says is due; ``done`` is called when the dialog it opens closes.

    A follow-up opens the FollowUpDialog; the parents (a planned contact, or
    stap 6) the parent contact dialog; a step with a conversation guide its
    conversation (resuming an unfinished one of that step, or choosing when
    the step has two guides); anything else opens the case.
    """
    if row.kind == "vervolg":
        from pestcli.screens.followup_dialog import FollowUpDialog

        app.push_screen(FollowUpDialog(row.ref_id), done)
        return
    if row.kind == "ouders" or row.step == 6:
        from pestcli.screens.parent_contact_dialog import ParentContactDialog

        app.push_screen(ParentContactDialog(row.case_id), done)
        return
    pest = _pest(app)
    guides = pest.protocol.step(row.step).guides if row.step else ()
    if not guides:
        pest.open_case(row.case_id)
        return
    _start_conversation(app, row, guides)


def move_due_followup(app: App, followup_id: int, done: Callable[[Any], None] | None = None) -> None:
    """Ask for another day (and the reason) for follow-up ``followup_id``; ``done`` when the dialog closes."""
    from pestcli.screens.move_followup_dialog import MoveFollowupDialog

    app.push_screen(MoveFollowupDialog(followup_id), done)


def _start_conversation(app: App, row: AgendaRow, guides: tuple[str, ...]) -> None:
    """Resume the step's unfinished conversation, or start one of its guides."""
    from pestcli.screens.case_labels import CaseLabels
    from pestcli.screens.guide_picker import ConversationChoice, GuidePicker
    from pestcli.services.reads import unfinished_conversation

    pest = _pest(app)
    labels = CaseLabels(pest.protocol)
    choices: list[tuple[str, ConversationChoice]] = []
    try:
        talk = unfinished_conversation(pest.store, row.case_id)
    except StoreError as exc:
        app.notify(str(exc), severity="error")
        return
    if talk is not None and talk.guide_id in guides:
        choices.append((f"Verder met het onderbroken gesprek: {labels.guide(talk.guide_id)}",
                        ConversationChoice(talk.guide_id, talk.step, talk.id)))
    choices += [(f"Nieuw gesprek: {labels.guide(g)}", ConversationChoice(g, row.step)) for g in guides]

    def open_choice(choice: ConversationChoice | None) -> None:
        """Open the chosen conversation (nothing on Escape)."""
        if choice is not None:
            _open_conversation(app, row.case_id, choice)

    if len(choices) == 1:
        open_choice(choices[0][1])
    else:
        app.push_screen(GuidePicker(f"Welk gesprek? (stap {row.step})", choices), open_choice)


def _open_conversation(app: App, case_id: int, choice: ConversationChoice) -> None:
    """Push the conversation screen (a new conversation, or the unfinished one)."""
    from pestcli.screens.conversation import ConversationScreen

    app.push_screen(ConversationScreen(case_id, choice.step, choice.guide_id, choice.conversation_id))


class DueListHost:
    """A mixin for a screen that holds a :class:`DueList`: it opens what the list asks for.

    ``g`` on an item starts it (:func:`start_due_item`), ``v`` on a follow-up
    moves it (:func:`move_due_followup`); when the dialog closes the list
    reads again. Put it before ``Screen`` among the bases.
    """

    app: App

    def on_due_list_start_requested(self, event: DueList.StartRequested) -> None:
        """Start the item the list asked for; read the list again when it is done."""
        event.stop()
        due_list = event.due_list
        start_due_item(self.app, event.row, lambda _result: due_list.reload())

    def on_due_list_move_requested(self, event: DueList.MoveRequested) -> None:
        """Ask for the follow-up's new day; read the list again when the dialog closes."""
        event.stop()
        due_list = event.due_list
        move_due_followup(self.app, event.followup_id, lambda _moved: due_list.reload())
