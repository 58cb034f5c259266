"""Use cases of the pupil register: import the administration's export, and a class's mentor for a new case.

:func:`read_export` reads the CSV (``pestcli.pupil_csv``, no database);
:func:`import_pupils` brings the store in line with it in one transaction
(or, as a dry run, only says what would change), lists the open cases whose
victim has a new mentor, and on the school's server hands them over when
asked (through the hand-over use case, one case at a time).
:func:`summary_lines` is the Dutch summary the command prints.
:func:`mentor_of_class` is the mentor the report form fills in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pestcli.protocol.calendar import school_year_of
from pestcli.protocol.model import DEFAULT_RETENTION_MONTHS
from pestcli.pupil_csv import PupilFile, mentor_names, parse_mapping, read_pupils
from pestcli.store.pupil_register import (
    ClassMentorEntry,
    HandoverProposal,
    RegisterChanges,
    RegisterPupil,
    class_mentor,
    handover_proposals,
    import_register,
)

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

__all__ = ["HandoverProposal", "ImportResult", "PupilFile", "class_mentors_of", "import_pupils", "mentor_of_class",
           "read_export", "summary_lines"]


@dataclass
class ImportResult:
    """What an import did (or, as a dry run, would do)."""

    school_year: str
    dry_run: bool
    pupils: int
    changes: RegisterChanges
    #: Open cases whose victim's mentor (from the export) is not the case's.
    proposals: list[HandoverProposal] = field(default_factory=list)
    #: Of those, the ones handed over (``--overdragen``), and the ones refused with the reason.
    handed_over: list[HandoverProposal] = field(default_factory=list)
    refused: list[tuple[HandoverProposal, str]] = field(default_factory=list)


def read_export(data: bytes, columns: list[str] | None = None) -> PupilFile:
    """The pupils of an export's bytes, with ``--kolom veld=Kolomnaam`` mappings; PupilFileError when unusable."""
    return read_pupils(data, parse_mapping(columns))


def class_mentors_of(export: PupilFile) -> list[ClassMentorEntry]:
    """Per class (in the order of the file) its mentor cell; two different cells of one class are joined."""
    cells: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for row in export.rows:
        key = " ".join(row.class_name.split()).casefold()
        names.setdefault(key, row.class_name)
        found = cells.setdefault(key, [])
        if row.mentor and row.mentor not in found:
            found.append(row.mentor)
    return [ClassMentorEntry(names[key], ", ".join(found),
                             tuple(name for cell in found for name in (cell, *mentor_names(cell))))
            for key, found in cells.items()]


def import_pupils(store: Store, export: PupilFile, today: date, *, dry_run: bool = False,
                  hand_over: bool = False, retention_months: int = DEFAULT_RETENTION_MONTHS,
                  remove_expired: bool = False) -> ImportResult:
    """Import the export's pupils and class mentors for ``today``'s school year (see the module).

    On the school's server only the administrator imports (the tables' owner,
    who sees the whole register); a member of the team is refused in Dutch.
    """
    if store.on_server and store.staff is not None:
        from pestcli.store.errors import StoreError

        raise StoreError("Leerlingen importeren doet de beheerder van de server, ingelogd als de eigenaar van de "
                         "database (zoals bij 'pestcli server'); met uw eigen gebruikersnaam kan het niet.")
    year = school_year_of(today)
    pupils = [RegisterPupil(r.number, r.first_name, r.last_name, r.class_name) for r in export.rows]
    mentors = class_mentors_of(export)
    changes = import_register(store, pupils, mentors, year, today, dry_run=dry_run,
                              retention_months=retention_months, remove_expired=remove_expired)
    result = ImportResult(year, dry_run, len(pupils), changes, handover_proposals(store, pupils, mentors))
    if hand_over and not dry_run:
        from pestcli.services import team
        from pestcli.store.errors import StoreError

        note = f"Overgedragen bij de import van de leerlingen ({year}): de mentor van de klas van de leerling."
        for proposal in result.proposals:
            if proposal.to_staff_id is None:
                continue
            try:
                team.hand_over(store, proposal.case_id, proposal.to_staff_id, note, today)
            except StoreError as exc:
                result.refused.append((proposal, str(exc)))
            else:
                result.handed_over.append(proposal)
    return result


