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
    way, since every screen needs the open store.
    """
    from pestcli.protocol import ProtocolError, load_protocol, resolve_protocol_dir

    directory = resolve_protocol_dir(getattr(args, "protocol", None))
    try:
        protocol = load_protocol(directory)
    except ProtocolError as exc:
        print(f"pestcli kan niet starten: het protocol in {directory} is niet bruikbaar.\n{exc}",
              file=sys.stderr)
        return 2

    from pestcli.protocol.calendar import SchoolCalendar
    from pestcli.commands.unlock import open_cli_store
    from pestcli.store.errors import StoreError

    try:
        calendar = SchoolCalendar.load(protocol.rules.region)
        # quick_check and the daily backup run after the first screen; nothing is
        # written before the check has passed
        store = open_cli_store(getattr(args, "db", None), check="beside", daily_backup=False)
    except (StoreError, ProtocolError) as exc:
        print(f"pestcli kan niet starten.\n{exc}", file=sys.stderr)
        return 2

    from pestcli.app import PestApp

    try:
        app = PestApp(protocol=protocol, store=store, calendar=calendar, daily_backup=True)
        app.run()
    finally:
        store.close()
    return app.return_code or 0
