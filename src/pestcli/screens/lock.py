"""The idle lock: the passphrase prompt over every screen of an encrypted store.

``lock_app(app)`` pushes a PassphraseScreen that only the store's own
passphrase opens (compared in constant time with the one held in memory);
the screen below comes back exactly as it was.
"""

from __future__ import annotations

from textual.app import App

from pestcli.screens.passphrase import PassphraseScreen


class LockScreen(PassphraseScreen):
    """The passphrase prompt shown when the app locks itself after idle time."""


def is_locked(app: App) -> bool:
    """Whether the lock screen is showing (anywhere on the stack)."""
    return any(isinstance(screen, LockScreen) for screen in app.screen_stack)


def lock_app(app: App) -> bool:
    """Lock an app whose store is encrypted; False when there is nothing to lock with."""
    secret = getattr(getattr(app, "store", None), "secret", None)
    if secret is None or is_locked(app):
        return False
    app.push_screen(LockScreen(secret.matches))
    return True
