"""The case's log: everything that happened, built from one ``CaseDetail``.

:func:`case_log` is a pure function, so it is tested without a screen;
:class:`LogView` shows its rows on the case screen, as one widget however
long the case. The log is in true order, newest first, also within a day
and between rows with a time and rows with only a date:

- the report is the first thing of its day (below that day's conversations);
- an agreement made in a conversation, a step done on the day a
  conversation of that step ended, and a parent contact held on the day a
  conversation of stap 6 ended, come right after that conversation (not
  after a later conversation of the same day);
- other rows with only a date (an escalation, a follow-up, a parent contact
  by phone) sort at the end of their day;
- rows of the same moment keep the order in which they follow from each
  other (report, conversation, agreement, follow-up, evidence, parents, then
  the step they complete, escalation, closing).

A row with only a date still shows only its date: the moment it sorts by is
not shown as a time it was recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from pestcli.protocol.dates import format_date
from pestcli.protocol.model import Protocol
from pestcli.screens.case_labels import CaseLabels, person_name
from pestcli.screens.case_sections import contact_details
from pestcli.services.reads import AGREEMENT_STATUSES, FOLLOWUP_OUTCOMES, CaseDetail
from pestcli.services.team import HandoverView

#: Log kinds shown in bold: the turns a reader must not miss.
STRONG_KINDS = ("escalatie", "gesloten")
#: The moment is dim, a strong kind's text bold.
DIM, BOLD = Style(dim=True), Style(bold=True)
#: The step of the parents (a parent contact held after its conversation sorts after it).
PARENTS_STEP = 6
#: Order of kinds within the same moment (earlier in the protocol first).
KIND_ORDER = ("melding", "gesprek", "afspraak", "vervolg", "bewijs", "ouders", "stap",
              "escalatie", "overdracht", "gesloten")


@dataclass(frozen=True)
class LogEntry:
    """One line of the log: when (``at`` has a time, or None), what kind, the Dutch text."""

    day: date
    kind: str
    text: str
    at: datetime | None = None
    #: Where a date-only row sorts (e.g. the end of the conversation it came from); not shown.
    after: datetime | None = None

    @property
    def moment(self) -> datetime:
        """The sort moment: the time; for a date-only row where it follows from, else its day's end.

        The report is the start of its day: everything of that day came after it.
        """
        if self.at is not None:
            return self.at
        if self.after is not None:
            return self.after
        return datetime.combine(self.day, time.min if self.kind == "melding" else time.max)

    @property
    def when(self) -> str:
        """``ma 23 nov 2026 10:00`` or ``ma 23 nov 2026``."""
        text = format_date(self.day)
        return f"{text} {self.at:%H:%M}" if self.at is not None else text


def _conversation_end(detail: CaseDetail, step: int, day: date) -> datetime | None:
    """When the last conversation of ``step`` that ended on ``day`` ended (None when there is none).

    A step done, or a parent contact held, on that day follows from it.
    """
    return max((talk.conversation.ended_at for talk in detail.conversations
                if talk.conversation.step == step and talk.conversation.ended_at is not None
                and talk.conversation.ended_at.date() == day), default=None)


def _at(moment: datetime, kind: str, text: str) -> LogEntry:
    """An entry with a time."""
    return LogEntry(moment.date(), kind, text, moment)


def case_log(detail: CaseDetail, protocol: Protocol | None = None,
             handovers: Sequence[HandoverView] = ()) -> list[LogEntry]:
    """Everything recorded about the case, newest first (with ``handovers``: the hand-overs too, on a server)."""
    labels = CaseLabels(protocol)
    case = detail.case
    names = {p.person.id: person_name(p.person) for p in detail.people}
    entries = [LogEntry(case.reported_on, "melding",
                        f"Melding geregistreerd ({labels.reporter(case.reporter_kind).lower()} meldt)")]
    for talk in detail.conversations:
        row = talk.conversation
        step = f" (stap {row.step})" if row.step else ""
        guide = labels.guide(row.guide_id)
        entries.append(_at(row.started_at, "gesprek", f"Gesprek gestart: {guide}{step}"))
        if row.ended_at is not None:
            entries.append(_at(row.ended_at, "gesprek", f"Gesprek afgerond: {guide}{step}"))
    ended = {talk.conversation.id: talk.conversation.ended_at for talk in detail.conversations
             if talk.conversation.ended_at is not None}
    for progress in detail.steps:
        if progress.done_on is None or (progress.step == 1 and progress.done_on == case.reported_on):
            continue
        by = f" door {progress.done_by}" if progress.done_by else ""
        entries.append(LogEntry(progress.done_on, "stap",
                                f"Stap {progress.step} gedaan{by}: {labels.step_title(progress.step)}",
                                after=_conversation_end(detail, progress.step, progress.done_on)))
    for view in detail.agreements:
        who = person_name(view.person) if view.person else "iedereen"
        made_in = ended.get(view.agreement.conversation_id)
        entries.append(LogEntry(view.agreement.agreed_on, "afspraak",
                                f"Afspraak ({who}): {view.agreement.text}",
                                after=made_in if made_in and made_in.date() == view.agreement.agreed_on else None))
        for check in view.checks:
            status = AGREEMENT_STATUSES.get(check.status, check.status).lower()
            entries.append(LogEntry(check.checked_on, "afspraak",
                                    f"Afspraak {status} ({who}): {view.agreement.text}"))
    for followup in detail.followups:
        if followup.done_on is not None:
            outcome = FOLLOWUP_OUTCOMES.get(followup.outcome or "", "")
            text = f"Vervolggesprek gehouden ({followup.label})" + (f": {outcome}" if outcome else "")
            entries.append(LogEntry(followup.done_on, "vervolg", text))
        elif followup.cancelled_on is not None:
            entries.append(LogEntry(followup.cancelled_on, "vervolg",
                                    f"Vervolggesprek vervallen ({followup.label})"))
    for item in detail.evidence:
        extra = ", ".join(x for x in (item.platform, item.username) if x)
        text = f"Bewijs vastgelegd: {labels.evidence_kind(item.kind)}" + (f" ({extra})" if extra else "")
        if item.file_name:
            text += f", bestand {item.file_name}"
        entries.append(_at(item.recorded_at, "bewijs", text))
    for contact in detail.parent_contacts:
        if contact.held_on is None:
            continue
        whose = f" van {names.get(contact.pupil_id, 'een leerling')}" if contact.pupil_id else ""
        text = f"Oudercontact{whose} ({contact_details(detail, contact, labels)})"
        entries.append(LogEntry(contact.held_on, "ouders", text + (f": {contact.summary}" if contact.summary else ""),
                                after=_conversation_end(detail, PARENTS_STEP, contact.held_on)))
    for escalation in detail.escalations:
        phase = f", {labels.phase(escalation.sanction_phase)}" if escalation.sanction_phase else ""
        text = f"Geëscaleerd naar {labels.rung(escalation.to_rung)}{phase}"
        if getattr(escalation, "proposed", False):  # on the school's server: not decided yet
            text = f"Voorstel: {text[0].lower()}{text[1:]} (wacht op besluit van de teamleider of de directie)"
        entries.append(LogEntry(escalation.escalated_on, "escalatie",
                                text + (f" — {escalation.reason}" if escalation.reason else "")))
    for handover in handovers:
        note = f": {handover.note}" if handover.note else ""
        entries.append(LogEntry(handover.handed_on, "overdracht",
                                f"Overgedragen: {handover.from_name} → {handover.to_name}{note}"))
    if case.closed_on is not None:
        reason = f": {case.closed_reason}" if case.closed_reason else ""
        entries.append(LogEntry(case.closed_on, "gesloten", f"Melding gesloten{reason}"))
    order = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
    numbered = list(enumerate(entries))
    numbered.sort(key=lambda pair: (pair[1].moment, order.get(pair[1].kind, 0), pair[0]), reverse=True)
    return [entry for _, entry in numbered]


#: Control characters (a pasted text may hold tabs or carriage returns) become spaces on screen.
_CONTROLS = {code: " " for code in range(32) if code != 10} | {127: " "}


def wrap_text(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells: greedy at spaces, a longer word folded.

    Line breaks in the text are kept; control characters become spaces.
    """
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.translate(_CONTROLS).split("\n"):
        line, used = "", 0
        for word in paragraph.split(" "):
            size = cell_len(word)
            if used and used + 1 + size <= width:
                line, used = f"{line} {word}", used + 1 + size
                continue
            if used or line:
                lines.append(line)
            while size > width:  # fold a word (a long address) that fits no line
                cut = width
                while cut > 1 and cell_len(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                size = cell_len(word)
            line, used = word, size
        lines.append(line)
    return lines


class LogView(Widget):
    """The log as one widget: the moment, then the text wrapped beneath itself.

    However long the case, this is one node for the stylesheet and the layout;
    the lines are wrapped once per width and only the lines in view are drawn
    (the container around it scrolls).
    """

    #: Cells for the moment (``ma 23 nov 2026 10:00``), then one space before the text.
    WHEN_WIDTH = 21

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[LogEntry] = []
        # wrapped lines per width: a scrolling column asks for two (with and without its scrollbar)
        self._wrapped: dict[int, list[tuple[str, str, bool]]] = {}

    def show(self, entries: Sequence[LogEntry]) -> None:
        """Show ``entries`` (newest first), replacing what was shown; control characters left out."""
        from pestcli.text import plain_values

        self.entries = plain_values(list(entries))
        self._wrapped.clear()
        self.refresh(layout=True)

    def lines(self, width: int) -> list[tuple[str, str, bool]]:
        """The rows wrapped at ``width`` cells: (moment or blank, text, bold) per line."""
        lines = self._wrapped.get(width)
        if lines is not None:
            return lines
        text_width = max(10, width - self.WHEN_WIDTH - 1)
        lines = []
        for entry in self.entries:
            strong = entry.kind in STRONG_KINDS
            parts = wrap_text(entry.text, text_width)
            lines.append((entry.when, parts[0], strong))
            lines.extend(("", part, strong) for part in parts[1:])
        if len(self._wrapped) > 3:
            self._wrapped.clear()
        self._wrapped[width] = lines
        return lines

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the column."""
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line per wrapped line."""
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        """Line ``y``: the moment (dim) and the text, bold for an escalation or closing."""
        width = self.content_size.width
        base = self.rich_style
        lines = self.lines(width)
        if not 0 <= y < len(lines):
            return Strip.blank(width, base)
        when, text, strong = lines[y]
        segments = [Segment(when.ljust(self.WHEN_WIDTH + 1), base + DIM),
                    Segment(text, base + BOLD if strong else base)]
        strip = Strip(segments)
        return strip.crop(0, width) if strip.cell_length > width else strip.extend_cell_length(width, base)
