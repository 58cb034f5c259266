"""A follow-up of stap 5, done in seconds: "gaat goed" (g) or "afspraken gebroken" (b).

"Gaat goed" is often a two-minute talk: one key records it (all agreements
kept) and closes the dialog. "Afspraken gebroken" records it through
``services.followups.record_outcome``, which lets the rules engine
decide in the same transaction: the bully's one more chance (with an extra
follow-up), or the next escalation. The dialog then shows at once what was
decided, and dismisses with the :class:`FollowUpOutcome` when the mentor
closes it. Before saving, the dialog already says what a breach would mean.

Per agreement: ticked is kept, unticked is broken (space toggles); the box
says so by a sign and a word ("✔ nagekomen", "✗ gebroken"), not by colour. With
"afspraken gebroken" and every agreement still ticked, all count as broken.
The agreements of the case's class (klassengesprek, bijlage 1) are listed
apart and revisited the same way, in the same transaction; they are the
class's, so they never move the case up the ladder.
"""

from __future__ import annotations

from datetime import date
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, SelectionList, Static, TextArea

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.screens.case_dialog import field, past_day_error, reveal_first_error
from pestcli.screens.dialog import Dialog
from pestcli.screens.drafts import DraftKeeper, LeaveUnsavedDialog
from pestcli.services.errors import StoreError
from pestcli.text import literal, plain
from pestcli.widgets.date_field import DateField
from pestcli.widgets.marked_selection import MarkedSelectionList

#: An agreement's state in words and signs beside its box, not by colour alone.
AGREEMENT_MARKS = {True: ("✔", "nagekomen"), False: ("✗", "gebroken")}

if TYPE_CHECKING:
    from pestcli.protocol.escalation import Decision
    from pestcli.protocol.model import Protocol
    from pestcli.services.followups import FollowUpOutcome
    from pestcli.services.reads import FollowUpContext


def _lower_first(text: str) -> str:
    """``Fase 1: ...`` -> ``fase 1: ...``."""
    return text[:1].lower() + text[1:]


def decision_summary(decision: Decision, protocol: Protocol, extra_on: date | None = None) -> str:
    """One Dutch sentence for what the rules engine decided after a breach."""
    if decision.kind == "kans":
        when = f"; extra vervolggesprek op {format_date(extra_on)}" if extra_on else ""
        return f"Nog één kans voor de pester{when}."
    if decision.kind == "einde":
        return "De laatste sanctiefase is al ingezet; het protocol kent geen verdere stap."
    phase = ""
    if decision.sanction_phase is not None:
        phase = ", " + _lower_first(protocol.sanction(decision.sanction_phase).title)
    if decision.kind == "escalatie":
        return f"Opgeschaald naar de {decision.rung.label.lower()}{phase}."
    return f"Volgende sanctiefase, de {decision.rung.label.lower()} houdt de regie{phase}."


def preview_text(decision: Decision, protocol: Protocol) -> str:
    """What "afspraken gebroken" would lead to, said before saving."""
    if decision.kind == "kans":
        return ("Bij gebroken afspraken: nog één kans voor de pester (nieuwe afspraken en een "
                "extra vervolggesprek).")
    return "Bij gebroken afspraken: " + _lower_first(decision_summary(decision, protocol))


def pupils_line(context: FollowUpContext) -> str:
    """``Gepeste: Sanne Jansen · Pester: Daan Vos``."""
    parts = []
    for role, title in (("gepeste", "Gepeste"), ("pester", "Pester")):
        names = [f"{p.first_name} {p.last_name}".strip() for p in context.with_role(role)]
        if names:
            parts.append(f"{title}: {', '.join(names)}")
    return plain(" · ".join(parts))


