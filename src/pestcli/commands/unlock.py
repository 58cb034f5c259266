"""Asking for the passphrase in the terminal, and opening an encrypted store with it.

``read_passphrase`` uses ``getpass`` on a terminal (nothing is echoed) and
reads a line from standard input otherwise (scripts, tests). The passphrase
is never written to disk, a log or the screen. A new passphrase must follow
the rule of ``store.backend.passphrase_rule`` (at least 10 characters, not
only spaces, not one character repeated); a weak or mistyped one is asked
again. An empty entry when unlocking is no try: it is asked again.
"""

from __future__ import annotations

import sys
from pathlib import Path

TRIES = 3
#: How many empty entries in a row are asked again before pestcli stops.
EMPTY_ENTRIES = 5


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


def read_existing_passphrase(prompt: str) -> str:
    """The passphrase of an existing file; an empty entry (Enter alone) is asked again, not tried.

    EOFError at the end of standard input or after ``EMPTY_ENTRIES`` empty
    entries in a row.
    """
    passphrase = read_passphrase(prompt)
    for _ in range(EMPTY_ENTRIES):
        if passphrase:
            return passphrase
        print("U heeft niets ingevoerd. Typ het wachtwoord van de database.", file=sys.stderr)
        passphrase = read_passphrase(prompt)
    if not passphrase:
        raise EOFError
    return passphrase


def ask_new_passphrase(tries: int = TRIES) -> str | None:
    """A new passphrase typed twice, asked again (up to ``tries`` times) when weak or different.

    The rule is ``passphrase_problem``'s. Returns None (after Dutch messages)
    when no good passphrase was typed twice within ``tries``; EOFError at the
    end of standard input.
    """
    from pestcli.store.backend.passphrase_rule import MIN_PASSPHRASE_LENGTH, RULE_TEXT, passphrase_problem

    print(RULE_TEXT, file=sys.stderr)
    for attempt in range(1, tries + 1):
        first = read_passphrase(f"Nieuw wachtwoord (minstens {MIN_PASSPHRASE_LENGTH} tekens): ")
        problem = passphrase_problem(first)
        if problem is None:
            if read_passphrase("Typ het nieuwe wachtwoord nog een keer: ") == first:
                return first
            problem = "De twee wachtwoorden zijn niet gelijk."
        if attempt < tries:
            print(f"{problem} Probeer het nog eens.", file=sys.stderr)
        else:
            print(f"{problem} Er is niets veranderd.", file=sys.stderr)
    return None


def open_cli_store(cli_value: str | None = None, **options):
    """Open the configured store, asking the passphrase (three tries) when it is encrypted.

    Raises the Dutch StoreError of the last try; WrongPassphraseError after
    three wrong ones.
    """
    from pestcli.locations import configured_server, resolve_db_path
    from pestcli.store.backend.cipher import WrongPassphraseError, is_encrypted, tries_left_message
    from pestcli.store.opening import open_configured_store

    if configured_server(cli_value) is not None:
        return open_configured_store(cli_value, **options)
    path = Path(resolve_db_path(cli_value)).expanduser().absolute()
    if not is_encrypted(path):
        return open_configured_store(cli_value, **options)
    for attempt in range(1, TRIES + 1):
        try:
            passphrase = read_existing_passphrase("Wachtwoord van de database: ")
        except EOFError:
            raise WrongPassphraseError("Er is geen wachtwoord ingevoerd; pestcli stopt.") from None
        try:
            return open_configured_store(cli_value, passphrase=passphrase, **options)
        except WrongPassphraseError:
            if attempt < TRIES:
                print(tries_left_message(TRIES - attempt), file=sys.stderr)
    raise WrongPassphraseError("Drie keer een onjuist wachtwoord; pestcli stopt. Er is niets veranderd.")
