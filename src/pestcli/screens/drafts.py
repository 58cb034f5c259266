"""Typed text is never lost by a key: drafts, the offer to restore one, and asking before leaving.

:class:`DraftKeeper` keeps what a mentor types in one place (the report form,
a follow-up note, a conversation note) as a draft in the database
(``services.drafts``), ``DELAY`` seconds after the last key; the owner deletes
it once the real save has committed. These writes (and the read of a draft to
offer) run off the main thread in one ordered queue per app (``serial_save``). :class:`RestoreDraftDialog` offers a
draft back when the same place opens again. :class:`LeaveUnsavedDialog` asks
before a key closes something with unsaved typed text.

The screen protocol the app's Ctrl+Q uses (``PestApp.action_quit``): a screen
with ``has_unsaved_text() -> bool`` (and optionally ``keep_draft()``, called
before quitting) is asked before the app stops.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal
from weakref import WeakKeyDictionary

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Button, Label, Static

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.screens.confirm import Confirm
from pestcli.screens.dialog import Dialog
from pestcli.screens.serial_save import SerialSave
from pestcli.services.errors import StoreError

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer
    from textual.widget import Widget

    from pestcli.services.drafts import SavedDraft

#: Seconds after the last key before the draft is written (the issue: "within a couple of seconds").
DELAY = 1.0

#: How many characters of a draft the restore question quotes.
PREVIEW_CHARS = 120


def draft_moment(saved_at: datetime, today: datetime | None = None) -> str:
    """``vandaag 14:03`` or ``ma 30 nov 2026 14:03``: when a draft was kept."""
    day = "vandaag" if today is not None and saved_at.date() == today.date() else format_date(saved_at.date())
    return f"{day} {saved_at:%H:%M}"


def draft_preview(draft: SavedDraft) -> str:
    """The first words of a draft's text, on one line, for the restore question.

    Fields whose name starts with ``_`` hold machine values (a report's choices
    as JSON) and are left out.
    """
    text = " · ".join(" ".join(value.split()) for key, value in draft.fields.items()
                      if value.strip() and not key.startswith("_"))
    return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS - 1].rstrip() + "…"


#: One queue of draft writes per app (``serial_save``): every keeper's writes in the order they were made.
_WRITERS: WeakKeyDictionary[App[Any], SerialSave] = WeakKeyDictionary()


def draft_writes(app: App[Any]) -> SerialSave:
    """The app's queue of draft writes (made on first use).

    One queue for every draft of the app, so a later write of a key never
    lands before an earlier one (a keeper's discard and the next keeper's
    flush of the same note included), and a write handed over still happens
    after its screen closed.
    """
    writer = _WRITERS.get(app)
    if writer is None:
        writer = _WRITERS[app] = SerialSave(app, group="draft-save")
    return writer


class DraftKeeper:
    """Writes what ``collect()`` returns as the draft ``key``, a moment after the last change.

    Call :meth:`changed` on every key (it restarts the timer), :meth:`flush` to
    write (before the app stops), :meth:`discard` once the text is saved for
    real or thrown away. The writes run off the main thread, in order
    (:func:`draft_writes`), so a slow server never holds up the typing. A draft
    that cannot be written (the file is busy) is tried again at the next key
    (or flush); it never interrupts the mentor.
    """

    def __init__(self, owner: Widget, key: str, collect: Callable[[], dict[str, str]],
                 case_id: int | None = None) -> None:
        self.owner = owner
        self.key = key
        self.collect = collect
        self.case_id = case_id
        self._timer: Timer | None = None
        #: Whether something was typed since the draft was last handed to the store.
        self.dirty = False
        #: Whether text of this keeper may be stored under ``key``: only then does empty text delete
        #: the draft (a field filled in by the form itself never wipes a draft still on offer).
        self._written = False
        #: Counts the writes handed over; an outcome only counts when it is of the latest.
        self._generation = 0

    def changed(self) -> None:
        """Something was typed: write the draft ``DELAY`` seconds after the last key."""
        self.dirty = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.owner.set_timer(DELAY, self.flush)

    def flush(self) -> None:
        """Hand the draft to the store now (written in the background), if anything changed."""
        self._stop()
        if not self.dirty:
            return
        from pestcli.services.drafts import save_draft

        fields = self.collect()  # the widgets are read here, on the main thread
        has_text = any(value.strip() for value in fields.values())
        if not has_text and not self._written:
            self.dirty = False
            return
        self.dirty = False
        self._written = self._written or has_text  # text may be stored once this write is
        self._generation += 1
        generation = self._generation
        store, key, case_id = pest_app(self.owner).store, self.key, self.case_id

        def stored(_result: object) -> None:
            if generation == self._generation:
                self._written = has_text

        def refused(_exc: StoreError) -> None:
            if generation == self._generation:
                self.dirty = True  # busy or locked: the next key (or flush) tries again

        draft_writes(self.owner.app).submit(lambda: save_draft(store, key, fields, case_id=case_id),
                                            stored, refused)

    def discard(self) -> None:
        """The text was saved for real (or thrown away): forget the draft (in the background, in order)."""
        self._stop()
        self.dirty = False
        self._written = False
        self._generation += 1
        from pestcli.services.drafts import delete_draft

        store, key = pest_app(self.owner).store, self.key
        # refused: an old draft is offered again later; nothing is lost
        draft_writes(self.owner.app).submit(lambda: delete_draft(store, key), None, lambda _exc: None)

    def pending(self) -> SavedDraft | None:
        """The draft kept from before, when it holds text (read here; :meth:`offer` reads in the background)."""
        from pestcli.services.drafts import get_draft

        try:
            draft = get_draft(pest_app(self.owner).store, self.key)
        except StoreError:
            return None
        return draft if draft is not None and draft.has_text else None

    def offer(self, restore: Callable[[dict[str, str]], None]) -> None:
        """Offer a kept draft back (``RestoreDraftDialog``), read in the background after earlier writes.

        "Terugzetten" calls ``restore`` with the fields; "weggooien" deletes the
        draft; Escape leaves it for later. Nothing is asked when there is no
        draft, or when the owner's screen closed before the draft was read.
        """
        from pestcli.services.drafts import get_draft

        store, key = pest_app(self.owner).store, self.key

        def read() -> SavedDraft | None:
            draft = get_draft(store, key)
            return draft if draft is not None and draft.has_text else None

        def answered_with(draft: SavedDraft) -> Callable[[str | None], None]:
            def answered(answer: str | None) -> None:
                if answer == "restore":
                    restore(draft.fields)
                elif answer == "discard":
                    self.discard()
            return answered

        def found(draft: SavedDraft | None) -> None:
            if draft is not None and self._owner_shown():
                self.owner.app.push_screen(RestoreDraftDialog(draft), answered_with(draft))

        draft_writes(self.owner.app).submit(read, found, lambda _exc: None, reading=True)

    def _owner_shown(self) -> bool:
        """Whether the owner's screen is still in the app (a draft read late is not offered elsewhere)."""
        try:
            screen = self.owner if isinstance(self.owner, Screen) else self.owner.screen
        except NoMatches:
            return False
        return screen in self.owner.app.screen_stack

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


