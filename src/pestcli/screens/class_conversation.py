"""The class conversation (bijlage 1 "Omgaan met elkaar", vijfsporenaanpak spoor 4) of one class.

The same screen as a guided conversation (checklist, notes, the clock, the
no-blame hint), with the class as the participant: it belongs to a class and a
school year, not to a case. Ticking an agreement of the list makes it an
agreement of the class (saved with the tick, in one transaction); ``a`` adds
the class's own agreements, in its own words. Every case of that class shows
them, and its follow-ups revisit them. Started from a case (key ``k``) the case
is remembered; started from the command palette ("Klassengesprek") it is not.
Ticks and agreements are saved in the background, in order, as in the guided
conversation (``screens.serial_save``); ending runs in the EndDialog's worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.content import Content
from textual.widgets import Static

import pestcli.services.class_talks as class_talks
from pestcli.app_access import pest_app
from pestcli.protocol.calendar import school_year_of
from pestcli.screens.agreement_dialog import AgreementDialog, AgreementDraft
from pestcli.screens.conversation import ConversationScreen
from pestcli.screens.conversation_summary import (
    ConversationSummaryScreen,
    EndChoice,
    EndDialog,
    Overview,
)
from pestcli.text import plain
from pestcli.widgets.checklist import Checklist

#: The guide of the class conversation.
CLASS_GUIDE = class_talks.CLASS_GUIDE


def class_agreements_content(agreements: list[tuple[str, str]], school_year: str) -> Content:
    """The box under the checklist: the class's agreements this school year (the latest four)."""
    parts: list[str | tuple[str, str]] = [(f"Afspraken van de klas, {school_year} ({len(agreements)})", "bold")]
    if not agreements:
        parts.append("\nNog geen afspraken. Een afgevinkt punt is een afspraak; a: een eigen afspraak.")
    for _, text in agreements[-4:]:
        parts += ["\n• ", f"“{plain(text)}”"]
    return Content.assemble(*parts)


