"""The guided conversation: a guide's checklist, notes, agreements and the clock.

Every mark, note and agreement is written to the store the moment the mentor
confirms it, so an interrupted conversation resumes at the first item still open.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.protocol.placeholders import placeholder_names
from pestcli.screens.agreement_dialog import AgreementDialog, AgreementDraft
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
        """Start or resume (a class conversation overrides this: Textual calls every class's on_mount)."""
        self.query_one("#note-editor", HintedNote).display = False
        checklist = self.query_one(Checklist)
        app = pest_app(self)
        try:
            if self.conversation_id is None:
                people = [e for e in reads.people_in_case(app.store, self.case_id)
                          if e.role in self.guide.participants]
                self.conversation_id = conversations.start_conversation(
                    app.store, self.case_id, self.guide_id, step=self.step,
                    participants=[(e.case_role.person_id, e.role) for e in unique_people(people)])
            detail = reads.conversation_detail(app.store, self.conversation_id)
            self.case_number = reads.get_case(app.store, self.case_id).number
            self.parent_labels = reads.parent_labels(app.store, self.case_id)
            self.started_at = detail.conversation.started_at
            checklist.load({k: v.state for k, v in detail.items.items()},
                           {k: v.note for k, v in detail.items.items()})
            self._show_participants(detail)
            self._show_agreements()
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Gesprek niet geopend")
            self._leave_unopened()
            return
        if PARENT_ROLE in self.guide.participants and not self.parent_labels:
            self.notify("Er staan nog geen ouders of verzorgers bij deze melding. Voeg ze toe op het "
                        "meldingsscherm (u) en kies ze hier met p.", title="Gesprek met ouders", timeout=8)
        elif PARENT_ROLE in self.guide.participants and len(self.parent_labels) > 1 and not detail.items:
            # several parents in the case (of the victim and of the bully): the mentor says who came
            self.call_after_refresh(self.action_participants)
        self._tick()
        self.set_interval(1.0, self._tick)
        checklist.focus()
        self._mention_drafts()

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
        self.query_one("#conversation-clock", Static).update(clock_text(self.started_at, datetime.now()))

    def _saved(self) -> None:
        """Say it was saved, only after the store call returned."""
        self.query_one("#conversation-saved", Static).update(f"Opgeslagen om {datetime.now():%H:%M:%S}")

    def _show_participants(self, detail) -> None:
        self.participants = {p.person.id: p.row.id for p in detail.participants}
        self.participant_labels = [
            self.parent_labels.get(p.person.id)
            or f"{person_name(p.person)} ({self.role_labels.get(p.role, p.role).lower()})"
            for p in detail.participants]
        who = ", ".join(self.participant_labels) or "nog niemand"
        self.query_one("#conversation-participants", Static).update(
            Content(f"Melding {self.case_number} · Deelnemers: {who} (wijzigen: p)"))

    def _show_agreements(self) -> None:
        views = [v for v in reads.agreements_of_case(pest_app(self).store, self.case_id)
                 if v.agreement.conversation_id == self.conversation_id]
        self.agreements = [(person_name(v.person) if v.person else "Samen", v.agreement.text) for v in views]
        planned = self._open_followups() if self.can_plan else []
        self.query_one("#conversation-agreements", Static).update(agreements_content(self.agreements, planned))

    def _refresh_agreements(self) -> None:
        """Show the agreements again after a save; a failed read says so and keeps the old list."""
        try:
            self._show_agreements()
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Afspraken niet bijgewerkt")

    @property
    def can_plan(self) -> bool:
        """Whether saving this guide's agreements plans stap 5 (bijlage 7, fase 5)."""
        return any(part.plans_followups for part in self.guide.parts)

    def _open_followups(self) -> list[conversations.PlannedFollowUp]:
        """The open follow-ups of stap 5 (a guide's own appointment, bijlage 4 punt 15, is not one)."""
        slots = {slot.label for slot in pest_app(self).protocol.rules.followups}
        return [f for f in conversations.planned(reads.followups_of_case(pest_app(self).store, self.case_id))
                if f.label in slots]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the checklist keys while a note is typed; "v" only where stap 5 is planned."""
        if action in CHECKLIST_ACTIONS and self.editing is not None:
            return False
        if action == "plan_followups":
            return self.can_plan if hasattr(self, "guide") else False
        return True

    # --- checklist -----------------------------------------------------------------
    def _record(self, item_id: str, state: str, note: str | None = None) -> bool:
        """One committed write; on failure the Dutch message and nothing changes on screen."""
        if self.conversation_id is None:  # not opened (on_mount said why); the screen is leaving
            return False
        try:
            conversations.record_item(pest_app(self).store, self.conversation_id, item_id, state, note)
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Niet opgeslagen")
            return False
        self._saved()
        return True

    def action_mark(self, state: str) -> None:
        """Mark the current item done, skipped or open again; then go on to the next open one.

        An item that asks for a follow-up appointment (bijlage 4, punt 15) first
        asks whether to put it on the agenda.
        """
        checklist = self.query_one(Checklist)
        item = checklist.current_item
        try:
            ask = state == "done" and item.appointment_school_days and not self._appointment_planned(item)
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Niet opgeslagen")
            return
        if ask:
            self._ask_appointment(item)
            return
        if self._record(item.id, state):
            self._marked(item.id, state)

    def _marked(self, item_id: str, state: str) -> None:
        """Show a saved mark and go on to the next open item."""
        checklist = self.query_one(Checklist)
        checklist.set_state(item_id, state)
        if state != "open":
            checklist.advance()

    def _appointment_planned(self, item) -> bool:
        """Whether the appointment of ``item`` is already on the agenda (open), so not asked again."""
        from pestcli.protocol.appointments import appointment_label

        label = appointment_label(self.guide, item)
        return any(f.label == label and f.done_on is None and f.cancelled_on is None
                   for f in reads.followups_of_case(pest_app(self).store, self.case_id))

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
            if self._record(item.id, "done"):
                self._marked(item.id, "done")
            return

        def chosen(plan: bool | None) -> None:
            if plan is None:
                return
            if not plan:
                if self._record(item.id, "done"):
                    self._marked(item.id, "done")
                return
            self._plan_appointment(item, due_on)

        self.app.push_screen(AppointmentDialog(due_on, days), chosen)

    def _plan_appointment(self, item, due_on) -> None:
        """Tick the item and put the appointment on the agenda (one transaction), then say so."""
        from pestcli.protocol.appointments import appointment_label

        if self.conversation_id is None:  # not opened (on_mount said why); the screen is leaving
            return
        try:
            conversations.plan_appointment(pest_app(self).store, self.conversation_id, item.id, appointment_label(self.guide, item),
                             due_on)
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Vervolgafspraak niet gepland")
            return
        self._saved()
        self._marked(item.id, "done")
        self.notify(f"Vervolgafspraak gepland op {format_date(due_on)}; hij staat in de agenda.", timeout=5)
    
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
        """Save the note with the item's current state; keep the editor open if it fails."""
        event.stop()
        item_id = self.editing
        if item_id is None:
            return
        checklist = self.query_one(Checklist)
        if self._record(item_id, checklist.state_of(item_id), event.text):
            checklist.set_note(item_id, event.text)
            self._close_editor()
            self.notify("Notitie opgeslagen.", timeout=3)

    def on_hinted_note_cancelled(self, event: HintedNote.Cancelled) -> None:
        """Close the editor without saving (the editor already warned about changes)."""
        event.stop()
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
        """Whether a note is open with unsaved changes (Ctrl+Q asks then)."""
        if self.editing is None:
            return False
        return self.query_one("#note-editor", HintedNote).changed

    def keep_draft(self) -> None:
        """Write the note's draft now (the app is about to stop)."""
        if self.note_draft is not None:
            self.note_draft.dirty = True
            self.note_draft.flush()

    def _mention_drafts(self) -> None:
        """Say which items have a note typed but not saved (after a crash): n offers it back."""
        from pestcli.services.drafts import drafts_with_prefix

        try:
            drafts = drafts_with_prefix(pest_app(self).store, f"{self.DRAFT_KIND}:{self.conversation_id}:item:")
        except StoreError:
            return
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
    def action_participants(self) -> None:
        """Choose who takes part, from the people of the case."""
        try:
            people = reads.people_in_case(pest_app(self).store, self.case_id)
            self.parent_labels = reads.parent_labels(pest_app(self).store, self.case_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Deelnemers niet te lezen")
            return
        self.app.push_screen(ParticipantsDialog(people, self.participants, self.role_labels,
                                                names=self.parent_labels),
                             self._participants_chosen)

    def _participants_chosen(self, chosen: dict[int, str] | None) -> None:
        if chosen is None or self.conversation_id is None:  # cancelled, or never opened
            return
        try:
            conversations.save_participants(pest_app(self).store, self.conversation_id, self.participants, chosen)
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Niet opgeslagen")
        else:
            self._saved()
        try:
            self._show_participants(reads.conversation_detail(pest_app(self).store, self.conversation_id))
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Deelnemers niet te lezen")

    def action_agreement(self, draft: AgreementDraft | None = None) -> None:
        """Capture an agreement as it is made."""
        try:
            people = reads.people_in_case(pest_app(self).store, self.case_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Afspraak niet te openen")
            return
        dialog = AgreementDialog(people, pest_app(self).protocol.language_hints, self.role_labels, draft)
        self.app.push_screen(dialog, self._agreement_made)

    def _agreement_made(self, draft: AgreementDraft | None) -> None:
        if draft is None:
            return
        try:
            conversations.add_agreement(pest_app(self).store, self.case_id, draft.text, pest_app(self).today(),
                                person_id=draft.person_id, conversation_id=self.conversation_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Afspraak niet opgeslagen")
            self.action_agreement(draft)
            return
        self._saved()
        self.notify("Afspraak opgeslagen.", timeout=3)
        self._refresh_agreements()

    def action_plan_followups(self) -> None:
        """Plan stap 5's follow-ups from today's agreements (the rules engine picks the dates)."""
        try:
            planned_already = bool(self.agreements) and bool(self._open_followups())
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Niet gepland")
            return
        if not self.agreements:
            self.notify("Leg eerst de afspraken vast (toets a).", severity="warning")
        elif planned_already:
            self.notify("De vervolggesprekken staan al gepland.", severity="warning")
        else:
            try:
                planned = conversations.plan_followups(pest_app(self).store, pest_app(self).rules, self.case_id, pest_app(self).today())
            except StoreError as exc:
                self.notify(str(exc), severity="error", title="Niet gepland")
                return
            self._saved()
            notice = pest_app(self).calendar.dates_notice(f.due_on for f in planned)
            self.notify(f"{len(planned)} vervolggesprekken gepland; het eerste op {format_date(planned[0].due_on)}."
                        + (f" {notice}" if notice else ""))
            self._refresh_agreements()

    # --- end and leave -----------------------------------------------------------------
    def _overview(self) -> Overview:
        checklist = self.query_one(Checklist)
        return Overview(self.guide, self.step, {r.item.id: r.state for r in checklist.rows},
                        {r.item.id: r.note for r in checklist.rows if r.note},
                        list(self.participant_labels), list(self.agreements), dict(self.names))

    def action_end(self) -> None:
        """Ask "Gesprek afronden?" with the overview; then save and show the summary."""
        try:
            progress = reads.step_progress(pest_app(self).store, self.case_id)
            planned_already = len(self._open_followups()) if self.can_plan else 0
        except StoreError as exc:
            self.notify(str(exc), severity="error", title="Niet afgerond")
            return
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
        """Back to where the mentor came from; everything confirmed is already saved."""
        if self.editing is not None:
            self.query_one("#note-editor", HintedNote).action_cancel()
            return
        self.notify("Het gesprek is bewaard; je kunt later verder waar je gebleven was.", timeout=4)
        self.dismiss()
