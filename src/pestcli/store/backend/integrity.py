"""SQLite's ``quick_check`` of the whole file, run beside the work instead of before it.

On a coordinator's whole-school database ``quick_check`` reads every page
(about 0.3 s for 300 MB), and run beside the first screen it slowed that
screen by about as much on a 2-core laptop. So the app opens the store with
the check prepared, paints the first screen, and then starts it (in a
thread, on a connection of its own; SQLite checks outside the GIL). Nothing
is written before the check has passed: ``Store.write`` waits for it
(starting it if nobody has yet), and a damaged file raises the same Dutch
StoreDamagedError (naming the file and the newest backup) that a check at
open gives. Closing the store while the check runs interrupts it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from pestcli.store.errors import StoreDamagedError


class IntegrityCheck:
    """A ``quick_check`` of one database file, in a daemon thread started by ``start()``.

    ``wait()`` starts it if needed, blocks until it is done and raises
    StoreDamagedError when the file is damaged; ``on_damaged(callback)``
    calls ``callback(error)`` (in the checking thread) when it finds damage.
    """

    def __init__(self, path: Path, passphrase: str | None = None) -> None:
        self.path = path
        self._passphrase = passphrase
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._con = None
        self._interrupted = False
        self.error: StoreDamagedError | None = None
        self._callbacks: list[Callable[[StoreDamagedError], None]] = []
        self._thread = threading.Thread(target=self._run, name="pestcli-quick-check", daemon=True)
        self._started = False

    def start(self) -> IntegrityCheck:
        """Start checking (once; later calls do nothing); returns itself."""
        with self._lock:
            if self._started or self._done.is_set():
                return self
            self._started = True
        self._thread.start()
        return self

    @property
    def done(self) -> bool:
        """Whether the check has finished (or was interrupted)."""
        return self._done.is_set()

    def wait(self) -> None:
        """Start the check if needed, block until it is done; StoreDamagedError for a damaged file."""
        self.wait_quietly()
        if self.error is not None:
            raise self.error

    def wait_quietly(self) -> None:
        """Start the check if needed and block until it is done; its verdict is in ``error``."""
        self.start()
        self._done.wait()

    def on_damaged(self, callback: Callable[[StoreDamagedError], None]) -> None:
        """Call ``callback(error)`` when damage is found (at once if it already was)."""
        with self._lock:
            if not self._done.is_set():
                self._callbacks.append(callback)
                return
        if self.error is not None:
            callback(self.error)

    def interrupt(self) -> None:
        """Stop a running check, or one never started (the store is closing); no error."""
        with self._lock:
            self._interrupted = True
            con = self._con
            if not self._started:
                self._done.set()
                return
        if con is not None:
            try:
                con.interrupt()
            except Exception:  # noqa: BLE001 - the connection may be closing already
                pass
        self._thread.join(timeout=5)

    def _run(self) -> None:
        from pestcli.store.backend.check import damaged
        from pestcli.store.backend.identity import integrity_problems

        problems: list[str] | None = None
        try:
            problems = integrity_problems(self.path, self._passphrase, self._opened)
        except Exception:  # noqa: BLE001 - unreadable counts as damaged, unless we interrupted it
            problems = None if self._interrupted else ["onleesbaar"]
        finally:
            self._opened(None)
        error = damaged(self.path, "is beschadigd (de controle van SQLite vond fouten)") if problems else None
        with self._lock:
            self.error = error
            self._done.set()
            callbacks, self._callbacks = self._callbacks, []
        if error is not None:
            for callback in callbacks:
                callback(error)

    def _opened(self, con) -> None:
        """Remember the checking connection, so ``interrupt`` can reach it."""
        with self._lock:
            self._con = con
            interrupted = self._interrupted
        if con is not None and interrupted:
            con.interrupt()
