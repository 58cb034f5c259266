"""The ledger of erasures, which a restore cannot undo (issue 14).

Every erasure (``store.erasure``) is also written to a small file next to
the database, ``<db>.wissingen.json``. A restore replaces the database but
never this file, so after a restore ``reapply_erasures`` erases again what
was erased after the backup was taken, and puts its audit record back.

The file holds NO names or descriptions: per erasure only the database's
UUID (``store_meta``), what was erased (a case id and number, or a person
id), when that row was made (so a re-used id is never mistaken for it),
when it was erased, the grounds and the nameless audit summary. It is
written whole under a temporary name, synced and then renamed, mode 0600;
entries are only ever added.

An erasure counts as applied when the database holds its audit record
(action ``erase``, same table, row and moment): a backup made after the
erasure already lacks the erased rows and holds that record.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from pestcli.store.common import now, os_user
from pestcli.store.errors import StoreError
from pestcli.store.files import write_private_text
from pestcli.store.models import AuditEvent, Case, Person

if TYPE_CHECKING:
    from pestcli.store.engine import Store

#: The suffix of the ledger file beside the database.
LEDGER_SUFFIX = ".wissingen.json"
#: The kinds of erasure in the ledger.
CASE, PUPIL = "melding", "leerling"
_VERSION = 1


@dataclass(frozen=True)
class LedgerEntry:
    """One erasure, without names: what, made when, erased when, on what grounds."""

    database_id: str
    kind: str
    row_id: int
    number: str
    created_at: str
    erased_at: str
    grounds: str
    summary: str

    @property
    def table(self) -> str:
        """The audit table name of this erasure."""
        return "cases" if self.kind == CASE else "people"


def ledger_path(db_path: Path) -> Path:
    """Where the ledger of the database at ``db_path`` is."""
    return db_path.with_name(db_path.name + LEDGER_SUFFIX)


def read_ledger(db_path: Path) -> list[LedgerEntry]:
    """The erasures in the ledger, oldest first; a Dutch StoreError when the file cannot be read."""
    path = ledger_path(db_path)
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [LedgerEntry(**item) for item in data["wissingen"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"Het register van gewiste gegevens {path} kan niet worden gelezen ({exc}); "
                         "er is niets gewist. Bewaar dat bestand en vraag om hulp.") from None


def _write_ledger(db_path: Path, entries: list[LedgerEntry]) -> None:
    """Write the whole ledger under a temporary name, sync it and rename it into place."""
    path = ledger_path(db_path)
    body = json.dumps({"versie": _VERSION, "wissingen": [asdict(e) for e in entries]},
                      indent=1, ensure_ascii=True)
    try:
        write_private_text(path, body)
    except OSError as exc:
        raise StoreError(f"Het register van gewiste gegevens {path} kon niet worden geschreven "
                         f"({exc.strerror or exc}); er is niets gewist.") from None


def _database_id(session: Session) -> str:
    """This database's UUID (``store_meta``), or ``""`` when it has none."""
    from pestcli.store.ledger_models import StoreMeta

    row = session.exec(select(StoreMeta).order_by(StoreMeta.id)).first()  # type: ignore[arg-type]
    return row.database_id if row is not None else ""


def record_erasure(store: Store, session: Session, kind: str, row_id: int, created_at: datetime | None,
                   number: str, erased_at: datetime, grounds: str, summary: str) -> None:
    """Add one erasure to the ledger, inside the erasure's write transaction (a failure undoes it)."""
    if store.path is None:
        return
    entry = LedgerEntry(_database_id(session), kind, row_id, number,
                        created_at.isoformat() if created_at else "", erased_at.isoformat(), grounds, summary)
    _write_ledger(store.path, [*read_ledger(store.path), entry])


def _applied(session: Session, entry: LedgerEntry) -> bool:
    """Whether the database holds the audit record of this erasure."""
    return session.exec(select(AuditEvent.id).where(
        AuditEvent.action == "erase", AuditEvent.table_name == entry.table,
        AuditEvent.row_id == entry.row_id,
        AuditEvent.at == datetime.fromisoformat(entry.erased_at))).first() is not None


def _same_row(row: Case | Person | None, entry: LedgerEntry) -> bool:
    """Whether this row is the one that was erased (not a later row with a re-used id)."""
    if row is None:
        return False
    if entry.created_at and row.created_at != datetime.fromisoformat(entry.created_at):
        return False
    return not (isinstance(row, Case) and row.number != entry.number)


def reapply_erasures(store: Store) -> int:
    """Erase again what the ledger says was erased and this database still holds; return how many.

    Called after a restore. Each erasure missing from the database (no
    audit record of it) is done again, by id, and its audit record comes
    back with its original moment and a note that it was re-applied. The
    file is compacted afterwards. Erasures of another database (another
    ``store_meta`` UUID) are skipped.
    """
    from pestcli.store import erasure

    if store.path is None:
        return 0
    entries = read_ledger(store.path)
    if not entries:
        return 0
    done, numbers = 0, []
    with store.write() as session:
        own_id = _database_id(session)
        for entry in entries:
            if (entry.database_id and own_id and entry.database_id != own_id) or _applied(session, entry):
                continue
            if entry.kind == CASE:
                if _same_row(session.get(Case, entry.row_id), entry):
                    number, _people = erasure._delete_case(session, entry.row_id)
                    numbers.append(number)
            elif _same_row(session.get(Person, entry.row_id), entry):
                gone, _extra = erasure._erase_pupil_rows(session, entry.row_id)
                numbers += gone
            session.add(AuditEvent(
                at=datetime.fromisoformat(entry.erased_at), os_user=os_user(), table_name=entry.table,
                row_id=entry.row_id, action=erasure.ERASE_ACTION,
                case_id=entry.row_id if entry.kind == CASE else None,
                summary=f"{entry.summary} (opnieuw toegepast na terugzetten op {now():%d-%m-%Y %H:%M})"))
            done += 1
    if done:
        erasure._remove_evidence(store, numbers)
        erasure.compact(store)
    return done


def reapply_after_restore(db_path: Path, passphrase: str | None = None) -> int:
    """After a restore of ``db_path``: open it and re-apply the erasures of the ledger; return how many.

    Opens nothing when there is no ledger (nothing was ever erased).
    """
    from pestcli.store.opening import open_store

    if not ledger_path(Path(db_path)).exists():
        return 0
    try:
        with open_store(db_path, passphrase=passphrase, daily_backup=False) as store:
            return reapply_erasures(store)
    except StoreError as exc:
        raise StoreError(f"De reservekopie is teruggezet, maar wat daarna is gewist kon nog niet opnieuw "
                         f"worden gewist: {exc} Gebruik pestcli niet voor dit is opgelost.") from None


def reapplied_sentence(count: int) -> str:
    """The Dutch sentence after a restore that re-applied ``count`` erasures ("" for none)."""
    if not count:
        return ""
    what = "1 eerdere wissing is" if count == 1 else f"{count} eerdere wissingen zijn"
    return f"{what} opnieuw toegepast: wat na deze reservekopie is gewist, blijft gewist."
