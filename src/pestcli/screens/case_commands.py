"""The case screen's keys: its actions in the command palette, and its footer.

A screen lists its palette actions in ``PALETTE_ACTIONS`` as ``(name, help,
action)``; :class:`ScreenActionsProvider` offers those its ``check_action``
allows (so "Onderbroken gesprek hervatten" only appears when there is one).
The footer itself is ``pestcli.widgets.keys_footer.KeysFooter`` (re-exported
here).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from pestcli.widgets.keys_footer import FooterEntry, KeysFooter

__all__ = ["FooterEntry", "KeysFooter", "ScreenActionsProvider"]


class ScreenActionsProvider(Provider):
    """Offers the calling screen's ``PALETTE_ACTIONS`` as palette commands."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(name, help, callback) for each action the screen allows now."""
        screen = self.screen
        found = []
        for name, help_text, action in getattr(screen, "PALETTE_ACTIONS", ()):
            if screen.check_action(action, ()) is True:
                found.append((name, help_text, getattr(screen, f"action_{action}")))
        return found

    async def discover(self) -> Hits:
        """All actions, when nothing is typed yet."""
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """The actions whose name matches what is typed."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)

