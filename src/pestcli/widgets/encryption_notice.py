"""A one-time notice on the home screen when the database is not encrypted.

Mount it with ``yield EncryptionNotice()``: it shows itself only when the
store is a plain file and the notice was never shown for this data directory,
and remembers (in ``pestcli.settings.json``) that it has been shown.
"""

from __future__ import annotations

from textual.widgets import Static

NOTICE = "Versleuteling staat uit. Zet hem aan met: pestcli encrypt"
SHOWN_KEY = "encryption_notice_shown"


def notice_due(store) -> bool:
    """Whether the notice should show for this store (plain file, never shown before)."""
    from pestcli.settings import load_settings

    if getattr(store, "secret", None) is not None or getattr(store, "path", None) is None:
        return False
    return not load_settings(store.path.parent).get(SHOWN_KEY, False)


class EncryptionNotice(Static):
    """"Versleuteling staat uit…", shown once per data directory."""

    def __init__(self) -> None:
        super().__init__(NOTICE, id="encryption-notice")

    def on_mount(self) -> None:
        """Show once and remember that; hide when encrypted or already shown."""
        store = getattr(self.app, "store", None)
        if store is None or not notice_due(store):
            self.display = False
            return
        from pestcli.settings import save_setting

        try:
            save_setting(store.path.parent, SHOWN_KEY, True)
        except OSError:
            pass  # shown again next time; nothing lost
