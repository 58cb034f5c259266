"""The six steps of the protocol at a glance: who acts, when, with which guide."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from pestcli.protocol.model import Protocol, Step


def deadline_text(step: Step) -> str:
    """The step's deadline rule in words, e.g. 'binnen 7 dagen na stap 2'."""
    rule = step.deadline
    if rule is None:
        return "bij de melding" if step.number == 1 else "volgens het schema van stap 5"
    anchor = "de melding" if rule.after == "melding" else rule.after.replace("-", " ")
    text = f"binnen {rule.days} dagen na {anchor}"
    if rule.after_if_severe:
        severe = "de melding" if rule.after_if_severe == "melding" else rule.after_if_severe.replace("-", " ")
        text += f" (bij ernstige melding: na {severe})"
    return text


class StepsOverviewScreen(Screen[None]):
    """A table of stap 1-6 with actor, deadline rule and conversation guides."""

    def __init__(self, protocol: Protocol) -> None:
        super().__init__()
        self.protocol = protocol

    def compose(self) -> ComposeResult:
        """Header, an intro line, the steps table and the footer."""
        doc = self.protocol.document
        yield Header()
        yield Static(f"{doc.name} — {doc.organisation}, versie {doc.version}", id="intro")
        yield DataTable(id="steps", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table from the protocol."""
        table = self.query_one(DataTable)
        table.add_columns("Stap", "Wat", "Wie", "Termijn", "Leidraad")
        titles = {g.id: f"bijlage {g.number}" for g in self.protocol.guides}
        for step in self.protocol.steps:
            guides = ", ".join(titles.get(g, g) for g in step.guides) or "—"
            table.add_row(str(step.number), step.title, step.actor, deadline_text(step), guides)
