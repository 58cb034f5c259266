"""The footer: a screen's keys drawn by one widget, looking like Textual's ``Footer``.

Used by every screen and dialog: Textual's footer mounts a widget per key and
rebuilds them at every "bindings changed" signal (a large part of opening the
case screen), and cuts keys mid-word at 80 columns; this one shows whole keys
and says "^p Alle toetsen" when some do not fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


#: A disabled key is dimmed (as in Textual's footer).
DIM = Style(dim=True)


@dataclass(frozen=True)
class FooterEntry:
    """One key as the footer shows it."""

    key: str
    key_display: str
    description: str
    enabled: bool = True
    tooltip: str = ""


class KeysFooter(Widget):
    """The footer's keys drawn by one widget, looking like Textual's ``Footer``.

    Textual's footer mounts a widget per key and builds them all again at
    every "bindings changed" signal (focus moves, a screen is pushed or
    resumed): on the case screen that was the largest part of opening it.
    This footer keeps the keys as data and draws them in one line; it redraws
    only when the keys change. A key can be clicked (the key is pressed), is
    highlighted under the mouse and dimmed when disabled; the palette key
    sits at the right.

    At 80 columns the keys often do not fit. Then the footer shows the keys
    that fit whole (never a key cut mid-word), in a fixed order (the
    screen's own keys first, then Escape, then the app's), and the palette
    key says it shows all keys ("^p Alle toetsen"): the command palette
    lists every key of the screen.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--hover",
        "keys-footer--separator",
    }
    #: The separator before the palette key (Textual's ``vkey`` border).
    SEPARATOR = "▏"
    #: The palette key's text when some keys do not fit.
    ALL_KEYS = "Alle toetsen"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.keys: tuple[FooterEntry, ...] = ()
        self.palette: FooterEntry | None = None
        self.hovered: FooterEntry | None = None
        self.hidden: tuple[FooterEntry, ...] = ()  # the keys left out at this width
        self._spans: list[tuple[int, int, FooterEntry]] = []  # the cells of the keys shown
        self._palette_x: int | None = None  # where the palette key starts on screen

    # --- the keys -------------------------------------------------------------------
    def on_mount(self) -> None:
        """Show the screen's keys and follow their changes."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.update_keys()

    def on_unmount(self) -> None:
        """Stop following the screen's keys."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        """Focus moved, or a screen asked to refresh its keys."""
        if screen.app.app_focus and screen is self.screen:
            self.call_after_refresh(self.update_keys)  # as Textual's footer: once the change is laid out

    def shown_keys(self) -> tuple[tuple[FooterEntry, ...], FooterEntry | None]:
        """The keys the footer shows now (one per action) and the palette key.

        In a fixed order: the screen's own keys as it lists them, then Escape, then
        the app's keys (Stoppen, Scherm verbergen), so the keys of the task at hand
        come first when not all of them fit.
        """
        app = self.app
        active = self.screen.active_bindings
        keys: list[tuple[int, FooterEntry]] = []
        actions: set[str] = set()
        for node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                rank = 2 if node is app else 1 if binding.key == "escape" else 0
                keys.append((rank, FooterEntry(binding.key, app.get_key_display(binding), binding.description,
                                               enabled, tooltip)))
        keys.sort(key=lambda ranked: ranked[0])  # stable: the screen's keys, Escape, then the app's
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = FooterEntry(binding.key, app.get_key_display(binding), binding.description, enabled,
                                  binding.tooltip or binding.description)
        return tuple(entry for _rank, entry in keys), palette

    def update_keys(self) -> None:
        """Read the keys again; redraw only when they changed.

        Called after a refresh, it may come when the footer's screen (a dialog) has just
        been dismissed: a footer no longer on a screen has nothing to show.
        """
        if not self.is_attached:
            return
        keys, palette = self.shown_keys()
        if (keys, palette) != (self.keys, self.palette):
            self.keys, self.palette = keys, palette
            self.hovered = None
            self.refresh()

    # --- drawing ----------------------------------------------------------------------
    def _key_parts(self, entry: FooterEntry, compact: bool = False) -> list[tuple[str, Style]]:
        """One key: `` key `` and ``description `` in their styles (hovered, dimmed when disabled).

        ``compact`` (the palette key, as in Textual's footer): ``key description``.
        """
        hovered = self.hovered is not None and (entry.key, entry.key_display) == (self.hovered.key,
                                                                                 self.hovered.key_display)
        base = self.get_component_rich_style("keys-footer--hover") if hovered else self.rich_style
        key_style = self._layer(base, "keys-footer--key")
        text_style = self._layer(base, "keys-footer--description")
        if not entry.enabled:
            key_style, text_style = key_style + DIM, text_style + DIM
        parts = [(entry.key_display if compact else f" {entry.key_display} ", key_style)]
        if entry.description:
            parts.append((f" {entry.description}" if compact else f"{entry.description} ", text_style))
        return parts

    def _layer(self, base: Style, component: str) -> Style:
        """A component's colour and text style over ``base`` (its background only when it has one)."""
        style = self.get_component_rich_style(component)
        background = self.get_component_styles(component).background
        return base + (style if background.a > 0 else style.without_color + Style(color=style.color))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line."""
        return 1

    def _palette_parts(self, palette: FooterEntry, base: Style) -> list[Segment]:
        """The palette key at the right: separator, key, description, a space."""
        return [Segment(self.SEPARATOR, self._layer(base, "keys-footer--separator")),
                *(Segment(text, style) for text, style in self._key_parts(palette, compact=True)),
                Segment(" ", base)]

    def _fitting(self, width: int, base: Style) -> tuple[tuple[FooterEntry, ...], list[Segment]]:
        """The keys that fit whole beside the palette key, and the palette key's segments.

        When every key fits, the palette key keeps its own text; otherwise the keys
        after the first that does not fit are left out and the palette key says
        "Alle toetsen".
        """
        widths = [sum(cell_len(text) for text, _style in self._key_parts(entry)) for entry in self.keys]
        palette = self.palette
        right = self._palette_parts(palette, base) if palette is not None else []
        if sum(widths) + Segment.get_line_length(right) <= width:
            return self.keys, right
        if palette is not None:
            palette = FooterEntry(palette.key, palette.key_display, self.ALL_KEYS, palette.enabled,
                                  palette.tooltip)
            right = self._palette_parts(palette, base)
        room = width - Segment.get_line_length(right)
        shown: list[FooterEntry] = []
        for entry, key_width in zip(self.keys, widths):
            if key_width > room:
                break
            shown.append(entry)
            room -= key_width
        return tuple(shown), right

    def render_line(self, y: int) -> Strip:
        """The keys that fit from the left, the palette key at the right."""
        width = self.content_size.width
        base = self.rich_style
        if y != 0:
            return Strip.blank(width, base)
        shown, right = self._fitting(width, base)
        self.hidden = tuple(entry for entry in self.keys if entry not in shown)
        left_width = max(0, width - Segment.get_line_length(right))
        left: list[Segment] = []
        spans: list[tuple[int, int, FooterEntry]] = []
        x = 0
        for entry in shown:
            start = x
            for text, style in self._key_parts(entry):
                left.append(Segment(text, style))
                x += cell_len(text)
            spans.append((start, x, entry))
        left_strip = Strip(left, x).crop(0, left_width).extend_cell_length(left_width, base)
        self._spans = spans
        self._palette_x = left_width if self.palette is not None else None
        return Strip([*left_strip, *right]).crop(0, width)

    # --- mouse ----------------------------------------------------------------------
    def _entry_at(self, event: events.MouseEvent) -> FooterEntry | None:
        """The key under the mouse, if any."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        if self._palette_x is not None and offset.x >= self._palette_x:
            return self.palette
        x = offset.x
        return next((entry for start, end, entry in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the mouse and show its tooltip."""
        entry = self._entry_at(event)
        if entry is not self.hovered:
            self.hovered = entry
            self.tooltip = entry.tooltip if entry is not None and entry.tooltip else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        """The mouse left the footer."""
        if self.hovered is not None:
            self.hovered = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key presses that key (a disabled key rings the bell)."""
        entry = self._entry_at(event)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

