"""Is another pestcli using this database file? A lock file beside the database.

Every open store holds a *shared* ``flock`` on ``<db>.lock`` (``hold_shared``)
for as long as it is open; ``encrypt``, ``rekey`` and ``restore`` take an
*exclusive* one (``exclusive``) and refuse, in Dutch, when they cannot get it
at once: another pestcli (the app in another window, a running command) has
the file open. The operating system releases a ``flock`` when its process
ends, also after ``kill -9``, so a crashed pestcli never blocks anybody; the
lock file itself may stay behind and is harmless (it is the lock that counts,
not the file).

Each holder writes who it is (user, machine, process id) into the lock file,
so the refusal can say which pestcli has the file open. A folder where the
lock file cannot be created (read-only) gets no lock: nothing can be written
there anyway.
"""

from __future__ import annotations

import fcntl
import getpass
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pestcli.store.errors import StoreError
from pestcli.store.backend.files import PRIVATE_FILE

LOCK_SUFFIX = ".lock"


class StoreInUseError(StoreError):
    """Another pestcli has the database open; ``holder`` says who, when known."""

    def __init__(self, message: str, holder: str = "") -> None:
        super().__init__(message)
        self.holder = holder


def lock_path(db_path: Path) -> Path:
    """The lock file of a database: ``<db>.lock`` in the same folder."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def _whoami() -> str:
    """``gebruiker anna op laptop-7, proces 1234``: who holds the lock, in Dutch."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name known (a container without passwd)
        user = str(os.getuid())
    return f"gebruiker {user} op {socket.gethostname()}, proces {os.getpid()}"


def _open(path: Path, create: bool = True) -> int | None:
    """A descriptor of the lock file (created 0600 when missing); None when it cannot be made."""
    try:
        if create:
            return os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        return os.open(path, os.O_RDWR)
    except OSError:
        try:
            return os.open(path, os.O_RDONLY)  # a read-only folder: lock what is there
        except OSError:
            return None


def _write_holder(fd: int) -> None:
    """Write who we are into the lock file (best effort: a read-only file keeps its text)."""
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, (_whoami() + "\n").encode(), 0)
    except OSError:
        pass


def holder_of(db_path: Path) -> str:
    """Who last said they hold the lock of ``db_path`` ("" when nobody wrote it)."""
    try:
        return lock_path(db_path).read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


class SharedLock:
    """The shared lock an open store holds; ``release()`` lets it go (idempotent)."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    @property
    def held(self) -> bool:
        """Whether a lock is really held (not in a folder where no lock file could be made)."""
        return self._fd is not None

    def release(self) -> None:
        """Release the lock and close the lock file."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)


def hold_shared(db_path: Path, create: bool = True) -> SharedLock:
    """Take the shared lock of an open store; a Dutch StoreInUseError while encrypt/rekey/restore run.

    ``create=False`` (a read-only database) uses an existing lock file only.
    """
    fd = _open(lock_path(db_path), create)
    if fd is None:
        return SharedLock(None)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        holder = holder_of(db_path)
        raise StoreInUseError(
            f"De database {db_path} wordt op dit moment versleuteld of teruggezet"
            f"{f' ({holder})' if holder else ''}. Wacht tot dat klaar is en probeer het dan opnieuw.",
            holder,
        ) from None
    except OSError:
        os.close(fd)
        return SharedLock(None)
    _write_holder(fd)
    return SharedLock(fd)


def in_use_message(db_path: Path, action: str, holder: str) -> str:
    """The Dutch refusal of ``action`` (``versleutelen``...) while ``holder`` has the file open."""
    who = f" ({holder})" if holder else ""
    return (
        f"De database {db_path} is geopend in een ander venster van pestcli{who}. "
        f"Sluit eerst elk venster van pestcli en probeer het dan opnieuw; er is niets veranderd "
        f"(niet {action} terwijl pestcli openstaat, anders gaat wat daar wordt opgeslagen verloren)."
    )


def check_not_in_use(db_path: Path, action: str = "bewerken") -> None:
    """Raise StoreInUseError when another pestcli has ``db_path`` open; otherwise return at once."""
    with exclusive(db_path, action):
        pass


@contextmanager
def exclusive(db_path: Path, action: str = "bewerken") -> Iterator[None]:
    """Hold the exclusive lock of ``db_path`` for the block; refuse (Dutch) when pestcli has it open.

    While it is held, a pestcli that starts is refused too (``hold_shared``).
    """
    db_path = Path(db_path)
    fd = _open(lock_path(db_path))
    if fd is None:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = holder_of(db_path)
            raise StoreInUseError(in_use_message(db_path, action, holder), holder) from None
        _write_holder(fd)
        try:
            yield
        finally:
            try:
                os.ftruncate(fd, 0)
            except OSError:
                pass
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
