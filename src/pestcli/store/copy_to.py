"""Copying a mentor's own file into the school's database (``pestcli copy-to URL``, issue 16).

``copy_store(source, target)`` copies the cases of the source store (the
mentor's file, opened normally, possibly encrypted) with everything that
belongs to them into the target store (the school's server) under
``target.school_id``:

* Every table of ``store.models.metadata`` that holds case data is copied,
  in foreign-key order (``metadata.sorted_tables``; the audit trail last,
  because its ``case_id`` is no foreign key). ``schools``, ``store_meta``
  and ``alembic_version`` belong to a database, not to a case; ``drafts``
  are a mentor's unsaved typing on one computer: none of them is copied.
  :data:`SKIPPED_TABLES` and :data:`COPIED_TABLES` together name every table;
  a new table must be put in one of them (a test checks it).
* Every id is new on the target: each foreign key is translated through the
  ids the copy gave (``school_id`` becomes ``target.school_id``). A nullable
  reference to a row that is not copied becomes NULL.
* People: those linked to the copied cases (roles, conversation places,
  agreements, parent contacts, the reporter) and the parents and carers
  linked to those pupils. An existing person of the target school is used
  instead of a new one ONLY when ``kind`` and ``pupil_number`` are equal and
  not empty; otherwise the person is added anew (two pupils with the same
  name are never merged).
* Class conversations and class agreements (they belong to a class, not to
  a case) go along when a copied case started them or a copied follow-up
  checked them; the others stay in the file (see :attr:`CopyReport.left_behind`).
* Evidence: the file's original bytes (``read_evidence_bytes``, decrypted
  when the file is encrypted) go into ``evidence_contents``, checked against
  ``evidence.sha256``; ``file_path`` is NULL on the target (a server has no
  folder beside it).
* The audit events of the copied cases are copied (their ``case_id``, and
  their ``row_id`` where it names a copied row, translated; a ``row_id`` of a
  row that is no longer there becomes NULL), and one new event per case says
  it was copied in. The case's ``updated_at`` is kept as it was in the file.
* Case numbers stay as they are. A number (or year and sequence number)
  that a DIFFERENT case of the school already has is a conflict: the whole
  copy is refused before anything is written, naming every such number
  (:class:`CopyConflictError`). A case that is already there (same school,
  number, ``created_at``, ``reported_on`` and description) was copied
  before: it is skipped and reported as "al gekopieerd", so a second run
  copies nothing new.
* All writes are one transaction on the target (``Store.transaction``):
  any failure rolls everything back. Every copied table is verified: the
  number of rows, and a SHA-256 over their content with the translated ids
  (own ids and ``version`` left out), must equal the source's. This is done
  inside the transaction (a difference undoes the copy) and once more after
  the commit, in a new read; a difference is a Dutch :class:`CopyVerificationError`.
* The source is only read: nothing is written to the file, not even an
  audit event (the copy's event is on the server, where the cases now are).

The erasure ledger (``store.erasure_ledger``): what was erased locally is
no longer in the file, so it cannot be copied. Two cases are checked before
anything is written: (1) the ledger names an erasure of this file that the
file does not hold (a copy of an old backup put back by hand): the erased
case or pupil may still be in it, so the copy is refused until
``reapply_erasures`` has run (opening the file after ``pestcli restore`` does
that); (2) a case erased locally that an earlier copy already brought to the
server (same number and ``created_at``): it is not erased there
automatically (erasing is a decision with grounds, made on the server with
``pestcli wis``), but the report warns, naming the number. The ledger itself
is not copied: a server has no ledger file, and its backups are the school's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, insert, select

from pestcli.store.common import now, os_user
from pestcli.store.errors import StoreError
from pestcli.store.models import metadata

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from pestcli.store.backend.engine import Store

#: Tables not copied: the database's own (schema version, identity, schools), local drafts, and the
#: team's (staff, departments, access, hand-overs: they exist on the school's server only), and the
#: class mentors (the school's own import-leerlingen writes them on the server).
SKIPPED_TABLES = frozenset({"alembic_version", "store_meta", "schools", "drafts", "class_mentors",
                            "staff", "staff_departments", "case_access", "case_handovers"})

#: The tables copied, in the order they are written: foreign keys first, the audit trail last.
COPIED_TABLES: tuple[str, ...] = tuple(
    [t.name for t in metadata.sorted_tables if t.name not in SKIPPED_TABLES and t.name != "audit_events"]
    + ["audit_events"])

#: Dutch names of the tables, for the report (plural).
TABLE_WORDS = {
    "cases": "meldingen", "case_forms": "vormen van pesten", "people": "personen",
    "parent_links": "ouderkoppelingen", "case_roles": "rollen", "step_progress": "stappen",
    "conversations": "gesprekken", "conversation_participants": "gespreksdeelnemers",
    "conversation_items": "gesprekspunten", "agreements": "afspraken", "followups": "vervolggesprekken",
    "agreement_checks": "afspraakcontroles", "evidence": "bewijsstukken",
    "evidence_contents": "bewijsbestanden", "escalations": "escalaties", "parent_contacts": "oudercontacten",
    "parent_contact_people": "ouders bij oudercontacten", "class_conversations": "klassengesprekken",
    "class_conversation_items": "punten van klassengesprekken", "class_agreements": "klassenafspraken",
    "class_agreement_checks": "controles van klassenafspraken", "audit_events": "logboekregels",
}

#: The columns never compared in the verification: a row's own id and its change counter.
_NOT_COMPARED = frozenset({"version"})

#: Per table, the columns a server with the team's row-level security fills in from the login
#: (``server_security``'s stamp trigger: who holds, made or logged it): not compared either.
_STAMPED = {
    "cases": frozenset({"holder_id"}),
    "people": frozenset({"created_by"}),
    "class_conversations": frozenset({"created_by"}),
    "class_agreements": frozenset({"created_by"}),
    "audit_events": frozenset({"os_user", "school_id"}),
}


def _unstamped(name: str, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The rows without the columns the server stamps (:data:`_STAMPED`)."""
    skip = _STAMPED.get(name, frozenset())
    return [{k: v for k, v in row.items() if k not in skip} for row in rows]


