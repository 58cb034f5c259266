"""Evidence of online bullying, with screenshots copied into the data directory.

A file is copied to ``evidence/<case number>/<id>-<name>`` beside the
database (mode 0600, directories 0700) and its SHA-256 is recorded, so the
copy can later be shown to be the file that was handed in. When the store is
encrypted the copy is AES-GCM encrypted (``store.backend.crypto``); the SHA-256 is
always of the ORIGINAL content, and ``read_evidence_bytes`` gives it back.

On a PostgreSQL server there is no data directory: the bytes go into
``evidence_contents`` in the same transaction as the evidence row, so the
server's access control and backups cover them (``MAX_SERVER_BYTES`` each).

With encryption on, nothing on disk may name a pupil: the copy is then
called ``evidence/<case number>/<id>.bin`` and the name it was handed in
under is kept only in the (encrypted) database, in ``Evidence.file_name``,
which is what the case screen, the summary and the export show.
``neutralise_evidence_names`` renames the files of a store that was
encrypted after they were copied in.
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from pestcli.store import audit
from pestcli.store.common import check_id, local_time, now, require
from pestcli.store.errors import StoreError
from pestcli.store.backend.files import PRIVATE_FILE, evidence_dir, make_private_dir
from pestcli.store.models import Case, Evidence, EvidenceContent

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

EVIDENCE_FIELDS = ("kind", "occurred_at", "platform", "url", "username", "description")

#: The largest evidence file a server database takes (bytes): a screenshot or a short video.
MAX_SERVER_BYTES = 64 * 1024 * 1024


def _store_in_database(session: Session, row: Evidence, source: Path) -> None:
    """Put ``source``'s bytes into ``evidence_contents`` (a store on a server) and fill in the file fields."""
    try:
        size = source.stat().st_size
        if size > MAX_SERVER_BYTES:
            raise StoreError(f"Het bestand {source.name} is groter dan {MAX_SERVER_BYTES // (1024 * 1024)} MB; "
                             "er is niets opgeslagen. Bewaar een kleinere versie (een schermafdruk).")
        data = source.read_bytes()
    except OSError as exc:
        raise StoreError(f"Het bestand {source} kon niet worden gelezen: {exc.strerror or exc}.") from None
    assert row.id is not None  # flushed before the bytes are added
    session.add(EvidenceContent(evidence_id=row.id, content=data))
    row.file_name, row.file_size, row.sha256 = source.name, len(data), hashlib.sha256(data).hexdigest()
    row.file_path = None


def _check_source(source: Path | str) -> Path:
    """The source file, or a Dutch StoreError if it is not a readable file."""
    path = Path(source).expanduser()
    if not path.is_file():
        raise StoreError(f"Het bestand {path} bestaat niet (of is geen bestand); er is niets opgeslagen.")
    return path


def _disk_name(evidence_id: int | None, original: str, *, encrypted: bool) -> str:
    """The name of the copy on disk: neutral (``00004.bin``) when encrypted, else with the original name."""
    if encrypted:
        return f"{evidence_id:05d}.bin"
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", original)[-100:] or "bestand"
    return f"{evidence_id:05d}-{safe}"


def _copy_in(store: Store, session: Session, row: Evidence, source: Path) -> Path:
    """Copy ``source`` into the case's evidence folder and fill in the file fields."""
    if store.path is None:
        raise StoreError("Een database in het geheugen kan geen bestanden bewaren.")
    case = require(session, Case, row.case_id, "Melding")
    make_private_dir(evidence_dir(store.path))
    folder = make_private_dir(evidence_dir(store.path) / case.number)
    target = folder / _disk_name(row.id, source.name, encrypted=store.secret is not None)
    digest = hashlib.sha256()
    size = 0
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        raise StoreError(f"Het bestand {target} bestaat al; er is niets opgeslagen.") from None
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            if store.secret is not None:
                from pestcli.store.backend.crypto import encrypt_bytes

                data = src.read()
                digest.update(data)
                size = len(data)
                out.write(encrypt_bytes(store.secret.file_key(), data))
            for chunk in iter(lambda: src.read(1 << 16), b""):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise StoreError(f"Het bestand {source} kon niet worden gekopieerd: {exc.strerror or exc}.") from None
    row.file_name, row.file_size, row.sha256 = source.name, size, digest.hexdigest()
    row.file_path = target.relative_to(store.path.parent).as_posix()
    return target


def add_evidence(
    store: Store,
    case_id: int,
    kind: str,
    *,
    occurred_at: datetime | None = None,
    platform: str = "",
    url: str = "",
    username: str = "",
    description: str = "",
    source_file: Path | str | None = None,
    recorded_by: str = "",
) -> Evidence:
    """Record evidence (``kind`` e.g. ``bewijs.schermafdruk``), copying a file if given."""
    kind = check_id(kind, "Het soort bewijs")
    source = _check_source(source_file) if source_file is not None else None
    copied: Path | None = None
    try:
        with store.write() as session:
            require(session, Case, case_id, "Melding")
            row = Evidence(
                case_id=case_id, kind=kind,
                occurred_at=local_time(occurred_at) if occurred_at else None,
                platform=platform.strip(), url=url.strip(), username=username.strip(),
                description=description, recorded_at=now(), recorded_by=recorded_by,
            )
            session.add(row)
            session.flush()
            if source is not None and store.on_server:
                _store_in_database(session, row, source)
            elif source is not None:
                copied = _copy_in(store, session, row, source)
            audit.record(session, "evidence", row.id, "create",
                         f"bewijs {kind}" + (" met bestand" if source else ""), case_id)
            return row
    except BaseException:
        if copied is not None:
            copied.unlink(missing_ok=True)
        raise


