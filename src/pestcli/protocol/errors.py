"""The one error type of the protocol package, with a Dutch message."""

from __future__ import annotations


class ProtocolError(Exception):
    """A protocol or calendar file that cannot be used, located by file, line and field.

    ``str(error)`` is a complete Dutch sentence for the mentor, e.g.
    "Fout in bestand steps.toml, regel 12, veld 'days': moet een
    geheel getal zijn."
    """

    def __init__(
        self,
        message: str,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(f"Fout in bestand {self.file}")
        if self.line:
            where.append(f"regel {self.line}")
        if self.field:
            where.append(f"veld '{self.field}'")
        if not where:
            return self.message
        return ", ".join(where) + ": " + self.message


class CalendarError(ProtocolError):
    """A school-calendar file (data/calendar/REGION.toml) that cannot be used.

    Raised for an unknown region, a file that is not valid TOML, or a holiday
    with a missing or wrong field; ``file``/``line``/``field`` say where.
    """