class CopyConflictError(StoreError):
    """The target school already has other cases under these numbers; nothing was written."""

    def __init__(self, message: str, numbers: tuple[str, ...]) -> None:
        super().__init__(message)
        self.numbers = numbers


class CopyVerificationError(StoreError):
    """The target's rows differ from the source's (count or checksum): before the commit (undone) or after."""


@dataclass
class CopyReport:
    """What a copy did (or, with ``dry_run``, would do): rows per table, cases skipped, warnings."""

    target: str
    dry_run: bool = False
    #: Case numbers copied (or to be copied), and those already on the target.
    numbers: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    #: Rows written per table, and people of the target used instead of new ones.
    copied: dict[str, int] = field(default_factory=dict)
    reused: dict[str, int] = field(default_factory=dict)
    #: Rows of the file that are not case data and were not copied (table -> count).
    left_behind: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Tables whose count and checksum were verified after the commit.
    verified: list[str] = field(default_factory=list)

    @property
    def nothing_new(self) -> bool:
        """Whether there was no case to copy (all already there, or none in the file)."""
        return not self.numbers

    def lines(self) -> list[str]:
        """The report in Dutch, one line each."""
        out: list[str] = []
        verb = "zou worden gekopieerd" if self.dry_run else "gekopieerd"
        if self.numbers:
            head = "Proef (er is niets geschreven): " if self.dry_run else ""
            out.append(f"{head}{len(self.numbers)} melding(en) {verb} naar {self.target}: "
                       + ", ".join(self.numbers) + ".")
            for table in COPIED_TABLES:
                count = self.copied.get(table, 0)
                if count and table != "cases":
                    out.append(f"  {TABLE_WORDS.get(table, table)}: {count}")
            if self.reused.get("people"):
                out.append(f"  bestaande personen op de server gebruikt (zelfde soort en leerlingnummer): "
                           f"{self.reused['people']}")
        else:
            what = "Proef: er is " if self.dry_run else "Er is "
            out.append(f"{what}niets nieuws om te kopiëren naar {self.target}.")
        if self.already:
            out.append(f"{len(self.already)} melding(en) al gekopieerd (overgeslagen): {', '.join(self.already)}.")
        for table, count in self.left_behind.items():
            out.append(f"Niet gekopieerd (geen meldinggegevens): {count} {TABLE_WORDS.get(table, table)} "
                       "zonder melding.")
        if self.verified:
            out.append(f"Gecontroleerd na het opslaan: aantallen en controlesommen van {len(self.verified)} "
                       "tabellen zijn gelijk.")
        out.extend(f"Let op: {warning}" for warning in self.warnings)
        out.append("Het eigen bestand is niet veranderd.")
        return out


