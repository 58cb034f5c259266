"""Which heavy packages a ``pestcli`` command imports (``--help`` and ``agenda`` must not load Textual)."""

from __future__ import annotations

import json

from bench.measure import python, run_process

#: A child that runs ``pestcli.cli.main(argv)`` and reports which heavy packages it loaded.
IMPORT_PROBE = (
    "import contextlib, io, json, sys\n"
    "from pestcli.cli import main\n"
    "args = json.loads(sys.argv[1])\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    try:\n"
    "        main(args)\n"
    "    except SystemExit:\n"
    "        pass\n"
    "heavy = ('textual', 'sqlalchemy', 'sqlmodel', 'alembic', 'fpdf')\n"
    "open(sys.argv[-1], 'w').write(json.dumps({'heavy_imports': [m for m in heavy if m in sys.modules]}))\n"
)


def heavy_imports(args: list[str]) -> list[str] | None:
    """Which of Textual, SQLAlchemy, SQLModel, Alembic, fpdf2 ``pestcli ARGS`` imports."""
    run = run_process([python(), "-c", IMPORT_PROBE, json.dumps(args)], report=True)
    return run.marks.get("heavy_imports") if run.code == 0 else None


def loaded_note(args: list[str]) -> str:
    """``laadt: sqlalchemy, ... (geen textual)`` for the note of a command's row."""
    found = heavy_imports(args)
    if found is None:
        return ""
    text = "laadt " + (", ".join(found) if found else "niets zwaars")
    return text + ("" if "textual" in found else " (geen textual)")
