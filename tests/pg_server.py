"""A throwaway PostgreSQL server for the tests: started by the test setup, stopped at the end.

No Docker and no manual step: the server binaries come from the operating
system's package (Debian's ``postgresql``, which ``make test`` installs where
it is missing and it may) or from ``PESTCLI_PG_BINDIR``. The cluster lives in a
temporary directory and listens on a free port on 127.0.0.1 only. ``initdb``
refuses to run as root, so when the tests run as root (CI does) the server
runs as the unprivileged user ``nobody``. With ``PESTCLI_TEST_POSTGRES_URL``
set, the tests use that server instead and this module starts nothing.

``python tests/pg_server.py --find`` prints the folder with the binaries
(exit code 1 when there is none); the Makefile uses it.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The server's superuser in the throwaway cluster (trust authentication on loopback only).
SUPERUSER = "pestcli_test"
#: The unprivileged user the server runs as when the tests run as root.
UNPRIVILEGED = "nobody"


def find_bindir() -> Path | None:
    """The folder with ``initdb``, ``pg_ctl`` and ``postgres``; None when PostgreSQL is not installed."""
    candidates: list[str] = []
    if os.environ.get("PESTCLI_PG_BINDIR"):
        candidates.append(os.environ["PESTCLI_PG_BINDIR"])
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).resolve().parent))
    for folder in candidates:
        if all((Path(folder) / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    return None


def _version(folder: str) -> int:
    """15 for ``/usr/lib/postgresql/15/bin`` (0 when the folder names no version)."""
    name = Path(folder).parent.name
    return int(name) if name.isdigit() else 0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class ThrowawayServer:
    """One PostgreSQL cluster in a temporary directory; ``start()``, ``url``, ``stop()``."""

    bindir: Path
    port: int = field(default_factory=free_port)
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="pestcli-pg-")))

    @property
    def data(self) -> Path:
        """The cluster's data directory."""
        return self.root / "data"

    @property
    def url(self) -> str:
        """The URL to connect as the superuser (libpq's form, as pestcli accepts it)."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def _as_server_user(self) -> dict[str, Any]:
        """``subprocess`` arguments that run a command as the unprivileged user when we are root."""
        if os.geteuid() != 0:
            return {}
        entry = pwd.getpwnam(UNPRIVILEGED)
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def _run(self, *args: str) -> None:
        """Run a server tool; its output in the exception when it fails."""
        env = {**os.environ, "LC_ALL": "C.UTF-8", "HOME": str(self.root)}
        done = subprocess.run([str(self.bindir / args[0]), *args[1:]], capture_output=True, text=True,
                              env=env, cwd=self.root, **self._as_server_user())
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stdout}{done.stderr}{tail}")

    def start(self) -> ThrowawayServer:
        """initdb, then start the server and wait until it accepts connections."""
        self.root.chmod(0o700)
        if os.geteuid() == 0:
            entry = pwd.getpwnam(UNPRIVILEGED)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        self.resume()
        return self

    def resume(self) -> None:
        """Start the (initialised) server on its port and wait until it accepts connections."""
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"),
                  "-w", "-t", "120", "start")

    def pause(self) -> None:
        """Stop the server, keeping its data: the network or the server gone for a while."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def running(self) -> bool:
        """Whether something accepts connections on the server's port."""
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(1)
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def stop(self) -> None:
        """Stop the server (fast) and remove its directory."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--find"]:
        folder = find_bindir()
        print(folder or "")
        raise SystemExit(0 if folder else 1)
    raise SystemExit("gebruik: python tests/pg_server.py --find")