class ClassConversationScreen(ConversationScreen):
    """Hold (or resume) the class conversation of ``class_name`` in ``school_year``."""

    #: Its note drafts are the class's (kept with no case: a class conversation outlives a case).
    DRAFT_KIND = "class-conversation"

    def __init__(self, class_name: str, school_year: str, *, case_id: int | None = None,
                 conversation_id: int | None = None) -> None:
        super().__init__(0, None, CLASS_GUIDE, conversation_id)
        # A class conversation may belong to no case (started from the palette), so its case_id is
        # wider than the guided conversation's int: an honest type would make every case-only use in
        # ConversationScreen narrow it, though here each is overridden (_start, _agreements_reader,
        # action_agreement, action_end ...) or switched off (check_action, can_plan).
        self.case_id = case_id  # type: ignore[assignment]
        self.class_name = class_name.strip()
        self.school_year = school_year

    def title_word(self) -> str:
        """``Klassengesprek 2B``."""
        return f"Klassengesprek {self.class_name}"

    def _placeholder_names(self) -> dict[str, str]:
        """Bijlage 1 names nobody: the class takes part as a whole."""
        return {}

    @property
    def can_plan(self) -> bool:
        """A class conversation plans no follow-ups of stap 5."""
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No participants to pick (the class is the participant) and no stap 5 to plan."""
        if action in ("participants", "plan_followups"):
            return False
        return super().check_action(action, parameters)

    def _start(self) -> None:
        """Resume the class's unfinished conversation of this school year, or start one (in the background)."""
        self.query_one("#note-editor").display = False
        store, class_name, school_year, case_id = pest_app(self).store, self.class_name, self.school_year, self.case_id
        conversation_id, read_agreements = self.conversation_id, self._agreements_reader()

        def open_conversation() -> tuple[int, bool, Any, Any]:
            opened, resumed = conversation_id, False
            if opened is None:
                talk = class_talks.unfinished_class_conversation(store, class_name, school_year)
                resumed = talk is not None
                if talk is None:
                    talk = class_talks.start_class_conversation(store, class_name, school_year, case_id=case_id)
                assert talk.id is not None  # read from (or just written to) the database
                opened = talk.id
            return opened, resumed, class_talks.class_conversation_detail(store, opened), read_agreements()

        def opened(result: tuple[int, bool, Any, Any]) -> None:
            self.conversation_id, resumed, detail, agreements = result
            if resumed:
                self.notify("Verder met het klassengesprek dat nog niet was afgerond.", timeout=4)
            self.started_at = detail.conversation.started_at
            self.query_one(Checklist).load({k: v.state for k, v in detail.items.items()},
                                           {k: v.note for k, v in detail.items.items()})
            self.participant_labels = [f"klas {self.class_name}"]
            self.query_one("#conversation-participants", Static).update(
                Content(plain(f"Klas {self.class_name} · {self.school_year} · deelnemers: de hele klas")))
            self._paint_agreements(agreements)
            self._begin()

        self._submit(open_conversation, opened, self._not_opened("Klassengesprek niet geopend"),
                     reading=conversation_id is not None)

    def _agreement_text(self, item_id: str) -> str | None:
        """The text of an item that is an agreement of the class (the list of bijlage 1), else None."""
        part = self.guide.part_of(item_id)
        if part is None or not part.captures_agreements:
            return None
        return next(i.text for i in part.items if i.id == item_id)

    def _item_call(self, item_id: str, state: str, note: str | None) -> Callable[[], Any]:
        """The store call (run in a worker thread): the item, the class agreement it makes or takes
        back (one transaction), then the class's agreements read again."""
        store, conversation_id, day = pest_app(self).store, self.conversation_id, pest_app(self).today()
        assert conversation_id is not None  # only called for an opened conversation
        agreement_text, read = self._agreement_text(item_id), self._agreements_reader()

        def save() -> Any:
            class_talks.record_class_item_state(store, conversation_id, item_id, state, note,
                                                agreement_text=agreement_text, on=day)
            return read()

        return save

    def _item_stored(self, result: Any) -> None:
        """The class's agreements as read after the item was stored."""
        self._paint_agreements(result)

    def _agreements_reader(self) -> Callable[[], Any]:
        """A call (safe in a worker thread) reading the class's agreements this school year."""
        store, class_name, school_year = pest_app(self).store, self.class_name, self.school_year
        return lambda: class_talks.class_agreements(store, class_name, school_year)

    def _paint_agreements(self, read: Any) -> None:
        """The agreements of the class this school year (from this and earlier class conversations)."""
        self.agreements = [("De klas", v.agreement.text) for v in read]
        self.query_one("#conversation-agreements", Static).update(
            class_agreements_content(self.agreements, self.school_year))

    def action_agreement(self, draft: AgreementDraft | None = None) -> None:
        """An own agreement of the class (the document's open lines), in the class's words."""
        dialog = AgreementDialog([], pest_app(self).protocol.language_hints, self.role_labels, draft)
        self.app.push_screen(dialog, self._agreement_made)

    #: What is said once the class's own agreement is stored.
    AGREEMENT_SAVED = "Afspraak met de klas opgeslagen."

    def _agreement_call(self, draft: AgreementDraft) -> Callable[[], Any]:
        """The store call (run in a worker thread): the class's own agreement, then the list read again."""
        store, class_name, school_year = pest_app(self).store, self.class_name, self.school_year
        day, conversation_id, read = pest_app(self).today(), self.conversation_id, self._agreements_reader()

        def save() -> Any:
            class_talks.add_class_agreement(store, class_name, school_year, draft.text, day, conversation_id)
            return read()

        return save

    def action_end(self) -> None:
        """Ask "Gesprek afronden?" with the overview (no step, no stap 5), once the marks are stored."""
        self._read_then("end", lambda: None, self._ask_end, "Niet afgerond")  # behind what is being saved

    def _ask_end(self, _read: object) -> None:
        """The EndDialog; it ends the class conversation itself, in the background."""
        store, conversation_id = pest_app(self).store, self.conversation_id

        def finish(_choice: EndChoice) -> object:
            # in the dialog's worker thread: no widget here
            assert conversation_id is not None  # only passed to the dialog for an opened conversation
            return class_talks.end_class_conversation(store, conversation_id)

        dialog = EndDialog(self._overview(), can_complete_step=False, can_plan=False, planned_already=0,
                           finish=finish if conversation_id is not None else None)
        self.app.push_screen(dialog, self._finish)

    def _finish(self, choice: EndChoice | None) -> None:
        if choice is None or choice.finished is None:  # cancelled, or never opened
            return
        next_step = (f"De afspraken van klas {self.class_name} staan bij elke melding van deze klas "
                     f"(schooljaar {self.school_year}) en komen terug bij de vervolggesprekken.")
        summary = ConversationSummaryScreen(self._overview(), next_step, [])
        self.app.push_screen(summary, self._close_after_summary)

    def _overview(self) -> Overview:
        overview = super()._overview()
        return Overview(overview.guide, None, overview.states, overview.notes, [f"klas {self.class_name}"],
                        list(self.agreements))


def open_class_conversation(app, class_name: str, *, case_id: int | None = None) -> None:
    """Push the class conversation of ``class_name`` for the school year of today."""
    app.push_screen(ClassConversationScreen(class_name, school_year_of(app.today()), case_id=case_id))