class FollowUpDialog(Dialog["FollowUpOutcome | None"]):
    """Records one follow-up; dismisses with the FollowUpOutcome (None when cancelled)."""

    BOX_ID = "followup-dialog"
    BOX_CLASSES = "-wide"

    BINDINGS = [
        Binding("g", "kept", "Gaat goed", id="followup_kept"),
        Binding("b", "broken", "Afspraken gebroken", id="followup_broken"),
        Binding("escape", "cancel", "Annuleren", id="followup_cancel"),
        Binding("escape", "close", "Sluiten", id="followup_close"),
    ]

    def __init__(self, followup_id: int) -> None:
        super().__init__()
        self.followup_id = followup_id
        self.context: FollowUpContext | None = None
        self.preview: Decision | None = None
        self.outcome: FollowUpOutcome | None = None
        #: The agreements of the case's class (klassengesprek) revisited here too.
        self.class_agreements: list = []
        #: The typed note, kept as a draft until the follow-up is saved (``screens.drafts``).
        self.drafts = DraftKeeper(self, f"followup:{followup_id}", self._draft_fields)

    def compose_dialog(self) -> ComposeResult:
        """Who and what, the agreements, the day, a note, the two outcomes."""
        from pestcli.protocol.escalation import on_broken_agreements
        from pestcli.services.class_talks import agreements_of_case_class
        from pestcli.services.reads import followup_context, ladder_state

        try:
            self.context = followup_context(pest_app(self).store, self.followup_id)
            self.class_agreements = agreements_of_case_class(pest_app(self).store, self.context.case, pest_app(self).today())
            state = ladder_state(pest_app(self).store, self.context.followup.case_id, pest_app(self).protocol.rules)
            preview = on_broken_agreements(pest_app(self).protocol.rules, state)
            self.preview = preview
        except StoreError as exc:
            yield Label("Vervolggesprek", id="dialog-title", classes="dialog-title")
            yield Static(str(exc), id="followup-error", markup=False)
            with Horizontal(id="dialog-buttons", classes="dialog-buttons"):
                yield Button("Sluiten", id="close", variant="primary")
            return
        yield from self._compose_form(self.context, preview)

    def _compose_form(self, context: FollowUpContext, preview: Decision) -> ComposeResult:
        """The form for a follow-up that exists."""
        row, case = context.followup, context.case
        yield Label(f"Vervolggesprek {row.label}", id="dialog-title", classes="dialog-title", markup=False)
        with VerticalScroll(id="dialog-body", classes="dialog-body"):
            klas = f" · klas {case.class_name}" if case.class_name else ""
            yield Static(plain(f"Melding {case.number}{klas} · gepland op {format_date(row.due_on)}"),
                         id="followup-case", markup=False)
            yield Static(pupils_line(context), id="followup-pupils", markup=False)
            if context.agreements:
                yield Label("Afspraken — ✔ nagekomen of ✗ gebroken (spatie wisselt)", classes="field-label")
                yield MarkedSelectionList[int](
                    *((literal(self._agreement_label(view)), view.agreement.id, True)
                      for view in context.agreements),
                    marks=AGREEMENT_MARKS, id="agreements")
            else:
                yield Label("Er zijn (nog) geen afspraken vastgelegd bij deze melding.", classes="dialog-note")
            if self.class_agreements:
                yield Label(plain(f"Afspraken met klas {case.class_name.strip()} (klassengesprek) — "
                                  "✔ nagekomen of ✗ gebroken; telt niet mee voor de stappen na gebroken "
                                  "afspraken"),
                            classes="field-label", markup=False)
                yield MarkedSelectionList[int](
                    *((literal(view.agreement.text), view.agreement.id, True) for view in self.class_agreements),
                    marks=AGREEMENT_MARKS, id="class-agreements")
            yield DateField("Gehouden op", "vandaag", today=pest_app(self).today, prefer="past", id="done-on")
            yield Label("", id="err-done-on", classes="field-error", markup=False)
            yield field("Notitie (mag leeg)", Input(placeholder="bijv. gaat goed, zit weer naast …",
                                                    id="note"), "note")
            yield Label(preview_text(preview, pest_app(self).protocol), id="followup-preview",
                        classes="dialog-note", markup=False)
        yield Static("", id="followup-result", markup=False)
        with Horizontal(id="dialog-buttons", classes="dialog-buttons"):
            yield Button("Gaat goed (g)", id="kept", variant="success")
            yield Button("Afspraken gebroken (b)", id="broken", variant="error")
            yield Button("Annuleren", id="cancel")
            yield Button("Sluiten", id="close", variant="primary")

    @staticmethod
    def _agreement_label(view) -> str:
        """``Laat Sanne met rust (Daan Vos)``."""
        if view.person is None:
            return view.agreement.text
        return f"{view.agreement.text} ({view.person.first_name} {view.person.last_name}".rstrip() + ")"

    def on_mount(self) -> None:
        """Start on the agreements, or on "Gaat goed" when there are none."""
        if self.context is None:
            self.query_one("#close", Button).focus()
            return
        self.query_one("#close", Button).display = False
        self.query_one("#followup-result", Static).display = False
        self.drafts.case_id = self.context.case.id
        self.drafts.offer(self._restore_draft)
        lists = self.query("#agreements")
        (lists.first() if lists else self.query_one("#kept", Button)).focus()

    # --- keys and buttons ----------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """g and b only before saving, and dimmed while the mentor types; every key waits while it saves."""
        if super().check_action(action, parameters) is None:  # a save runs (Dialog)
            return None
        if action in ("kept", "broken"):
            if self.context is None or self.outcome is not None:
                return False
            if isinstance(self.focused, Input | TextArea):
                return None
        if action == "cancel":
            return self.context is not None and self.outcome is None
        if action == "close":
            return self.context is None or self.outcome is not None
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons do what the keys do."""
        event.stop()
        button_id = event.button.id
        if button_id is None:  # not reached: every button of the dialog has an id
            return
        {"kept": self.action_kept, "broken": self.action_broken,
         "cancel": self.action_cancel, "close": self.action_close}[button_id]()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a text field moves on (to the outcome buttons in the end)."""
        event.stop()
        self.focus_next()

    def on_descendant_focus(self) -> None:
        """Show g and b dimmed while a text field has the focus."""
        self.refresh_bindings()

    def action_cancel(self) -> None:
        """Escape before saving: close without recording anything; a typed note asks first."""
        if not self.has_unsaved_text():
            self.drafts.flush()  # a note typed and wiped again: its old draft goes too
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.drafts.discard()
                self.dismiss(None)

        self.app.push_screen(LeaveUnsavedDialog(
            "Notitie niet opslaan?",
            "Je hebt een notitie getypt en het vervolggesprek is nog niet opgeslagen. Ja gooit de notitie "
            "weg; Nee gaat terug (sla op met g of b).", yes="Ja, weggooien"), answered)

    # --- drafts (typed text is never lost by a key) -----------------------------------
    def has_unsaved_text(self) -> bool:
        """Whether a note is typed and the follow-up not yet saved (Ctrl+Q asks then)."""
        if self.context is None or self.outcome is not None:
            return False
        notes = self.query("#note")
        return bool(notes) and bool(notes.first(Input).value.strip())

    def keep_draft(self) -> None:
        """Write the draft now (the app is about to stop)."""
        self.drafts.flush()

    def _draft_fields(self) -> dict[str, str]:
        """What the draft keeps: the note."""
        return {"note": self.query_one("#note", Input).value}

    def _restore_draft(self, fields: dict[str, str]) -> None:
        """Put the kept note back."""
        self.query_one("#note", Input).value = fields.get("note", "")

    def on_input_changed(self, event: Input.Changed) -> None:
        """Keep the note as a draft a moment after the last key."""
        if event.input.id == "note" and self.outcome is None:
            self.drafts.changed()

    def action_close(self) -> None:
        """Close after saving, with the outcome."""
        self.dismiss(self.outcome)

    def action_kept(self) -> None:
        """ "Gaat goed": every agreement kept; record it and close."""
        if self.context is None or self.outcome is not None:
            return
        statuses = self._statuses()
        if any(status == "broken" for status in statuses.values()):
            self.notify("Je hebt een afspraak als gebroken gemarkeerd: kies 'Afspraken gebroken' (b) "
                        "of vink de afspraak weer aan.", severity="warning")
            return
        label = self.context.followup.label

        def saved(outcome: FollowUpOutcome) -> None:
            self.notify(f"Opgeslagen: vervolggesprek {label} gehouden — het gaat goed.", markup=False)
            self.dismiss(outcome)

        self._record(kept=True, statuses=statuses, then=saved)

    def action_broken(self) -> None:
        """ "Afspraken gebroken": record it, and show what the rules engine decided."""
        if self.context is None or self.outcome is not None:
            return
        statuses = self._statuses()
        if statuses and "broken" not in statuses.values():
            statuses = {agreement_id: "broken" for agreement_id in statuses}
        self._record(kept=False, statuses=statuses, then=self._show_result)

    # --- saving ----------------------------------------------------------------------
    def _statuses(self) -> dict[int, str]:
        """Agreement id -> ``kept`` (ticked) or ``broken`` (unticked)."""
        lists = self.query("#agreements")
        if not lists:
            return {}
        assert self.context is not None  # only g and b ask, after they checked the follow-up was read
        agreements = lists.first(SelectionList)
        ticked = set(agreements.selected)
        statuses: dict[int, str] = {}
        for view in self.context.agreements:
            agreement_id = view.agreement.id
            assert agreement_id is not None  # read from the database
            statuses[agreement_id] = "kept" if agreement_id in ticked else "broken"
        return statuses

    def _class_statuses(self) -> dict[int, str]:
        """Class agreement id -> ``kept`` (ticked) or ``broken`` (unticked)."""
        lists = self.query("#class-agreements")
        if not lists:
            return {}
        ticked = set(lists.first(SelectionList).selected)
        return {view.agreement.id: "kept" if view.agreement.id in ticked else "broken"
                for view in self.class_agreements}

    def _record(self, *, kept: bool, statuses: dict[int, str], then: Callable[[FollowUpOutcome], None]) -> None:
        """Check the day, then make the one store call in the background; ``then(outcome)`` once it is stored.

        A day that is not right, or a refused save (said in Dutch), leaves the
        dialog open with what was typed.
        """
        from pestcli.services.followups import record_outcome

        assert self.context is not None  # only g and b record, after they checked the follow-up was read
        error = self.query_one("#err-done-on", Label)
        error.update("")
        error.remove_class("shown")
        date_field = self.query_one("#done-on", DateField)
        day, problem = date_field.value, date_field.error()
        if problem is None and day is not None:
            problem = past_day_error(day, pest_app(self).today(), self.context.case.reported_on)
        if problem is not None or day is None:
            error.update(problem or "Vul een datum in.")
            error.add_class("shown")
            message = reveal_first_error(self)  # the date focused, it and its error in view
            self.notify(f"Niet opgeslagen: {message}" if message else
                        "Niet opgeslagen: kijk naar de melding bij de datum.", severity="error")
            return
        note = self.query_one("#note", Input).value.strip()
        store, rules, context = pest_app(self).store, pest_app(self).rules, self.context
        class_statuses = self._class_statuses()

        def save() -> FollowUpOutcome:
            return record_outcome(store, rules, self.followup_id, kept=kept, note=note, day=day,
                                  by=context.case.mentor, agreement_statuses=statuses,
                                  class_agreement_statuses=class_statuses,
                                  seen_version=context.followup.version)

        def stored(outcome: FollowUpOutcome) -> None:
            self.drafts.discard()  # the note is saved for real now
            then(outcome)

        # refused: the note and choices stay; the next try compares with what is stored now
        self.save_in_background(save, stored, failed=lambda _error: self._reread())

    def _reread(self) -> None:
        """Read the follow-up again after a refused save; what is typed stays in the fields."""
        from pestcli.services.reads import followup_context

        try:
            self.context = followup_context(pest_app(self).store, self.followup_id)
        except StoreError:
            return

    def _show_result(self, outcome: FollowUpOutcome) -> None:
        """Replace the form by what was decided; Enter or Escape closes."""
        self.outcome = outcome
        lines = ["Opgeslagen."]
        if outcome.decision is not None:
            lines[0] += " " + decision_summary(outcome.decision, pest_app(self).protocol,
                                               outcome.extra.due_on if outcome.extra else None)
            lines.append(outcome.decision.text)
        result = self.query_one("#followup-result", Static)
        result.update(plain("\n\n".join(lines)))
        result.display = True
        result.set_class(outcome.decision is not None and outcome.decision.kind != "kans", "-escalated")
        self.query_one("#dialog-body").display = False
        for button_id in ("kept", "broken", "cancel"):
            self.query_one(f"#{button_id}", Button).display = False
        close = self.query_one("#close", Button)
        close.display = True
        close.focus()
        self.refresh_bindings()
