"""``pestcli`` without a command: start the Textual app."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    """Load the protocol, then run the app. Errors are Dutch messages, exit 2."""
    from pestcli.protocol import ProtocolError, load_protocol, resolve_protocol_dir

    directory = resolve_protocol_dir(getattr(args, "protocol", None))
    try:
        protocol = load_protocol(directory)
    except ProtocolError as exc:
        print(f"pestcli kan niet starten: het protocol in {directory} is niet bruikbaar.\n{exc}",
              file=sys.stderr)
        return 2
    from pestcli.app import PestApp

    PestApp(protocol=protocol).run()
    return 0
