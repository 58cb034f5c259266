"""CLI fuzz in ``make test`` (issue 14): odd arguments to every command never give a traceback.

Every subcommand is called many times with a random choice of its own
options and arguments (read from its argparse parser), filled with odd
values: empty, only spaces, huge numbers, impossible dates, very long
strings, markup, escape sequences, paths that are folders or missing. The
database is a copy of the demo, an empty file, a folder, a text file or a
missing path. A fixed seed keeps every run the same.

Each call runs ``pestcli.cli.main`` in this process (fast), with standard
input answering any question, the home, data and documents folders in
``tmp_path`` and the current folder there too. It may refuse (exit code
1 or 2 with a Dutch message) but never raise, print a traceback or write an
escape character to the terminal. The count of calls is in the test summary.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import sys

import pytest

from pestcli import cli

#: How many calls; the seed makes them the same on every run.
CALLS = 300
SEED = 20261202
#: Commands that ask something on the terminal or change the file for good are still fuzzed,
#: with standard input giving these answers (passphrases twice, a "nee").
ANSWERS = "nee\n" + "een-lang-genoeg-wachtwoord\n" * 6

ODD = ["", " ", "        ", "-", "--", "0", "-1", "1", "7", "9" * 25, "9223372036854775808", "1e309", "NaN",
       "2026-02-30", "2026-11-23", "31-12-2026", "morgen", "gisteren", "2026-0001", "2026-9999", "0001",
       "x" * 300, "[/]", "[bold]vet[/bold]", "[link=https://x]Klik[/link]", "\x1b[2J\x1b]0;PWNED\x07",
       "ë€🙂", "\u202etekst", "'; DROP TABLE cases; --", "../../etc/passwd", "/dev/null", "/", ".", "~",
       "week", "maand", "json", "pdf", "tekst", "markdown", "ics", "alles"]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    """Each subcommand's own parser (all modules imported)."""
    parser = cli.build_parser(None)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    return dict(sub.choices)


def _value(rng: random.Random, paths: list[str]) -> str:
    """An odd value, or a path of the test."""
    return rng.choice(paths) if rng.random() < 0.25 else rng.choice(ODD)


def _argv(rng: random.Random, name: str, parser: argparse.ArgumentParser, dbs: list[str],
          paths: list[str]) -> list[str]:
    """A random call of ``name``: some of its options, each with an odd value, and its positionals."""
    argv = [name, "--db", rng.choice(dbs)]
    actions = [a for a in parser._actions if a.dest not in ("help", "db", "protocol")]  # noqa: SLF001
    for action in actions:
        if action.option_strings:
            if rng.random() < 0.35:
                option = rng.choice(action.option_strings)
                if action.nargs == 0:
                    argv.append(option)
                else:
                    argv += [option, _value(rng, paths)]
        elif rng.random() < 0.9:
            count = 1 if action.nargs in (None, "?") else rng.randint(0, 2)
            argv += [_value(rng, paths) for _ in range(count)]
    if rng.random() < 0.1:
        argv += ["--protocol", _value(rng, paths)]
    if rng.random() < 0.05:
        argv.append(rng.choice(["--onbekend", "-x", "extra"]))
    return argv


@pytest.fixture
def fuzz_place(tmp_path, monkeypatch, demo_template) -> dict[str, list[str]]:
    """The databases and paths of the fuzz, with home, data and documents in ``tmp_path``."""
    home = tmp_path / "thuis"
    home.mkdir()
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home))
    monkeypatch.delenv("PESTCLI_DB", raising=False)
    monkeypatch.delenv("PESTCLI_PROTOCOL", raising=False)
    monkeypatch.setattr("pestcli.report.output.documents_dir", lambda: home / "Documenten")
    monkeypatch.chdir(tmp_path)
    demo = tmp_path / "demo"
    shutil.copytree(demo_template, demo)
    (tmp_path / "leeg.db").write_bytes(b"")
    (tmp_path / "tekst.db").write_text("dit is geen database\n", encoding="utf-8")
    (tmp_path / "map.db").mkdir()
    dbs = [str(demo / "pestcli.db")] * 4 + [str(tmp_path / n) for n in ("leeg.db", "tekst.db", "map.db",
                                                                        "nieuw.db", "geen/map/x.db")]
    paths = [str(tmp_path / "uit.pdf"), str(tmp_path / "uit.ics"), str(tmp_path / "map.db"),
             str(tmp_path / "geen" / "map" / "uit.txt"), str(demo / "pestcli.db")]
    return {"dbs": dbs, "paths": paths}


def test_odd_arguments_to_every_command_never_give_a_traceback(fuzz_place, capsys, monkeypatch, counts_report):
    rng = random.Random(SEED)
    commands = _subcommands()
    names = sorted(commands)
    problems: list[str] = []
    codes: dict[int, int] = {}
    for _ in range(CALLS):
        name = rng.choice(names)
        argv = _argv(rng, name, commands[name], fuzz_place["dbs"], fuzz_place["paths"])
        monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWERS))
        try:
            code = cli.main(argv)
        except SystemExit as exit_:  # argparse refuses, or --help
            code = exit_.code if isinstance(exit_.code, int) else 2
        except Exception as exc:  # noqa: BLE001 - exactly what the fuzz looks for
            problems.append(f"{argv!r}: {type(exc).__name__}: {exc}")
            code = -1
        out, err = capsys.readouterr()
        codes[code] = codes.get(code, 0) + 1
        shown = out + err
        if "Traceback" in shown:
            problems.append(f"{argv!r}: traceback in the output")
        if "\x1b" in shown or "\x00" in shown:
            problems.append(f"{argv!r}: a control character reached the terminal")
    summary = ", ".join(f"code {code}: {n}" for code, n in sorted(codes.items()))
    counts_report("fuzz", f"{CALLS} CLI-aanroepen met vreemde argumenten ({summary}): {len(problems)} fouten")
    assert not problems, "\n".join(problems[:30])
