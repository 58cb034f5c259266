"""The errors of the case store, each with a complete Dutch sentence for the mentor."""

from __future__ import annotations

BUSY_MESSAGE = (
    "De database is bezet door een ander venster van pestcli; probeer het zo nog eens."
)


class StoreError(Exception):
    """Something the store cannot do; ``str(error)`` is a Dutch message for the mentor."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class StoreBusyError(StoreError):
    """Another pestcli (another terminal) holds the write lock for too long."""

    def __init__(self, message: str = BUSY_MESSAGE) -> None:
        super().__init__(message)


class StoreDamagedError(StoreError):
    """The database file is damaged, not SQLite, or not a pestcli database.

    ``path`` is the file; ``backup`` the newest backup that could replace it.
    """

    def __init__(self, message: str, path: str, backup: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.backup = backup


class NotFoundError(StoreError):
    """A row the caller asked for does not exist (any more)."""


class InvalidValueError(StoreError):
    """A value the store will not accept (an unknown status, an empty text...)."""


class StoreUnreachableError(StoreError):
    """The database server cannot be reached (or does not let pestcli in); ``server`` names it."""

    def __init__(self, message: str, server: str = "") -> None:
        super().__init__(message)
        self.server = server


class ConflictError(StoreError):
    """A colleague changed the record since this screen read it: the change is refused, nothing is overwritten.

    The message says what the colleague's change was, where it can be told;
    the screen keeps what the mentor typed and shows the new state.
    """


#: The message of a conflict that can say no more than that the record changed.
CONFLICT_MESSAGE = ("Een collega heeft dit intussen gewijzigd; uw wijziging is NIET opgeslagen, zodat niets van "
                    "de ander verloren gaat. Bekijk de nieuwe stand; wat u typte, staat er nog.")
