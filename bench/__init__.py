"""The pestcli benchmark: a school-scale database and whole-process measurements.

``make bench`` (``python -m bench``) generates the database once (cached in
``bench/results/data/``), measures start-up, the agenda, the case screen, the
PDF summary and peak memory against a bare Textual app, on the SQLite file
and on the same school copied to a PostgreSQL server on loopback
(``bench/postgres.py``), prints the figures and the two backends side by side,
and writes the same as JSON. See ``bench/README.md``.
"""

from pathlib import Path

#: Where results and the generated databases live (ignored by git).
RESULTS_DIR = Path(__file__).resolve().parent / "results"
#: The generated databases (and their backups) are kept here between runs.
DATA_DIR = RESULTS_DIR / "data"
#: The terminal size every headless app runs at (the UI tests' size).
SIZE = (120, 40)
