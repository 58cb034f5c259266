"""The guided conversation: a guide's checklist, notes, agreements and the clock.

Every mark, note and agreement is written to the store the moment the mentor
confirms it, so an interrupted conversation resumes at the first item still open.
The writes (and the reads a key asks for) run off the main thread, in order
(``screens.serial_save``): the item says "bezig met opslaan…" and the line under
the title "Bezig met opslaan…" until the store call returned; only then is the
mark or note shown as stored. Leaving or finishing waits until nothing is queued.
Opening reads (or starts) the conversation the same way: the checklist fills in
once the store answered.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static, TextArea

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.protocol.placeholders import placeholder_names
from pestcli.screens.agreement_dialog import AgreementDialog, AgreementDraft
from pestcli.screens.background_save import BUSY
from pestcli.screens.conversation_summary import (
    ConversationSummaryScreen,
    EndChoice,
    EndDialog,
    Overview,
    agreements_content,
)
from pestcli.screens.drafts import DraftKeeper
from pestcli.screens.participants_dialog import (
    ParticipantsDialog,
    person_name,
    unique_people,
)
from pestcli.screens.serial_save import SerialSave
from pestcli.services import conversations, reads
from pestcli.services.errors import StoreError
from pestcli.services.parents import PARENT_ROLE
from pestcli.widgets.checklist import Checklist
from pestcli.widgets.guidance_panel import GuidancePanel
from pestcli.widgets.hinted_note import HintedNote
from pestcli.widgets.keys_footer import KeysFooter
from pestcli.widgets.short_line import ShortLine

#: Actions that make no sense while a note is being typed (hidden from the footer then).
CHECKLIST_ACTIONS = {"mark", "note", "agreement", "participants", "plan_followups", "end"}


def clock_text(started_at: datetime, now: datetime) -> str:
    """How long the conversation has run: ``Duur 12:34``, ``Duur 1:02:03``, or when it began."""
    seconds = max(0, int((now - started_at).total_seconds()))
    if seconds >= 12 * 3600:
        return f"Begonnen {format_date(started_at.date())} {started_at:%H:%M}"
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return "Duur " + (f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}")


class ConversationScreen(Screen[None]):
    """Hold (or resume) the conversation of one step with one guide (bijlage 1-7)."""

    #: The first part of the keys of this screen's note drafts (``store.drafts``).
    DRAFT_KIND = "conversation"
    BINDINGS = [
        Binding("d,space", "mark('done')", "Gedaan", id="conversation_done"),
        Binding("s", "mark('skipped')", "Overslaan", id="conversation_skip"),
        Binding("o", "mark('open')", "Weer open", id="conversation_reopen", show=False),
        Binding("n,enter", "note", "Notitie", id="conversation_note"),
        Binding("a", "agreement", "Afspraak", id="conversation_agreement"),
        Binding("p", "participants", "Deelnemers", id="conversation_participants", show=False),
        Binding("v", "plan_followups", "Vervolg", id="conversation_followups"),
        Binding("g", "toggle_guidance", "Uitleg", id="conversation_guidance", show=False),
        Binding("e", "end", "Afronden", id="conversation_end"),
        Binding("escape", "leave", "Terug", id="conversation_leave"),
    ]

    def __init__(self, case_id: int, step: int | None, guide_id: str, conversation_id: int | None = None) -> None:
        super().__init__()
        self.case_id = case_id
        self.step = step
        self.guide_id = guide_id
        self.conversation_id = conversation_id
        self.started_at = datetime.now()
        self.editing: str | None = None
        self.participants: dict[int, int] = {}
        self.participant_labels: list[str] = []
        self.parent_labels: dict[int, str] = {}
        self.agreements: list[tuple[str, str]] = []
        #: The note being typed, kept as a draft until it is saved (``screens.drafts``).
        self.note_draft: DraftKeeper | None = None
        #: Whether the open note is on its way to the store (the editor is read-only meanwhile).
        self.note_saving = False
        self._writes: SerialSave | None = None
        #: What "Opgeslagen om …" said last (shown again when "bezig" ends).
        self._saved_text = ""
        #: How many saves of each item wait, and the state the last of them gives it.
        self._pending_items: dict[str, int] = {}
        self._intended: dict[str, str] = {}
        #: Dialogs (and the finish) being opened: their reads wait in the queue.
        self._opening: set[str] = set()

    def compose(self) -> ComposeResult:
        """Title bar with clock, participants, checklist + note editor + agreements, guidance."""
        self.guide = pest_app(self).protocol.guide(self.guide_id)
        self.role_labels = {role.id: role.label for role in pest_app(self).protocol.roles}
        self.names = self._placeholder_names()
        what = self.title_word()
        with Horizontal(id="conversation-top"):
            yield ShortLine(f"{what}: {self.guide.title} (bijlage {self.guide.number})", id="conversation-title")
            yield Static("", id="conversation-clock")
        with Horizontal(id="conversation-meta"):
            yield Static("", id="conversation-participants")
            yield Static("", id="conversation-saved")
        with Horizontal(id="conversation-body"):
            with Vertical(id="conversation-main"):
                yield Checklist(self.guide, names=self.names, id="checklist")
                yield HintedNote(pest_app(self).protocol.language_hints, id="note-editor",
                                 placeholder="Wat zei de leerling? Schrijf het zo letterlijk mogelijk op.")
                yield Static("", id="conversation-agreements")
            yield GuidancePanel(self.guide, names=self.names, id="guidance")
        yield KeysFooter()

    def title_word(self) -> str:
        """The start of the title: ``Stap 3``, or ``Gesprek`` when not tied to a step."""
        return f"Stap {self.step}" if self.step else "Gesprek"

    def _placeholder_names(self) -> dict[str, str]:
        """The case's first names for the guide's letters (x/X the pester, A the gepeste, y, z)."""
        try:
            people = reads.people_in_case(pest_app(self).store, self.case_id)
        except StoreError:
            return {}  # the letters stay; on_mount tells what went wrong

        def named(role: str) -> list[str]:
            return [e.person.first_name for e in people if e.role == role]

        return placeholder_names(named("gepeste"), named("pester"), named("meeloper"))

    def on_mount(self) -> None:
        """Start a new conversation or load the one being resumed; start the clock."""
        self._start()

    def _start(self) -> None:
        """Start or resume in the background (a class conversation overrides this: Textual calls every
        class's on_mount); the checklist fills in once the store answered ("Bezig met …" meanwhile)."""
        self.query_one("#note-editor", HintedNote).display = False
        store, case_id, guide_id, step = pest_app(self).store, self.case_id, self.guide_id, self.step
        conversation_id, roles, read_agreements = self.conversation_id, self.guide.participants, self._agreements_reader()

        def open_conversation() -> tuple[int, Any, str, dict[int, str], Any]:
            opened = conversation_id
            if opened is None:
                people = [e for e in reads.people_in_case(store, case_id) if e.role in roles]
                opened = conversations.start_conversation(
                    store, case_id, guide_id, step=step,
                    participants=[(e.case_role.person_id, e.role) for e in unique_people(people)])
            detail = reads.conversation_detail(store, opened)
            return (opened, detail, reads.get_case(store, case_id).number, reads.parent_labels(store, case_id),
                    read_agreements())

        def opened(result: tuple[int, Any, str, dict[int, str], Any]) -> None:
            self.conversation_id, detail, self.case_number, self.parent_labels, agreements = result
            self.started_at = detail.conversation.started_at
            self.query_one(Checklist).load({k: v.state for k, v in detail.items.items()},
                                           {k: v.note for k, v in detail.items.items()})
            self._show_participants(detail)
            self._paint_agreements(agreements)
            if PARENT_ROLE in self.guide.participants and not self.parent_labels:
                self.notify("Er staan nog geen ouders of verzorgers bij deze melding. Voeg ze toe op het "
                            "meldingsscherm (u) en kies ze hier met p.", title="Gesprek met ouders", timeout=8)
            elif PARENT_ROLE in self.guide.participants and len(self.parent_labels) > 1 and not detail.items:
                # several parents in the case (of the victim and of the bully): the mentor says who came
                self.call_after_refresh(self.action_participants)
            self._begin()
            self._mention_drafts()

        self._submit(open_conversation, opened, self._not_opened("Gesprek niet geopend"),
                     reading=conversation_id is not None)

    def _begin(self) -> None:
        """The conversation is open: the clock runs, the checklist has the keys."""
        self._tick()
        self.set_interval(1.0, self._tick)
        self.query_one(Checklist).focus()
        self.refresh_bindings()

    def _not_opened(self, title: str) -> Callable[[StoreError], None]:
        """What a refused opening does: say why (under ``title``) and go back."""
        def refused(exc: StoreError) -> None:
            self.notify(str(exc), severity="error", title=title, markup=False)
            self._leave_unopened()
        return refused

    def _leave_unopened(self) -> None:
        """Go back after the conversation could not be opened (the message was already shown).

        Called from the screen's own handler (``on_mount``), so the dismissal is
        not awaited there (Textual raises ``ScreenError`` then): the app pops
        this screen after the current message, and only while it is on top.
        """
        self.app.call_later(self._pop_if_current)

    def _pop_if_current(self) -> None:
        """Dismiss this screen when it is still the one on top (not awaited, so it cannot raise)."""
        if self.app.screen is self:
            self.dismiss()

    # --- display -----------------------------------------------------------------
    def _tick(self) -> None:
        self.query_one("#conversation-clock", Static).update(
            self._worker_label() + clock_text(self.started_at, datetime.now()))

    def _worker_label(self) -> str:
        """``J. de Vries (mentor) · `` on the school's server (this screen has no header); empty in a file."""
        if getattr(self, "_worker_text", None) is None:
            from pestcli.services.team import who_is_working

            worker = who_is_working(pest_app(self).store)
            self._worker_text = f"{worker.label} · " if worker is not None else ""
        return self._worker_text

    def _saved(self) -> None:
        """Say it was saved, only after the store call returned (not over "bezig" while more waits)."""
        self._saved_text = f"Opgeslagen om {datetime.now():%H:%M:%S}"
        if not self.writes.busy:
            self.query_one("#conversation-saved", Static).update(self._saved_text)

    def _show_busy(self, text: str | None) -> None:
        """"Bezig met opslaan…" (or "Bezig met lezen…") beside the participants while calls wait."""
        try:
            self.query_one("#conversation-saved", Static).update(text or self._saved_text)
        except NoMatches:  # the screen was left while a read was still on its way
            pass

    @property
    def writes(self) -> SerialSave:
        """This screen's calls to the store, one after another off the main thread (``serial_save``)."""
        if self._writes is None:
            self._writes = SerialSave(self.app, self._show_busy, group="conversation-save")
        return self._writes

    def _here(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """``callback``, run only while this screen is still in the app (a call may outlive it)."""
        def run(value: Any) -> None:
            if self.is_attached and self in self.app.screen_stack:
                callback(value)
        return run

    def _submit(self, call: Callable[[], Any], done: Callable[[Any], None] | None = None,
                failed: Callable[[StoreError], None] | None = None, *, reading: bool = False) -> None:
        """Queue a store call of this screen (in order, off the main thread); the outcome back here."""
        self.writes.submit(call, self._here(done or (lambda _result: None)),
                           self._here(failed or (lambda exc: self.notify(str(exc), severity="error", markup=False))),
                           reading=reading)

    def _show_participants(self, detail) -> None:
        self.participants = {p.person.id: p.row.id for p in detail.participants}
        self.participant_labels = [
            self.parent_labels.get(p.person.id)
            or f"{person_name(p.person)} ({self.role_labels.get(p.role, p.role).lower()})"
            for p in detail.participants]
        who = ", ".join(self.participant_labels) or "nog niemand"
        self.query_one("#conversation-participants", Static).update(
            Content(f"Melding {self.case_number} · Deelnemers: {who} (wijzigen: p)"))

    def _agreements_reader(self) -> Callable[[], Any]:
        """A call (safe in a worker thread) that reads what the agreements box shows."""
        store, case_id = pest_app(self).store, self.case_id
        slots = self._followup_slots() if self.can_plan else None

        def read() -> tuple[list[Any], list[conversations.PlannedFollowUp]]:
            return (reads.agreements_of_case(store, case_id),
                    open_followups(store, case_id, slots) if slots is not None else [])

        return read

    def _paint_agreements(self, read: Any) -> None:
        """Show what :meth:`_agreements_reader`'s call read (the agreements of this conversation)."""
        views, planned = read
        views = [v for v in views if v.agreement.conversation_id == self.conversation_id]
        self.agreements = [(person_name(v.person) if v.person else "Samen", v.agreement.text) for v in views]
        self.query_one("#conversation-agreements", Static).update(agreements_content(self.agreements, planned))

    @property
    def can_plan(self) -> bool:
        """Whether saving this guide's agreements plans stap 5 (bijlage 7, fase 5)."""
        return any(part.plans_followups for part in self.guide.parts)

    def _followup_slots(self) -> frozenset[str]:
        """The labels of stap 5's follow-ups (a guide's own appointment, bijlage 4 punt 15, is not one)."""
        return frozenset(slot.label for slot in pest_app(self).protocol.rules.followups)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the checklist keys while a note is typed; "v" only where stap 5 is planned."""
        if action in CHECKLIST_ACTIONS and (self.editing is not None or self.conversation_id is None):
            return False  # typing a note, or the conversation is still being opened
        if action == "plan_followups":
            return self.can_plan if hasattr(self, "guide") else False
        return True

    # --- checklist -----------------------------------------------------------------
    def _item_call(self, item_id: str, state: str, note: str | None) -> Callable[[], Any]:
        """The store call (run in a worker thread) that records an item's state and note."""
        store, conversation_id = pest_app(self).store, self.conversation_id
        assert conversation_id is not None  # only called for an opened conversation
        return lambda: conversations.record_item(store, conversation_id, item_id, state, note)

    def _item_stored(self, result: Any) -> None:
        """After an item was stored, with what its call returned (a class conversation shows its agreements)."""

    def _intended_state(self, item_id: str) -> str:
        """The state an item will have once its queued saves are stored (else the stored one)."""
        return self._intended.get(item_id) or self.query_one(Checklist).state_of(item_id)

    def _save_item(self, item_id: str, state: str, note: str | None = None, *,
                   call: Callable[[], Any] | None = None, stored: Callable[[Any], None] | None = None,
                   failed: Callable[[StoreError], None] | None = None, title: str = "Niet opgeslagen") -> bool:
        """Queue one committed write of an item; the item says "bezig met opslaan…" until it is stored.

        Only then is the new state (and note) shown; refused, the Dutch message
        is shown, the item stays as stored and becomes the current item again.
        """
        if self.conversation_id is None:  # not opened (on_mount said why); the screen is leaving
            return False
        checklist = self.query_one(Checklist)
        self._pending_items[item_id] = self._pending_items.get(item_id, 0) + 1
        self._intended[item_id] = state
        checklist.set_saving(item_id, True)

        def settle() -> None:
            self._pending_items[item_id] -= 1
            if not self._pending_items[item_id]:
                del self._pending_items[item_id]
                self._intended.pop(item_id, None)
                checklist.set_saving(item_id, False)

        def done(result: Any) -> None:
            settle()
            self._saved()
            checklist.set_state(item_id, state)
            if note is not None:
                checklist.set_note(item_id, note)
            self._item_stored(result)
            if stored is not None:
                stored(result)

        def refused(exc: StoreError) -> None:
            settle()
            self.notify(str(exc), severity="error", title=title, markup=False)
            if self.editing is None:
                checklist.current = checklist.rows.index(checklist.row_of(item_id))
            if failed is not None:
                failed(exc)

        self._submit(call or self._item_call(item_id, state, note), done, refused)
        return True

    def _mark(self, item_id: str, state: str, **save: Any) -> None:
        """Save a mark (in the background) and go on to the next open item at once."""
        if self._save_item(item_id, state, **save) and state != "open":
            self._advance_from(item_id)

    def _advance_from(self, item_id: str) -> None:
        """Go to the next item still open (counting marks being saved) after ``item_id``, else the next one."""
        checklist = self.query_one(Checklist)
        index = checklist.rows.index(checklist.row_of(item_id))
        if checklist.current != index:
            return  # the mentor moved on already
        later = [i for i in range(index + 1, len(checklist.rows))
                 if self._intended_state(checklist.rows[i].item.id) == "open"]
        if later:
            checklist.current = later[0]
        elif index + 1 < len(checklist.rows):
            checklist.current = index + 1

    def action_mark(self, state: str) -> None:
        """Mark the current item done, skipped or open again; then go on to the next open one.

        The mark is saved in the background (the item says "bezig met
        opslaan…" until it is stored), so the next key works at once. An item
        that asks for a follow-up appointment (bijlage 4, punt 15) first asks
        whether to put it on the agenda (after reading whether it is there).
        """
        if "end" in self._opening:  # the conversation is being finished
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        checklist = self.query_one(Checklist)
        item = checklist.current_item
        if not (state == "done" and item.appointment_school_days):
            self._mark(item.id, state)
            return
        if self.conversation_id is None or "appointment" in self._opening:
            return
        from pestcli.protocol.appointments import appointment_label

        store, case_id, label = pest_app(self).store, self.case_id, appointment_label(self.guide, item)
        self._opening.add("appointment")

        def read() -> bool:
            return any(f.label == label and f.done_on is None and f.cancelled_on is None
                       for f in reads.followups_of_case(store, case_id))

        def answered(planned: bool) -> None:
            self._opening.discard("appointment")
            if planned:
                self._mark(item.id, state)
            else:
                self._ask_appointment(item)

        def refused(exc: StoreError) -> None:
            self._opening.discard("appointment")
            self.notify(str(exc), severity="error", title="Niet opgeslagen", markup=False)

        self._submit(read, answered, refused, reading=True)

    def _ask_appointment(self, item) -> None:
        """Offer to plan the appointment ``item`` asks for, that many school days from today."""
        from pestcli.protocol.appointments import school_days_after
        from pestcli.protocol.errors import CalendarError
        from pestcli.screens.appointment_dialog import AppointmentDialog

        days = item.appointment_school_days
        try:
            due_on = school_days_after(pest_app(self).calendar, pest_app(self).today(), days)
        except CalendarError as exc:  # a calendar without school days: tick only, say why
            self.notify(f"Geen datum gevonden voor de vervolgafspraak: {exc}", severity="warning")
            self._mark(item.id, "done")
            return

        def chosen(plan: bool | None) -> None:
            if plan is None:
                return
            if not plan:
                self._mark(item.id, "done")
                return
            self._plan_appointment(item, due_on)

        self.app.push_screen(AppointmentDialog(due_on, days), chosen)

    def _plan_appointment(self, item, due_on) -> None:
        """Tick the item and put the appointment on the agenda (one transaction, in the background)."""
        from pestcli.protocol.appointments import appointment_label

        if self.conversation_id is None:  # not opened (on_mount said why); the screen is leaving
            return
        store, conversation_id, label = pest_app(self).store, self.conversation_id, appointment_label(self.guide, item)

        def planned(_followup_id: Any) -> None:
            self.notify(f"Vervolgafspraak gepland op {format_date(due_on)}; hij staat in de agenda.", timeout=5)

        self._mark(item.id, "done", title="Vervolgafspraak niet gepland", stored=planned,
                   call=lambda: conversations.plan_appointment(store, conversation_id, item.id, label, due_on))

    def action_note(self) -> None:
        """Open the note editor for the current item (with its saved note or an unsaved draft)."""
        checklist = self.query_one(Checklist)
        row = checklist.current_row
        self.editing = row.item.id
        editor = self.query_one("#note-editor", HintedNote)
        editor.display = True
        editor.load(row.note, title=f"Notitie bij punt {row.number}: {row.text}")
        self.note_draft = DraftKeeper(self, self._draft_key(row.item.id), self._note_draft_fields,
                                      case_id=self.case_id if self.DRAFT_KIND == "conversation" else None)
        self.note_draft.offer(lambda fields: editor.set_text(fields.get("note", "")))
        self.refresh_bindings()

    def on_hinted_note_saved(self, event: HintedNote.Saved) -> None:
        """Save the note with the item's state, in the background; the editor stays (read-only) until stored.

        Refused, the editor opens up again with the typed text (and its draft).
        """
        event.stop()
        item_id = self.editing
        if item_id is None:
            return
        if self.note_saving:
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        area = self.query_one("#note-editor", HintedNote).query_one(TextArea)
        area.read_only = True
        self.note_saving = True

        def stored(_result: Any) -> None:
            self.note_saving = False
            area.read_only = False
            if self.editing == item_id:
                self._close_editor()
            self.notify("Notitie opgeslagen.", timeout=3)

        def refused(_exc: StoreError) -> None:
            self.note_saving = False
            area.read_only = False

        if not self._save_item(item_id, self._intended_state(item_id), event.text, stored=stored, failed=refused):
            self.note_saving = False
            area.read_only = False

    def on_hinted_note_cancelled(self, event: HintedNote.Cancelled) -> None:
        """Close the editor without saving (the editor already warned about changes)."""
        event.stop()
        if self.note_saving:  # the note is on its way to the store: wait for it
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self._close_editor()

    def _close_editor(self) -> None:
        """The note was saved or thrown away (a second Esc): its draft goes too."""
        if self.note_draft is not None:
            self.note_draft.discard()
            self.note_draft = None
        self.editing = None
        self.query_one("#note-editor", HintedNote).display = False
        self.query_one(Checklist).focus()
        self.refresh_bindings()

    # --- drafts (typed text is never lost by a key) ---------------------------------------
    def _draft_key(self, item_id: str) -> str:
        """``conversation:12:item:b4.x``: where a note's draft is kept."""
        return f"{self.DRAFT_KIND}:{self.conversation_id}:item:{item_id}"

    def _note_draft_fields(self) -> dict[str, str]:
        """The note being typed; nothing while it is the saved note unchanged."""
        editor = self.query_one("#note-editor", HintedNote)
        return {"note": editor.text if editor.changed else ""}

    def on_hinted_note_typed(self, event: HintedNote.Typed) -> None:
        """Keep the note as a draft a moment after the last key."""
        event.stop()
        if self.note_draft is not None:
            self.note_draft.changed()

    def has_unsaved_text(self) -> bool:
        """Whether a note is open with unsaved changes, or a mark is still being saved (Ctrl+Q asks then)."""
        if self._writes is not None and self._writes.writing:
            return True
        if self.editing is None:
            return False
        return self.query_one("#note-editor", HintedNote).changed

    def keep_draft(self) -> None:
        """Hand the note's draft to the store now (the app is about to stop; what waits is written then)."""
        if self.note_draft is not None:
            self.note_draft.dirty = True
            self.note_draft.flush()

    def _mention_drafts(self) -> None:
        """Say which items have a note typed but not saved (after a crash): n offers it back (read in the background)."""
        from pestcli.services.drafts import drafts_with_prefix

        store, prefix = pest_app(self).store, f"{self.DRAFT_KIND}:{self.conversation_id}:item:"
        self._submit(lambda: drafts_with_prefix(store, prefix), self._drafts_found, lambda _exc: None, reading=True)

    def _drafts_found(self, drafts: list[Any]) -> None:
        """Name the items of :meth:`_mention_drafts`' drafts."""
        checklist = self.query_one(Checklist)
        numbers = []
        for draft in drafts:
            try:
                numbers.append(str(checklist.row_of(draft.key.rsplit(":item:", 1)[1]).number))
            except StopIteration:  # an item the guide no longer has
                continue
        if numbers:
            self.notify(f"Er is een concept van een notitie die nog niet is opgeslagen, bij punt "
                        f"{', '.join(numbers)}. Ga naar het punt en druk op n om het terug te zetten.",
                        title="Concept", timeout=10)

    def on_checklist_highlighted(self, event: Checklist.Highlighted) -> None:
        """The guidance follows the current item."""
        self.query_one(GuidancePanel).show_item(event.item)

    # --- participants, agreements, follow-ups -------------------------------------------
    def _read_then(self, what: str, call: Callable[[], Any], then: Callable[[Any], None], title: str) -> None:
        """Read in the background (once at a time per ``what``), then ``then(result)`` here."""
        if what in self._opening:
            return
        self._opening.add(what)

        def done(result: Any) -> None:
            self._opening.discard(what)
            then(result)

        def refused(exc: StoreError) -> None:
            self._opening.discard(what)
            self.notify(str(exc), severity="error", title=title, markup=False)

        self._submit(call, done, refused, reading=True)

    def action_participants(self) -> None:
        """Choose who takes part, from the people of the case (read in the background)."""
        store, case_id = pest_app(self).store, self.case_id

        def read() -> tuple[list[Any], dict[int, str]]:
            return reads.people_in_case(store, case_id), reads.parent_labels(store, case_id)

        def show(result: tuple[list[Any], dict[int, str]]) -> None:
            people, self.parent_labels = result
            self.app.push_screen(ParticipantsDialog(people, self.participants, self.role_labels,
                                                    names=self.parent_labels),
                                 self._participants_chosen)

        self._read_then("participants", read, show, "Deelnemers niet te lezen")

    def _participants_chosen(self, chosen: dict[int, str] | None) -> None:
        if chosen is None or self.conversation_id is None:  # cancelled, or never opened
            return
        store, conversation_id, current = pest_app(self).store, self.conversation_id, dict(self.participants)

        def save() -> Any:
            conversations.save_participants(store, conversation_id, current, chosen)
            return reads.conversation_detail(store, conversation_id)

        def done(detail: Any) -> None:
            self._saved()
            self._show_participants(detail)

        def refused(exc: StoreError) -> None:
            self.notify(str(exc), severity="error", title="Niet opgeslagen", markup=False)

        self._submit(save, done, refused)

    def action_agreement(self, draft: AgreementDraft | None = None) -> None:
        """Capture an agreement as it is made (the case's people read in the background)."""
        store, case_id = pest_app(self).store, self.case_id

        def show(people: list[Any]) -> None:
            dialog = AgreementDialog(people, pest_app(self).protocol.language_hints, self.role_labels, draft)
            self.app.push_screen(dialog, self._agreement_made)

        self._read_then("agreement", lambda: reads.people_in_case(store, case_id), show, "Afspraak niet te openen")

    def _agreement_call(self, draft: AgreementDraft) -> Callable[[], Any]:
        """The store call (run in a worker thread) that adds the agreement and reads the box again."""
        store, case_id, conversation_id, day = pest_app(self).store, self.case_id, self.conversation_id, pest_app(self).today()
        read = self._agreements_reader()

        def save() -> Any:
            conversations.add_agreement(store, case_id, draft.text, day, person_id=draft.person_id,
                                        conversation_id=conversation_id)
            return read()

        return save

    #: What "Afspraak opgeslagen." says (a class conversation names the class).
    AGREEMENT_SAVED = "Afspraak opgeslagen."

    def _agreement_made(self, draft: AgreementDraft | None) -> None:
        """Save the agreement in the background; refused, the dialog comes back with the text."""
        if draft is None:
            return

        def done(read: Any) -> None:
            self._saved()
            self.notify(self.AGREEMENT_SAVED, timeout=3)
            self._paint_agreements(read)

        def refused(exc: StoreError) -> None:
            self.notify(str(exc), severity="error", title="Afspraak niet opgeslagen", markup=False)
            self.action_agreement(draft)

        self._submit(self._agreement_call(draft), done, refused)

    def action_plan_followups(self) -> None:
        """Plan stap 5's follow-ups from today's agreements (the rules engine picks the dates)."""
        if not self.agreements:
            self.notify("Leg eerst de afspraken vast (toets a).", severity="warning")
            return
        if "plan" in self._opening:
            return
        app = pest_app(self)
        store, rules, case_id, day, slots = app.store, app.rules, self.case_id, app.today(), self._followup_slots()
        read = self._agreements_reader()

        def plan() -> Any:
            if open_followups(store, case_id, slots):
                return None
            return conversations.plan_followups(store, rules, case_id, day), read()

        def done(result: Any) -> None:
            self._opening.discard("plan")
            if result is None:
                self.notify("De vervolggesprekken staan al gepland.", severity="warning")
                return
            planned, agreements = result
            self._saved()
            notice = pest_app(self).calendar.dates_notice(f.due_on for f in planned)
            self.notify(f"{len(planned)} vervolggesprekken gepland; het eerste op {format_date(planned[0].due_on)}."
                        + (f" {notice}" if notice else ""))
            self._paint_agreements(agreements)

        def refused(exc: StoreError) -> None:
            self._opening.discard("plan")
            self.notify(str(exc), severity="error", title="Niet gepland", markup=False)

        self._opening.add("plan")
        self._submit(plan, done, refused)

    # --- end and leave -----------------------------------------------------------------
    def _overview(self) -> Overview:
        checklist = self.query_one(Checklist)
        return Overview(self.guide, self.step, {r.item.id: r.state for r in checklist.rows},
                        {r.item.id: r.note for r in checklist.rows if r.note},
                        list(self.participant_labels), list(self.agreements), dict(self.names))

    def action_end(self) -> None:
        """Ask "Gesprek afronden?" with the overview; then save and show the summary.

        What it reads is queued behind the marks still being saved, so the
        dialog opens (and shows the overview) once they are stored; marks
        wait meanwhile ("Even wachten").
        """
        app = pest_app(self)
        store, case_id, can_plan, slots = app.store, self.case_id, self.can_plan, self._followup_slots()

        def read() -> tuple[list[Any], int]:
            progress = reads.step_progress(store, case_id)
            return progress, len(open_followups(store, case_id, slots)) if can_plan else 0

        self._read_then("end", read, self._ask_end, "Niet afgerond")

    def _ask_end(self, read: tuple[list[Any], int]) -> None:
        """The EndDialog, with what :meth:`action_end` read; it runs the finish itself (in the background)."""
        progress, planned_already = read
        open_step = self.step is not None and any(r.step == self.step and r.done_on is None for r in progress)
        conversation_id = self.conversation_id
        store, rules, today = pest_app(self).store, pest_app(self).rules, pest_app(self).today
        case_id, step = self.case_id, self.step

        def finish(choice: EndChoice) -> conversations.FinishedConversation:
            # in the dialog's worker thread: no widget here
            assert conversation_id is not None  # only passed to the dialog for an opened conversation
            return conversations.finish_conversation(
                store, rules, case_id=case_id, conversation_id=conversation_id, step=step, today=today(),
                complete=choice.complete_step, plan_followups=choice.plan_followups)

        dialog = EndDialog(self._overview(), can_complete_step=open_step, can_plan=self.can_plan,
                           planned_already=planned_already,
                           finish=finish if conversation_id is not None else None)
        self.app.push_screen(dialog, self._finish)

    def _finish(self, choice: EndChoice | None) -> None:
        if choice is None or choice.finished is None:  # cancelled, or never opened
            return
        finished = choice.finished  # the dialog stored it before it closed
        followups = finished.followups if self.can_plan else ()
        summary = ConversationSummaryScreen(self._overview(), finished.next_step, followups)
        self.app.push_screen(summary, self._close_after_summary)

    def _close_after_summary(self, _result: object = None) -> None:
        """The summary was closed: back to where the conversation was started from.

        Returns nothing, so whichever handler runs this callback never awaits the
        dismissal (Textual raises ``ScreenError`` when a screen's own handler does).
        """
        self._pop_if_current()

    def action_toggle_guidance(self) -> None:
        """Show or hide the guidance panel."""
        panel = self.query_one(GuidancePanel)
        panel.display = not panel.display

    def action_leave(self) -> None:
        """Back to where the mentor came from, once everything confirmed is stored ("Even wachten" before)."""
        if self.editing is not None:
            self.query_one("#note-editor", HintedNote).action_cancel()
            return
        if self.writes.writing:  # a read still on its way is simply not shown
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self.notify("Het gesprek is bewaard; je kunt later verder waar je gebleven was.", timeout=4)
        self.dismiss()


def open_followups(store: Any, case_id: int, slots: frozenset[str]) -> list[conversations.PlannedFollowUp]:
    """The open follow-ups of stap 5 of a case (``slots``: their labels); safe in a worker thread."""
    return [f for f in conversations.planned(reads.followups_of_case(store, case_id)) if f.label in slots]
