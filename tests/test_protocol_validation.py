"""One validation of a protocol folder, used by ``pestcli protocol`` and by the app's start.

A school's own protocol that the app would refuse (an unknown calendar region),
that the store cannot save (a number of days too large for SQLite) or that
breaks the reader (an array nested 5,000 deep) is refused by both, in Dutch,
without a traceback; so are an ``audit --limit`` beyond any number of lines
and a protocol path longer than the system allows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pestcli.cli import main
from pestcli.protocol import ProtocolError


def break_file(folder: Path, name: str, old: str, new: str) -> None:
    """Replace the first ``old`` in the protocol file ``name`` by ``new``."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refused_by_both(folder: Path | str, tmp_path: Path, capsys) -> tuple[str, str]:
    """Run ``pestcli protocol MAP`` and start the app with ``--protocol MAP``; both must refuse.

    Returns what each wrote to stderr. Nothing is opened: the database file
    is never created.
    """
    db = tmp_path / "data" / "pestcli.db"
    assert main(["protocol", str(folder)]) == 2
    check = capsys.readouterr()
    assert main(["--db", str(db), "--protocol", str(folder)]) == 2
    start = capsys.readouterr()
    assert not db.exists()
    for said in (check.err, start.err):
        assert "Traceback" not in said and "Error" not in said
    assert "in orde" not in check.out
    return check.err, start.err


def test_an_unknown_region_is_refused_by_the_check_as_by_the_app(protocol_copy, tmp_path, capsys):
    """``region = "west"`` (there is no west.toml): not "in orde" while the app refuses to start."""
    break_file(protocol_copy, "protocol.toml", 'region = "zuid"', 'region = "west"')
    for said in refused_by_both(protocol_copy, tmp_path, capsys):
        assert "west" in said and "midden, noord, zuid" in said and "protocol.toml" in said


def test_days_beyond_any_calendar_are_refused(protocol_copy, tmp_path, capsys):
    """``days = 99999999999999999`` was "in orde" and then an OverflowError on saving."""
    break_file(protocol_copy, "steps.toml", "days = 7 }", "days = 99999999999999999 }")
    for said in refused_by_both(protocol_copy, tmp_path, capsys):
        assert "steps.toml" in said and "regel 66" in said and "hoogstens" in said


@pytest.mark.parametrize("name, line", [
    ("protocol.toml", 'extra = {nest}\n'),
    ("forms.toml", 'extra = {nest}\n'),
])
def test_an_array_nested_5000_deep_is_refused_not_a_recursion_error(protocol_copy, tmp_path, capsys, name, line):
    """A 5,000-deep array gave a RecursionError everywhere; now a Dutch sentence naming the file."""
    path = protocol_copy / name
    path.write_text(line.format(nest="[" * 5000 + "]" * 5000) + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    for said in refused_by_both(protocol_copy, tmp_path, capsys):
        assert name in said and "te diep" in said


def test_a_deep_nesting_of_reading_sections_is_refused(protocol_copy, tmp_path, capsys):
    """Sections inside sections, deeper than any reader needs, are refused (not a RecursionError)."""
    depth = 2000
    text = "".join(f"[{'.'.join(['section'] + ['sections'] * n)}]\nid = \"diep-{n}\"\ntitle = \"Diep {n}\"\n"
                   if n == 0 else
                   f"[[{'.'.join(['section'] + ['sections'] * n)}]]\nid = \"diep-{n}\"\ntitle = \"Diep {n}\"\n"
                   for n in range(depth))
    (protocol_copy / "reading" / "99-diep.toml").write_text(text, encoding="utf-8")
    for said in refused_by_both(protocol_copy, tmp_path, capsys):
        assert "99-diep.toml" in said and "te diep" in said


def test_a_path_longer_than_the_system_allows_is_a_dutch_error(tmp_path, capsys, monkeypatch):
    """A 300-character protocol path (here from PESTCLI_PROTOCOL) gave an OSError traceback."""
    monkeypatch.setenv("PESTCLI_PROTOCOL", str(tmp_path / ("a" * 300)))
    db = tmp_path / "data" / "pestcli.db"
    assert main(["protocol"]) == 2
    check = capsys.readouterr().err
    assert main(["--db", str(db)]) == 2
    start = capsys.readouterr().err
    assert not db.exists()
    for said in (check, start):
        assert "te lang" in said and "Traceback" not in said and "Error" not in said


def test_the_shipped_protocol_passes_the_one_validation(protocol):
    """The check both use gives the protocol and its region's calendar."""
    from pestcli.protocol.loader import load_protocol_and_calendar

    checked, calendar = load_protocol_and_calendar()
    assert checked.document == protocol.document and calendar.region == "zuid"


def test_the_check_and_the_start_say_the_same(protocol_copy):
    """``load_protocol_and_calendar`` raises the ProtocolError both commands print."""
    from pestcli.protocol.loader import load_protocol_and_calendar

    break_file(protocol_copy, "protocol.toml", 'region = "zuid"', 'region = "west"')
    with pytest.raises(ProtocolError, match="west"):
        load_protocol_and_calendar(protocol_copy)


@pytest.mark.parametrize("value", ["9223372036854775808", "99999999999999999999999", "0", "-1", "tien"])
def test_audit_limit_out_of_range_is_a_dutch_error(value, tmp_path, capsys):
    """``audit --limit 9223372036854775808`` gave an OverflowError traceback; now argparse's Dutch error."""
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(tmp_path / "pestcli.db"), "audit", "--limit", value])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "--limit" in err and "Traceback" not in err
    assert not (tmp_path / "pestcli.db").exists()


@pytest.mark.parametrize("args", [
    ["--db", "/tmp/" + "a" * 300 + "/pestcli.db", "agenda"],
    ["agenda", "--db", "/tmp/" + "a" * 300 + ".db"],
    ["--protocol", "/tmp/" + "b" * 300, "protocol"],
])
def test_a_path_option_longer_than_the_system_allows_is_refused_by_the_parser(args, capsys):
    """A 300-character name in ``--db`` or ``--protocol``: a Dutch error and exit 2, before any file is touched."""
    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "te lang" in err and "Traceback" not in err
