"""The command line: ``pestcli [--db PATH] [COMMAND ...]``.

Start-up stays cheap: this module imports only the standard library. Each
subcommand lives in ``pestcli.commands.<name>`` and is imported only when it
runs, so ``pestcli --help`` and ``pestcli --version`` never load Textual or
SQLAlchemy.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pestcli import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from typing import NoReturn

#: Subcommand name -> (module under pestcli.commands, one-line Dutch help).
#: Each module has ``add_arguments(parser)`` and ``run(args) -> int``.
COMMANDS: dict[str, tuple[str, str]] = {}


def register(name: str, module: str, help_text: str) -> None:
    """Make ``pestcli NAME`` run ``pestcli.commands.MODULE``."""
    COMMANDS[name] = (module, help_text)


register("protocol", "protocol_check", "controleer en toon een protocolmap")
register("demo", "demo", "vul een database met verzonnen voorbeeldmeldingen")
register("backup", "backup", "maak nu een gecontroleerde reservekopie van de database")
register("restore", "backup", "toon de reservekopieën of zet er een terug")
register("summary", "summary", "de samenvatting van een melding: tekst, Markdown, PDF, afdrukken of dossiertekst")
register("agenda", "agenda", "toon wat er te doen is, of schrijf het naar een agendabestand")
register("encrypt", "encrypt", "versleutel de database, de reservekopieën en de bewijsbestanden")
register("rekey", "encrypt", "wijzig het wachtwoord van de versleutelde database")
register("export", "export", "inzage: alles wat pestcli over één leerling bewaart (JSON, PDF of tekst)")
register("audit", "audit", "toon het logboek: wie wanneer wat heeft vastgelegd, gewijzigd, geëxporteerd of gewist")
register("wis", "erase", "wis één leerling definitief, op verzoek (AVG): ook na terugzetten blijft het gewist")
register("migrate", "migrate", "breng het schema van de database bij voor deze versie van pestcli (beheerder)")
register("server", "server", "de server van de school inrichten: schema, rollen, het team (beheerder)")
register("overdracht", "handover", "draag de meldingen van een klas over aan de nieuwe mentor (server van de school)")
register("toegang", "access", "geef een collega toegang tot een melding, of trek die in (server van de school)")
register("overzicht", "overview", "de cijfers van de school over een schooljaar of periode, zonder namen (CSV, PDF)")
register("import-leerlingen", "import_pupils",
         "lees de leerlingen, klassen en mentoren in uit de export van Magister, SOMtoday of ParnasSys (CSV)")
register("copy-to", "copy_to", "kopieer de meldingen uit het eigen bestand naar de database van de school (server)")


class DutchHelpFormatter(argparse.HelpFormatter):
    """Help text with a Dutch 'gebruik:' line."""

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: D102 - argparse API
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Dutch and never a traceback."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        super().__init__(*args, **kwargs)
        self._optionals.title = "opties"
        self._positionals.title = "argumenten"

    def error(self, message: str) -> NoReturn:  # noqa: D102 - argparse API
        self.print_usage(sys.stderr)
        self.exit(2, f"pestcli: fout: {_dutch(message)}\n")


def _dutch(message: str) -> str:
    """Translate the few argparse messages a user may see."""
    replacements = {
        "the following arguments are required": "deze argumenten ontbreken",
        "unrecognized arguments": "onbekende argumenten",
        "invalid choice": "ongeldige keuze",
        "expected one argument": "verwacht één waarde",
        "expected at most one argument": "verwacht hooguit één waarde",
        "expected at least one argument": "verwacht minstens één waarde",
        "(choose from": "(kies uit",
        "not allowed with argument": "gaat niet samen met argument",
        "ambiguous option": "dubbelzinnige optie",
        "could match": "kan passen bij",
        "ignored explicit argument": "overbodige waarde",
        "invalid int value": "ongeldig geheel getal",
        "invalid float value": "ongeldig getal",
        "invalid ": "ongeldige ",
        " value: ": " waarde: ",
        "argument ": "argument ",
    }
    for english, dutch in replacements.items():
        message = message.replace(english, dutch)
    return message


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; a subcommand's own arguments only for a command named in ``argv``.

    Every subcommand is listed (for ``--help``), but its module is imported
    (for ``add_arguments``) only when its name is among ``argv`` — all of them
    when ``argv`` is None.
    """
    named = None if argv is None else {word for word in argv if word in COMMANDS}
    parser = DutchArgumentParser(
        prog="pestcli",
        description=(
            "pestcli: het anti-pestprotocol van de school als begeleide "
            "werkwijze voor de mentor. Zonder commando start de app."
        ),
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    parser.add_argument(
        "--version", action="version", version=f"pestcli {__version__}",
        help="toon het versienummer en stop",
    )
    add_common_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMANDO", title="commando's")
    for name, (module, help_text) in COMMANDS.items():
        child = sub.add_parser(name, help=help_text, description=help_text, add_help=False)
        child.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
        add_common_options(child, suppress=True)
        if named is None or name in named:
            _command_module(module).add_arguments(child)
    return parser


def add_common_options(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """``--db`` and ``--protocol``, accepted before or after the subcommand."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db", metavar="PAD", default=default,
        help="het databasebestand, of de server van de school als postgresql://gebruiker@server/database "
             "(standaard: een bestand in de gegevensmap; ook PESTCLI_DB)",
    )
    parser.add_argument(
        "--protocol", metavar="MAP", default=default,
        help="een eigen protocolmap van de school (ook PESTCLI_PROTOCOL)",
    )


#: The longest name of one folder or file most file systems allow (bytes), and of a whole path.
NAME_MAX, PATH_MAX = 255, 4096


def _check_path_lengths(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse a ``--db`` or ``--protocol`` path the system cannot open, with a Dutch error (exit 2).

    Without this a 300-character name reached the file system and ended in
    an OSError traceback. A server URL (``postgresql://...``) is not a path.
    """
    for option, value in (("--db", getattr(args, "db", None)), ("--protocol", getattr(args, "protocol", None)),
                          ("MAP", getattr(args, "map", None))):
        if not value or "://" in value:
            continue
        if len(value.encode("utf-8", "surrogateescape")) > PATH_MAX or any(
                len(part.encode("utf-8", "surrogateescape")) > NAME_MAX for part in value.split("/")):
            parser.error(f"{option}: het pad is te lang voor het systeem (een map- of bestandsnaam mag "
                         f"hoogstens {NAME_MAX} tekens hebben, het hele pad {PATH_MAX}).")


def _command_module(module: str):
    """Import a subcommand module (they keep their own imports light)."""
    return importlib.import_module(f"pestcli.commands.{module}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pestcli`` script; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    _check_path_lengths(parser, args)
    try:
        if args.command is None:
            from pestcli.commands import app as app_command

            return app_command.run(args)
        module, _ = COMMANDS[args.command]
        return int(_command_module(module).run(args) or 0)
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
