"""Reading the pupil export of the school's administration (Magister, SOMtoday, ParnasSys) from CSV.

Pure standard library and no database: bytes in, :class:`PupilRow` values
out, or a :class:`PupilFileError` whose Dutch message names the line.

* The encoding: UTF-8 with or without a byte-order mark, UTF-16 with one
  (Excel's "Unicode-tekst"), otherwise Windows-1252 (what Excel writes for
  "CSV (gescheiden door lijstscheidingsteken)").
* The delimiter: the one of ``;``, ``,`` and tab that the header line holds
  most of (outside quotes); Dutch Excel writes ``;``.
* The columns: each field of :data:`FIELDS` is found by the names the three
  systems use (:data:`COLUMN_ALIASES`), compared without case, spaces or
  punctuation (``Tussenv.`` is ``tussenv``; ``Mentor(en)`` is
  ``mentoren``); ``--kolom veld=Kolomnaam`` names any other column.
* Every pupil needs a number, a first name, a last name and a class; the
  number is the stable key and appears once in a file. The mentor is optional.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass

from pestcli.text import plain_line

#: The fields of a pupil, in the order they are asked for.
FIELDS = ("leerlingnummer", "roepnaam", "tussenvoegsel", "achternaam", "klas", "mentor")
#: The fields every row must fill in.
REQUIRED = ("leerlingnummer", "roepnaam", "achternaam", "klas")

#: What each field is called in a message.
FIELD_WORDS = {
    "leerlingnummer": "het leerlingnummer", "roepnaam": "de roepnaam", "tussenvoegsel": "het tussenvoegsel",
    "achternaam": "de achternaam", "klas": "de klas", "mentor": "de mentor",
}

#: The column names the administrations use for each field (Magister, SOMtoday, ParnasSys and
#: common spellings of their exports); compared by :func:`column_key`.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "leerlingnummer": ("Leerlingnummer", "Stamnr", "Stamnr.", "Stamnummer", "Leerlingnr", "Leerling nr.",
                       "Lln.nr.", "Leerling ID", "LeerlingID", "Leerling-id", "Leerlingcode", "Studentnummer"),
    "roepnaam": ("Roepnaam", "Roepnaam leerling", "Voornaam", "Roepnaam/voornaam"),
    "tussenvoegsel": ("Tussenvoegsel", "Tussenvoegsels", "Tussenv.", "Voorvoegsel", "Voorvoegsels", "Voorv."),
    "achternaam": ("Achternaam", "Achternaam leerling", "Geslachtsnaam"),
    "klas": ("Klas", "Stamgroep", "Stamklas", "Groep", "Basisgroep", "Klas/groep", "Jaargroep/klas"),
    "mentor": ("Mentor", "Mentoren", "Mentor(en)", "Mentor/coach", "Coach", "Klassenmentor", "Groepsleerkracht",
               "Groepsleerkrachten", "Leerkracht", "Leerkrachten", "Leerkracht(en)"),
}

#: The delimiters recognised, and how a message names them.
DELIMITERS = {";": "puntkomma", ",": "komma", "\t": "tab"}


class PupilFileError(ValueError):
    """The file cannot be imported; the message (Dutch) says why and, where it can, on which line."""


@dataclass(frozen=True)
class PupilRow:
    """One pupil of the export: its line in the file and the values, tidied (spaces, control characters)."""

    line: int
    number: str
    first_name: str
    last_name: str
    class_name: str
    mentor: str = ""


@dataclass(frozen=True)
class PupilFile:
    """What was read: the pupils, and how (columns per field, delimiter, encoding) for the summary."""

    rows: tuple[PupilRow, ...]
    columns: Mapping[str, str]
    delimiter: str
    encoding: str


def column_key(name: str) -> str:
    """A column name as it is compared: lower case, letters and digits only (``Tussenv.`` -> ``tussenv``)."""
    return "".join(char for char in name.casefold() if char.isalnum())


#: Alias key -> field.
_ALIAS_FIELDS = {column_key(alias): field for field, aliases in COLUMN_ALIASES.items() for alias in aliases}


def parse_mapping(items: list[str] | None) -> dict[str, str]:
    """``["leerlingnummer=Mijn kolom", ...]`` (``--kolom``) as field -> column; a Dutch error when malformed."""
    mapping: dict[str, str] = {}
    for item in items or []:
        field, found, column = item.partition("=")
        key = column_key(field)
        field = key if key in FIELDS else _ALIAS_FIELDS.get(key, "")
        if not found or not column.strip():
            raise PupilFileError(f"--kolom {item!r}: schrijf het als veld=Kolomnaam, bijvoorbeeld "
                                 '--kolom leerlingnummer="Mijn kolom".')
        if not field:
            raise PupilFileError(f"--kolom {item!r}: onbekend veld. De velden zijn: {', '.join(FIELDS)}.")
        mapping[field] = column.strip()
    return mapping


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the name of its encoding (see the module's docstring)."""
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise PupilFileError("Dit is geen tekstbestand (CSV). Sla de export op als CSV en probeer het opnieuw.")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "UTF-8 met BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise PupilFileError("Het bestand is beschadigd: het is geen geldige UTF-16-tekst.") from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def sniff_delimiter(header: str) -> str:
    """The delimiter the header line holds most of, outside quotes (``;`` when it holds none)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _tidy(value: str) -> str:
    """A cell as it is kept: control characters left out, spaces collapsed."""
    return plain_line(value)


def find_columns(header: list[str], mapping: Mapping[str, str]) -> dict[str, int]:
    """Field -> column index, from ``--kolom`` first and then the aliases; a Dutch error for what is missing."""
    keys = [column_key(name) for name in header]
    found: dict[str, int] = {}
    for field, column in mapping.items():
        if column_key(column) not in keys:
            raise PupilFileError(f"De kolom {column!r} (--kolom {field}) staat niet in het bestand. "
                                 f"De kolommen zijn: {_listed(header)}.")
        found[field] = keys.index(column_key(column))
    for index, key in enumerate(keys):
        alias = _ALIAS_FIELDS.get(key)
        if alias is not None and alias not in found and index not in found.values():
            found[alias] = index
    missing = [field for field in REQUIRED if field not in found]
    if missing:
        words = "; ".join(f"{FIELD_WORDS[f]} (gezocht naar {', '.join(COLUMN_ALIASES[f][:4])}, ...)"
                          for f in missing)
        example = missing[0]
        raise PupilFileError(f"Regel 1: in de kopregel ontbreekt een kolom voor {words}. "
                             f"De kolommen zijn: {_listed(header)}. Geef een andere kolom aan met "
                             f'--kolom {example}="Kolomnaam".')
    return found


def _listed(header: list[str]) -> str:
    """The header's column names for a message."""
    names = [_tidy(name) for name in header if _tidy(name)]
    return ", ".join(names[:20]) + (", ..." if len(names) > 20 else "") if names else "(geen)"


