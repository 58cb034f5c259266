"""``pestcli`` without a command: start the Textual app."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    """Load the protocol and open the database, then run the app.

    A broken protocol folder, a damaged or foreign database, or one that
    another pestcli holds, ends here with a Dutch message and exit code 2 —
    before any screen is drawn and without touching the file. An encrypted
    database asks its passphrase here, in the terminal, before Textual
    starts (three tries; ``pestcli.commands.unlock``): the simplest robust
    way, since every screen needs the open store. A database without cases
    next to a backup that holds cases is never started afresh silently: the
    mentor is asked first (``screens/restore_offer.py``).
    """
    from pestcli.protocol import ProtocolError, resolve_protocol_dir
    from pestcli.protocol.loader import load_protocol_and_calendar

    directory = resolve_protocol_dir(getattr(args, "protocol", None))
    try:  # the same validation as ``pestcli protocol``: the protocol and its school calendar
        protocol, calendar = load_protocol_and_calendar(directory)
    except ProtocolError as exc:
        from pestcli.text import plain

        print(plain(f"pestcli kan niet starten: het protocol in {directory} is niet bruikbaar.\n{exc}"),
              file=sys.stderr)
        return 2

    from pestcli.store.errors import StoreError

    try:
        # quick_check and the daily backup run after the first screen; nothing is
        # written before the check has passed
        store = _open_or_restore(getattr(args, "db", None))
    except (StoreError, ProtocolError) as exc:
        print(f"pestcli kan niet starten.\n{exc}", file=sys.stderr)
        return 2
    except _Stopped as stop:
        return stop.code

    from pestcli.app import PestApp

    try:
        app = PestApp(protocol=protocol, store=store, calendar=calendar, daily_backup=True)
        app.run()
    finally:
        store.close()
    return app.return_code or 0


class _Stopped(Exception):
    """pestcli stops before the app: the mentor chose "Stop" (0), or could not be asked (2)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _open_or_restore(cli_value: str | None):
    """Open the store, first offering the newest backup with cases when the database has none.

    Raises _Stopped when pestcli should stop: the mentor chose "Stop", or
    there is no terminal to ask in (then the backup and the command that
    restores it are printed, and the exit code is 2).
    """
    from pestcli.commands.unlock import open_cli_store
    from pestcli.locations import configured_server, resolve_db_path
    from pestcli.store.backend.cipher import is_encrypted
    from pestcli.store.opening import db_path_of, open_configured_store

    if configured_server(cli_value) is not None:  # the school's server: its backups are the school's
        return open_configured_store(cli_value)
    path = db_path_of(resolve_db_path(cli_value))
    if path is not None and not is_encrypted(path):
        offer = _plain_offer(path)
        if offer is not None:
            if _ask(offer):
                _restore(offer)
                if offer.passphrase is not None:
                    return open_configured_store(cli_value, passphrase=offer.passphrase,
                                                 check="beside", daily_backup=False)
    store = open_cli_store(cli_value, check="beside", daily_backup=False)
    secret = getattr(store, "secret", None)
    if path is None or secret is None:
        return store
    from pestcli.store.fresh_start import find_restore_offer

    try:
        offer = find_restore_offer(path, secret.passphrase)  # an encrypted database without cases
    except BaseException:
        store.close()
        raise
    if offer is None:
        return store
    store.close()
    if _ask(offer):
        _restore(offer)
    return open_configured_store(cli_value, passphrase=secret.passphrase, check="beside",
                                 daily_backup=False)


def _plain_offer(path):
    """The offer for a missing, empty or case-less plain database (asks the passphrase of encrypted backups)."""
    from pestcli.store.fresh_start import database_holds_no_cases, find_restore_offer, has_encrypted_backups

    offer = find_restore_offer(path)
    if offer is not None or not database_holds_no_cases(path) or not has_encrypted_backups(path):
        return offer
    from pestcli.commands.unlock import TRIES, read_passphrase

    print(f"De database {path} ontbreekt of bevat geen meldingen, maar er zijn versleutelde "
          "reservekopieën.", file=sys.stderr)
    for _ in range(TRIES):
        try:
            passphrase = read_passphrase("Wachtwoord van de reservekopieën (Enter: begin opnieuw): ")
        except EOFError:
            break
        if not passphrase:
            return None  # the mentor chose to start afresh; the backups stay
        offer = find_restore_offer(path, passphrase)
        if offer is not None:
            return offer
        print("Dit wachtwoord opent geen reservekopie met meldingen.", file=sys.stderr)
    print("pestcli is gestopt; er is niets veranderd. De reservekopieën staan in "
          f"{path.parent / 'backups'}.", file=sys.stderr)
    raise _Stopped(2)


def _ask(offer) -> bool:
    """The mentor's answer: True = restore, False = start afresh; _Stopped for stop."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(
            f"pestcli start niet: de database {offer.db_path} ontbreekt of bevat geen meldingen, "
            f"maar de reservekopie van {offer.backup.label} bevat {offer.cases_text}:\n"
            f"  {offer.backup.path}\n"
            f'Zet die terug met: pestcli restore "{offer.backup.path}" --db "{offer.db_path}"\n'
            "of start pestcli in een terminal om te kiezen. Er is niets veranderd.",
            file=sys.stderr,
        )
        raise _Stopped(2)
    from pestcli.screens.restore_offer import ask_restore

    answer = ask_restore(offer)
    if answer == "stop":
        print("pestcli is gestopt; er is niets veranderd.", file=sys.stderr)
        raise _Stopped(0)
    return answer == "terugzetten"


def _restore(offer) -> None:
    """Restore the offered backup and say so in the terminal."""
    from pestcli.store.fresh_start import restore_offered

    kept = restore_offered(offer)
    print(f"Teruggezet: de reservekopie van {offer.backup.label} met {offer.cases_text}.", file=sys.stderr)
    if kept is not None:
        print(f"De vorige toestand is bewaard in {kept}.", file=sys.stderr)
