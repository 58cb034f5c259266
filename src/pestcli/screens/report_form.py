"""The report form (melding): one form in the order a mentor hears the story.

Who reports, when, the pupils by role (picked as you type, or added new), who
the reporter is (a pupil of the report, a parent or staff member by name, or
anonymous), the forms of bullying as the protocol's checklist, online or not,
when the parents are told (the protocol's "na stap 1 of na stap 3", with a
short reason), class, place, a short description and the mentor. Errors show beside their
field in Dutch and nothing typed is lost. Ctrl+S saves the case with its step
deadlines in one transaction (``services.reports.register_report``, new pupils
included), then the case screen replaces the form; an online case opens the
evidence log at once. Escape on a half-filled form asks before throwing it away.

The save runs in a worker thread (a server may be a slow round trip away; the
screen never freezes): the header says "Bezig met opslaan…" meanwhile, Ctrl+S
and Escape wait, and "Opgeslagen" is said only once the use case returned. A
refused save is said in Dutch and leaves the form, its text and its draft as
they were.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Header,
    Input,
    Label,
    RadioSet,
    Select,
    Static,
    Switch,
    TextArea,
)

from pestcli.app_access import pest_app
from pestcli.screens.background_save import BUSY, BackgroundSave
from pestcli.screens.drafts import DraftKeeper
from pestcli.screens.report_checklist import FormChecklist
from pestcli.screens.report_dialogs import LeaveReportDialog, NewPupilDialog
from pestcli.screens.report_draft import draft_fields, restored
from pestcli.screens.report_parts import (
    INTRO,
    ROLE_QUESTIONS,
    ReportDraft,
    field,
    future_date_error,
    informing_legend,
    online_notice,
    online_reminder,
    role_hint,
)
from pestcli.screens.report_reporter import ReporterPerson
from pestcli.services.errors import StoreError
from pestcli.services.reports import RegisteredCase, register_report
from pestcli.widgets.date_field import DateField
from pestcli.widgets.keys_footer import KeysFooter
from pestcli.widgets.marked_radio import MarkedRadioButton
from pestcli.widgets.pupil_picker import PupilPicker


class ReportFormScreen(BackgroundSave, Screen[None]):
    """A new report: fill in, check beside each field, save in one transaction."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="report_save", priority=True),
        Binding("escape", "leave", "Terug", id="report_leave"),
        Binding("ctrl+n", "already_new", "Nieuwe melding", id="report_already_new", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="report-form")
        self.initial: ReportDraft | None = None
        self.saved_case_id: int | None = None
        #: Whether the report is being saved in the background now (``action_save``).
        self.saving = False
        #: The mentor the class filled in (the pupil import's class mentors); what the user types is kept.
        self._mentor_filled = ""
        #: The typed text, kept as a draft until the report is saved (``screens.drafts``).
        self.drafts = DraftKeeper(self, "report", self._draft_fields)

    # --- building the form -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """The form in one scrolling column, with Opslaan / Annuleren at the bottom."""
        protocol = pest_app(self).protocol
        yield Header()
        with VerticalScroll(id="report-body"):
            yield Static(INTRO, id="report-intro")
            yield Label("De melding", classes="report-section")
            with Horizontal(id="report-who-when"):
                yield field("Wie meldt het?", RadioSet(
                    *(MarkedRadioButton(kind.label, name=kind.id) for kind in protocol.reporter_kinds), id="reporter"),
                    "reporter")
                with Vertical(id="field-when", classes="field"):
                    yield DateField("Wanneer is het gemeld?", "vandaag", today=pest_app(self).today, prefer="past",
                                    id="reported-on")
                    yield Label("", id="err-reported-on", classes="field-error", markup=False)
            yield Label("Wie zijn erbij betrokken?", classes="report-section")
            with Vertical(id="people"):
                for role, question in ROLE_QUESTIONS:
                    yield PupilPicker(question, role_hint(protocol, role), class_hint=self._class_hint,
                                      id=f"role-{role}")
            yield field("Wie is de melder?", ReporterPerson(id="reporter-person"), "reporter-person")
            yield Label("Wat is er gebeurd?", classes="report-section")
            yield from self._compose_forms()
            with Horizontal(id="field-online", classes="field"):
                yield Switch(id="online")
                yield Label("Online pesten (via telefoon, sociale media, games of mail)", id="online-label")
            yield Static(online_reminder(protocol), id="online-reminder")
            yield field(protocol.informing_parents.question, RadioSet(
                *(MarkedRadioButton(c.label, name=c.id) for c in protocol.informing_parents.choices), id="informing"),
                "informing", hint=informing_legend(protocol))
            yield field("Waarom? (kort)", Input(placeholder="bijv. bedreiging; durft niet meer naar school",
                                                id="informing-reason"), "informing-reason")
            yield field("Klas", Input(placeholder="bijv. 2B", id="class-name"), "class-name")
            yield field("Waar gebeurde het?", Input(
                placeholder="bijv. schoolplein, fietsenstalling, WhatsApp-groep", id="location"), "location")
            yield field("Korte beschrijving", TextArea(id="description", soft_wrap=True), "description",
                        hint="Wat is er gebeurd, in de woorden van de melder.")
            yield field("Mentor (optioneel)", Input(placeholder="je naam", id="mentor"), "mentor")
            with Horizontal(id="report-buttons"):
                yield Button("Opslaan", id="report-save", variant="primary")
                yield Button("Annuleren", id="report-cancel")
        yield KeysFooter()

    def _compose_forms(self) -> ComposeResult:
        """The protocol's forms of bullying: one checklist per group."""
        yield Label("Vormen van pesten (spatie of Enter vinkt aan)", classes="field-label")
        with Vertical(id="forms"):
            for group in pest_app(self).protocol.forms:
                with Vertical(classes="forms-cell"):
                    yield Label(group.title, classes="forms-group-title")
                    yield FormChecklist(((item.text, item.id) for item in group.items),
                                        id=f"forms-{group.id}", classes="forms-group")

    def on_mount(self) -> None:
        """Start at "Wie meldt het?" and remember the empty form."""
        self.title = "Nieuwe melding"
        self.query_one("#online-reminder").display = False
        self.query_one("#reporter", RadioSet).focus()
        self.initial = self.collect()
        self.drafts.offer(self._restore_draft)

    def _class_hint(self) -> str:
        """The class a new pupil probably is in: the form's class, else the victim's."""
        typed = self.query_one("#class-name", Input).value.strip()
        victims = self.query_one("#role-gepeste", PupilPicker).chosen
        return typed or next((p.class_name for p in victims if p.class_name), "")

    # --- reading and checking ----------------------------------------------------------
    def collect(self) -> ReportDraft:
        """What the form holds now."""
        def pressed(radio_id: str) -> str | None:
            """The id of the pressed radio button of a set, if any."""
            button = self.query_one(radio_id, RadioSet).pressed_button
            return button.name if button is not None else None

        reporter = self.query_one("#reporter-person", ReporterPerson)
        person = reporter.draft()
        return ReportDraft(
            reporter_kind=pressed("#reporter"),
            reported_on=self.query_one("#reported-on", DateField).value,
            people={role: self.query_one(f"#role-{role}", PupilPicker).chosen for role, _ in ROLE_QUESTIONS},
            forms=[form for lst in self.query(FormChecklist).results(FormChecklist) for form in lst.selected],
            online=self.query_one("#online", Switch).value,
            parents_informed_after=pressed("#informing"),
            informing_reason=self.query_one("#informing-reason", Input).value,
            reporter_pupil=reporter.chosen_pupil(), reporter_name=person.name, reporter_relation=person.relation,
            class_name=self.query_one("#class-name", Input).value,
            location=self.query_one("#location", Input).value,
            description=self.query_one("#description", TextArea).text,
            mentor=self.query_one("#mentor", Input).value,
        )

    def is_dirty(self) -> bool:
        """Whether anything was filled in (or typed and not yet picked)."""
        pending = any(p.pending_text for p in self.query(PupilPicker).results(PupilPicker))
        date_text = self.query_one("#reported-on Input", Input).value.strip()
        return pending or date_text != "vandaag" or self.collect() != self.initial

    def check(self, draft: ReportDraft) -> dict[str, str]:
        """Dutch errors by field name (empty when the report can be saved)."""
        errors: dict[str, str] = {}
        if draft.reporter_kind is None:
            errors["reporter"] = "Kies wie de melding doet."
        date_field = self.query_one("#reported-on", DateField)
        problem = date_field.error()
        if problem is None and draft.reported_on is not None:
            problem = future_date_error(draft.reported_on, pest_app(self).today())
        if problem is not None:
            errors["reported-on"] = problem
        for role, _ in ROLE_QUESTIONS:
            picker = self.query_one(f"#role-{role}", PupilPicker)
            if picker.pending_text:
                errors[f"role-{role}"] = (f"Druk op Enter om “{picker.pending_text}” te kiezen of als nieuwe "
                                          "leerling toe te voegen, of maak het veld leeg.")
        if not draft.people.get("gepeste") and "role-gepeste" not in errors:
            errors["role-gepeste"] = "Vul in wie er gepest wordt: typ een naam en kies met Enter."
        if "reporter" not in errors:
            problem = self.query_one("#reporter-person", ReporterPerson).error()
            if problem is not None:
                errors["reporter-person"] = problem
        if draft.parents_informed_after is None:
            errors["informing"] = "Kies wanneer de ouders worden ingelicht (afhankelijk van de ernst)."
        if not draft.informing_reason.strip():
            errors["informing-reason"] = "Schrijf kort op waarom (bijvoorbeeld wat de ernst bepaalt)."
        return errors

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put every error beside its field (and clear the old ones)."""
        for label in self.query(".field-error").results(Label):
            label.update("")
            label.remove_class("shown")
        for picker in self.query(PupilPicker).results(PupilPicker):
            picker.set_error(errors.get(picker.id or ""))
        shown_by_date_field = self.query_one("#reported-on", DateField).error()
        for name, message in errors.items():
            if name == "reported-on" and message == shown_by_date_field:
                continue  # the date field shows the parser's message itself
            if not name.startswith("role-"):
                label = self.query_one(f"#err-{name}", Label)
                label.update(message)
                label.add_class("shown")

    def _focus_field(self, name: str) -> None:
        """Move the focus to the first input of a field (and scroll it into view)."""
        targets = {"reporter": "#reporter", "reported-on": "#reported-on Input", "informing": "#informing",
                   "informing-reason": "#informing-reason"}
        if name == "reporter-person":
            widget: Widget | None = self.query_one("#reporter-person", ReporterPerson).first_input()
            widget = widget or self.query_one("#reporter")
        else:
            widget = self.query_one(targets.get(name, f"#{name} Input"))
        widget.focus()
        widget.scroll_visible()

    # --- saving ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the report is being saved, Ctrl+S and Escape wait (the footer shows them dimmed)."""
        if self.saving and action in ("save", "leave"):
            return None
        return super().check_action(action, parameters)

    def action_save(self) -> None:
        """Check the form, save the case in one transaction (in the background), show the case screen."""
        if self.saved_case_id is not None:
            return
        if self.saving:
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        draft = self.collect()
        errors = self.check(draft)
        self.show_errors(errors)
        if errors:
            self._focus_field(next(iter(errors)))
            self.notify("Niet opgeslagen: kijk naar de melding bij het veld.", severity="error")
            return
        # check() gave an error for each of these when it was None (the date field does not allow empty)
        assert draft.reported_on is not None
        assert draft.reporter_kind is not None
        assert draft.parents_informed_after is not None
        # everything the worker needs is read here, on the main thread: it touches no widget
        arguments: dict[str, Any] = dict(
            reported_on=draft.reported_on,
            reporter_kind=draft.reporter_kind, parents_informed_after=draft.parents_informed_after,
            informing_reason=draft.informing_reason.strip(), reporter=draft.reporter(),
            class_name=draft.class_name or self._class_hint(), location=draft.location,
            forms=draft.forms, online=draft.online, description=draft.description.strip(),
            mentor=draft.mentor, roles=draft.roles_of_known(), new_people=draft.new_people(),
        )
        store, rules, online = pest_app(self).store, pest_app(self).rules, draft.online
        self.save_in_background(lambda: register_report(store, rules, **arguments),
                                lambda case: self._saved(case, online))

    def show_busy(self, busy: bool) -> None:
        """Say in the header that the report is being saved (text, not colour), or stop saying it."""
        self.sub_title = BUSY if busy else None  # None: the app's own sub-title again
        self.refresh_bindings()

    def _saved(self, case: RegisteredCase, online: bool) -> None:
        """Stored: the draft goes, the case screen replaces the form (and the evidence log for online)."""
        self.saved_case_id = case.id
        self.drafts.discard()  # saved for real now
        self.notify(f"Opgeslagen: melding {case.number}.")
        self.app.pop_screen()
        pest_app(self).open_case(case.id)
        if online:
            self._offer_evidence(case.id)

    def _offer_evidence(self, case_id: int) -> None:
        """Online bullying: the protocol's reminder, and the evidence log at once."""
        self.app.notify(online_notice(pest_app(self).protocol), title="Online pesten", severity="warning",
                        timeout=15)
        try:
            from pestcli.screens.evidence_dialog import EvidenceDialog
        except ImportError:
            return
        self.app.push_screen(EvidenceDialog(case_id))

    def action_already_new(self) -> None:
        """Ctrl+N on the form itself: say so instead of opening a second form."""
        self.notify("Je bent al een nieuwe melding aan het invullen.")

    # --- leaving -----------------------------------------------------------------------
    def action_leave(self) -> None:
        """Go back; a half-filled form asks "Melding niet opslaan?" first (not while it is being saved)."""
        if self.saving:
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        if not self.is_dirty():
            self.drafts.flush()  # text typed and wiped again: its old draft goes too
            self.app.pop_screen()
            return

        def answered(leave: bool | None) -> None:
            """Leave only when the mentor chose "Ja, niet opslaan" (the draft goes too)."""
            if leave:
                self.drafts.discard()
                self.app.pop_screen()

        self.app.push_screen(LeaveReportDialog(), answered)

    # --- drafts (typed text is never lost by a key) ----------------------------------------
    def has_unsaved_text(self) -> bool:
        """Whether the form is half-filled and not saved (Ctrl+Q asks then)."""
        return self.saved_case_id is None and self.is_dirty()

    def keep_draft(self) -> None:
        """Write the draft now (the app is about to stop)."""
        self.drafts.dirty = True
        self.drafts.flush()

    def _draft_fields(self) -> dict[str, str]:
        """What the draft keeps: everything filled in or chosen (``screens.report_draft``)."""
        pending = {role: self.query_one(f"#role-{role}", PupilPicker).pending_text for role, _ in ROLE_QUESTIONS}
        date_text = self.query_one("#reported-on Input", Input).value
        return draft_fields(self.collect(), date_text, pending)

    def _restore_draft(self, fields: dict[str, str]) -> None:
        """Put the kept report back: the typed text, the pupils and every choice."""
        kept = restored(fields)
        for name, value in kept.texts.items():
            self.query_one(f"#{name}", Input).value = value
        if kept.description is not None:
            self.query_one("#description", TextArea).load_text(kept.description)
        if kept.date_text is not None:
            self.query_one("#reported-on Input", Input).value = kept.date_text
        for role, pupils in kept.people.items():
            if role in dict(ROLE_QUESTIONS):
                picker = self.query_one(f"#role-{role}", PupilPicker)
                for pupil in pupils:
                    picker.add(pupil)
        for role, text in kept.pending.items():
            if role in dict(ROLE_QUESTIONS):
                self.query_one(f"#role-{role}", PupilPicker).query_input.value = text
        for checklist in self.query(FormChecklist).results(FormChecklist):
            checklist.tick(kept.forms)
        self.query_one("#online", Switch).value = kept.online
        self._press("#informing", kept.informing)
        self._press("#reporter", kept.reporter_kind)
        reporter = self.query_one("#reporter-person", ReporterPerson)
        kind = pest_app(self).protocol.reporter_kind(kept.reporter_kind) if kept.reporter_kind else None
        reporter.show_for(kind.person if kind else None)  # now, not when the message arrives
        self._pupils_changed()
        reporter.query_one("#reporter-name", Input).value = kept.reporter_name
        reporter.query_one("#reporter-relation", Input).value = kept.reporter_relation
        if kept.reporter_pupil in reporter.options():
            reporter.query_one("#reporter-pupil", Select).value = kept.reporter_pupil

    def _press(self, radio_set: str, name: str | None) -> None:
        """Choose the radio button ``name`` of a set (a kept choice the protocol no longer has is left)."""
        for button in self.query_one(radio_set, RadioSet).query(MarkedRadioButton):
            if name is not None and button.name == name:
                button.value = True

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(RadioSet.Changed)
    @on(Switch.Changed)
    @on(Select.Changed)
    @on(PupilPicker.Changed)
    @on(FormChecklist.Toggled)
    def _typed(self) -> None:
        """Keep what was typed or chosen as a draft a moment after the last key."""
        if self.saved_case_id is None:
            self.drafts.changed()

    # --- reacting to the mentor ----------------------------------------------------------
    @on(Switch.Changed, "#online")
    def _online_changed(self, event: Switch.Changed) -> None:
        self.query_one("#online-reminder").display = event.value

    @on(RadioSet.Changed, "#reporter")
    def _reporter_kind_changed(self, event: RadioSet.Changed) -> None:
        kind = pest_app(self).protocol.reporter_kind(event.pressed.name) if event.pressed.name else None
        self.query_one("#reporter-person", ReporterPerson).show_for(kind.person if kind else None)

    @on(PupilPicker.Changed)
    def _pupils_changed(self) -> None:
        pupils = [(p, role) for role, _ in ROLE_QUESTIONS for p in self.query_one(f"#role-{role}", PupilPicker).chosen]
        self.query_one("#reporter-person", ReporterPerson).set_pupils(pupils)

    @on(PupilPicker.NewPupilRequested)
    def _new_pupil(self, event: PupilPicker.NewPupilRequested) -> None:
        """A picker asks for a new pupil: name and class in a dialog, the answer back to the picker."""
        event.stop()
        self.app.push_screen(NewPupilDialog(event.typed_name, event.class_name), event.picker.new_pupil_added)

    @on(PupilPicker.Changed, "#role-gepeste")
    def _victim_changed(self, event: PupilPicker.Changed) -> None:
        class_input = self.query_one("#class-name", Input)
        if not class_input.value.strip():
            class_input.value = next((p.class_name for p in event.picker.chosen if p.class_name), "")

    @on(Input.Changed, "#class-name")
    def _class_changed(self, event: Input.Changed) -> None:
        """A class typed or filled in: its mentor from the pupil import, while the mentor field is not typed in."""
        if self._mentor_typed():
            return
        self._look_up_mentor(event.value.strip())

    def _mentor_typed(self) -> bool:
        """Whether the mentor field holds what the user typed (not empty, not what the class filled in)."""
        value = self.query_one("#mentor", Input).value
        return bool(value.strip()) and value != self._mentor_filled

    @work(thread=True, exclusive=True, group="class-mentor")
    def _look_up_mentor(self, class_name: str) -> None:
        """Read the class's mentor off the main thread (a server may be a round trip away), then fill it in."""
        from pestcli.services.pupil_import import mentor_of_class

        app = pest_app(self)
        try:
            name = mentor_of_class(app.store, class_name, app.today()) if class_name else ""
        except StoreError:
            return  # the mentor field simply stays as it is; saving says what is wrong with the store
        self.app.call_from_thread(self._fill_mentor, class_name, name)

    def _fill_mentor(self, class_name: str, name: str) -> None:
        """Put the class's mentor in the mentor field, unless the class changed since or the user typed one."""
        if not self.is_attached or self.query_one("#class-name", Input).value.strip() != class_name:
            return
        if self._mentor_typed() or (not name and not self._mentor_filled):
            return
        self.query_one("#mentor", Input).value = name
        self._mentor_filled = name

    @on(Button.Pressed, "#report-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#report-cancel")
    def _cancel_pressed(self) -> None:
        self.action_leave()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()
