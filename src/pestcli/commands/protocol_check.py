"""``pestcli protocol [MAP]``: validate a protocol directory and summarise it."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``pestcli protocol``."""
    parser.add_argument("map", nargs="?", metavar="MAP",
                        help="de protocolmap om te controleren (standaard: de ingestelde)")


def run(args: argparse.Namespace) -> int:
    """Validate the protocol as the app's start does; print a Dutch summary or the error. Exit 0 or 2.

    The validation is the app's own (``load_protocol_and_calendar``): the
    protocol with its region's school calendar, so "in orde" means the app
    starts with it.
    """
    from pestcli.protocol import ProtocolError, resolve_protocol_dir
    from pestcli.protocol.loader import load_protocol_and_calendar

    directory = resolve_protocol_dir(args.map or getattr(args, "protocol", None))
    try:
        protocol, calendar = load_protocol_and_calendar(directory)
    except ProtocolError as exc:
        from pestcli.text import plain

        print(plain(f"Het protocol in {directory} is niet bruikbaar.\n{exc}"), file=sys.stderr)
        return 2
    doc = protocol.document
    items = sum(len(g.checklist) for g in protocol.guides)
    forms = sum(len(g.items) for g in protocol.forms)
    print(f"{doc.name} — {doc.organisation}")
    print(f"Versie {doc.version}, kenmerk {doc.kenmerk}")
    from pestcli.text import plain_line

    print(f"Map: {plain_line(str(directory))}")
    print(f"Schoolkalender: regio {calendar.region}")
    print(f"{len(protocol.steps)} stappen, {len(protocol.guides)} gespreksleidraden "
          f"({items} gesprekspunten), {forms} vormen van pesten in {len(protocol.forms)} groepen, "
          f"{len(protocol.reading)} hoofdstukken om te lezen.")
    informing = protocol.informing_parents
    print(f"{informing.question} " + " of ".join(f"“{c.label}”" for c in informing.choices)
          + (f" ({informing.hint})" if informing.hint else ""))
    print("Het protocol is in orde.")
    return 0
