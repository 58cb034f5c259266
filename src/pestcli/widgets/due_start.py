"""Start what an agenda row says is due: the follow-up, the conversation, the parents.

Used by the "Vandaag" list (``widgets.due_list``) and the agenda screen, so
the ``g`` key does the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pestcli.store.errors import StoreError

if TYPE_CHECKING:
    from textual.app import App

    from pestcli.agenda import AgendaRow
    from pestcli.screens.guide_picker import ConversationChoice


def start_due_item(app: App, row: AgendaRow, done: Callable[[Any], None] | None = None) -> None:
    """Start what ``row`` says is due.

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
        try:
            from pestcli.screens.parent_contact_dialog import ParentContactDialog
        except ImportError:
            app.open_case(row.case_id)
            return
        app.push_screen(ParentContactDialog(row.case_id), done)
        return
    guides = app.protocol.step(row.step).guides if row.step else ()
    if not guides:
        app.open_case(row.case_id)
        return
    _start_conversation(app, row, guides)


def _start_conversation(app: App, row: AgendaRow, guides: tuple[str, ...]) -> None:
    """Resume the step's unfinished conversation, or start one of its guides."""
    from pestcli.screens.case_labels import CaseLabels
    from pestcli.screens.guide_picker import ConversationChoice, GuidePicker
    from pestcli.store.conversations import unfinished_conversation

    labels = CaseLabels(app.protocol)
    choices: list[tuple[str, ConversationChoice]] = []
    try:
        talk = unfinished_conversation(app.store, row.case_id)
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
