"""Read a TOML file field by field, with errors that name the file, line and field.

tomllib gives plain dicts without positions. ``TomlFile`` keeps the source
text, and when a field is missing, of the wrong type or unknown, it finds the
line by walking the table headers (``[[step]]``, ``[[guide.parts.items]]``)
the way a person reading the file would.
"""

from __future__ import annotations

import builtins
import difflib
import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, overload

from pestcli.protocol.errors import ProtocolError

_TOML_LINE = re.compile(r"at line (\d+)")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")

PathPart = str | int

#: The largest whole number a protocol field may hold (27 years in days): beyond it dates overflow.
MAX_NUMBER = 9999


class TomlFile:
    """A parsed TOML file that can say where each of its fields stands."""

    def __init__(self, path: Path, display: str | None = None) -> None:
        self.path = path
        self.name = display or path.name
        try:
            self.text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ProtocolError("het bestand ontbreekt.", file=self.name) from None
        except UnicodeDecodeError:
            raise ProtocolError("het bestand is geen UTF-8-tekst.", file=self.name) from None
        except OSError as exc:
            raise ProtocolError(f"het bestand is niet te lezen ({exc.strerror}).", file=self.name) from None
        self.lines = self.text.splitlines()
        try:
            self.data = tomllib.loads(self.text)
        except RecursionError:
            raise ProtocolError(
                "de lijsten of tabellen zijn te diep in elkaar genest om te lezen; een protocol "
                "heeft hoogstens een paar niveaus nodig.",
                file=self.name,
            ) from None
        except tomllib.TOMLDecodeError as exc:
            match = _TOML_LINE.search(str(exc))
            line = int(match.group(1)) if match else None
            raise ProtocolError(
                "dit is geen geldige TOML (controleer aanhalingstekens, "
                "haakjes en '=' op deze regel).",
                file=self.name,
                line=line,
            ) from None

    def root(self) -> "Table":
        """The top-level table."""
        return Table(self, self.data, ())

    def line_of(self, path: tuple[PathPart, ...]) -> int | None:
        """The 1-based line where the field at ``path`` stands (or its table)."""
        pos = 0
        prefix: list[str] = []
        best: int | None = None
        i = 0
        while i < len(path):
            part = path[i]
            nxt = path[i + 1] if i + 1 < len(path) else None
            if isinstance(part, str) and isinstance(nxt, int):
                header = ".".join([*prefix, part])
                found = self._nth_header(header, nxt, pos, array=True)
                if found is None:
                    return best
                pos = best = found
                prefix.append(part)
                i += 2
                continue
            if isinstance(part, str):
                header = ".".join([*prefix, part])
                found = self._nth_header(header, 0, pos, array=False)
                if found is not None:
                    pos = best = found
                    prefix.append(part)
                    i += 1
                    continue
                key_line = self._key_line(part, pos)
                return key_line if key_line is not None else best
            i += 1
        return best

    def _nth_header(self, header: str, n: int, start: int, array: bool) -> int | None:
        """Line number of the n-th ``[[header]]`` (or ``[header]``) from ``start``."""
        count = 0
        for idx in range(start, len(self.lines)):
            match = _HEADER.match(self.lines[idx])
            if not match:
                continue
            is_array = match.group(1) == "[["
            if match.group(2).replace(" ", "") == header and is_array == array:
                if count == n:
                    return idx + 1
                count += 1
        return None

    def _key_line(self, key: str, start: int) -> int | None:
        """Line number of ``key = ...`` in the table that starts at ``start``."""
        pattern = re.compile(rf"^\s*(\"{re.escape(key)}\"|{re.escape(key)})\s*=")
        for idx in range(start, len(self.lines)):
            if idx > start and _HEADER.match(self.lines[idx]):
                return None
            if pattern.match(self.lines[idx]):
                return idx + 1
        return None


def _short_number(value: int) -> str:
    """A number as typed, or its first digits and its length when it is very long."""
    text = str(value)
    return text if len(text) <= 20 else f"{text[:12]}… ({len(text)} cijfers)"


def _dotted(path: tuple[PathPart, ...]) -> str:
    """``('step', 2, 'deadline')`` -> ``step[3].deadline`` (1-based for people)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class Table:
    """One TOML table with typed, located accessors."""

    def __init__(self, file: TomlFile, data: dict[str, Any], path: tuple[PathPart, ...]) -> None:
        self.file = file
        self.data = data
        self.path = path

    def error(self, message: str, key: str | None = None) -> ProtocolError:
        """A ProtocolError located at ``key`` of this table."""
        path = (*self.path, key) if key else self.path
        return ProtocolError(
            message, file=self.file.name, line=self.file.line_of(path), field=_dotted(path) or None
        )

    def check_keys(self, allowed: Iterable[str]) -> None:
        """Refuse keys this table does not know (catches typos such as 'titel')."""
        allowed = list(allowed)
        for key in self.data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" Bedoelt u '{close[0]}'?" if close else ""
                raise self.error(f"onbekend veld.{hint}", key)

    def has(self, key: str) -> bool:
        """Whether the key is present."""
        return key in self.data

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.data:
            if required:
                raise self.error("dit veld ontbreekt.", key)
            return None
        return self.data[key]

    def str(self, key: str, default: str | None = None) -> str:
        """A non-empty string field (required unless a default is given)."""
        value = self._get(key, default is None)
        if value is None:
            return default  # type: ignore[return-value]
        if not isinstance(value, str) or not value.strip():
            raise self.error("moet een niet-lege tekst zijn.", key)
        return value.strip()

    def int(self, key: builtins.str, default: builtins.int | None = None, minimum: builtins.int | None = None,
            maximum: builtins.int = MAX_NUMBER) -> builtins.int:
        """A whole-number field, optionally with a lower bound; never above ``maximum``.

        The upper bound keeps every date computed from the field (a deadline,
        a follow-up, the retention) within what the store can save.
        """
        value = self._get(key, default is None)
        if value is None:
            return default  # type: ignore[return-value]
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error("moet een geheel getal zijn.", key)
        if minimum is not None and value < minimum:
            raise self.error(f"moet minstens {minimum} zijn.", key)
        if value > maximum:
            raise self.error(f"mag hoogstens {maximum} zijn (niet {_short_number(value)}).", key)
        return value

    def bool(self, key: builtins.str, default: builtins.bool = False) -> builtins.bool:
        """A true/false field."""
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error("moet true of false zijn.", key)
        return value

    def strings(self, key: builtins.str, required: builtins.bool = False) -> tuple[builtins.str, ...]:
        """A list of non-empty strings (a single string is accepted as a list of one)."""
        value = self._get(key, required)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error("moet een lijst met teksten zijn.", key)
        return tuple(v.strip() for v in value)

    @overload
    def table(self, key: builtins.str, required: Literal[True] = True) -> Table: ...

    @overload
    def table(self, key: builtins.str, required: builtins.bool) -> Table | None: ...

    def table(self, key: builtins.str, required: builtins.bool = True) -> Table | None:
        """A sub-table (None only for a missing table that is not ``required``)."""
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error("moet een tabel zijn.", key)
        return Table(self.file, value, (*self.path, key))

    def tables(self, key: builtins.str, required: builtins.bool = False) -> Iterator[Table]:
        """The tables of an array of tables (``[[key]]``)."""
        value = self._get(key, required)
        if value is None:
            return iter(())
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error("moet een lijst van tabellen zijn ([[...]]).", key)
        if required and not value:
            raise self.error("mag niet leeg zijn.", key)
        return (Table(self.file, v, (*self.path, key, i)) for i, v in enumerate(value))
