"""The Textual app: the shared context, the key bindings and the command palette.

Kept small on purpose: every screen lives in ``pestcli.screens``, the palette
in ``pestcli.palette``; this module only wires them together.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel
    from textual.content import Content

    from pestcli.idle_lock import IdleLock
    from pestcli.protocol.calendar import SchoolCalendar
    from pestcli.protocol.model import Protocol
    from pestcli.store.backend.engine import Store
    from pestcli.store.workflow import Rules

LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"
#: The settings key (``pestcli.settings``) of the theme chosen with Ctrl+T.
THEME_KEY = "theme"


#: The names of the app's own palette commands (``PestApp.get_system_commands``).
APP_COMMANDS = ("Nieuwe melding", "Zoek leerling of casus", "Open casus", "Agenda", "Overzicht", "Protocol lezen",
                "Vandaag", "Logboek", "Licht of donker thema", "Scherm verbergen", "Stoppen")


def own_bindings(node_type: type) -> set[tuple[str, str]]:
    """(action, description) of every key declared by a pestcli class in ``node_type``'s ancestry.

    A pestcli screen inherits Textual's English keys ("Focus Next", "Copy
    selected text"); those are declared by Textual's classes, so they are not
    in this set.
    """
    from textual.binding import Binding

    found: set[tuple[str, str]] = set()
    for cls in node_type.__mro__:
        if not cls.__module__.startswith("pestcli."):
            continue
        for item in cls.__dict__.get("BINDINGS", ()):
            binding = item if isinstance(item, Binding) else Binding(*item)
            found.add((binding.action, binding.description))
    return found


def background_failure_text(error: BaseException) -> str:
    """The Dutch sentence for a failure in the background (a worker, the warm-up); never a traceback.

    A StoreError carries its own Dutch sentence; anything else is named only
    by its kind, with what the mentor can do.
    """
    from pestcli.store.errors import StoreError

    if isinstance(error, StoreError):
        return f"Op de achtergrond lukte iets niet: {error} De app werkt door."
    return (f"Op de achtergrond ging iets mis ({type(error).__name__}); er is niets gewist of veranderd en "
            "de app werkt door. Probeer het opnieuw; gebeurt het weer, sluit pestcli dan af en start het "
            "opnieuw.")


def search_provider() -> type[Provider]:
    """The palette's search for pupils and cases (imported when the palette first opens)."""
    from pestcli.palette import SearchProvider

    return SearchProvider