# --- Reading the source -----------------------------------------------------------------------

def _table(name: str) -> Table:
    """The table of ``store.models`` called ``name``."""
    return metadata.tables[name]


def _all_rows(con: Connection, name: str) -> list[dict[str, Any]]:
    """Every row of a table as a dict, in primary-key order."""
    table = _table(name)
    query = select(table).order_by(*table.primary_key.columns)
    return [dict(row) for row in con.execute(query).mappings()]


def _ids(rows: Iterable[Mapping[str, Any]], column: str = "id") -> set[int]:
    """The values of one column of these rows (without None)."""
    return {row[column] for row in rows if row[column] is not None}


def _scope(every: dict[str, list[dict[str, Any]]], cases: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The rows that belong to these cases, per table (see the module docstring)."""
    def where(name: str, column: str, values: set[int]) -> list[dict[str, Any]]:
        return [row for row in every[name] if row[column] in values]

    rows: dict[str, list[dict[str, Any]]] = {"cases": cases}
    case_ids = _ids(cases)
    for name in ("case_forms", "case_roles", "step_progress", "conversations", "agreements", "followups",
                 "evidence", "escalations", "parent_contacts", "audit_events"):
        rows[name] = where(name, "case_id", case_ids)
    conversations = _ids(rows["conversations"])
    rows["conversation_participants"] = where("conversation_participants", "conversation_id", conversations)
    rows["conversation_items"] = where("conversation_items", "conversation_id", conversations)
    rows["agreement_checks"] = where("agreement_checks", "agreement_id", _ids(rows["agreements"]))
    rows["parent_contact_people"] = where("parent_contact_people", "contact_id", _ids(rows["parent_contacts"]))
    rows["evidence_contents"] = where("evidence_contents", "evidence_id", _ids(rows["evidence"]))
    followups = _ids(rows["followups"])
    class_checks = where("class_agreement_checks", "followup_id", followups)
    started = _ids(where("class_conversations", "case_id", case_ids))
    agreements = _ids(class_checks, "class_agreement_id") | _ids(
        where("class_agreements", "class_conversation_id", started))
    class_conversations = started | _ids(where("class_agreements", "id", agreements), "class_conversation_id")
    agreements |= _ids(where("class_agreements", "class_conversation_id", class_conversations))
    rows["class_conversations"] = where("class_conversations", "id", class_conversations)
    rows["class_conversation_items"] = where("class_conversation_items", "class_conversation_id",
                                             class_conversations)
    rows["class_agreements"] = where("class_agreements", "id", agreements)
    rows["class_agreement_checks"] = [row for row in every["class_agreement_checks"]
                                      if row["followup_id"] in followups
                                      or (row["followup_id"] is None and row["class_agreement_id"] in agreements)]
    people = (_ids(cases, "reporter_person_id") | _ids(rows["case_roles"], "person_id")
              | _ids(rows["conversation_participants"], "person_id") | _ids(rows["agreements"], "person_id")
              | _ids(rows["parent_contacts"], "pupil_id") | _ids(rows["parent_contact_people"], "person_id"))
    people |= _ids(where("parent_links", "pupil_id", people), "parent_id")  # their parents and carers
    rows["people"] = where("people", "id", people)
    rows["parent_links"] = [row for row in every["parent_links"]
                            if row["pupil_id"] in people and row["parent_id"] in people]
    return rows


def _load_source(source: Store) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """(every row of the copied tables, the rows of the source school's cases) in one snapshot."""
    with source.read() as session:
        con = session.connection()
        every = {name: _all_rows(con, name) for name in COPIED_TABLES}
    cases = [row for row in every["cases"] if row["school_id"] == source.school_id]
    return every, cases


def _evidence_bytes(source: Store, evidence: list[dict[str, Any]], stored: list[dict[str, Any]],
                    numbers: dict[int, str]) -> list[dict[str, Any]]:
    """The ``evidence_contents`` rows to write: stored bytes, else the file's, checked against sha256."""
    from pestcli.store.evidence import read_evidence_bytes
    from pestcli.store.models import Evidence

    in_store = {row["evidence_id"]: row["content"] for row in stored}
    contents = []
    for row in evidence:
        number = numbers.get(row["case_id"], "?")
        content = in_store.get(row["id"])
        if content is None and row["file_path"]:
            try:
                content = read_evidence_bytes(source, Evidence(**row))
            except StoreError as exc:
                raise StoreError(f"Het bestand bij bewijs {row['id']} van melding {number} kan niet worden "
                                 f"gelezen: {exc} Er is niets gekopieerd.") from None
        if content is None:
            continue
        if row["sha256"] and hashlib.sha256(content).hexdigest() != row["sha256"]:
            raise StoreError(f"Het bestand bij bewijs {row['id']} van melding {number} komt niet overeen met "
                             "de vastgelegde controlesom (SHA-256); het is veranderd of beschadigd. "
                             "Er is niets gekopieerd.")
        contents.append({"evidence_id": row["id"], "content": bytes(content)})
    return contents


# --- The erasure ledger -------------------------------------------------------------------------

def _ledger_entries(source: Store) -> list[Any]:
    """The ledger entries of the source file (this database's, or of unknown database)."""
    if source.path is None:
        return []
    from pestcli.store.erasure_ledger import database_id, read_ledger

    entries = read_ledger(source.path)
    if not entries:
        return []
    with source.read() as session:
        own = database_id(session)
    return [e for e in entries if not (e.database_id and own and e.database_id != own)]


def _check_ledger(source: Store, entries: list[Any]) -> None:
    """Refuse when the file lacks an erasure its ledger names (it may still hold the erased rows)."""
    if not entries:
        return
    from pestcli.store.erasure import _applied

    with source.read() as session:
        missing = [e for e in entries if not _applied(session, e)]
    if missing:
        what = ", ".join(f"melding {e.number}" if e.number else f"leerling {e.row_id}" for e in missing)
        raise StoreError(
            f"Volgens het register van gewiste gegevens is in dit bestand gewist wat het bestand nog niet als "
            f"gewist kent ({what}); het is waarschijnlijk met de hand teruggezet. Zet het terug met "
            "pestcli restore, zodat die wissingen opnieuw worden toegepast, en kopieer dan. Er is niets gekopieerd.")


# --- Comparing with the target ----------------------------------------------------------------

def _target_cases(con: Connection, school_id: int) -> list[dict[str, Any]]:
    """The cases of the target school: their number, year, seq and what identifies them."""
    cases = _table("cases")
    query = select(cases.c.id, cases.c.number, cases.c.year, cases.c.seq, cases.c.created_at,
                   cases.c.reported_on, cases.c.description).where(cases.c.school_id == school_id)
    seen = [dict(row) for row in con.execute(query).mappings()]
    return seen + _hidden_numbers(con, school_id, {row["number"] for row in seen})


def _hidden_numbers(con: Connection, school_id: int, seen: set[str]) -> list[dict[str, Any]]:
    """On a server with row-level security: the school's case numbers the person cannot see, as taken.

    ``pestcli_taken_case_numbers`` (``store.backend.server_security``) gives
    only number, year and seq; such a case never counts as one copied before.
    """
    if con.dialect.name != "postgresql":
        return []
    from sqlalchemy import text

    if con.execute(text("SELECT to_regprocedure('pestcli_taken_case_numbers(integer)')")).scalar() is None:
        return []
    rows = con.execute(text("SELECT number, year, seq FROM pestcli_taken_case_numbers(:school)"),
                       {"school": school_id}).all()
    return [{"id": None, "number": number, "year": year, "seq": seq, "created_at": None, "reported_on": None,
             "description": None} for number, year, seq in rows if number not in seen]


def _same_case(local: Mapping[str, Any], there: Mapping[str, Any]) -> bool:
    """Whether the target's case is this local case, copied before."""
    return (local["number"] == there["number"] and local["created_at"] == there["created_at"]
            and local["reported_on"] == there["reported_on"] and local["description"] == there["description"])


def _sort_cases(cases: list[dict[str, Any]], there: list[dict[str, Any]]
                ) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """(the cases to copy, the numbers already copied, the numbers another case has)."""
    by_number = {row["number"]: row for row in there}
    by_seq = {(row["year"], row["seq"]): row for row in there}
    new, already, conflicts = [], [], []
    for case in cases:
        same_number = by_number.get(case["number"])
        if same_number is not None and _same_case(case, same_number):
            already.append(case["number"])
            continue
        other = same_number or by_seq.get((case["year"], case["seq"]))
        if other is not None:
            conflicts.append(case["number"])
        else:
            new.append(case)
    return new, already, conflicts


def _conflict_error(conflicts: list[str], target: str) -> CopyConflictError:
    """The Dutch refusal naming every conflicting case number."""
    many = len(conflicts) > 1
    return CopyConflictError(
        f"{'Deze meldingsnummers zijn' if many else 'Het meldingsnummer'} {', '.join(conflicts)} "
        f"{'' if many else 'is '}op {target} al in gebruik door een andere melding van deze school. "
        "Er is niets gekopieerd. Overleg met de beheerder van de server welke melding welk nummer houdt.",
        tuple(conflicts))


def _reusable_people(con: Connection, school_id: int) -> dict[tuple[str, str], int]:
    """(kind, pupil_number) -> the first person of the target school with them (pupil_number not empty)."""
    people = _table("people")
    query = (select(people.c.id, people.c.kind, people.c.pupil_number)
             .where(people.c.school_id == school_id, people.c.pupil_number != "").order_by(people.c.id))
    found: dict[tuple[str, str], int] = {}
    for row in con.execute(query):
        key = (row.kind, row.pupil_number.strip())
        if key[1]:
            found.setdefault(key, row.id)
    return found


def _ledger_warnings(entries: list[Any], there: list[dict[str, Any]]) -> list[str]:
    """Warnings for cases erased locally that an earlier copy already brought to the target."""
    from pestcli.store.erasure_ledger import CASE

    warnings = []
    for entry in entries:
        if entry.kind != CASE:
            continue
        for row in there:
            if row["number"] == entry.number and entry.created_at and \
                    row["created_at"] == datetime.fromisoformat(entry.created_at):
                warnings.append(f"melding {entry.number} is in het eigen bestand gewist, maar een eerdere kopie "
                                "staat nog op de server; wis hem daar ook als dat de bedoeling is (pestcli wis).")
    return warnings


# --- Writing ----------------------------------------------------------------------------------

class _Ids:
    """The target id of every copied (or reused) source row, per table."""

    def __init__(self, school_id: int) -> None:
        self.school_id = school_id
        self.maps: dict[str, dict[Any, Any]] = {}
        #: Source ids per table that were matched to an existing target row instead of inserted.
        self.reused: dict[str, set[Any]] = {}

    def target(self, table: str, value: Any) -> Any:
        """The target id of the source row ``value`` of ``table`` (None when that row is not copied)."""
        if value is None:
            return None
        if table == "schools":
            return self.school_id
        return self.maps.get(table, {}).get(value)

    def translate(self, name: str, row: Mapping[str, Any]) -> dict[str, Any]:
        """The row as it is on the target: foreign keys translated, no own id, no version, no file path.

        Raises a Dutch StoreError when a required reference points at a row that is not copied.
        """
        table = _table(name)
        out: dict[str, Any] = {}
        for column in table.columns:
            value = row[column.name]
            if column.name in _NOT_COMPARED or (column.name == "id" and _has_own_id(name)):
                continue
            if column.foreign_keys:
                referred = next(iter(column.foreign_keys)).column.table.name
                mapped = self.target(referred, value)
                if mapped is None and value is not None and not column.nullable:
                    raise StoreError(f"Intern: {name}.{column.name} verwijst naar {referred} {value}, dat niet "
                                     "wordt gekopieerd. Er is niets gekopieerd.")
                value = mapped
            out[column.name] = value
        if name == "audit_events":
            out["case_id"] = self.target("cases", row["case_id"])
            out["row_id"] = self.target(row["table_name"], row["row_id"]) if row["table_name"] in self.maps else None
        if name == "evidence":
            out["file_path"] = None
        return out


def _key(name: str, row: Mapping[str, Any]) -> tuple[Any, ...]:
    """A row's primary key."""
    return tuple(row[column.name] for column in _table(name).primary_key.columns)


def _has_own_id(name: str) -> bool:
    """Whether the table's key is its own ``id`` (the target gives a new one)."""
    columns = list(_table(name).primary_key.columns)
    return len(columns) == 1 and columns[0].name == "id"


def _write(con: Connection, rows: dict[str, list[dict[str, Any]]], ids: _Ids,
           people: dict[tuple[str, str], int], report: CopyReport) -> dict[str, list[tuple[Any, ...]]]:
    """Insert the rows table by table; return the target keys of the inserted rows per table."""
    written: dict[str, list[tuple[Any, ...]]] = {}
    existing_links = {(r.parent_id, r.pupil_id) for r in con.execute(
        select(_table("parent_links").c.parent_id, _table("parent_links").c.pupil_id))}
    for name in COPIED_TABLES:
        table = _table(name)
        mapping = ids.maps.setdefault(name, {})
        keys = written.setdefault(name, [])
        for row in rows.get(name, []):
            if name == "people":
                found = people.get((row["kind"], row["pupil_number"].strip())) if row["pupil_number"].strip() else None
                if found is not None:
                    mapping[row["id"]] = found
                    ids.reused.setdefault(name, set()).add(row["id"])
                    report.reused["people"] = report.reused.get("people", 0) + 1
                    continue
            values = ids.translate(name, row)
            if name == "parent_links" and (values["parent_id"], values["pupil_id"]) in existing_links:
                report.reused[name] = report.reused.get(name, 0) + 1
                mapping[row["id"]] = None
                ids.reused.setdefault(name, set()).add(row["id"])
                continue
            if _has_own_id(name):
                new_id = con.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()
                mapping[row["id"]] = new_id
                keys.append((new_id,))
            else:
                con.execute(insert(table).values(**values))
                keys.append(_key(name, values))
            report.copied[name] = report.copied.get(name, 0) + 1
    stamp, user = now(), os_user()
    events = _table("audit_events")
    for case in rows["cases"]:
        new_id = ids.target("cases", case["id"])
        con.execute(insert(events).values(
            at=stamp, os_user=user, table_name="cases", row_id=new_id, action="create", case_id=new_id,
            summary=f"melding {case['number']} gekopieerd uit het eigen bestand van een mentor (pestcli copy-to)"))
    return written


# --- Verifying ---------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """A value as JSON can hold it, the same for SQLite and PostgreSQL."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _checksum(rows: Iterable[Mapping[str, Any]]) -> str:
    """SHA-256 over the rows' content (in any order)."""
    hashes = sorted(hashlib.sha256(json.dumps({k: _plain(v) for k, v in row.items()}, sort_keys=True,
                                              default=str).encode()).hexdigest() for row in rows)
    return hashlib.sha256("\n".join(hashes).encode()).hexdigest()


def _compared(name: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The columns of a target row that the verification compares."""
    return {c.name: row[c.name] for c in _table(name).columns
            if c.name not in _NOT_COMPARED and not (c.name == "id" and _has_own_id(name))}


def _mismatches(con: Connection, expected: dict[str, list[dict[str, Any]]],
                written: dict[str, list[tuple[Any, ...]]]) -> tuple[list[str], list[str]]:
    """(tables whose count and checksum match the source's, tables that differ) as read through ``con``."""
    verified, wrong = [], []
    for name in COPIED_TABLES:
        keys = set(written.get(name, []))
        if not keys and not expected.get(name):
            continue
        table = _table(name)
        first = list(table.primary_key.columns)[0]
        found: list[dict[str, Any]] = []
        values = sorted({key[0] for key in keys})
        for start in range(0, len(values), 500):
            query = select(table).where(first.in_(values[start:start + 500]))
            found += [row for row in (dict(r) for r in con.execute(query).mappings()) if _key(name, row) in keys]
        there = _unstamped(name, (_compared(name, row) for row in found))
        wanted = _unstamped(name, expected.get(name, []))
        if len(there) != len(wanted) or _checksum(there) != _checksum(wanted):
            wrong.append(TABLE_WORDS.get(name, name))
        else:
            verified.append(name)
    return verified, wrong


def _verify(target: Store, expected: dict[str, list[dict[str, Any]]],
            written: dict[str, list[tuple[Any, ...]]], label: str) -> list[str]:
    """After the commit, in a new read: count and checksum of every copied table; a Dutch error on a difference."""
    with target.read() as session:
        verified, wrong = _mismatches(session.connection(), expected, written)
    if wrong:
        raise CopyVerificationError(
            f"De controle na het kopiëren naar {label} klopt niet voor: {', '.join(wrong)} (aantal of "
            "controlesom verschilt van het eigen bestand). Het eigen bestand is niet veranderd; laat de "
            "beheerder de gekopieerde meldingen op de server nakijken voor u het opnieuw probeert.")
    return verified


def _expected(ids: _Ids, rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The inserted rows as the target should hold them (source rows translated; reused rows left out)."""
    return {name: [ids.translate(name, row) for row in rows.get(name, [])
                   if not ("id" in row and row["id"] in ids.reused.get(name, set()))]
            for name in COPIED_TABLES}


def _check_schema(source: Store, target: Store) -> None:
    """Both databases must have this pestcli's newest schema (the file is not migrated: it is only read)."""
    from pestcli.store.backend.migrate import HEAD_REVISION, _stored_revision

    if _stored_revision(source) != HEAD_REVISION:
        raise StoreError("Het eigen bestand heeft nog niet de nieuwste indeling van pestcli. Open het eerst één "
                         "keer met deze versie van pestcli (dan wordt het bijgewerkt) en kopieer daarna. "
                         "Er is niets gekopieerd.")
    if _stored_revision(target) != HEAD_REVISION:
        raise StoreError(f"De database {target_label(target)} heeft niet de nieuwste indeling van pestcli; "
                         "er is niets gekopieerd.")


# --- The use case --------------------------------------------------------------------------------

def target_label(target: Store) -> str:
    """The target for a Dutch message: the server and database (never a password), or the file."""
    if target.url is not None:
        from pestcli.store.backend.server import server_label

        return server_label(target.url)
    return str(target.path) if target.path is not None else "de database in het geheugen"


def copy_store(source: Store, target: Store, *, dry_run: bool = False) -> CopyReport:
    """Copy the source's cases with all that belongs to them into the target school (module docstring).

    With ``dry_run`` nothing is written: the report says what would be
    copied, and conflicts are raised the same way. Raises
    CopyConflictError (nothing written) for numbers another case has,
    CopyVerificationError when the check after the commit fails, and a
    Dutch StoreError for anything else (then nothing is written either).
    """
    label = target_label(target)
    if source is target or (source.path is not None and source.path == target.path) or (
            source.url is not None and source.url == target.url):
        raise StoreError("Het eigen bestand en de doeldatabase zijn dezelfde; er is niets gekopieerd.")
    _check_schema(source, target)
    entries = _ledger_entries(source)
    _check_ledger(source, entries)
    every, cases = _load_source(source)
    report = CopyReport(target=label, dry_run=dry_run)
    numbers = {row["id"]: row["number"] for row in cases}
    if dry_run:
        with target.read() as session:
            con = session.connection()
            rows = _plan(every, cases, _target_cases(con, target.school_id), label, report, entries)
            people = _reusable_people(con, target.school_id)
        rows["evidence_contents"] = _evidence_bytes(source, rows["evidence"], rows["evidence_contents"], numbers)
        report.copied = {name: len(found) for name, found in rows.items() if found}
        report.reused["people"] = sum(1 for row in rows.get("people", [])
                                      if row["pupil_number"].strip()
                                      and (row["kind"], row["pupil_number"].strip()) in people)
        report.copied["people"] = report.copied.get("people", 0) - report.reused["people"]
        return report
    from sqlalchemy.exc import IntegrityError

    ids = _Ids(target.school_id)
    try:
        with target.transaction() as session:
            con = session.connection()
            rows = _plan(every, cases, _target_cases(con, target.school_id), label, report, entries)
            if not rows["cases"]:
                return report
            rows["evidence_contents"] = _evidence_bytes(source, rows["evidence"], rows["evidence_contents"],
                                                        numbers)
            written = _write(con, rows, ids, _reusable_people(con, target.school_id), report)
            _verified, wrong = _mismatches(con, _expected(ids, rows), written)
            if wrong:  # before the commit: undone, nothing copied
                raise CopyVerificationError(
                    f"De controle van de kopie naar {label} klopt niet voor: {', '.join(wrong)}; er is niets "
                    "gekopieerd en het eigen bestand is niet veranderd.")
    except IntegrityError as exc:  # a rule of the target refused a row: the whole copy is undone
        reason = str(exc.orig).splitlines()[0] if exc.orig is not None else str(exc)
        raise StoreError(f"{label} weigerde een van de rijen ({reason}); er is niets gekopieerd.") from None
    report.verified = _verify(target, _expected(ids, rows), written, label)
    return report


def _plan(every: dict[str, list[dict[str, Any]]], cases: list[dict[str, Any]], there: list[dict[str, Any]],
          label: str, report: CopyReport, entries: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows to copy; fills in the report's numbers, skipped cases and warnings; refuses conflicts."""
    new, already, conflicts = _sort_cases(cases, there)
    if conflicts:
        raise _conflict_error(conflicts, label)
    report.numbers = [row["number"] for row in new]
    report.already = already
    report.warnings = _ledger_warnings(entries, there)
    rows = _scope(every, new)
    everything = _scope(every, cases)
    for name in ("class_conversations", "class_agreements"):
        left = len(every[name]) - len(everything[name])
        if left:
            report.left_behind[name] = left
    return rows