def update_evidence(store: Store, evidence_id: int, **changes: Any) -> Evidence:
    """Correct the kind, time, platform, URL, username or description of evidence."""
    unknown = set(changes) - set(EVIDENCE_FIELDS)
    if unknown:
        raise TypeError(f"update_evidence: unknown fields {sorted(unknown)}")
    if "kind" in changes:
        changes["kind"] = check_id(changes["kind"], "Het soort bewijs")
    if changes.get("occurred_at") is not None:
        changes["occurred_at"] = local_time(changes["occurred_at"])
    with store.write() as session:
        row = require(session, Evidence, evidence_id, "Bewijs")
        for name, value in changes.items():
            setattr(row, name, value)
        audit.record(session, "evidence", evidence_id, "update",
                     "gewijzigd: " + ", ".join(sorted(changes)), row.case_id)
        return row


def evidence_file(store: Store, evidence: Evidence) -> Path | None:
    """Where the copied file of this evidence is, if it has one.

    When the recorded file is missing but its neutral twin (``<id>.bin``)
    is there (a renaming that was cut off before the database was updated),
    that twin is the file.
    """
    if not evidence.file_path or store.path is None:
        return None
    path = store.path.parent / evidence.file_path
    if not path.exists() and evidence.id is not None:
        twin = path.with_name(f"{evidence.id:05d}.bin")
        if twin.exists():
            return twin
    return path


def neutralise_evidence_names(store: Store) -> int:
    """Give every evidence file of an encrypted store its neutral name; return how many were renamed.

    Does nothing for a plain store. Each file is renamed inside the write
    transaction that records its new path, and renamed back when recording
    it fails; ``evidence_file`` also finds a renamed file whose
    new path was not recorded. Safe to run again, and cheap to run on every
    open: when every file is neutral already it only reads.
    """
    if store.secret is None or store.path is None:
        return 0
    with store.read() as session:  # cheap on every open: no write transaction when all are neutral
        paths = session.exec(select(Evidence.id, Evidence.file_path).where(
            col(Evidence.file_path).is_not(None))).all()
    if all(path is not None and Path(path).name == f"{row_id:05d}.bin" for row_id, path in paths):
        return 0
    renamed = 0
    with store.write() as session:
        rows = session.exec(select(Evidence).where(col(Evidence.file_path).is_not(None))).all()
        moves: list[tuple[Path, Path]] = []
        try:
            for row in rows:
                current = evidence_file(store, row)
                if current is None:
                    continue
                target = current.with_name(_disk_name(row.id, row.file_name or "", encrypted=True))
                if current != target and current.exists():
                    if target.exists():
                        raise StoreError(f"Het bestand {target} bestaat al; er is niets hernoemd.")
                    os.rename(current, target)
                    moves.append((current, target))
                    renamed += 1
                relative = target.relative_to(store.path.parent).as_posix()
                if row.file_path != relative:
                    row.file_path = relative
                    session.add(row)
            session.flush()
        except BaseException:
            for before, after in reversed(moves):
                if after.exists() and not before.exists():
                    os.rename(after, before)
            raise
    return renamed


def verify_evidence_file(store: Store, evidence_id: int) -> bool:
    """Whether the copied file still exists and still has the recorded SHA-256."""
    with store.read() as session:
        row = require(session, Evidence, evidence_id, "Bewijs")
    if store.on_server:
        data = _database_bytes(store, evidence_id)
        return data is not None and hashlib.sha256(data).hexdigest() == row.sha256
    path = evidence_file(store, row)
    if path is None or not path.is_file():
        return False
    try:
        data = read_evidence_bytes(store, row)
    except StoreError:
        return False
    return hashlib.sha256(data).hexdigest() == row.sha256


def read_evidence_bytes(store: Store, evidence: Evidence) -> bytes:
    """The original content of the evidence's file (decrypted when the store is encrypted)."""
    if store.on_server and evidence.id is not None:
        data = _database_bytes(store, evidence.id)
        if data is None:
            raise StoreError("Het bestand bij dit bewijs is er niet (meer).")
        return data
    path = evidence_file(store, evidence)
    if path is None or not path.is_file():
        raise StoreError("Het bestand bij dit bewijs is er niet (meer).")
    data = path.read_bytes()
    if store.secret is not None:
        from pestcli.store.backend.crypto import decrypt_bytes, is_encrypted_blob

        if is_encrypted_blob(data):
            return decrypt_bytes(store.secret.file_key(), data)
    return data


def _database_bytes(store: Store, evidence_id: int) -> bytes | None:
    """The bytes of an evidence file held in the database (a server); None when there are none."""
    with store.read() as session:
        content = session.get(EvidenceContent, evidence_id)
        return bytes(content.content) if content is not None else None


def evidence_of_case(store: Store, case_id: int) -> list[Evidence]:
    """The evidence of a case, in the order it was recorded."""
    with store.read() as session:
        return list(session.exec(
            select(Evidence).where(Evidence.case_id == case_id).order_by(col(Evidence.id))
        ).all())
