"""At run time: loading the protocol and asking for help load no UI or database library.

Which package may import which is written as import-linter contracts in
pyproject.toml (checked by ``make check``); these tests check what those
cannot see: what a real interpreter loads when the code runs.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("textual", "sqlalchemy", "sqlmodel")


def _loaded_after(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter and list which heavy modules it loaded."""
    probe = (
        f"{code}\nimport sys\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_loading_the_protocol_imports_no_ui_or_database():
    assert _loaded_after("from pestcli.protocol import load_protocol; load_protocol()") == []


def test_help_and_version_do_not_import_textual():
    code = (
        "import contextlib, io\n"
        "from pestcli.cli import main\n"
        "for argv in (['--help'], ['--version']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "        main(argv)\n"
    )
    assert _loaded_after(code) == []
