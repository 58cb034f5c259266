"""The case screen: one report (melding) with its people, six steps and log.

Read with ``services.reads.case_detail`` (one read) while the screen is composed, so
the first paint shows the whole case; read again, on the main thread, the
moment the screen becomes active again, so the first frame after a dialog or
a conversation shows what was just saved. Every action is a key in the footer and a command in the
palette (``PALETTE_ACTIONS``).

Kept to few widgets (about twenty, however long the case): the six steps are
one :class:`~pestcli.widgets.timeline.Timeline`, the left column is one text,
the log is one :class:`~pestcli.screens.case_log.LogView` that draws only the
lines in view, and the footer is one :class:`~pestcli.screens.case_commands.KeysFooter`.

On the school's server (issue 17) the same worker that reads the case reads
the team's side of it (``services.team_screens.case_team``): a line names the
mentor who holds it, who has the regie, a proposed sanction phase, and
"Alleen inzien" when the person may only read it; the hand-overs are a
section and in the log. Opening the screen records the look first (once per
opening). Every action that changes the case is marked ``@changes_case``:
for a person who only reads the case it says so in Dutch instead of
opening. ``m`` hands the case over (``HandoverDialog``), ``f`` lets a team
leader or the directie decide a proposed phase. In a mentor's own file none
of this shows, and ``m`` and ``f`` do nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from pestcli.app_access import pest_app
from pestcli.screens.case_commands import KeysFooter, ScreenActionsProvider
from pestcli.screens.background_save import BUSY
from pestcli.screens.case_labels import CaseLabels, short_date
from pestcli.screens.case_log import LogEntry, LogView, case_log
from pestcli.screens.case_sections import (
    agreements_text,
    calendar_text,
    contacts_text,
    evidence_text,
    handovers_text,
    header_text,
    next_text,
    online_text,
    people_text,
    proposed_escalations,
    read_only_refusal,
    resume_text,
    team_text,
)
from pestcli.services.errors import NotFoundError, StoreError
from pestcli.services.reads import CaseDetail, case_detail, case_next_action
from pestcli.services.team_screens import CaseTeam, case_team
from pestcli.text import plain
from pestcli.widgets.timeline import DONE, Timeline, step_lines

if TYPE_CHECKING:
    from pestcli.screens.guide_picker import ConversationChoice

#: The case screen's actions in the palette: (Dutch name, help text, action name).
CASE_COMMANDS = (
    ("Gesprek voeren", "Start of hervat het gesprek van de gekozen stap", "conversation"),
    ("Onderbroken gesprek hervatten", "Ga verder waar het gesprek stopte", "resume"),
    ("Leeg gesprek weggooien", "Gooi een per ongeluk geopend, leeg onderbroken gesprek weg", "discard_conversation"),
    ("Klassengesprek voeren", "Bijlage 1: ‘Omgaan met elkaar’ met de klas van deze melding (per schooljaar)",
     "class_talk"),
    ("Stap afronden", "Leg vast dat de gekozen stap gedaan is", "step_done"),
    ("Bewijs vastleggen", "Online pesten: tijdstip, adres, gebruikersnaam, schermafdruk", "evidence"),
    ("Oudercontact vastleggen", "Gesprek, telefoon of mail met de ouders", "parent_contact"),
    ("Ouder of verzorger toevoegen", "Naam, relatie, telefoon of e-mail van een ouder", "add_parent"),
    ("Escaleren of sanctiefase", "Naar de anti-pestcoördinator of teamleider, fase 1-5", "escalate"),
    ("Melding sluiten", "Sluit deze melding met een reden", "close_case"),
    ("Melding heropenen", "Open een gesloten melding weer; wat het sluiten liet vervallen komt terug", "reopen_case"),
    ("Samenvatting", "Overzicht om af te drukken, als PDF te bewaren of als dossiertekst", "summary"),
    ("Overdragen aan een andere mentor", "Alleen op de server van de school: de melding gaat met een notitie "
     "naar een collega-mentor", "handover"),
    ("Sanctiefase besluiten", "Teamleider of directie: een voorgestelde fase 4 of 5 wordt een besluit",
     "decide_sanction"),
)

#: The actions that change the case: refused, with the reason in Dutch, when the person may only read it.
CHANGING_ACTIONS = frozenset({
    "conversation", "resume", "discard_conversation", "class_talk", "step_done", "evidence", "parent_contact",
    "add_parent", "escalate", "close_case", "reopen_case", "handover", "decide_sanction",
})

_Action = TypeVar("_Action", bound=Callable[..., None])


def changes_case(action: _Action) -> _Action:
    """Mark a case screen action as one that changes the case (it must be in ``CHANGING_ACTIONS``).

    When the person may only read the case (the school's server says so) the
    action says that in Dutch instead of opening its dialog; the gate is
    :meth:`CaseScreen.refused_read_only`, in one place.
    """
    name = action.__name__.removeprefix("action_")
    assert name in CHANGING_ACTIONS, name

    @functools.wraps(action)
    def gated(self: CaseScreen, *args: Any) -> None:
        if self.refused_read_only():
            return
        action(self, *args)

    return cast(_Action, gated)


#: The style of a section title in the left column (a theme colour, so light and dark both work).
SECTION_TITLE_STYLE = "bold $primary"


def sections_content(sections: list[tuple[str, str]]) -> Content:
    """The left column as one text: each title (styled) above its plain text, a blank line before it.

    The texts are taken literally (no markup), so a name or an agreement in a
    pupil's own words shows exactly as typed.
    """
    parts: list[str | tuple[str, str]] = []
    for title, text in sections:
        parts += ["\n", (title, SECTION_TITLE_STYLE), "\n", plain(text), "\n"]
    return Content.assemble(*parts[:-1])


class CaseScreen(Screen[None]):
    """One case: header, what comes next, the six steps, people, agreements, log."""

    COMMANDS = {ScreenActionsProvider}
    PALETTE_ACTIONS = CASE_COMMANDS
    #: Focus is given to the timeline by hand, without scrolling the top of the case out of view.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("escape", "back", "Terug", id="case_back"),
        Binding("g", "conversation", "Gesprek", id="case_conversation"),
        Binding("h", "resume", "Hervatten", id="case_resume"),
        Binding("x", "discard_conversation", "Leeg gesprek weggooien", id="case_discard", show=False),
        Binding("k", "class_talk", "Klassengesprek", id="case_class_talk", show=False),
        Binding("d", "step_done", "Stap gedaan", id="case_step_done"),
        Binding("b", "evidence", "Bewijs", id="case_evidence"),
        Binding("o", "parent_contact", "Ouders", id="case_parents"),
        Binding("u", "add_parent", "Ouder toevoegen", id="case_add_parent", show=False),
        Binding("e", "escalate", "Escaleren", id="case_escalate"),
        Binding("s", "close_case", "Sluiten", id="case_close"),
        Binding("w", "reopen_case", "Heropenen", id="case_reopen", show=False),
        Binding("r", "summary", "Samenvatting", id="case_summary"),
        Binding("m", "handover", "Overdragen", id="case_handover"),
        Binding("f", "decide_sanction", "Besluiten", id="case_decide_sanction"),
        *(Binding(str(n), f"select_step({n})", f"Stap {n}", id=f"case_select_{n}", show=False)
          for n in range(1, 7)),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self._placed = False
        self._just_read = False  # read while composing: the first resume need not read again
        self._resumed = False
        self._load_error: StoreError | None = None
        self.log_entries: list[LogEntry] = []
        #: The team's side of the case (holder, regie, read-only); None in a file or before the first read.
        self.team: CaseTeam | None = None

    def compose(self) -> ComposeResult:
        """Header, next action, notes, the timeline, two columns, footer; filled at once.

        The case is read here, before the first layout (20-30 ms for the largest
        case): the first paint shows the whole case, with no second layout and
        no "loading" frame. Later reads (after a dialog) are as quick (``load_detail``).
        """
        self._header = Static("Melding laden…", id="case-header", markup=False)
        self._team = Static("", id="case-team", markup=False)
        self._team.display = False  # only on the school's server
        self._next = Static("", id="case-next", markup=False)
        self._resume = Static("", id="case-resume", markup=False)
        self._online = Static("", id="case-online", markup=False)
        self._calendar = Static("", id="case-calendar", markup=False)
        self._timeline = Timeline(id="timeline")
        self._timeline.border_title = "Stappen"
        self._sections = Static("", id="case-sections")
        self._log = LogView(id="case-log")
        self._just_read = not self._resumed
        if not self._on_server():  # a file: read now, the first frame shows the case
            try:
                detail = case_detail(pest_app(self).store, self.case_id)
            except StoreError as exc:
                self._load_error = exc  # told on mount; the next resume (after a dialog) reads again
            else:
                self._fill(detail)
        yield Header()
        with Vertical(id="case-top"):
            yield self._header
            yield self._team
            yield self._next
            yield self._resume
            yield self._online
            yield self._calendar
        yield self._timeline
        with Horizontal(id="case-columns"):
            with VerticalScroll(id="case-left"):
                yield self._sections
            with VerticalScroll(id="case-right"):
                yield Label("Logboek (nieuwste eerst)", classes="section-title")
                yield self._log
        yield KeysFooter()

    def on_mount(self) -> None:
        """The arrow keys move through the steps; a failed first read is told now."""
        self._timeline.focus(scroll_visible=False)  # the top of the case stays in view
        if self._on_server():  # "Melding laden…" until the server has answered
            self._read_in_background(note_opened=True)
        error, self._load_error = self._load_error, None
        if isinstance(error, NotFoundError):
            self._gone(str(error))
        elif error is not None:
            self.notify(str(error), severity="error")

    def on_screen_resume(self) -> None:
        """Load (again) whenever the screen becomes active: after a dialog or a conversation."""
        self._resumed = True
        if self.focused is None:
            self._timeline.focus(scroll_visible=False)
        if self._just_read:
            self._just_read = False  # just read (or failed to) while composing
            return
        self.load_detail()

    def load_detail(self) -> None:
        """Read the case again and show it at once, on the main thread.

        Called when a dialog or a conversation closes (and after a change made
        from this screen): the read is one plain SQL read of a few ms, so the
        very next frame shows what was just saved; a read in a worker left the
        old state ("Nog geen bewijs vastgelegd") on screen for a second or two.
        On the school's server the read is round trips away: it runs in a
        worker (the screen never freezes) and is shown when it arrives.
        """
        if self._on_server():
            self._read_in_background()
            return
        try:
            detail = case_detail(pest_app(self).store, self.case_id)
        except NotFoundError as exc:
            self._gone(str(exc))
            return
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        self.show_detail(detail)

    def _on_server(self) -> bool:
        """Whether the store is the school's server (reads are a network round trip away)."""
        return bool(getattr(pest_app(self).store, "on_server", False))

    @work(thread=True, exclusive=True, group="case-detail")
    def _read_in_background(self, note_opened: bool = False) -> None:
        """Read the case in a worker thread; show it (or what failed) on the main thread.

        On the school's server the team's side of the case (holder, regie,
        hand-overs, whether the person may change it) is read in the same
        worker; with ``note_opened`` (once per opening) the look is recorded
        first (the AVG asks who looked at a case they do not hold).
        """
        store = pest_app(self).store
        if note_opened:
            from pestcli.services.team import note_case_opened

            try:
                note_case_opened(store, self.case_id)
            except StoreError:
                pass  # a case that is gone is told by the read below
        try:
            detail = case_detail(store, self.case_id)
            team = case_team(store, detail.case)
        except NotFoundError as exc:
            self.app.call_from_thread(self._gone, str(exc))
            return
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self.show_detail, detail, team)

    def _gone(self, message: str) -> None:
        """The case no longer exists: say so and go back."""
        self.notify(message, severity="error")
        if self.app.screen is self:
            self.app.pop_screen()

    def show_detail(self, detail: CaseDetail, team: CaseTeam | None = None) -> None:
        """Show a fresh read of the case (in one batch: one layout, one paint); ``team`` on a server."""
        if not self.is_attached:
            return
        optional = ("resume", "handover", "decide_sanction")
        could = [self.check_action(action, ()) for action in optional]
        self.team = team
        with self.app.batch_update():
            self._fill(detail)
        if [self.check_action(action, ()) for action in optional] != could:
            self.refresh_bindings()  # "Hervatten" (or a team key) appears or disappears in the footer

    def _fill(self, detail: CaseDetail) -> None:
        """Fill every part of the screen from ``detail`` (also before the widgets are mounted)."""
        self.detail = detail
        protocol, today = pest_app(self).protocol, pest_app(self).today()
        self.sub_title = f"Melding {detail.case.number}"
        self._header.update(plain(header_text(detail, protocol)))  # no control characters from the file
        self._show_note(self._team, team_text(detail, self.team, protocol) if self.team is not None else None)
        text, late = next_text(detail, protocol, today)
        self._next.update(plain(text))
        self._next.set_class(late, "late")
        self._show_note(self._resume, resume_text(detail, protocol))
        self._show_note(self._online, online_text(detail, protocol))
        self._show_note(self._calendar, calendar_text(detail, pest_app(self).calendar))
        selected = self._timeline.selected_step
        before = self._timeline.line_of(selected) if selected is not None else None
        self._timeline.show(step_lines(detail, protocol, today), today)
        after = self._timeline.line_of(selected) if selected is not None else None
        just_done = before is not None and before.status != DONE and after is not None \
            and after.status == DONE
        if not self._placed or just_done:
            # On opening, and the moment the highlighted step is done: the highlight (and
            # so ``g``) moves to the step the "Volgende" line names.
            self._placed = True
            action = case_next_action(detail, protocol, today)
            talk = detail.unfinished_conversation
            step = talk.conversation.step if talk and talk.conversation.step else action.step
            # just_done needs a highlighted step (selected is not None then)
            self._timeline.select_step(step or (selected if just_done and selected is not None else 1))
        sections = [
            ("Betrokkenen", people_text(detail, protocol)),
            ("Afspraken", agreements_text(detail)),
            ("Afspraken met de klas", self._class_agreements_text(detail, today)),
            ("Bewijs", evidence_text(detail, protocol)),
            ("Ouders", contacts_text(detail, protocol)),
        ]
        if self.team is not None:  # on the school's server
            sections.append(("Overdrachten", handovers_text(self.team)))
        self._sections.update(sections_content(sections))
        self.log_entries = case_log(detail, protocol, self.team.handovers if self.team is not None else ())
        self._log.show(self.log_entries)

    def _class_agreements_text(self, detail: CaseDetail, today) -> str:
        """The agreements of the case's class this school year (klassengesprek, bijlage 1)."""
        from pestcli.screens.case_class import class_agreements_text
        from pestcli.services.class_talks import agreements_of_case_class

        try:
            views = agreements_of_case_class(pest_app(self).store, detail.case, today)
        except StoreError as exc:
            return str(exc)
        return class_agreements_text(detail.case.class_name, views)

    @staticmethod
    def _show_note(note: Static, text: str | None) -> None:
        """A note (resume offer, online reminder) shown only when it has a text."""
        note.display = text is not None
        note.update(plain(text or ""))

    # --- actions -------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "Hervatten" when nothing is unfinished; the team's keys only on the school's server.

        "Overdragen" shows once the server's answer is in; "Besluiten" only for
        a team leader or the directie, while a sanction phase is proposed.
        Whether the person may change the case is not checked here: a
        changing key stays, and says why it does not open (``changes_case``).
        """
        if action in ("resume", "discard_conversation"):
            return self.detail is not None and self.detail.unfinished_conversation is not None
        if action == "handover":
            return self.team is not None
        if action == "decide_sanction":
            return self.team is not None and self.team.may_decide and self.detail is not None \
                and bool(proposed_escalations(self.detail))
        return True

    def refused_read_only(self) -> bool:
        """When the person may only read the case: say so in Dutch (and True); the gate of ``changes_case``."""
        if self.team is None or self.team.may_change:
            return False
        self.notify(read_only_refusal(self.team), severity="warning", markup=False)
        return True

    def action_back(self) -> None:
        """Back to where the case was opened from."""
        self.app.pop_screen()

    def action_select_step(self, number: int) -> None:
        """Highlight stap ``number`` (keys 1-6)."""
        self._timeline.select_step(number)

    def on_timeline_selected(self, event: Timeline.Selected) -> None:
        """Enter (or a click) on a step starts (or resumes) its conversation.

        On stap 2's "ouders informeren" it opens the parent contact dialog.
        """
        event.stop()
        if self._timeline.on_informing_row:
            self.action_parent_contact()
            return
        self.action_conversation()

    def _selected_step(self) -> int | None:
        """The highlighted step, once the case is loaded."""
        if self.detail is None:
            self.notify("De melding wordt nog geladen.")
            return None
        return self._timeline.selected_step

    @changes_case
    def action_conversation(self) -> None:
        """The conversation of the highlighted step: resume the unfinished one, or choose a guide."""
        step = self._selected_step()
        if step is None or self.detail is None:  # detail is None only when step is (not loaded yet)
            return
        from pestcli.screens.guide_picker import ConversationChoice, GuidePicker

        labels = CaseLabels(pest_app(self).protocol)
        choices: list[tuple[str, ConversationChoice]] = []
        talk = self.detail.unfinished_conversation
        if talk is not None:
            row = talk.conversation
            choices.append((f"Verder met het onderbroken gesprek: {labels.guide(row.guide_id)}",
                            ConversationChoice(row.guide_id, row.step, row.id)))
        for guide_id in pest_app(self).protocol.step(step).guides:
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

    @changes_case
    def action_discard_conversation(self) -> None:
        """Throw away an empty interrupted conversation (a guide opened by mistake), after a question."""
        from pestcli.screens.discard_conversation import ask_to_discard

        talk = self.detail.unfinished_conversation if self.detail else None
        ask_to_discard(self, self.detail, CaseLabels(pest_app(self).protocol).guide(talk.conversation.guide_id) if talk else "",
                       self.load_detail)

    @changes_case
    def action_resume(self) -> None:
        """Resume the unfinished conversation exactly where it stopped."""
        talk = self.detail.unfinished_conversation if self.detail else None
        if talk is None:
            self.notify("Er is geen onderbroken gesprek.")
            return
        from pestcli.screens.guide_picker import ConversationChoice

        row = talk.conversation
        self.open_conversation(ConversationChoice(row.guide_id, row.step, row.id))

    def open_conversation(self, choice: ConversationChoice | None) -> None:
        """Open the conversation screen for ``choice``."""
        if choice is None:
            return
        from pestcli.screens.conversation import ConversationScreen

        self.app.push_screen(ConversationScreen(self.case_id, choice.step, choice.guide_id, choice.conversation_id))

    @changes_case
    def action_class_talk(self) -> None:
        """The class conversation (bijlage 1) of the case's class: it belongs to the class, not the case."""
        if self._selected_step() is None or self.detail is None:  # detail is None only when step is
            return
        from pestcli.screens.class_conversation import open_class_conversation

        class_name = self.detail.case.class_name.strip()
        if class_name:
            open_class_conversation(self.app, class_name, case_id=self.case_id)
            return
        from pestcli.protocol.calendar import school_year_of
        from pestcli.screens.class_picker import ClassPicker
        from pestcli.services.class_talks import known_classes

        def chosen(name: str | None) -> None:
            if name:
                open_class_conversation(self.app, name, case_id=self.case_id)

        self.app.push_screen(ClassPicker(known_classes(pest_app(self).store), school_year_of(pest_app(self).today())), chosen)

    @changes_case
    def action_step_done(self) -> None:
        """Mark the highlighted step done (stap 2's informing: log the contact with the parents)."""
        step = self._selected_step()
        if step is not None and self._timeline.on_informing_row:
            self.action_parent_contact()
        elif step is not None:
            from pestcli.screens.step_done_dialog import StepDoneDialog

            self.app.push_screen(StepDoneDialog(self.case_id, step))

    @changes_case
    def action_evidence(self) -> None:
        """Record evidence of online bullying."""
        if self._selected_step() is not None:
            from pestcli.screens.evidence_dialog import EvidenceDialog

            self.app.push_screen(EvidenceDialog(self.case_id))

    @changes_case
    def action_parent_contact(self) -> None:
        """Log a contact with parents."""
        if self._selected_step() is not None:
            from pestcli.screens.parent_contact_dialog import ParentContactDialog

            self.app.push_screen(ParentContactDialog(self.case_id))

    @changes_case
    def action_add_parent(self) -> None:
        """Add a parent or carer of a pupil in the case."""
        if self._selected_step() is not None:
            from pestcli.screens.parent_dialog import ParentDialog

            self.app.push_screen(ParentDialog(self.case_id))

    @changes_case
    def action_escalate(self) -> None:
        """Record an escalation or a sanction phase."""
        if self._selected_step() is not None:
            from pestcli.screens.escalation_dialog import EscalationDialog

            self.app.push_screen(EscalationDialog(self.case_id))

    @changes_case
    def action_close_case(self) -> None:
        """Close the case (with a confirmation)."""
        if self._selected_step() is None or self.detail is None:  # detail is None only when step is
            return
        if self.detail.case.status == "closed":
            self.notify(f"Melding {self.detail.case.number} is al gesloten. Heropenen: druk op w.")
            return
        from pestcli.screens.close_case_dialog import CloseCaseDialog

        self.app.push_screen(CloseCaseDialog(self.case_id))

    @changes_case
    def action_reopen_case(self) -> None:
        """Open a closed case again (with a confirmation); the follow-ups its close cancelled come back."""
        if self._selected_step() is None or self.detail is None:  # detail is None only when step is
            return
        from pestcli.screens.close_case_dialog import ask_to_reopen

        ask_to_reopen(self, self.detail, self.load_detail)

    def action_summary(self) -> None:
        """The case summary: preview, PDF, print, the pupil's dossier text."""
        from pestcli.screens.summary_preview import SummaryPreviewScreen

        self.app.push_screen(SummaryPreviewScreen(self.case_id))

    @changes_case
    def action_handover(self) -> None:
        """Hand the case to another mentor with a note (only on the school's server)."""
        if self.team is None:
            if not self._on_server():
                self.notify("Overdragen kan alleen op de server van de school, waar het team samenwerkt.")
            else:
                self.notify("De melding wordt nog geladen.")
            return
        if self.detail is None:
            self.notify("De melding wordt nog geladen.")
            return
        from pestcli.screens.handover_dialog import HandoverDialog

        self.app.push_screen(HandoverDialog(self.case_id, self.detail.case.version, self.team.holder_id))

    @changes_case
    def action_decide_sanction(self) -> None:
        """A team leader or the directie decides the latest proposed sanction phase (after a question)."""
        team, detail = self.team, self.detail
        proposals = proposed_escalations(detail) if detail is not None else []
        if team is None or not team.may_decide or not proposals:
            self.notify("Er is geen voorgestelde sanctiefase om over te besluiten.")
            return
        from pestcli.screens.confirm import Confirm

        escalation = proposals[-1]
        labels = CaseLabels(pest_app(self).protocol)
        phase = labels.phase(escalation.sanction_phase) if escalation.sanction_phase else "de sanctiefase"
        question = f"{phase} besluiten?"
        explanation = (f"Voorgesteld op {short_date(escalation.escalated_on)}"
                       + (f": {escalation.reason}" if escalation.reason else ".")
                       + " Ja maakt het voorstel een besluit, op uw naam.")

        def answered(yes: bool | None) -> None:
            if yes and escalation.id is not None:
                self.notify(BUSY, markup=False)
                self._decide_in_background(escalation.id, team.worker_name, phase)

        self.app.push_screen(Confirm(question, explanation, yes="Ja, besluiten"), answered)

    @work(thread=True, group="case-decide")
    def _decide_in_background(self, escalation_id: int, by: str, phase: str) -> None:
        """``services.team.decide_sanction`` off the main thread; then say so and read the case again."""
        from pestcli.services.team import decide_sanction

        try:
            decide_sanction(pest_app(self).store, escalation_id, by)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
        else:
            self.app.call_from_thread(self.notify, f"Besloten: {phase}.", markup=False)
        self.app.call_from_thread(self._read_again)

    def _read_again(self) -> None:
        """Read the case again after a change made from this screen (unless the screen was left)."""
        if self.is_attached:
            self.load_detail()
