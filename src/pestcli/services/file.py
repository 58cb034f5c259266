"""What the screens ask about the database file itself: the passphrase's tries, a restore offer.

The file's own workings (encryption, backups, the restore) stay in the store;
these are the few things a screen shows about them.
"""

from __future__ import annotations

from pestcli.store.backend.cipher import tries_left_message
from pestcli.store.fresh_start import RestoreOffer

__all__ = ("RestoreOffer", "tries_left_message")
