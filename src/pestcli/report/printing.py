"""Sending a PDF to the system printer through ``lp`` (CUPS), with Dutch messages.

``lp`` is looked up on the PATH each time; without it nothing is sent and
the caller keeps the PDF file and tells the mentor where it is. ``lp``'s own
(English) output is never shown.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: How long ``lp`` may take to accept a job, in seconds.
LP_TIMEOUT = 30
#: The reason given when there is no print system at all.
NO_PRINTER = "Geen printer gevonden (lp ontbreekt)"


@dataclass(frozen=True)
class PrintResult:
    """Whether the job was accepted, and a Dutch sentence saying so (or why not)."""

    printed: bool
    message: str


def find_lp() -> str | None:
    """The path of ``lp``, or None when this computer has no print system."""
    return shutil.which("lp")


def send_to_printer(path: Path, title: str = "pestcli", lp: str | None = None) -> PrintResult:
    """Hand ``path`` to the default printer; never raises for a printer problem."""
    lp = lp or find_lp()
    if lp is None:
        return PrintResult(False, NO_PRINTER)
    try:
        done = subprocess.run([lp, "-t", title, "--", str(path)], capture_output=True,
                              text=True, timeout=LP_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return PrintResult(False, "Afdrukken is mislukt: lp reageerde niet")
    if done.returncode != 0:
        return PrintResult(False, "Afdrukken is mislukt: lp nam de opdracht niet aan (is er een "
                                  "standaardprinter ingesteld?)")
    return PrintResult(True, "De samenvatting is naar de printer gestuurd.")
