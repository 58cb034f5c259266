"""The ledger of erasures, which a restore cannot undo (issue 14).

Every erasure (``store.erasure``) is also written to a small file next to
the database, ``<db>.wissingen.json``. A restore replaces the database but
never this file, so after a restore ``store.erasure.reapply_erasures`` erases again what
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

from pestcli.store.errors import StoreError
from pestcli.store.backend.files import write_private_text

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

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


def database_id(session: Session) -> str:
    """This database's UUID (``store_meta``), or ``""`` when it has none."""
    from pestcli.store.models import StoreMeta

    row = session.exec(select(StoreMeta).order_by(StoreMeta.id)).first()  # type: ignore[arg-type]
    return row.database_id if row is not None else ""


def record_erasure(store: Store, session: Session, kind: str, row_id: int, created_at: datetime | None,
                   number: str, erased_at: datetime, grounds: str, summary: str) -> None:
    """Add one erasure to the ledger, inside the erasure's write transaction (a failure undoes it)."""
    if store.path is None:
        return
    entry = LedgerEntry(database_id(session), kind, row_id, number,
                        created_at.isoformat() if created_at else "", erased_at.isoformat(), grounds, summary)
    _write_ledger(store.path, [*read_ledger(store.path), entry])
