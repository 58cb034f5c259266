"""The case screen: one report (melding) with its people, six steps and log.

Loaded with ``store.case_detail`` (one read, in a worker so the screen paints
first) and loaded again whenever the screen becomes active, so it is fresh
after every dialog and after a conversation. Every action is a key in the
footer and a command in the palette (``PALETTE_ACTIONS``).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, ListView, Static

from pestcli.screens.case_commands import ScreenActionsProvider
from pestcli.screens.case_labels import CaseLabels
from pestcli.screens.case_log import LogEntry, case_log
from pestcli.store.case_state import case_next_action
from pestcli.screens.case_sections import (
    agreements_text,
    contacts_text,
    evidence_text,
    header_text,
    next_text,
    online_text,
    people_text,
    resume_text,
)
from pestcli.screens.guide_picker import ConversationChoice, GuidePicker
from pestcli.store.detail import case_detail
from pestcli.store.errors import NotFoundError, StoreError
from pestcli.store.views import CaseDetail
from pestcli.widgets.timeline import Timeline, step_lines

#: The case screen's actions in the palette: (Dutch name, help text, action name).
CASE_COMMANDS = (
    ("Gesprek voeren", "Start of hervat het gesprek van de gekozen stap", "conversation"),
    ("Onderbroken gesprek hervatten", "Ga verder waar het gesprek stopte", "resume"),
    ("Klassengesprek voeren", "Bijlage 1: ‘Omgaan met elkaar’, afspraken maken met de klas", "class_talk"),
    ("Stap afronden", "Leg vast dat de gekozen stap gedaan is", "step_done"),
    ("Bewijs vastleggen", "Online pesten: tijdstip, adres, gebruikersnaam, schermafdruk", "evidence"),
    ("Oudercontact vastleggen", "Gesprek, telefoon of mail met de ouders", "parent_contact"),
    ("Escaleren of sanctiefase", "Naar de anti-pestcoördinator of teamleider, fase 1-5", "escalate"),
    ("Melding sluiten", "Sluit deze melding met een reden", "close_case"),
    ("Samenvatting", "Overzicht om af te drukken, als PDF te bewaren of als dossiertekst", "summary"),
)
#: The guide of the class conversation.
CLASS_GUIDE = "bijlage-1"


#: Log kinds shown in bold: the turns a reader must not miss.
STRONG_KINDS = ("escalatie", "gesloten")


def log_table(entries: list[LogEntry]) -> Table:
    """The whole log as one grid (one widget, however long the case): moment, then text."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=21, style="dim", no_wrap=True)
    grid.add_column(ratio=1)
    for entry in entries:
        grid.add_row(entry.when, Text(entry.text, style="bold" if entry.kind in STRONG_KINDS else ""))
    return grid


