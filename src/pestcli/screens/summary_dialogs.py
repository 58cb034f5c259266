"""The small dialogs of the summary preview: where to save, which pupil, the dossier text.

:class:`SavePathDialog` asks a file name (with a sensible default in the
user's Documents) and writes the file itself, in a worker: it dismisses with
the :class:`ExportResult` only after the file is on disk, and on an error it
stays open with the typed path. :class:`PupilPicker` returns a person id;
:class:`DossierScreen` shows one pupil's dossier text read-only, to copy or
save.

A double key does no harm: the save dialog starts on its "Opslaan" button,
so a second ``p`` or ``m`` never lands in the path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from pestcli.app_access import pest_app
from pestcli.report.dossier import dossier_text
from pestcli.report.export import ExportResult, audit, save_dossier
from pestcli.report.model import CaseSummary, PersonLine
from pestcli.report.output import ExportError, default_path, expand
from pestcli.screens.dialog import Dialog
from pestcli.text import plain


class SavePathDialog(Dialog[ExportResult | None]):
    """Asks where to save, then saves; dismisses with the result once the file is written."""

    BINDINGS = [Binding("escape", "cancel", "Annuleren", id="save_cancel")]
    #: Focused as the dialog opens (before any key reaches it): "Opslaan", not the path.
    AUTO_FOCUS = "#save"

    def __init__(self, title: str, default: Path, save: Callable[[Path], ExportResult]) -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.save = save
        self._confirmed: Path | None = None

    def compose_dialog(self) -> ComposeResult:
        """Title, the path, a line for errors, the buttons."""
        yield Label(self.title_text, classes="dialog-title")
        yield Label("Bestandsnaam (alleen voor u leesbaar opgeslagen). Enter slaat op; "
                    "Shift+Tab om de naam te wijzigen:", classes="dialog-hint")
        # Not selected on focus: a key typed there adds to the path, never replaces it.
        yield Input(str(self.default), id="save-path", select_on_focus=False)
        yield Label("", id="save-error", classes="summary-error", markup=False)
        with Horizontal(classes="dialog-buttons"):
            yield Button("Opslaan", id="save", variant="primary")
            yield Button("Annuleren", id="cancel")

    def on_mount(self) -> None:
        """Start on "Opslaan", not in the path: the key that opened the dialog, pressed twice, types nothing.

        Enter saves to the shown path; Shift+Tab goes to the path to change it.
        """
        self.query_one("#save", Button).focus()

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Opslaan saves, Annuleren closes."""
        event.stop()
        if event.button.id == "save":
            self._submit()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the path saves."""
        event.stop()
        self._submit()

    def _error(self, message: str) -> None:
        """Show a Dutch error under the path; the typed path stays."""
        self.query_one("#save-error", Label).update(plain(message))

    def _submit(self) -> None:
        """Check the path (ask once before replacing a file), then save in a worker."""
        text = self.query_one("#save-path", Input).value
        if not text.strip():
            self._error("Vul een bestandsnaam in.")
            return
        path = expand(text)
        if not path.suffix:
            path = path.with_suffix(self.default.suffix)
        if path.is_dir():
            self._error(f"{path} is een map; geef een bestandsnaam op.")
            return
        if path.exists() and self._confirmed != path:
            self._confirmed = path
            self._error("Dit bestand bestaat al. Kies Opslaan of Enter nogmaals om het te vervangen.")
            return
        self._error("Bezig met opslaan…")
        self._write(path)

    @work(thread=True, exclusive=True, group="summary-save")
    def _write(self, path: Path) -> None:
        """Write the file off the UI thread; report back on it."""
        try:
            result = self.save(path)
        except ExportError as exc:
            self.app.call_from_thread(self._error, str(exc))
            return
        self.app.call_from_thread(self.dismiss, result)


class PupilPicker(Dialog[int | None]):
    """Pick one pupil of the case; dismisses with the person id."""

    BINDINGS = [Binding("escape", "cancel", "Annuleren", id="pupil_cancel")]

    def __init__(self, pupils: list[PersonLine]) -> None:
        super().__init__()
        self.pupils = pupils

    def compose_dialog(self) -> ComposeResult:
        """A title and the list of pupils with their role."""
        yield Label("Dossiertekst voor welke leerling?", classes="dialog-title")
        yield OptionList(*(Option(plain(f"{p.name_with_class} — {p.role.lower()}"), id=str(p.person_id))
                           for p in self.pupils), id="pupil-list", markup=False)
        yield Label("Enter kiest; andere leerlingen komen er alleen met rol en voorletters in.",
                    classes="dialog-hint")

    def on_mount(self) -> None:
        """Start in the list, on the first pupil."""
        options = self.query_one("#pupil-list", OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a pupil picks them."""
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss(None)


class DossierScreen(Dialog[None]):
    """One pupil's dossier text, read-only, to copy into the leerlingvolgsysteem or save."""

    BOX_ID = "dossier-box"
    BOX_CLASSES = "-wide -tall"

    BINDINGS = [
        Binding("c", "copy", "Kopiëren", id="dossier_copy"),
        Binding("s", "save", "Opslaan als bestand", id="dossier_save"),
        Binding("escape", "back", "Terug", id="dossier_back"),
    ]

    def __init__(self, summary: CaseSummary, person_id: int,
                 known_pupils: Sequence[tuple[int, str, str]] = ()) -> None:
        super().__init__()
        self.summary = summary
        self.person_id = person_id
        self.text = dossier_text(summary, person_id, known_pupils)

    def compose_dialog(self) -> ComposeResult:
        """Title, what the text is, and the text itself."""
        pupil = self.summary.person(self.person_id)
        yield Label(plain(f"Dossiertekst voor {pupil.name if pupil else 'de leerling'}"),
                    classes="dialog-title", markup=False)
        yield Label("Alleen wat deze leerling aangaat; andere leerlingen met rol en voorletters. "
                    "Klaar om in het logboek van Magister, SOMtoday of ParnasSys te plakken.",
                    classes="dialog-hint")
        yield TextArea(self.text, read_only=True, soft_wrap=True, id="dossier-text")

    def on_mount(self) -> None:
        """Focus the text, so it can be selected and scrolled."""
        self.query_one("#dossier-text", TextArea).focus()

    def action_copy(self) -> None:
        """Copy the whole text to the clipboard (and note that in the audit trail)."""
        self.app.copy_to_clipboard(self.text)
        warning = audit(pest_app(self).store, self.summary, "dossier")
        self.notify("De dossiertekst staat op het klembord.")
        if warning:
            self.notify(warning, severity="warning")

    def action_save(self) -> None:
        """Ask a file name and save the text there."""
        pupil = self.summary.person(self.person_id)
        extra = f"-dossier-{(pupil.initials if pupil else str(self.person_id)).replace('.', '')}"
        target = default_path(self.summary.number, ".txt", extra)

        def save(path: Path) -> ExportResult:
            return save_dossier(pest_app(self).store, self.summary, self.person_id, path, self.text)

        self.app.push_screen(SavePathDialog("Dossiertekst opslaan", target, save), notify_result(self))

    def action_back(self) -> None:
        """Back to the summary."""
        self.dismiss(None)


def notify_result(screen: Screen) -> Callable[[ExportResult | None], None]:
    """A callback for a save dialog: tells the mentor on ``screen`` what was saved where."""
    def done(result: ExportResult | None) -> None:
        if result is None:
            return
        screen.notify(result.message, severity="information" if result.path or result.printed else "warning")
        if result.warning:
            screen.notify(result.warning, severity="warning")

    return done
