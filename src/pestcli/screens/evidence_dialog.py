"""Record evidence of online bullying (stap 1's list), with an optional screenshot.

The kinds are the protocol's own list (``protocol.step(1).evidence``): dates
and exact times, addresses, usernames, prints, saved messages, screenshots.
A file is copied into the database's evidence folder by the store (0600) and
its SHA-256 recorded. A path that is not a file is refused beside the field,
before anything is written, and everything typed stays in the form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, time
from pathlib import Path

from textual import on
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select
from textual.widgets.select import NoSelection

from pestcli.app_access import pest_app
from pestcli.screens.case_dialog import CaseDialog, field, past_day_error
from pestcli.screens.dialog import BUSY
from pestcli.services import cases, reads
from pestcli.services.errors import StoreError
from pestcli.widgets.date_field import DateField
from pestcli.widgets.dutch_select import DutchSelect

_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def parse_clock(text: str) -> time:
    """``21:14`` or ``21.14`` -> a time; ValueError with a Dutch message otherwise."""
    shown = text.strip()
    match = _CLOCK.match(shown)
    if match is None:
        raise ValueError(f"“{shown}” is geen tijd; schrijf uren en minuten als UU:MM, bijv. 21:14.")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        raise ValueError(f"{shown} bestaat niet; een tijd loopt van 00:00 tot 23:59.")
    return time(hours, minutes)


class EvidenceDialog(CaseDialog[int]):
    """Records one piece of evidence; dismisses with its id."""

    DEFAULT_CSS = """
    EvidenceDialog .kind-hint { color: $text-muted; display: none; margin: 0 0 1 0; }
    """

    def heading(self) -> str:
        """The dialog's title."""
        return "Bewijs vastleggen (online pesten)"

    def compose_fields(self) -> Iterable[Widget]:
        """Kind, date and exact time, platform, URL, username, description, file."""
        self.case = reads.get_case(pest_app(self).store, self.case_id)
        kinds = [(item.text, item.id) for item in pest_app(self).protocol.step(1).evidence]
        yield field("Soort bewijs", DutchSelect(kinds, prompt="Kies het soort bewijs", id="kind"), "kind")
        yield Label("", id="kind-hint", classes="kind-hint", markup=False)  # the protocol's instruction
        when = Vertical(DateField("Datum van het bericht", "", today=pest_app(self).today, prefer="past",
                                  allow_empty=True, id="occurred-on"),
                        Label("", id="err-occurred-on", classes="field-error", markup=False), classes="half")
        clock = field("Exacte tijd (UU:MM)", Input(placeholder="bijv. 21:14", id="clock", max_length=5), "clock")
        yield Horizontal(when, clock.set_classes("field half"), classes="pair")
        platform = field("Platform of app", Input(placeholder="bijv. WhatsApp, Snapchat", id="platform"), "platform")
        username = field("Gebruikersnaam of nickname", Input(placeholder="bijv. @naam", id="username"), "username")
        yield Horizontal(platform.set_classes("field half"), username.set_classes("field half"), classes="pair")
        yield field("Internetadres (url)", Input(placeholder="https://...", id="url"), "url")
        yield field("Omschrijving", Input(placeholder="Wat is er te zien of te lezen?", id="description"),
                    "description")
        yield field("Bestand (schermafdruk), optioneel",
                    Input(placeholder="bijv. ~/Afbeeldingen/schermafdruk.png", id="file"), "file")

    @on(Select.Changed, "#kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        """Under the kind: the protocol's instruction for it ("Via print screen of maak een foto.")."""
        hint = next((" ".join(item.guidance) for item in pest_app(self).protocol.step(1).evidence
                     if item.id == event.value), "")
        label = self.query_one("#kind-hint", Label)
        label.update(hint)
        label.display = bool(hint)

    def on_mount(self) -> None:
        """Start at the kind."""
        self.query_one("#kind", Select).focus()

    def _moment(self) -> datetime | None:
        """The date and time typed, with errors set beside the fields; None if absent."""
        date_field = self.query_one("#occurred-on", DateField)
        clock_text = self.query_one("#clock", Input).value.strip()
        day, problem = date_field.value, date_field.error()
        if problem is None and day is not None:
            problem = past_day_error(day, pest_app(self).today())
        if problem is not None:
            self.set_error("occurred-on", problem)
        clock = None
        if clock_text:
            try:
                clock = parse_clock(clock_text)
            except ValueError as exc:
                self.set_error("clock", str(exc))
        if day is not None and not clock_text:
            self.set_error("clock", "Vul het exacte tijdstip in (UU:MM), of maak de datum leeg.")
        if clock_text and day is None and problem is None:
            self.set_error("occurred-on", "Vul ook de datum in bij deze tijd.")
        if day is None or clock is None:
            return None
        return datetime.combine(day, clock)

    def save(self) -> None:
        """Check the fields and the file, then ``services.cases.add_evidence`` off-screen; dismiss with its id."""
        if self.saving:  # the Opslaan button while a save runs
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self.clear_errors()
        kind = self.query_one("#kind", Select).value
        if kind == Select.NULL:
            self.set_error("kind", "Kies het soort bewijs.")
        moment = self._moment()
        file_text = self.query_one("#file", Input).value.strip()
        source = Path(file_text).expanduser() if file_text else None
        if source is not None and not source.is_file():
            self.set_error("file", f"Het bestand {source} bestaat niet (of is geen bestand). "
                                   "Controleer het pad; er is niets opgeslagen.")
        if self.shown_errors:
            self.refuse()
            return
        if isinstance(kind, NoSelection):
            return  # not reached: an empty kind set an error above
        values = {name: self.query_one(f"#{name}", Input).value.strip()
                  for name in ("platform", "url", "username", "description")}
        store, case_id, mentor, number = pest_app(self).store, self.case_id, self.case.mentor, self.case.number

        def call() -> int:
            return cases.add_evidence(store, case_id, kind, occurred_at=moment, source_file=source, by=mentor,
                                      **values)

        def saved(evidence_id: int) -> None:
            extra = " met het bestand" if source is not None else ""
            self.notify(f"Opgeslagen: bewijs{extra} bij melding {number}.")
            self.dismiss(evidence_id)

        def refused(error: StoreError) -> None:
            """The error beside the field; everything typed stays."""
            self.set_error("file" if source else "kind", str(error))

        self.save_in_background(call, saved, refused)
