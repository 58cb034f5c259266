"""What the case screen says about a closed case and its two-year monitoring (pure text).

A closed case whose monitoring goes on says so in words, with its next
follow-up (and "TE LAAT" when that is overdue): the follow-ups of stap 5 can
still be held and recorded. A case whose monitoring ended says when and why.
"""

from __future__ import annotations

from datetime import date

from pestcli.protocol.dates import format_date, format_relative
from pestcli.services.reads import CaseDetail


def closed_text(detail: CaseDetail, today: date) -> tuple[str, bool]:
    """The "Gesloten op ..." line of a closed case with its monitoring, and whether a follow-up is overdue."""
    case = detail.case
    reason = f" — {case.closed_reason}" if case.closed_reason else ""
    when = format_date(case.closed_on) if case.closed_on else "onbekende datum"
    text = f"Gesloten op {when}{reason}"
    if case.monitoring_ended_on is not None:
        why = f": {case.monitoring_end_reason}" if case.monitoring_end_reason else ""
        return f"{text}\nMonitoring gestopt op {format_date(case.monitoring_ended_on)}{why}", False
    waiting = sorted((f for f in detail.followups if f.done_on is None and f.cancelled_on is None),
                     key=lambda f: (f.due_on, f.seq))
    if not waiting:
        return f"{text}\nMonitoring gaat door (stap 5); er staat geen vervolggesprek meer gepland.", False
    first = waiting[0]
    late = first.due_on < today
    line = (f"Monitoring gaat door (stap 5): vervolggesprek {first.label} op {format_date(first.due_on)}"
            f" ({format_relative(first.due_on, today, deadline=True)})")
    if len(waiting) > 1:
        line += f", daarna nog {len(waiting) - 1}"
    return f"{text}\n{'TE LAAT · ' if late else ''}{line}", late