#: What :class:`RestoreDraftDialog` answers (None: later, the draft stays).
DraftAnswer = Literal["restore", "discard"]


def _draft_answer(value: str | None) -> DraftAnswer | None:
    """An action argument or button id as the dialog's answer (anything else: later)."""
    if value == "restore":
        return "restore"
    if value == "discard":
        return "discard"
    return None


class RestoreDraftDialog(Dialog[DraftAnswer | None]):
    """ "Er is een concept van <tijd> — terugzetten?": j restores, w throws it away, Esc later."""

    BOX_ID = "restore-draft"

    BINDINGS = [
        Binding("j", "answer('restore')", "Ja, terugzetten", id="draft_restore"),
        Binding("w", "answer('discard')", "Weggooien", id="draft_discard"),
        Binding("escape", "answer(None)", "Later", id="draft_later"),
    ]

    def __init__(self, draft: SavedDraft) -> None:
        super().__init__()
        self.draft = draft

    def compose_dialog(self) -> ComposeResult:
        """The question, the start of the text, three buttons (terugzetten first)."""
        moment = draft_moment(self.draft.saved_at, datetime.now())
        yield Label(f"Er is een concept van {moment} — terugzetten? (j/w)", id="dialog-title", classes="dialog-title", markup=False)
        yield Static(f"“{draft_preview(self.draft)}”", id="draft-preview", markup=False)
        yield Label("Dit is tekst die je typte maar nog niet had opgeslagen. Esc: later beslissen "
                    "(het concept blijft bewaard).", classes="dialog-note", markup=False)
        with Horizontal(id="dialog-buttons", classes="dialog-buttons"):
            yield Button("Ja, terugzetten (j)", id="restore", variant="primary")
            yield Button("Weggooien (w)", id="discard", variant="error")

    def on_mount(self) -> None:
        """Start on "terugzetten": Enter alone keeps the text."""
        self.query_one("#restore", Button).focus()

    def action_answer(self, answer: str | None) -> None:
        """Return the answer."""
        self.dismiss(_draft_answer(answer))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons answer too."""
        event.stop()
        self.dismiss(_draft_answer(event.button.id))


class LeaveUnsavedDialog(Confirm):
    """Asks before unsaved typed text is left behind; True means leave anyway.

    The question with its explanation (:class:`Confirm`); "Nee, terug" has the
    focus, so Enter alone never leaves; n and Escape stay.
    """

    BOX_ID = "leave-unsaved"
    YES = "Ja, sluiten"
    NO = "Nee, terug"
    KEYS_ON_BUTTONS = True
    BINDINGS = [
        Binding("j", "answer(True)", "Ja", id="unsaved_yes"),  # the button names what yes does
        Binding("n,escape", "answer(False)", "Nee, terug", id="unsaved_no"),
    ]

    def __init__(self, question: str, explanation: str, yes: str = "Ja, sluiten") -> None:
        super().__init__(question, explanation, yes)


def draft_place(key: str, case_number: str | None) -> str:
    """Where a draft was typed, in Dutch: ``een vervolggesprek van melding 2026-0003``."""
    of_case = f" van melding {case_number}" if case_number else ""
    kind = key.split(":", 1)[0]
    if kind == "report":
        return "een nieuwe melding (Ctrl+N)"
    if kind == "followup":
        return f"een vervolggesprek{of_case}"
    if kind == "conversation":
        return f"een gespreksnotitie{of_case}"
    if kind == "class-conversation":
        return "een notitie in een klassengesprek"
    return "een formulier"


def drafts_notice(store) -> str | None:
    """The home screen's word after a crash: which drafts wait to be restored (None when none)."""
    from pestcli.services.drafts import draft_places_fast

    try:
        places = draft_places_fast(store)
    except StoreError:
        return None
    if not places:
        return None
    named = list(dict.fromkeys(draft_place(key, number) for key, number in places))
    shown = "; ".join(named[:3]) + (f" en nog {len(named) - 3}" if len(named) > 3 else "")
    one = len(places) == 1
    return (f"Er {'is' if one else 'zijn'} {len(places)} {'concept' if one else 'concepten'} met getypte tekst "
            f"die nog niet is opgeslagen (bijvoorbeeld na een storing): {shown}. Open {'het' if one else 'ze'} "
            "opnieuw om de tekst terug te zetten.")


def unsaved_screens(screens: list) -> list:
    """The screens of a stack that hold unsaved typed text (``has_unsaved_text()``)."""
    found = []
    for screen in screens:
        check = getattr(screen, "has_unsaved_text", None)
        if callable(check):
            try:
                if check():
                    found.append(screen)
            except NoMatches:  # a screen half-built or already torn down has nothing to keep
                continue
    return found
