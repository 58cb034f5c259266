"""The end of a guided conversation: ask to finish it, then show a short overview.

:class:`EndDialog` shows the overview so far and asks "Gesprek afronden?" (and
whether the step is done, and whether to plan stap 5); :class:`ConversationSummaryScreen`
shows what was saved: the items, notes, agreements, the follow-ups planned and
the next step with its due date.

Given a ``finish`` call (the use case that finishes the conversation),
:class:`EndDialog` runs it itself in the background on "Afronden"
(``Dialog.save_in_background``: "Bezig met opslaan…" on its frame, its keys
wait) and closes only once it is stored, with what the call returned in
:attr:`EndChoice.finished`; a refused save is said in Dutch and the dialog
stays. Without ``finish`` it closes with the choices at once, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Label, Static

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.protocol.model import Guide
from pestcli.protocol.placeholders import fill_placeholders
from pestcli.screens.dialog import BUSY, Dialog
from pestcli.text import plain

if TYPE_CHECKING:
    from pestcli.services.conversations import PlannedFollowUp


@dataclass(frozen=True)
class Overview:
    """What happened in a conversation, ready to show."""

    guide: Guide
    step: int | None
    states: dict[str, str]
    notes: dict[str, str]
    participants: list[str] = field(default_factory=list)
    agreements: list[tuple[str, str]] = field(default_factory=list)
    #: The case's names for the guide's letters (x, X, A, y, z), as in the checklist.
    names: dict[str, str] = field(default_factory=dict)

    def text_of(self, item) -> str:
        """An item's text with the case's names for the guide's letters."""
        return fill_placeholders(item.text, self.names)

    def count(self, state: str) -> int:
        """How many checklist items are in ``state``."""
        return sum(1 for item in self.guide.checklist if self.states.get(item.id, "open") == state)


@dataclass(frozen=True)
class EndChoice:
    """What the mentor chose when ending: mark the step done, plan stap 5."""

    complete_step: bool
    plan_followups: bool
    #: What the dialog's ``finish`` call returned (None without one).
    finished: Any = None


def overview_content(overview: Overview) -> Content:
    """Counts, open items, notes, participants and agreements as one block."""
    total = len(overview.guide.checklist)
    parts: list[str | tuple[str, str]] = [
        (f"Bijlage {overview.guide.number}: {overview.guide.title}", "bold"),
        f"\n{overview.count('done')} van {total} punten gedaan, {overview.count('skipped')} overgeslagen, "
        f"{overview.count('open')} nog open.",
        "\nDeelnemers: " + (", ".join(overview.participants) or "niemand vastgelegd"),
    ]
    numbered = list(enumerate(overview.guide.checklist, start=1))
    still_open = [f"{n}. {overview.text_of(item)}" for n, item in numbered
                  if overview.states.get(item.id, "open") == "open"]
    if still_open:
        parts += ["\n\n", ("Nog open", "bold")]
        for line in still_open[:6]:
            parts += ["\n• ", line]
        if len(still_open) > 6:
            parts.append(f"\n… en nog {len(still_open) - 6}")
    notes = [(n, item, overview.notes[item.id]) for n, item in numbered if overview.notes.get(item.id)]
    if notes:
        parts += ["\n\n", ("Notities", "bold")]
        for n, item, note in notes:
            parts += [f"\n• {n}. ", (overview.text_of(item), "italic"), f"\n  {note}"]
    parts += ["\n\n", ("Afspraken", "bold")]
    if not overview.agreements:
        parts.append("\nGeen afspraken vastgelegd.")
    for who, text in overview.agreements:
        parts += [f"\n• {who}: ", f"“{text}”"]
    # Names, notes and agreements come from the file: no control character reaches the screen.
    return Content.assemble(*(plain(p) if isinstance(p, str) else (plain(p[0]), p[1]) for p in parts))


def followups_content(followups: Sequence[PlannedFollowUp]) -> Content:
    """The planned follow-ups of stap 5, one per line."""
    parts: list[str | tuple[str, str]] = [("Vervolggesprekken (stap 5)", "bold")]
    for row in followups:
        parts.append(f"\n• {row.label}: {format_date(row.due_on)}")
    return Content.assemble(*parts)


def calendar_content(notice: str) -> Content:
    """The calendar's notice under the follow-up plan: ``Let op: Voor schooljaar ... niet bekend; ...``."""
    return Content.assemble(("Let op: ", "bold"), notice)


