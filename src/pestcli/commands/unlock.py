"""Asking for the passphrase in the terminal, and opening an encrypted store with it.

``read_passphrase`` uses ``getpass`` on a terminal (nothing is echoed) and
reads a line from standard input otherwise (scripts, tests). The passphrase
is never written to disk, a log or the screen.
"""

from __future__ import annotations

import sys
from pathlib import Path

TRIES = 3


def read_passphrase(prompt: str) -> str:
    """One passphrase from the user, without echo on a terminal."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    print(prompt, end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


def ask_new_passphrase() -> str | None:
    """A new passphrase typed twice; None (with a Dutch message) when they differ or are short."""
    first = read_passphrase("Nieuw wachtwoord (minstens 8 tekens): ")
    if len(first) < 8:
        print("Het wachtwoord is te kort: gebruik minstens 8 tekens.", file=sys.stderr)
        return None
    if read_passphrase("Typ het nieuwe wachtwoord nog een keer: ") != first:
        print("De twee wachtwoorden zijn niet gelijk; er is niets veranderd.", file=sys.stderr)
        return None
    return first


def open_cli_store(cli_value: str | None = None, **options):
    """Open the configured store, asking the passphrase (three tries) when it is encrypted.

    Raises the Dutch StoreError of the last try; WrongPassphraseError after
    three wrong ones.
    """
    from pestcli.locations import resolve_db_path
    from pestcli.store.cipher import WrongPassphraseError, is_encrypted, tries_left_message
    from pestcli.store.engine import open_configured_store

    path = Path(resolve_db_path(cli_value)).expanduser().absolute()
    if not is_encrypted(path):
        return open_configured_store(cli_value, **options)
    for attempt in range(1, TRIES + 1):
        try:
            passphrase = read_passphrase("Wachtwoord van de database: ")
        except EOFError:
            raise WrongPassphraseError("Er is geen wachtwoord ingevoerd; pestcli stopt.") from None
        try:
            return open_configured_store(cli_value, passphrase=passphrase, **options)
        except WrongPassphraseError:
            if attempt < TRIES:
                print(tries_left_message(TRIES - attempt), file=sys.stderr)
    raise WrongPassphraseError("Drie keer een onjuist wachtwoord; pestcli stopt. Er is niets veranderd.")