def read_pupils(data: bytes, mapping: Mapping[str, str] | None = None) -> PupilFile:
    """The pupils of an export (the file's bytes); a PupilFileError naming the line when it cannot be used."""
    text, encoding = decode(data)
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise PupilFileError("Het bestand is leeg: er staat geen kopregel en geen leerling in.")
    delimiter = sniff_delimiter(lines[first])
    try:
        records = [(reader_line, row) for reader_line, row in _rows(text, delimiter)]
    except csv.Error as exc:
        raise PupilFileError(f"Het bestand is geen geldige CSV: {exc}.") from None
    header_line, header = next(((line, row) for line, row in records if any(cell.strip() for cell in row)),
                               (0, []))
    if not header:
        raise PupilFileError("Het bestand is leeg: er staat geen kopregel en geen leerling in.")
    columns = find_columns(header, mapping or {})
    rows: list[PupilRow] = []
    seen: dict[str, int] = {}
    for line, row in records:
        if line <= header_line or not any(cell.strip() for cell in row):
            continue
        values = {field: _tidy(row[index]) if index < len(row) else "" for field, index in columns.items()}
        for field in REQUIRED:
            if not values[field]:
                raise PupilFileError(f"Regel {line}: {FIELD_WORDS[field]} is leeg. Vul het aan in de "
                                     "administratie en maak de export opnieuw.")
        number = values["leerlingnummer"]
        if number in seen:
            raise PupilFileError(f"Regel {line}: leerlingnummer {number} staat ook op regel {seen[number]}. "
                                 "Een leerlingnummer mag maar één keer in het bestand staan.")
        seen[number] = line
        last = " ".join(part for part in (values.get("tussenvoegsel", ""), values["achternaam"]) if part)
        rows.append(PupilRow(line, number, values["roepnaam"], last, values["klas"], values.get("mentor", "")))
    if not rows:
        raise PupilFileError("Het bestand bevat alleen een kopregel en geen leerlingen; er is niets ingelezen.")
    return PupilFile(tuple(rows), {field: _tidy(header[index]) for field, index in columns.items()},
                     delimiter, encoding)


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The CSV records with the (first) line each starts on."""
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, quotechar='"', strict=False)
    out: list[tuple[int, list[str]]] = []
    start = 1
    for row in reader:
        out.append((start, row))
        start = reader.line_num + 1
    return out


#: The separators between two mentors' names in one cell ("J. de Vries, P. Bakker").
_MENTOR_SEPARATORS = re.compile(r"\s*(?:[,;/&+]|\ben\b)\s*")


def mentor_names(cell: str) -> list[str]:
    """The names in a mentor cell, in order (one cell may name two mentors)."""
    return [name for name in _MENTOR_SEPARATORS.split(cell) if name.strip()]
