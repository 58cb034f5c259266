"""The summary preview: one case as the dossier will read, before it is printed or saved.

Opened from the case screen with ``self.app.push_screen(SummaryPreviewScreen(case_id))``.
The summary is read and rendered in a worker, so the screen paints first.
Keys: p = PDF opslaan, m = Markdown opslaan, a = afdrukken (``lp``; without a
printer the PDF is kept and the mentor told where), d = dossiertekst voor één
leerling, Escape = terug.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, Markdown

from pestcli.app_access import pest_app
from pestcli.report.build import load_summary
from pestcli.report.dossier import pupils_of
from pestcli.report.export import ExportResult, print_summary, save_markdown, save_pdf
from pestcli.report.markdown import render_markdown
from pestcli.report.model import CaseSummary
from pestcli.report.output import ExportError, default_path
from pestcli.screens.summary_dialogs import DossierScreen, PupilPicker, SavePathDialog, notify_result
from pestcli.services.errors import StoreError
from pestcli.services.reads import known_pupils
from pestcli.widgets.keys_footer import KeysFooter


class SummaryPreviewScreen(Screen[None]):
    """The case summary as Markdown, with keys to save it, print it or write a dossier text."""

    BINDINGS = [
        Binding("escape", "back", "Terug", id="summary_back"),
        Binding("p", "save_pdf", "PDF opslaan", id="summary_pdf"),
        Binding("m", "save_markdown", "Markdown opslaan", id="summary_markdown"),
        Binding("a", "print", "Afdrukken", id="summary_print"),
        Binding("d", "dossier", "Dossiertekst", id="summary_dossier"),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.summary: CaseSummary | None = None
        self.load_error = ""
        self.rendered = False
        self.printing = False

    def compose(self) -> ComposeResult:
        """Header, a status line, the Markdown in a scroll, footer."""
        yield Header()
        yield Label("Samenvatting laden…", id="summary-status", markup=False)
        yield VerticalScroll(id="summary-scroll")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Focus the text (arrows and PageUp/PageDown scroll) and start loading."""
        self.query_one("#summary-scroll", VerticalScroll).focus()
        self.load()

    @work(thread=True, exclusive=True, group="summary-load")
    def load(self) -> None:
        """Read the case and build the summary off the UI thread."""
        try:
            summary = load_summary(pest_app(self).store, pest_app(self).protocol, self.case_id, pest_app(self).today(),
                                   pest_app(self).calendar)
        except StoreError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._show, summary, render_markdown(summary))

    def _show(self, summary: CaseSummary, text: str) -> None:
        """Keep the summary (the keys work from now on) and start putting it on screen."""
        self.summary = summary
        self.query_one("#summary-status", Label).update(
            f"Voorbeeld van de samenvatting van melding {summary.number} — zo komt hij in het dossier."
        )
        self.show_markdown(text)

    @work(exclusive=True, group="summary-render")
    async def show_markdown(self, text: str) -> None:
        """Show the Markdown one section at a time, so the top is there at once and keys keep working."""
        scroll = self.query_one("#summary-scroll", VerticalScroll)
        first, *rest = text.split("\n## ")
        await scroll.remove_children()
        for part in (first, *("## " + section for section in rest)):
            await scroll.mount(Markdown(part, classes="summary-part", open_links=False))
        self.rendered = True

    def _failed(self, message: str) -> None:
        """Say in Dutch why the summary could not be read."""
        self.load_error = message
        self.query_one("#summary-status", Label).update(message)
        self.notify(message, severity="error")

    def _ready(self) -> CaseSummary | None:
        """The summary, or None with a word to the mentor (still loading, or it failed)."""
        if self.load_error:
            self.notify(self.load_error, severity="error")
        elif self.summary is None:
            self.notify("De samenvatting wordt nog geladen; een ogenblik.", severity="warning")
        return self.summary

    def action_back(self) -> None:
        """Back to the case."""
        self.dismiss(None)

    def action_save_pdf(self) -> None:
        """Ask where, then save the PDF."""
        summary = self._ready()
        if summary is None:
            return

        def save(path: Path) -> ExportResult:
            return save_pdf(pest_app(self).store, summary, path)

        self.app.push_screen(SavePathDialog("PDF opslaan", default_path(summary.number, ".pdf"), save),
                             notify_result(self))

    def action_save_markdown(self) -> None:
        """Ask where, then save the Markdown text."""
        summary = self._ready()
        if summary is None:
            return

        def save(path: Path) -> ExportResult:
            return save_markdown(pest_app(self).store, summary, path)

        self.app.push_screen(SavePathDialog("Markdown opslaan", default_path(summary.number, ".md"), save),
                             notify_result(self))

    def action_print(self) -> None:
        """Send the PDF to the printer (in a worker); without a printer, keep it in Documents."""
        summary = self._ready()
        if summary is None or self.printing:
            return
        self.printing = True
        self.notify("De samenvatting wordt klaargemaakt voor de printer…")
        self._print(summary)

    @work(thread=True, exclusive=True, group="summary-print")
    def _print(self, summary: CaseSummary) -> None:
        """Build the PDF and hand it to ``lp`` off the UI thread."""
        try:
            result = print_summary(pest_app(self).store, summary)
        except ExportError as exc:
            self.app.call_from_thread(self._printed, None, str(exc))
            return
        self.app.call_from_thread(self._printed, result, "")

    def _printed(self, result: ExportResult | None, error: str) -> None:
        """Tell the mentor what happened to the print job."""
        self.printing = False
        if result is None:
            self.notify(error, severity="error")
            return
        self.notify(result.message, severity="information" if result.printed else "warning", timeout=12)
        if result.warning:
            self.notify(result.warning, severity="warning")

    def action_dossier(self) -> None:
        """Pick a pupil, then show their dossier text."""
        summary = self._ready()
        if summary is None:
            return
        pupils = pupils_of(summary)
        if not pupils:
            self.notify("Deze melding heeft nog geen leerlingen.", severity="warning")
            return

        def chosen(person_id: int | None) -> None:
            if person_id is None:
                return
            try:  # every pupil of the school, to hide those outside the case too
                pupils_known = known_pupils(pest_app(self).store)
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.app.push_screen(DossierScreen(summary, person_id, pupils_known))

        self.app.push_screen(PupilPicker(pupils), chosen)
