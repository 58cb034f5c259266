"""Keys from the passphrase, and AES-GCM for the evidence files of an encrypted store.

The database itself is encrypted by SQLCipher with the passphrase (SQLCipher
keeps its own salt in the file, so a database or backup opens with the
passphrase alone). The evidence files use a key derived here with scrypt
from the passphrase and a random salt. The salt and the scrypt parameters
live in ``<stem>.key.json`` beside the database (mode 0600) — never the
passphrase and never a key. Its presence also marks the database as encrypted.

An encrypted file is ``MAGIC`` (8 bytes) + nonce (12 bytes) + AES-GCM
ciphertext with its tag; the magic carries the format version.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from pestcli.store.errors import StoreError
from pestcli.store.backend.files import PRIVATE_FILE

MAGIC = b"PESTAES1"
NONCE_SIZE = 12
SALT_SIZE = 16
#: scrypt cost: n=2**15, r=8, p=1 (about 32 MiB and a tenth of a second).
DEFAULT_PARAMS = {"n": 2**15, "r": 8, "p": 1}


def key_file_of(db_path: Path) -> Path:
    """The ``<stem>.key.json`` beside a database: the KDF salt and parameters."""
    return db_path.with_name(db_path.stem + ".key.json")


@dataclass(frozen=True)
class KdfParams:
    """The salt and scrypt parameters from the key file."""

    salt: bytes
    n: int
    r: int
    p: int

    @classmethod
    def fresh(cls) -> KdfParams:
        """New parameters with a random salt."""
        return cls(os.urandom(SALT_SIZE), **DEFAULT_PARAMS)

    def to_json(self) -> str:
        """The key file's text (salt in hex; no secret)."""
        return json.dumps({"version": 1, "kdf": "scrypt", "salt": self.salt.hex(),
                           "n": self.n, "r": self.r, "p": self.p}, indent=2)


def read_params(db_path: Path) -> KdfParams | None:
    """The KDF parameters of an encrypted database; None when it has no key file."""
    path = key_file_of(db_path)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return KdfParams(bytes.fromhex(data["salt"]), int(data["n"]), int(data["r"]), int(data["p"]))
    except (ValueError, KeyError, TypeError):
        raise StoreError(f"Het sleutelbestand {path} is beschadigd.") from None


def write_params(db_path: Path, params: KdfParams) -> Path:
    """Write the key file atomically with mode 0600 and return its path."""
    path = key_file_of(db_path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(params.to_json())
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    return path


def derive_file_key(passphrase: str, params: KdfParams) -> bytes:
    """The 32-byte AES key for evidence files (scrypt of the passphrase)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=params.salt, length=32, n=params.n, r=params.r, p=params.p)
    return kdf.derive(passphrase.encode("utf-8"))


def encrypt_bytes(key: bytes, data: bytes) -> bytes:
    """``MAGIC`` + nonce + AES-GCM(data), the magic bound in as associated data."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_SIZE)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, data, MAGIC)


def is_encrypted_blob(data: bytes) -> bool:
    """Whether bytes start with our encrypted-file header."""
    return data[: len(MAGIC)] == MAGIC


def decrypt_bytes(key: bytes, blob: bytes) -> bytes:
    """The plain bytes of an encrypted blob; a Dutch StoreError when it is wrong or damaged."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_encrypted_blob(blob):
        raise StoreError("Dit bestand is niet versleuteld door pestcli of is beschadigd.")
    nonce = blob[len(MAGIC): len(MAGIC) + NONCE_SIZE]
    try:
        return AESGCM(key).decrypt(nonce, blob[len(MAGIC) + NONCE_SIZE:], MAGIC)
    except InvalidTag:
        raise StoreError("Het versleutelde bestand is beschadigd of hoort bij een ander wachtwoord.") from None


def write_private(path: Path, data: bytes, replace: bool = False) -> None:
    """Write bytes to a 0600 file (a new file, or atomically replacing one) and fsync it."""
    target = path.with_name(path.name + ".tmp") if replace else path
    if replace:
        target.unlink(missing_ok=True)
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    if replace:
        os.replace(target, path)


def encrypt_file(key: bytes, path: Path) -> None:
    """Encrypt a plain file in place (atomically); an already encrypted file is left alone."""
    data = path.read_bytes()
    if not is_encrypted_blob(data):
        write_private(path, encrypt_bytes(key, data), replace=True)


def evidence_files(db_path: Path) -> list[Path]:
    """Every file under the database's ``evidence/`` directory."""
    folder = db_path.parent / "evidence"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def encrypt_evidence(db_path: Path, key: bytes) -> int:
    """Encrypt every plain evidence file in place; return how many were encrypted."""
    count = 0
    for path in evidence_files(db_path):
        if not is_encrypted_blob(path.read_bytes()[: len(MAGIC)]):
            encrypt_file(key, path)
            count += 1
    return count


def reencrypt_evidence(db_path: Path, old_key: bytes, new_key: bytes) -> int:
    """Decrypt every evidence file with the old key and encrypt it with the new one.

    A file that already opens with the new key (an interrupted earlier run)
    is left as it is.
    """
    count = 0
    for path in evidence_files(db_path):
        data = path.read_bytes()
        try:
            plain = decrypt_bytes(old_key, data) if is_encrypted_blob(data) else data
        except StoreError:
            decrypt_bytes(new_key, data)  # raises when neither key fits
            continue
        write_private(path, encrypt_bytes(new_key, plain), replace=True)
        count += 1
    return count


class Secret:
    """The passphrase of an open encrypted store, held in memory only.

    The evidence-file key is derived once, on first use.
    """

    def __init__(self, passphrase: str, db_path: Path | None) -> None:
        self.passphrase = passphrase
        self.db_path = db_path
        self._file_key: bytes | None = None

    def file_key(self) -> bytes:
        """The AES key for evidence files (creating the key file when there is none)."""
        if self._file_key is None:
            if self.db_path is None:
                raise StoreError("Een database in het geheugen heeft geen sleutelbestand.")
            params = read_params(self.db_path)
            if params is None:
                params = KdfParams.fresh()
                write_params(self.db_path, params)
            self._file_key = derive_file_key(self.passphrase, params)
        return self._file_key

    def matches(self, passphrase: str) -> bool:
        """Whether ``passphrase`` is this store's passphrase (constant time)."""
        import hmac

        return hmac.compare_digest(passphrase.encode("utf-8"), self.passphrase.encode("utf-8"))

    def __repr__(self) -> str:  # never show the passphrase in a log or traceback
        return "Secret(***)"
