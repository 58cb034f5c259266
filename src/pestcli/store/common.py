"""Small helpers shared by the service modules: clock, OS user, lookups, checks."""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from pestcli.store.errors import InvalidValueError, NotFoundError

if TYPE_CHECKING:  # annotations only: the clock, the OS user and the checks import no ORM
    from sqlmodel import Session

T = TypeVar("T")


def now() -> datetime:
    """The local time, to the second (what a mentor would write down)."""
    return datetime.now().replace(microsecond=0)


def local_time(moment: datetime | None) -> datetime:
    """A naive local time: aware times are converted, None means now."""
    if moment is None:
        return now()
    if moment.tzinfo is not None:
        return moment.astimezone().replace(tzinfo=None)
    return moment


def os_user() -> str:
    """The name of the OS user running pestcli, for the audit trail."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment
        return "onbekend"


def user_name() -> str:
    """The name of the person using pestcli, for what a document says they did ("Gevoerd door").

    The full name the system knows for the OS user (the first part of the
    passwd GECOS field, e.g. "Marieke Jansen"), else the login name.
    """
    login = os_user()
    try:
        import pwd

        full = pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError, OSError):  # Windows, or a login the system does not list
        full = ""
    return "".join(ch for ch in (full or login) if ch.isprintable()).strip() or "onbekend"


def require(session: Session, model: type[T], row_id: int, what: str) -> T:
    """The row with this id, or a Dutch NotFoundError naming ``what``."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(f"{what} {row_id} bestaat niet (meer).")
    return row


def check_seen(row: Any, seen_version: int | None, message: str = "") -> None:
    """Refuse a change to ``row`` when a colleague changed it since the screen read ``seen_version``.

    Optimistic concurrency: the screen passes the version it showed; a
    different version now means someone else's change would be overwritten.
    Raises ConflictError with ``message`` (what the colleague did), else the
    general one. ``seen_version=None`` (a command, a test) checks nothing.
    """
    from pestcli.store.errors import CONFLICT_MESSAGE, ConflictError

    if seen_version is not None and row.version != seen_version:
        raise ConflictError(message or CONFLICT_MESSAGE)


def check_choice(value: object, choices: Iterable[object], what: str) -> None:
    """Raise a Dutch InvalidValueError unless ``value`` is one of ``choices``."""
    allowed = list(choices)
    if value not in allowed:
        options = ", ".join(str(c) for c in allowed)
        raise InvalidValueError(f"Onbekende waarde voor {what}: {value!r} (kies uit {options}).")


def check_text(value: str | None, what: str) -> str:
    """The stripped text, or a Dutch InvalidValueError if it is empty."""
    text = (value or "").strip()
    if not text:
        raise InvalidValueError(f"{what} mag niet leeg zijn.")
    return text


def check_id(value: str | None, what: str) -> str:
    """A protocol id (e.g. ``b4.stappen.07``): non-empty, no spaces."""
    text = check_text(value, what)
    if any(ch.isspace() for ch in text):
        raise InvalidValueError(f"{what} {text!r} is geen geldige code.")
    return text