def mentor_of_class(store: Store, class_name: str, today: date) -> str:
    """The mentor of ``class_name`` this school year, from the import (empty when none is known)."""
    return class_mentor(store, class_name, school_year_of(today))


def _count(number: int, one: str, more: str) -> str:
    return f"{number} {one if number == 1 else more}"


def summary_lines(result: ImportResult, on_server: bool = False) -> list[str]:
    """The Dutch summary of an import: counts, the pupils by kind of change, and the proposed hand-overs."""
    c = result.changes
    head = ("Proefimport (er is niets opgeslagen)" if result.dry_run else "Leerlingen geïmporteerd") + \
        f", schooljaar {result.school_year}: {_count(result.pupils, 'leerling', 'leerlingen')} in het bestand."
    lines = [head,
             f"  nieuw: {len(c.new)}", f"  andere klas: {len(c.moved)}", f"  andere mentor: {len(c.mentor_changed)}",
             f"  andere naam: {len(c.renamed)}", f"  van school (vertrokken): {len(c.leavers)}",
             f"  weer op school: {len(c.back)}", f"  gekoppeld aan een zelf ingevoerde leerling: {len(c.linked)}",
             f"  ongewijzigd: {c.unchanged}",
             f"  klassen met een mentor: {c.classes_with_mentor}"]
    for title, items, show in (("Nieuw", c.new, lambda p: p.new_class),
                               ("Andere klas", c.moved, lambda p: f"{p.old_class} -> {p.new_class}"),
                               ("Van school", c.leavers, lambda p: p.old_class),
                               ("Gekoppeld", c.linked, lambda p: p.new_class)):
        if items:
            lines.append(f"{title}:")
            lines += [f"  {p.number} {p.name} ({show(p)})" for p in items[:50]]
            if len(items) > 50:
                lines.append(f"  ... en nog {len(items) - 50}")
    if c.leavers and not result.dry_run:
        lines.append("Voor wie van school is, loopt vanaf vandaag de bewaartermijn.")
    if c.expired:
        done_now = c.removed_expired and not result.dry_run
        lines.append(f"Oud-leerlingen na de bewaartermijn, in geen melding: {len(c.expired)}"
                     + (" (verwijderd)." if done_now else " (verwijder ze met --opruimen)."))
        lines += [f"  {p.number} {p.name} ({p.old_class})" for p in c.expired[:50]]
        if len(c.expired) > 50:
            lines.append(f"  ... en nog {len(c.expired) - 50}")
    for name in c.unmatched_mentors:
        lines.append(f"Mentor niet gevonden in het team: {name} (koppel de naam aan een gebruiker met "
                     "'pestcli server user add', of draag over met 'pestcli overdracht').")
    done = {p.case_id for p in result.handed_over}
    for proposal in result.proposals:
        if proposal.case_id in done:
            lines.append(f"Overgedragen: melding {proposal.case_number} van {proposal.from_name} "
                         f"naar {proposal.to_name}")
            continue
        extra = "" if proposal.to_staff_id is not None or not on_server else " (niet gevonden in het team)"
        lines.append(f"Overdracht voorgesteld: melding {proposal.case_number} van {proposal.from_name} "
                     f"naar {proposal.to_name}{extra}")
    for proposal, reason in result.refused:
        lines.append(f"Niet overgedragen: melding {proposal.case_number}: {reason}")
    if result.proposals and not result.handed_over and on_server and not result.dry_run:
        lines.append("Draag ze over met 'pestcli import-leerlingen ... --overdragen', of per klas met "
                     "'pestcli overdracht'.")
    return lines