def agreements_content(agreements: Sequence[tuple[str, str]], planned: Sequence[PlannedFollowUp]) -> Content:
    """The agreements box under the checklist: the latest agreements and the planned follow-ups."""
    parts: list[str | tuple[str, str]] = [(f"Afspraken in dit gesprek ({len(agreements)})", "bold")]
    if not agreements:
        parts.append("\nNog geen afspraken. Druk op a om een afspraak vast te leggen.")
    for who, text in agreements[-4:]:
        parts += [f"\n• {plain(who)}: ", f"“{plain(text)}”"]
    if planned:
        parts += ["\n", ("Vervolggesprekken: ", "bold"), ", ".join(format_date(f.due_on) for f in planned[:4])]
        if len(planned) > 4:
            parts.append(f" en nog {len(planned) - 4}")
    return Content.assemble(*parts)


class EndDialog(Dialog[EndChoice | None]):
    """"Gesprek afronden?": the overview so far, the step and stap 5 as choices."""

    BOX_CLASSES = "-wide"

    BINDINGS = [
        Binding("ctrl+s", "finish", "Afronden", id="end_finish", show=True),
        Binding("escape", "cancel", "Terug naar het gesprek", id="end_cancel", show=True),
    ]

    def __init__(self, overview: Overview, *, can_complete_step: bool, can_plan: bool,
                 planned_already: int, finish: Callable[[EndChoice], Any] | None = None) -> None:
        super().__init__()
        self.overview = overview
        #: The use case run on "Afronden" before the dialog closes (None: the caller saves).
        self.finish = finish
        self.can_complete_step = can_complete_step
        self.can_plan = can_plan
        self.planned_already = planned_already

    def compose_dialog(self) -> ComposeResult:
        """Overview, the two choices and the buttons."""
        yield Label("Gesprek afronden?", classes="dialog-title")
        with VerticalScroll(classes="dialog-body"):
            yield Static(overview_content(self.overview), id="end-overview")
        if self.can_complete_step:
            yield Checkbox(f"Stap {self.overview.step} afronden (de stap is dan gedaan)", True,
                           id="end-step")
        if self.can_plan:
            label = (f"Stap 5 opnieuw plannen (vervangt de {self.planned_already} geplande vervolggesprekken)"
                     if self.planned_already else
                     "Vervolggesprekken van stap 5 plannen (na twee dagen, een week, een maand, ...)")
            yield Checkbox(label, self.planned_already == 0 and bool(self.overview.agreements),
                           id="end-plan")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Afronden", variant="primary", id="end-yes")
            yield Button("Terug naar het gesprek", id="end-no")

    def on_mount(self) -> None:
        """Enter finishes."""
        self.query_one("#end-yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Afronden or back."""
        event.stop()
        if event.button.id == "end-yes":
            self.action_finish()
        else:
            self.action_cancel()

    def action_finish(self) -> None:
        """Return the choices; with a ``finish`` call, once it has stored them (in the background)."""
        step = self.query("#end-step")
        plan = self.query("#end-plan")
        choice = EndChoice(
            complete_step=bool(step) and step.first(Checkbox).value,
            plan_followups=bool(plan) and plan.first(Checkbox).value,
        )
        if self.finish is None:
            self.dismiss(choice)
            return
        finish = self.finish

        def done(finished: Any) -> None:
            self.dismiss(replace(choice, finished=finished))

        self.save_in_background(lambda: finish(choice), done)  # refused: said in Dutch, the dialog stays

    def action_cancel(self) -> None:
        """Back to the conversation; nothing changes (not while it is being finished)."""
        if self.saving:  # a button while the keys wait
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self.dismiss(None)


class ConversationSummaryScreen(Dialog[None]):
    """What was saved: the overview, the follow-ups and the next step."""

    BOX_CLASSES = "-wide"

    BINDINGS = [Binding("escape", "close", "Sluiten", id="summary_close", show=True)]

    def __init__(self, overview: Overview, next_step: str, followups: Sequence[PlannedFollowUp] = ()) -> None:
        super().__init__()
        self.overview = overview
        self.next_step = next_step
        self.followups = list(followups)

    def compose_dialog(self) -> ComposeResult:
        """A title, the overview, the follow-ups, the next step, the calendar's notice, a close button."""
        yield Label("Het gesprek is afgerond en opgeslagen.", classes="dialog-title")
        with VerticalScroll(classes="dialog-body"):
            yield Static(overview_content(self.overview), id="summary-overview")
            if self.followups:
                yield Static(followups_content(self.followups), id="summary-followups")
        yield Static(self.next_step, id="summary-next")
        # Outside the scrolled part, so it is seen with the plan's first dates.
        notice = pest_app(self).calendar.dates_notice(f.due_on for f in self.followups)
        if notice:
            yield Static(calendar_content(notice), id="summary-calendar")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Sluiten", variant="primary", id="summary-close")

    def on_mount(self) -> None:
        """Enter closes."""
        self.query_one("#summary-close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        event.stop()
        self.action_close()

    def action_close(self) -> None:
        """Back to the case."""
        self.dismiss(None)
