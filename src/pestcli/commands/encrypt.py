"""``pestcli encrypt`` and ``pestcli rekey``: encrypt the database, or change its passphrase.

``encrypt`` asks a new passphrase twice and turns the plain database into a
SQLCipher one (checked row by row before the plain file is replaced); plain
backups are re-encrypted the same way and evidence files are encrypted with
AES-GCM. ``rekey`` asks the current passphrase and a new one and re-encrypts
the database, its backups and its evidence files. Close every pestcli window
first. The passphrase is never stored anywhere.
"""

from __future__ import annotations

import argparse
import sys


def _is_rekey(parser: argparse.ArgumentParser) -> bool:
    """Whether this parser is the one of ``pestcli rekey``."""
    return parser.prog.split()[-1] == "rekey"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments besides ``--db``; remembers which of the two commands this is."""
    parser.set_defaults(encrypt_action="rekey" if _is_rekey(parser) else "encrypt")


def run(args: argparse.Namespace) -> int:
    """Encrypt or rekey; Dutch output, exit code 1 on any failure, never a traceback."""
    from pestcli.locations import configured_server, resolve_db_path
    from pestcli.store.errors import StoreError

    action = getattr(args, "encrypt_action", "encrypt")
    if configured_server(getattr(args, "db", None)) is not None:
        print(f"pestcli {action}: versleutelen met een wachtwoord geldt voor een databasebestand op deze "
              "computer. Op de server van de school beveiligen de server zelf (inloggen, TLS met "
              "sslmode=verify-full) en de schijfversleuteling van de beheerder de gegevens. Er is niets "
              "veranderd.", file=sys.stderr)
        return 1
    db_path = resolve_db_path(getattr(args, "db", None)).expanduser().absolute()
    try:
        from pestcli.store.backend.in_use import exclusive

        # refused while another pestcli has the file open; keeps any from opening it meanwhile
        with exclusive(db_path, "versleutelen" if action == "encrypt" else "het wachtwoord wijzigen"):
            return _run_locked(db_path, action)
    except EOFError:
        print(f"pestcli {action}: er is geen wachtwoord ingevoerd; er is niets veranderd.", file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"pestcli {action}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a backup or evidence file could not be written (disk full ...)
        from pestcli.store.encryption import write_failure_reason

        print(f"pestcli {action}: een bestand kon niet worden geschreven: {write_failure_reason(exc)}. "
              f"Wat al klaar was, is gecontroleerd en blijft zo; maak ruimte vrij en voer "
              f"pestcli {action} nog eens uit om de rest af te maken.", file=sys.stderr)
        return 1


def _run_locked(db_path, action: str) -> int:
    """Encrypt or rekey while holding the file's exclusive lock."""
    from pestcli.commands.unlock import ask_new_passphrase, read_existing_passphrase
    from pestcli.store.errors import StoreError

    if action == "rekey":
        from pestcli.store.backend.cipher import is_encrypted

        if not is_encrypted(db_path):
            raise StoreError(f"De database {db_path} is niet versleuteld. Gebruik eerst: pestcli encrypt")
        old = read_existing_passphrase("Huidig wachtwoord: ")
        _check_old(db_path, old)
        new = ask_new_passphrase()
        if new is None:
            return 1
        return _rekey(db_path, old, new)
    return _encrypt(db_path)


def _check_old(db_path, old: str) -> None:
    """Raise WrongPassphraseError before asking the new passphrase."""
    from pestcli.store.encryption import encrypted_counts

    encrypted_counts(db_path, old)


def _encrypt(db_path) -> int:
    """Ask a new passphrase (or the current one when already encrypted) and encrypt."""
    from pestcli.commands.unlock import ask_new_passphrase, read_existing_passphrase
    from pestcli.store.backend.cipher import is_encrypted
    from pestcli.store.encryption import encrypt_store

    passphrase: str | None
    if is_encrypted(db_path):
        print(f"De database {db_path} is al versleuteld; alleen wat nog onversleuteld is, wordt versleuteld.")
        passphrase = read_existing_passphrase("Wachtwoord van de database: ")
    else:
        print("Kies een wachtwoord. Zonder dit wachtwoord is de database niet meer te openen:")
        print("schrijf het op een veilige plek op; pestcli bewaart het nergens.")
        passphrase = ask_new_passphrase()
        if passphrase is None:
            return 1
    result = encrypt_store(db_path, passphrase)
    rows = sum(result.counts.values())
    print(f"De database is versleuteld en gecontroleerd ({rows} rijen): {db_path}")
    print(f"Reservekopieën versleuteld: {result.backups}. Bewijsbestanden versleuteld: {result.evidence}.")
    print("Het onversleutelde bestand is vervangen. Start pestcli opnieuw; het vraagt dan om het wachtwoord.")
    return 0


def _rekey(db_path, old: str, new: str) -> int:
    """Change the passphrase and report what was re-encrypted."""
    from pestcli.store.encryption import change_passphrase

    result = change_passphrase(db_path, old, new)
    print(f"Het wachtwoord is gewijzigd en gecontroleerd ({sum(result.counts.values())} rijen).")
    print(f"Reservekopieën opnieuw versleuteld: {result.backups}. "
          f"Bewijsbestanden opnieuw versleuteld: {result.evidence}.")
    print("Het oude wachtwoord opent de database niet meer.")
    return 0
