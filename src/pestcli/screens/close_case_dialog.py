"""Close a case: a reason, a day and the monitoring of stap 5, then a confirmation.

Closing a case does not end the protocol's follow-up by itself (stap 5: "in
een lagere frequentie, 2 jaar de situatie te blijven volgen"). The dialog
lists every open follow-up (date and label) and asks, for the case as a
whole, whether the monitoring goes on (the default while the two years since
the agreements are not over; the follow-ups stay in the agenda) or stops now
(the open follow-ups are cancelled; a reason is required). The body scrolls
at 80×24; Opslaan and Annuleren stay in view.

After the fields are checked a small question asks "Melding ... sluiten?"
(j = ja, n or Escape = nee), naming what stays open and what the monitoring
choice does. ``store.close_case`` is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, RadioSet, Static

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.protocol.followups import monitoring_ends_on
from pestcli.screens.case_dialog import CaseDialog, field, past_day_error
from pestcli.screens.confirm import Confirm
from pestcli.screens.dialog import BUSY
from pestcli.services import cases
from pestcli.services.errors import StoreError
from pestcli.services.reads import CaseDetail, case_detail
from pestcli.widgets.date_field import DateField
from pestcli.widgets.marked_radio import MarkedRadioButton


class ConfirmClose(Confirm):
    """Asks once more before a case is closed."""

    YES = "Ja, sluiten"
    BINDINGS = [
        Binding("j", "answer(True)", "Ja, sluiten", id="confirm_yes"),
        Binding("n", "answer(False)", "Nee", id="confirm_no"),
        Binding("escape", "answer(False)", "Terug", id="confirm_back"),
    ]


class ConfirmReopen(Confirm):
    """Asks once more before a closed case is opened again."""

    YES = "Ja, heropenen"
    BINDINGS = [
        Binding("j", "answer(True)", "Ja, heropenen", id="reopen_yes"),
        Binding("n", "answer(False)", "Nee", id="reopen_no"),
        Binding("escape", "answer(False)", "Terug", id="reopen_back"),
    ]


def reopen_question(detail: CaseDetail) -> str:
    """The question before reopening: what comes back into the agenda."""
    back = sum(1 for f in detail.followups if f.cancelled_by_close)
    question = f"Melding {detail.case.number} heropenen?"
    if back:
        question += (f" {back} vervolggesprek{'ken' if back != 1 else ''} die bij het sluiten"
                     f" {'vervielen' if back != 1 else 'verviel'}, {'komen' if back != 1 else 'komt'} terug"
                     " in de agenda.")
    return question


def ask_to_reopen(screen: Screen, detail: CaseDetail, done: Callable[[], None]) -> None:
    """Ask, then ``services.cases.reopen_case`` (one transaction); ``done`` runs once it is stored."""
    case = detail.case
    if case.status != "closed":
        screen.notify(f"Melding {case.number} is niet gesloten.")
        return

    def answered(yes: bool | None) -> None:
        if not yes or case.id is None:  # a case read from the file has its id
            return
        try:
            number = cases.reopen_case(pest_app(screen).store, case.id, seen_version=case.version)
        except StoreError as exc:
            screen.notify(str(exc), severity="error", markup=False)
            done()  # read the case again: a colleague's change is shown
            return
        screen.notify(f"Opgeslagen: melding {number} is heropend.", markup=False)
        done()

    screen.app.push_screen(ConfirmReopen(reopen_question(detail)), answered)


def agreements_day(detail: CaseDetail) -> date | None:
    """The day the two years of stap 5 count from: the first agreement, else the day stap 4 was done."""
    days = [view.agreement.agreed_on for view in detail.agreements]
    if days:
        return min(days)
    four = detail.step(4)
    return four.done_on if four is not None else None


def open_followups_text(detail: CaseDetail) -> str:
    """Every open follow-up of the case, one per line: date and label."""
    waiting = sorted((f for f in detail.followups if f.done_on is None and f.cancelled_on is None),
                     key=lambda f: (f.due_on, f.seq))
    if not waiting:
        return "Geen open vervolggesprekken."
    return "\n".join(f"• {format_date(f.due_on)} — vervolggesprek {f.label}" for f in waiting)


class CloseCaseDialog(CaseDialog[bool]):
    """Closes a case with a reason, a day and the monitoring choice; dismisses with True once closed."""

    BOX_CLASSES = "-tall"

    def heading(self) -> str:
        """The dialog's title."""
        return "Melding sluiten"

    def compose_fields(self) -> Iterable[Widget]:
        """Why, on which day, the open follow-ups and whether the monitoring goes on."""
        self.detail = case_detail(pest_app(self).store, self.case_id)
        today = pest_app(self).today()
        start = agreements_day(self.detail)
        self.monitoring_until = monitoring_ends_on(pest_app(self).protocol.rules, start) if start else None
        goes_on = self.monitoring_until is None or today < self.monitoring_until
        self.waiting = [f for f in self.detail.followups if f.done_on is None and f.cancelled_on is None]
        yield field("Reden", Input(placeholder="bijv. het pesten is gestopt", id="reason"), "reason")
        yield DateField("Gesloten op", "vandaag", today=pest_app(self).today, prefer="past", id="closed-on")
        yield Label("", id="err-closed-on", classes="field-error", markup=False)
        yield Label(f"Open vervolggesprekken ({len(self.waiting)})", classes="field-label")
        yield Static(open_followups_text(self.detail), id="open-followups", markup=False)
        yield Label(self._period_note(today), id="monitoring-note", classes="dialog-note", markup=False)
        yield field("Monitoring (stap 5, twee jaar volgen)", RadioSet(
            MarkedRadioButton("Gaat door: de vervolggesprekken blijven in de agenda",
                              goes_on, id="monitoring-on"),
            MarkedRadioButton("Stopt nu: de open vervolggesprekken vervallen",
                              not goes_on, id="monitoring-off"),
            id="monitoring"), "monitoring")
        yield field("Waarom stopt de monitoring? (alleen bij ‘stopt nu’)",
                    Input(placeholder="bijv. leerling is van school gegaan", id="monitoring-reason",
                          disabled=goes_on), "monitoring-reason")

    def _period_note(self, today: date) -> str:
        """Until when the two years of stap 5 run, in words."""
        if self.monitoring_until is None:
            return "Er zijn nog geen afspraken gemaakt: de twee jaar van stap 5 zijn nog niet begonnen."
        if today < self.monitoring_until:
            return f"De twee jaar na de afspraken lopen tot {format_date(self.monitoring_until)}."
        return f"De twee jaar na de afspraken zijn voorbij (sinds {format_date(self.monitoring_until)})."

    def on_mount(self) -> None:
        """Start in the reason."""
        self.query_one("#reason", Input).focus()

    @property
    def monitoring_ends(self) -> bool:
        """Whether "monitoring stopt nu" is chosen."""
        pressed = self.query_one("#monitoring", RadioSet).pressed_button
        return pressed is not None and pressed.id == "monitoring-off"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """The reason for stopping can be typed only when the monitoring stops."""
        event.stop()
        self.query_one("#monitoring-reason", Input).disabled = not self.monitoring_ends

    def _still_open(self) -> str:
        """What is still open in the case (steps), for the confirmation."""
        steps = [str(s.step) for s in self.detail.steps if s.done_on is None and s.step != 5]
        return f" Nog open: stap {', '.join(steps)}." if steps else ""

    def _monitoring_sentence(self, ends: bool) -> str:
        """What the monitoring choice does to the follow-ups, for the confirmation."""
        count = len(self.waiting)
        talks = f"{count} vervolggesprek" + ("ken" if count != 1 else "")
        if ends:
            return f" De monitoring stopt: {talks} vervallen." if count else " De monitoring stopt."
        return f" De monitoring gaat door: {talks} blijven in de agenda." if count else " De monitoring gaat door."

    def save(self) -> None:
        """Check the fields and ask for confirmation."""
        if self.saving:  # the Opslaan button while a save runs: it only says to wait
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self.clear_errors()
        reason = self.query_one("#reason", Input).value.strip()
        date_field = self.query_one("#closed-on", DateField)
        day, problem = date_field.value, date_field.error()
        if problem is None and day is not None:
            problem = past_day_error(day, pest_app(self).today(), self.detail.case.reported_on)
        ends = self.monitoring_ends
        why = self.query_one("#monitoring-reason", Input).value.strip() if ends else ""
        if not reason:
            self.set_error("reason", "Vul een reden in.")
        if problem is not None or day is None:
            self.set_error("closed-on", problem or "Vul een datum in.")
        if ends and not why:
            self.set_error("monitoring-reason", "Vul in waarom de monitoring stopt.")
        if self.shown_errors or day is None:  # no day is an error shown above
            self.refuse()
            self._show_first_error()
            return
        question = (f"Melding {self.detail.case.number} sluiten op {format_date(day)}?"
                    f"{self._still_open()}{self._monitoring_sentence(ends)}")

        def answered(yes: bool | None) -> None:
            if yes:
                self._close(reason, day, ends, why)

        self.app.push_screen(ConfirmClose(question), answered)

    def _reread(self) -> None:
        """Read the case again after a refused save (what is typed stays in the fields)."""
        try:
            self.detail = case_detail(pest_app(self).store, self.case_id)
        except StoreError:
            return
        self.query_one("#open-followups", Static).update(open_followups_text(self.detail))

    def _show_first_error(self) -> None:
        """Put the focus in the first field with an error and scroll its message into view (80×24)."""
        fields = {"reason": "#reason", "closed-on": "#closed-on Input", "monitoring-reason": "#monitoring-reason"}
        name = next(n for n in fields if n in self.shown_errors)
        self.query_one(fields[name]).focus()
        self.call_after_refresh(self.query_one(f"#err-{name}", Label).scroll_visible, animate=False)

    def _close(self, reason: str, day: date, ends: bool, why: str) -> None:
        """``services.cases.close_case`` in the background; dismiss with True once it is stored.

        A refused save (said in Dutch) leaves the dialog open with what was
        typed, and reads the case again.
        """
        store, case_id = pest_app(self).store, self.case_id
        number, seen_version = self.detail.case.number, self.detail.case.version

        def close() -> date:
            return cases.close_case(store, case_id, day, reason, monitoring_ends=ends, monitoring_reason=why,
                                    seen_version=seen_version)

        def stored(_closed: date) -> None:
            after = "de monitoring stopt" if ends else "de monitoring gaat door"
            self.notify(f"Opgeslagen: melding {number} is gesloten; {after}.", markup=False)
            self.dismiss(True)

        # a colleague's change: the state it left is what the next try compares with
        self.save_in_background(close, stored, failed=lambda _error: self._reread())

    def action_cancel(self) -> None:
        """Close without saving (not while a save runs: the button waits as Escape does)."""
        if self.saving:
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        super().action_cancel()