class CaseScreen(Screen[None]):
    """One case: header, what comes next, the six steps, people, agreements, log."""

    COMMANDS = {ScreenActionsProvider}
    PALETTE_ACTIONS = CASE_COMMANDS
    BINDINGS = [
        Binding("escape", "back", "Terug", id="case_back"),
        Binding("g", "conversation", "Gesprek", id="case_conversation"),
        Binding("h", "resume", "Hervatten", id="case_resume"),
        Binding("k", "class_talk", "Klassengesprek", id="case_class_talk", show=False),
        Binding("d", "step_done", "Stap gedaan", id="case_step_done"),
        Binding("b", "evidence", "Bewijs", id="case_evidence"),
        Binding("o", "parent_contact", "Ouders", id="case_parents"),
        Binding("e", "escalate", "Escaleren", id="case_escalate"),
        Binding("s", "close_case", "Sluiten", id="case_close"),
        Binding("r", "summary", "Samenvatting", id="case_summary"),
        *(Binding(str(n), f"select_step({n})", f"Stap {n}", id=f"case_select_{n}", show=False)
          for n in range(1, 7)),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self._placed = False
        self.log_entries: list[LogEntry] = []

    def compose(self) -> ComposeResult:
        """Header, next action, notes, the timeline, two columns, footer."""
        yield Header()
        with Vertical(id="case-top"):
            yield Static("Melding laden…", id="case-header", markup=False)
            yield Static("", id="case-next", markup=False)
            yield Static("", id="case-resume", markup=False)
            yield Static("", id="case-online", markup=False)
        yield Timeline(id="timeline")
        with Horizontal(id="case-columns"):
            with VerticalScroll(id="case-left"):
                yield Label("Betrokkenen", classes="section-title")
                yield Static("", id="case-people", markup=False)
                yield Label("Afspraken", classes="section-title")
                yield Static("", id="case-agreements", markup=False)
                yield Label("Bewijs", classes="section-title")
                yield Static("", id="case-evidence", markup=False)
                yield Label("Ouders", classes="section-title")
                yield Static("", id="case-contacts", markup=False)
            with VerticalScroll(id="case-right"):
                yield Label("Logboek (nieuwste eerst)", classes="section-title")
                yield Static(id="case-log")
        yield Footer()

    def on_mount(self) -> None:
        """The arrow keys move through the steps."""
        self.query_one(Timeline).border_title = "Stappen"
        self.query_one(Timeline).focus()

    def on_screen_resume(self) -> None:
        """Load (again) whenever the screen becomes active: after a dialog or a conversation."""
        self.load_detail()

    @work(thread=True, exclusive=True, group="case-load")
    def load_detail(self) -> None:
        """Read the case with everything recorded about it."""
        try:
            detail = case_detail(self.app.store, self.case_id)
        except NotFoundError as exc:
            self.app.call_from_thread(self._gone, str(exc))
            return
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self.show_detail, detail)

    def _gone(self, message: str) -> None:
        """The case no longer exists: say so and go back."""
        self.notify(message, severity="error")
        if self.app.screen is self:
            self.app.pop_screen()

    async def show_detail(self, detail: CaseDetail) -> None:
        """Fill every part of the screen from ``detail``."""
        if not self.is_attached:
            return
        self.detail = detail
        protocol, today = self.app.protocol, self.app.today()
        self.sub_title = f"Melding {detail.case.number}"
        self.query_one("#case-header", Static).update(header_text(detail, protocol))
        text, late = next_text(detail, protocol, today)
        self.query_one("#case-next", Static).update(text)
        self.query_one("#case-next").set_class(late, "late")
        self._show_resume(detail)
        self._show_online(detail)
        timeline = self.query_one(Timeline)
        timeline.show(step_lines(detail, protocol, today), today)
        if not self._placed:
            self._placed = True
            action = case_next_action(detail, protocol, today)
            talk = detail.unfinished_conversation
            step = talk.conversation.step if talk and talk.conversation.step else action.step
            timeline.select_step(step or 1)
        self.query_one("#case-people", Static).update(people_text(detail, protocol))
        self.query_one("#case-agreements", Static).update(agreements_text(detail))
        self.query_one("#case-evidence", Static).update(evidence_text(detail, protocol))
        self.query_one("#case-contacts", Static).update(contacts_text(detail, protocol))
        self.log_entries = case_log(detail, protocol)
        self.query_one("#case-log", Static).update(log_table(self.log_entries))
        self.refresh_bindings()

    def _show_resume(self, detail: CaseDetail) -> None:
        """The offer to resume an unfinished conversation."""
        note = self.query_one("#case-resume", Static)
        text = resume_text(detail, self.app.protocol)
        note.display = text is not None
        note.update(text or "")

    def _show_online(self, detail: CaseDetail) -> None:
        """For online bullying: stap 1's reminders in the protocol's own words."""
        note = self.query_one("#case-online", Static)
        text = online_text(detail, self.app.protocol)
        note.display = text is not None
        note.update(text or "")

    # --- actions -------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "Hervatten" when nothing is unfinished; the rest needs a loaded case."""
        if action == "resume":
            return self.detail is not None and self.detail.unfinished_conversation is not None
        return True

    def action_back(self) -> None:
        """Back to where the case was opened from."""
        self.app.pop_screen()

    def action_select_step(self, number: int) -> None:
        """Highlight stap ``number`` (keys 1-6)."""
        self.query_one(Timeline).select_step(number)

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        """Enter on a step starts (or resumes) its conversation."""
        event.stop()
        self.action_conversation()

    def _selected_step(self) -> int | None:
        """The highlighted step, once the case is loaded."""
        if self.detail is None:
            self.notify("De melding wordt nog geladen.")
            return None
        return self.query_one(Timeline).selected_step

    def action_conversation(self) -> None:
        """The conversation of the highlighted step: resume the unfinished one, or choose a guide."""
        step = self._selected_step()
        if step is None:
            return
        labels = CaseLabels(self.app.protocol)
        choices: list[tuple[str, ConversationChoice]] = []
        talk = self.detail.unfinished_conversation
        if talk is not None:
            row = talk.conversation
            choices.append((f"Verder met het onderbroken gesprek: {labels.guide(row.guide_id)}",
                            ConversationChoice(row.guide_id, row.step, row.id)))
        for guide_id in self.app.protocol.step(step).guides:
            choices.append((f"Nieuw gesprek: {labels.guide(guide_id)}", ConversationChoice(guide_id, step)))
        if not choices:
            reason = {1: "Stap 1 is de melding zelf.",
                      5: "De vervolggesprekken van stap 5 staan in de agenda."}.get(step, "")
            self.notify(f"Stap {step} heeft geen gespreksleidraad. {reason}".strip())
            return
        if len(choices) == 1:
            self.open_conversation(choices[0][1])
            return
        self.app.push_screen(GuidePicker(f"Welk gesprek? (stap {step})", choices), self.open_conversation)

    def action_resume(self) -> None:
        """Resume the unfinished conversation exactly where it stopped."""
        talk = self.detail.unfinished_conversation if self.detail else None
        if talk is None:
            self.notify("Er is geen onderbroken gesprek.")
            return
        row = talk.conversation
        self.open_conversation(ConversationChoice(row.guide_id, row.step, row.id))

    def open_conversation(self, choice: ConversationChoice | None) -> None:
        """Open the conversation screen for ``choice``."""
        if choice is None:
            return
        from pestcli.screens.conversation import ConversationScreen

        self.app.push_screen(ConversationScreen(self.case_id, choice.step, choice.guide_id, choice.conversation_id))

    def action_class_talk(self) -> None:
        """The class conversation (bijlage 1), not tied to a step."""
        if self._selected_step() is not None:
            self.open_conversation(ConversationChoice(CLASS_GUIDE, None))

    def action_step_done(self) -> None:
        """Mark the highlighted step done."""
        step = self._selected_step()
        if step is not None:
            from pestcli.screens.step_done_dialog import StepDoneDialog

            self.app.push_screen(StepDoneDialog(self.case_id, step))

    def action_evidence(self) -> None:
        """Record evidence of online bullying."""
        if self._selected_step() is not None:
            from pestcli.screens.evidence_dialog import EvidenceDialog

            self.app.push_screen(EvidenceDialog(self.case_id))

    def action_parent_contact(self) -> None:
        """Log a contact with parents."""
        if self._selected_step() is not None:
            from pestcli.screens.parent_contact_dialog import ParentContactDialog

            self.app.push_screen(ParentContactDialog(self.case_id))

    def action_escalate(self) -> None:
        """Record an escalation or a sanction phase."""
        if self._selected_step() is not None:
            from pestcli.screens.escalation_dialog import EscalationDialog

            self.app.push_screen(EscalationDialog(self.case_id))

    def action_close_case(self) -> None:
        """Close the case (with a confirmation)."""
        if self._selected_step() is None:
            return
        if self.detail.case.status == "closed":
            self.notify(f"Melding {self.detail.case.number} is al gesloten.")
            return
        from pestcli.screens.close_case_dialog import CloseCaseDialog

        self.app.push_screen(CloseCaseDialog(self.case_id))

    def action_summary(self) -> None:
        """The case summary: preview, PDF, print, the pupil's dossier text."""
        from pestcli.screens.summary_preview import SummaryPreviewScreen

        self.app.push_screen(SummaryPreviewScreen(self.case_id))