class PestApp(App[None]):
    """pestcli: the school's anti-bullying protocol as a guided workflow.

    ``protocol``, ``calendar``, ``rules`` (both, for ``store.workflow``),
    ``store`` and ``today()`` are the context every screen uses; tests pass
    their own ``today``. They are typed here: a screen or widget reaches
    them typed through ``pestcli.app_access`` (``pest_app(self).store``),
    not through the untyped ``self.app``. With ``daily_backup`` the day's
    backup is made in the background after the first screen
    (``pestcli.warm_up``), not before it.
    """

    #: The loaded protocol (its steps, deadlines and texts).
    protocol: Protocol
    #: The open case store (a SQLite file, encrypted or not).
    store: Store
    #: The school calendar of the protocol's region (holidays, school days).
    calendar: SchoolCalendar
    #: Today's date; tests pass a fixed day or a clock they move.
    today: Callable[[], date]
    #: Set once the ORM is imported and the engine open (``pestcli.warm_up``), after the first paint.
    warmed: threading.Event
    #: Make the daily backup during the warm-up (the store was opened without it).
    daily_backup: bool
    #: The idle lock of an encrypted store (``pestcli.idle_lock``), None when it does not apply.
    idle_lock: IdleLock | None

    CSS_PATH = "pestcli.tcss"
    TITLE = "pestcli"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {search_provider}
    BINDINGS = [
        Binding("ctrl+b", "toggle_privacy", "Scherm verbergen", id="privacy", priority=True),
        # The Footer shows the palette key itself; screens show their own keys.
        Binding("ctrl+p", "command_palette", "Opdrachten", id="palette", priority=True, show=False),
        Binding("ctrl+n", "new_report", "Nieuwe melding", id="new_report", show=False),
        Binding("f1", "read_protocol", "Protocol", id="read_protocol", show=False),
        Binding("ctrl+t", "toggle_theme", "Licht/donker", id="theme", show=False),
        Binding("ctrl+q", "quit", "Stoppen", id="quit", priority=True),
    ]

    def __init__(
        self,
        protocol: Protocol,
        store: Store,
        calendar: SchoolCalendar | None = None,
        today: Callable[[], date] = date.today,
        daily_backup: bool = False,
    ) -> None:
        super().__init__()
        self.protocol = protocol
        self.store = store
        if calendar is None:
            from pestcli.protocol.calendar import SchoolCalendar

            calendar = SchoolCalendar.load(protocol.rules.region)
        self.calendar = calendar
        self.today = today
        self._rules: Rules | None = None
        self.warmed = threading.Event()
        self._warm_up_started = False
        self.daily_backup = daily_backup
        self.idle_lock = None
        self.sub_title = f"{protocol.document.name} {protocol.document.version}"
        staff = getattr(store, "staff", None)
        #: Who is working, on the school's server (``J. de Vries (mentor)``): every header names them.
        self.worker_label = f"{staff.name} ({staff.role_text})" if staff is not None else ""

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's text: the screen's title and sub-title, then who is working (on the school's server)."""
        content = super().format_title(title, sub_title)
        if not self.worker_label:
            return content
        from textual.content import Content

        return Content.assemble(content, (" · ", "dim"), Content(self.worker_label))

    @property
    def rules(self) -> Rules:
        """The protocol's rules with the school calendar (for ``store.workflow``), made on first use."""
        if self._rules is None:
            from pestcli.store.workflow import Rules

            self._rules = Rules(self.protocol, self.calendar)
        return self._rules

    def on_mount(self) -> None:
        """Open the home screen ("Vandaag"); watch the integrity check running beside it."""
        from pestcli.screens.home import HomeScreen

        self._apply_saved_theme()  # before the first paint
        self.push_screen(HomeScreen())
        from pestcli.idle_lock import install_idle_lock  # an encrypted store locks when idle

        self.idle_lock = install_idle_lock(self)
        integrity = self.store.integrity
        if integrity is not None:
            integrity.on_damaged(self._damage_found)

    def first_screen_shown(self) -> None:
        """The home screen shows what it read: check the file now, load the rest a little later.

        The integrity check (``store.backend.integrity``) runs outside the GIL; the
        warm-up (``pestcli.warm_up``) waits ``DELAY`` seconds, for the mentor's
        first keys.
        """
        integrity = self.store.integrity
        if integrity is not None:
            integrity.start()
        from pestcli.warm_up import DELAY

        self.set_timer(DELAY, self.warm_up)
        self._mention_drafts()

    def _mention_drafts(self) -> None:
        """After a crash: say which typed, unsaved texts wait as drafts (``screens.drafts``)."""
        from pestcli.screens.drafts import drafts_notice

        notice = drafts_notice(self.store)
        if notice:
            self.notify(notice, title="Concepten", timeout=15)

    def warm_up(self) -> None:
        """Load the rest of pestcli in the background (once), now the first screen is painted."""
        if self._warm_up_started:
            return
        self._warm_up_started = True
        from pestcli.warm_up import start_warm_up

        start_warm_up(self.store, self.warmed, self._call_from_warm_up, daily_backup=self.daily_backup,
                      tell=lambda text: self.notify(text, title="Reservekopie", severity="error"),
                      failed=lambda exc: self.notify(background_failure_text(exc), title="Niet gelukt",
                                                     severity="error", timeout=12))

    def _call_from_warm_up(self, function: Callable[[], None]) -> None:
        """``call_from_thread`` for the warm-up thread, refused at once when the app's loop has ended.

        Textual makes the coroutine before it finds the loop closed, and that
        coroutine is then never awaited (a RuntimeWarning at exit); asking the
        loop first leaves only a moment's race instead of every late warm-up.
        """
        loop = self._loop
        if loop is None or loop.is_closed() or not loop.is_running():
            raise RuntimeError("De app is al gestopt.")
        self.call_from_thread(function)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a toast, always as plain text.

        pestcli's messages carry pupils' names, classes and typed text, so a
        toast is never parsed as markup (``x[/]`` in a name would crash the
        app), whatever a caller passes; control characters are left out.
        Every screen's and widget's ``notify`` ends here.
        """
        from pestcli.text import plain

        super().notify(plain(message), title=plain(title), severity=severity, timeout=timeout, markup=False)

    async def on_event(self, event: events.Event) -> None:
        """Every event reaches the app first: it is the idle lock's activity, and a paste is cleaned.

        A key, click, scroll or paste keeps the idle lock (``pestcli.idle_lock``)
        from locking; a paste loses its control characters before any field
        sees it (tabs and newlines stay).
        """
        if self.idle_lock is not None:
            self.idle_lock.observe(event)
        if isinstance(event, events.Paste) and not event.is_forwarded:
            from pestcli.text import plain

            event.text = plain(event.text)
        await super().on_event(event)

    def _handle_exception(self, error: Exception) -> None:
        """An exception nothing caught: a failed background worker is told in Dutch, the app runs on.

        Textual ends the app when a worker (``@work``, e.g. a screen reading
        its rows in a thread) raises. A worker runs apart from the screens'
        message loops, so after its failure every screen still answers: the
        mentor gets a Dutch toast (a StoreError's own sentence, or what went
        wrong in general) and can try again. Any other uncaught exception
        ends the app as Textual does (a message handler that raised has
        stopped its widget's message loop, so going on would leave it dead).
        """
        from textual.worker import WorkerFailed

        if isinstance(error, WorkerFailed):
            self.notify(background_failure_text(error.error), title="Niet gelukt", severity="error", timeout=12)
            return
        super()._handle_exception(error)

    def lock_now(self) -> bool:
        """Lock the app: the passphrase prompt over everything (``screens.lock``); False when it cannot.

        Called by the idle lock when the mentor was away too long; a plain,
        unencrypted store has no passphrase to unlock with and is not locked.
        """
        from pestcli.screens.lock import lock_app

        return lock_app(self)

    def is_locked(self) -> bool:
        """Whether the passphrase prompt of the lock is showing (anywhere on the stack)."""
        from pestcli.screens.lock import is_locked

        return is_locked(self)

    def on_unmount(self) -> None:
        """The app ends: give what the warm-up froze back to the garbage collector."""
        import gc

        gc.unfreeze()

    def _damage_found(self, error: Exception) -> None:
        """The integrity check found damage (in its own thread, or at once): say so over everything."""
        from pestcli.screens.damaged import DamagedScreen

        if threading.get_ident() == self._thread_id:
            self.push_screen(DamagedScreen(str(error)))
        else:
            self.call_from_thread(self.push_screen, DamagedScreen(str(error)))

    # --- navigation used by every screen ---------------------------------------
    def open_case(self, case_id: int) -> None:
        """Show the case screen of one case."""
        from pestcli.screens.case import CaseScreen

        self.push_screen(CaseScreen(case_id))

    def action_new_report(self) -> None:
        """Open the form for a new report (melding)."""
        from pestcli.screens.report_form import ReportFormScreen

        self.push_screen(ReportFormScreen())

    def action_read_protocol(self) -> None:
        """Open the protocol reader."""
        from pestcli.screens.protocol_reader import ProtocolReaderScreen

        if not isinstance(self.screen, ProtocolReaderScreen):
            self.push_screen(ProtocolReaderScreen())

    def action_search(self) -> None:
        """Open the command palette to find a pupil or case."""
        self.action_command_palette()

    def action_command_palette(self) -> None:
        """The command palette, in Dutch."""
        from pestcli.palette import DutchCommandPalette

        # Textual types is_open for App[object]; App's type parameter is invariant, PestApp is App[None].
        if self.use_command_palette and not DutchCommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(DutchCommandPalette(id="--command-palette"))

    def action_toggle_privacy(self) -> None:
        """Blank the screen at once; the same key brings the work back."""
        from pestcli.screens.privacy import PrivacyScreen

        if isinstance(self.screen, PrivacyScreen):
            self.pop_screen()
        else:
            self.push_screen(PrivacyScreen())

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in a text field): say in Dutch how to stop."""
        self.notify("Druk op Ctrl+Q om pestcli te sluiten; wat je bevestigde is opgeslagen, en getypte "
                    "tekst wordt eerst gevraagd.", title="Stoppen?")

    async def action_quit(self) -> None:
        """Ctrl+Q: stop; with unsaved typed text on any screen, ask first (``has_unsaved_text()``).

        The typed text is kept as a draft either way (``keep_draft()``), so it
        is offered back the next time the same form or note opens.
        """
        from pestcli.screens.drafts import LeaveUnsavedDialog, unsaved_screens

        if isinstance(self.screen, LeaveUnsavedDialog) and self.screen.id == "quit-unsaved":
            self.exit()  # Ctrl+Q twice: the mentor means it
            return
        unsaved = unsaved_screens(list(self.screen_stack))
        for screen in unsaved:
            keep = getattr(screen, "keep_draft", None)
            if callable(keep):
                keep()
        if not unsaved:
            self.exit()
            return
        dialog = LeaveUnsavedDialog(
            "Er is getypte tekst die nog niet is opgeslagen. Toch stoppen?",
            "De tekst blijft als concept bewaard: als je het formulier of de notitie weer opent, "
            "kun je hem terugzetten. Kies Nee om terug te gaan en op te slaan.",
            yes="Ja, stoppen")
        dialog.id = "quit-unsaved"
        self.push_screen(dialog, lambda leave: self.exit() if leave else None)

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme, and remember the choice for the next start."""
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME
        data_dir = self._settings_dir()
        if data_dir is None:
            return
        from pestcli.settings import save_setting

        try:
            save_setting(data_dir, THEME_KEY, self.theme)
        except OSError as exc:
            self.notify(f"Het thema is gewisseld, maar niet onthouden voor de volgende keer: {exc.strerror or exc}.",
                        severity="warning")

    def _settings_dir(self) -> Path | None:
        """The data directory with the settings file (None for a store without a file)."""
        path = self.store.path
        return path.parent if path else None

    def _apply_saved_theme(self) -> None:
        """The theme chosen with Ctrl+T last time (light or dark), if one was saved."""
        data_dir = self._settings_dir()
        if data_dir is None:
            return
        from pestcli.settings import load_settings

        saved = load_settings(data_dir).get(THEME_KEY)
        if saved in (LIGHT_THEME, DARK_THEME):
            self.theme = saved

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands: the app's actions by their Dutch names."""
        yield SystemCommand("Nieuwe melding", "Registreer een nieuwe melding van pesten", self.action_new_report)
        yield SystemCommand("Zoek leerling of casus", "Typ een deel van een naam, klas of casusnummer",
                            self.action_search)
        yield SystemCommand("Open casus", "Kies een open casus uit de lijst", self.action_open_case_list)
        yield SystemCommand("Agenda", "Alles wat deze week en maand op de agenda staat", self.action_agenda)
        yield SystemCommand("Overzicht", "De cijfers van de school per schooljaar, periode, leerjaar of klas",
                            self.action_overview)
        yield SystemCommand("Protocol lezen", "Signalen, vormen van pesten, stappen, consequenties",
                            self.action_read_protocol)
        yield SystemCommand("Vandaag", "Terug naar het overzicht van vandaag", self.action_home)
        yield SystemCommand("Logboek", "Wie wanneer iets heeft vastgelegd, gewijzigd, geëxporteerd of gewist",
                            self.action_audit)
        yield SystemCommand("Licht of donker thema", "Wissel tussen een licht en een donker thema",
                            self.action_toggle_theme)
        yield SystemCommand("Scherm verbergen", "Maak het scherm direct leeg (Ctrl+B brengt het terug)",
                            self.action_toggle_privacy)
        yield SystemCommand("Stoppen", "Sluit pestcli af; getypte tekst die nog niet is opgeslagen wordt eerst "
                            "gevraagd", self.action_quit)
        yield from self._screen_commands(screen, APP_COMMANDS)

    def _screen_commands(self, screen: Screen, taken: Iterable[str] = ()) -> Iterable[SystemCommand]:
        """Every key of the current screen, also by name in the palette.

        Only keys that pestcli itself declares (Textual's own English keys such
        as "Focus Next" or "Copy selected text" are left out, see
        :func:`own_bindings`), and none with a name in ``taken`` (the app's own
        commands: "Agenda" once, not also as the home screen's ``a``). A screen
        that names its own palette actions (``PALETTE_ACTIONS``, offered by its
        own provider) is left to that provider.
        """
        if getattr(screen, "PALETTE_ACTIONS", None):
            return
        seen = set(taken)
        for active in screen.active_bindings.values():
            binding = active.binding
            own = (binding.action, binding.description) in own_bindings(type(active.node))
            if active.node is self or not own or not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            node, action = active.node, binding.action
            yield SystemCommand(
                binding.description,
                f"Toets {self.get_key_display(binding)} op dit scherm",
                lambda node=node, action=action: self.call_later(node.run_action, action),
            )

    def action_open_case_list(self) -> None:
        """Pick an open case from a list."""
        from pestcli.screens.case_picker import CasePickerScreen

        def chosen(case_id: int | None) -> None:
            if case_id is not None:
                self.open_case(case_id)

        self.push_screen(CasePickerScreen(), chosen)

    def action_agenda(self) -> None:
        """Open the agenda."""
        from pestcli.screens.agenda import AgendaScreen

        self.push_screen(AgendaScreen())

    def action_overview(self) -> None:
        """Open the coordinator's overview (or say who it is for)."""
        from pestcli.screens.overview import open_overview

        open_overview(self)

    def action_audit(self) -> None:
        """Open the audit trail (logboek)."""
        from pestcli.screens.audit import AuditScreen

        self.push_screen(AuditScreen())

    def action_home(self) -> None:
        """Go back to the home screen."""
        while len(self.screen_stack) > 2:
            self.pop_screen()


if TYPE_CHECKING:
    from pestcli.app_access import PestContext

    def _gives_screens_their_context(app: PestApp) -> PestContext:
        """For mypy only: PestApp has everything screens and widgets use of it (``app_access``)."""
        return app
