"""The command line: help, version, Dutch errors, the protocol check."""

from __future__ import annotations

import subprocess
import sys

from pestcli import __version__
from pestcli.cli import main


def run_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """Run ``python -m pestcli ARGS`` as a whole process."""
    return subprocess.run([sys.executable, "-m", "pestcli", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pestcli {__version__}"


def test_help_is_dutch():
    result = run_cli("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: pestcli")
    assert "opties" in result.stdout and "options" not in result.stdout
    assert "protocol" in result.stdout


def test_unknown_option_is_a_dutch_error_without_traceback():
    result = run_cli("--onzin")
    assert result.returncode == 2
    assert "onbekende argumenten" in result.stderr
    assert "Traceback" not in result.stderr


def test_protocol_check_of_the_shipped_protocol(capsys):
    assert main(["protocol"]) == 0
    out = capsys.readouterr().out
    assert "Versie 2.3" in out and "VEILIGHEID-709824748-39" in out
    assert "Het protocol is in orde." in out
    assert ("Wanneer worden de ouders op de hoogte gebracht? “Na stap 1” of “Na stap 3” (Afhankelijk van de "
            "ernst doet de school dit na stap 1 of na stap 3.)") in out


def test_protocol_check_of_a_school_copy_with_the_old_severities(protocol_copy):
    top = protocol_copy / "protocol.toml"
    top.write_text(top.read_text(encoding="utf-8") + '\n[[severity]]\nid = "ernstig"\nlabel = "Ernstig"\n',
                   encoding="utf-8")
    result = run_cli("protocol", str(protocol_copy))
    assert result.returncode == 2
    assert "protocol.toml" in result.stderr and "[informing_parents]" in result.stderr
    assert "Traceback" not in result.stderr


def test_protocol_check_names_file_and_line_of_a_broken_file(protocol_copy):
    steps = protocol_copy / "steps.toml"
    steps.write_text(steps.read_text(encoding="utf-8").replace("days = 7 }", "days = zeven }", 1),
                     encoding="utf-8")
    result = run_cli("protocol", str(protocol_copy))
    assert result.returncode == 2
    assert "steps.toml" in result.stderr and "regel" in result.stderr
    assert "Traceback" not in result.stderr


def test_app_refuses_a_broken_protocol_with_a_message(protocol_copy):
    (protocol_copy / "forms.toml").unlink()
    result = run_cli("--protocol", str(protocol_copy))
    assert result.returncode == 2
    assert "forms.toml" in result.stderr and "ontbreekt" in result.stderr
    assert "Traceback" not in result.stderr


def test_only_the_named_command_module_is_imported_to_parse():
    code = (
        "import sys\n"
        "from pestcli.cli import build_parser\n"
        "build_parser(['--db', 'x.db']).parse_args(['--db', 'x.db'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('pestcli.commands.'))\n"
        "build_parser(['agenda', '--days', '3']).parse_args(['agenda', '--days', '3'])\n"
        "after = sorted(m for m in sys.modules if m.startswith('pestcli.commands.'))\n"
        "print(loaded, after)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] ['pestcli.commands.agenda']"
