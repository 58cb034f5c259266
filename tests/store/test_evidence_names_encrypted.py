"""With encryption on, no evidence file on disk is named after a pupil (issue 14).

The file gets a neutral name (``00004.bin``); the name it was handed in
under stays inside the encrypted database, and what shows a file name
(the case, the summary) shows that original name.
"""

from __future__ import annotations

import os

from store_helpers import new_case

from pestcli.store import add_evidence, add_person, open_store
from pestcli.store.encryption import encrypt_store
from pestcli.store.evidence import (
    evidence_of_case,
    neutralise_evidence_names,
    read_evidence_bytes,
    verify_evidence_file,
)
from pestcli.store.backend.files import evidence_dir

PASS = "lang-genoeg-wachtwoord-42"
SHOT = "Screenshot_Fenna_Kuipers_bedreigd_door_Jesse.png"


def names_on_disk(db_path) -> list[str]:
    """Every file and folder name under the evidence folder."""
    found = []
    for _root, dirs, files in os.walk(evidence_dir(db_path)):
        found += dirs + files
    return found


def hand_in(store, tmp_path):
    """A case with one screenshot whose file name names two pupils."""
    fenna = add_person(store, "Fenna", "Kuipers", class_name="2B")
    jesse = add_person(store, "Jesse", "Bos", class_name="2B")
    case = new_case(store, roles=[(fenna.id, "gepeste"), (jesse.id, "pester")])
    shot = tmp_path / SHOT
    shot.write_bytes(b"\x89PNG fake screenshot")
    row = add_evidence(store, case.id, "bewijs.schermafdruk", source_file=shot)
    return case, row


def test_new_evidence_in_an_encrypted_store_has_a_neutral_name(db_path, tmp_path):
    with open_store(db_path, passphrase=PASS) as store:
        case, row = hand_in(store, tmp_path)
        on_disk = names_on_disk(db_path)
        assert on_disk == [case.number, f"{row.id:05d}.bin"]
        assert not any("Fenna" in n or "Kuipers" in n or "Jesse" in n for n in on_disk)
        (stored,) = evidence_of_case(store, case.id)
        assert stored.file_name == SHOT  # the original name, inside the encrypted database
        assert read_evidence_bytes(store, stored) == b"\x89PNG fake screenshot"
        assert verify_evidence_file(store, stored.id)
        from pestcli.store.access import pupil_record

        assert SHOT in str(pupil_record(store, case_roles_victim(store, case.id)))  # the export shows it


def case_roles_victim(store, case_id: int) -> int:
    """The id of the victim of the case."""
    from pestcli.store import people_in_case

    return next(p.person.id for p in people_in_case(store, case_id) if p.role == "gepeste")


def test_encrypting_a_plain_store_leaves_no_name_after_the_renaming(db_path, tmp_path):
    with open_store(db_path) as store:
        case, row = hand_in(store, tmp_path)
    assert any("Kuipers" in n for n in names_on_disk(db_path))  # plain: the name may stay
    encrypt_store(db_path, PASS)  # renames the files itself: no name is left on disk after encrypt
    assert names_on_disk(db_path) == [case.number, f"{row.id:05d}.bin"]
    with open_store(db_path, passphrase=PASS) as store:
        assert names_on_disk(db_path) == [case.number, f"{row.id:05d}.bin"]
        (stored,) = evidence_of_case(store, case.id)
        assert stored.file_name == SHOT
        assert read_evidence_bytes(store, stored) == b"\x89PNG fake screenshot"
        assert verify_evidence_file(store, stored.id)
        assert neutralise_evidence_names(store) == 0  # a second run has nothing to do


def test_a_plain_store_keeps_its_readable_names(db_path, tmp_path):
    with open_store(db_path) as store:
        hand_in(store, tmp_path)
        assert neutralise_evidence_names(store) == 0
    assert any(n.endswith(SHOT) for n in names_on_disk(db_path))
