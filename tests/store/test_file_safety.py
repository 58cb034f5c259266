"""Read-only files, folders and mounts: read-only means a read-only message, and reading works.

Root may write anything, so the store checks the mode bits itself: these
tests run as root too. A read-only mount is made for real (a read-only bind
mount) where the machine allows it, and otherwise simulated by telling the
store, through ``os.statvfs``, that the folder is on a read-only file system.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from pestcli.cli import main
from pestcli.store import add_person, open_store
from pestcli.store.errors import StoreError
from pestcli.store.people import find_people

TODAY_ARGS = ["--date", "23-11-2026"]


@pytest.fixture
def filled(tmp_path) -> Path:
    """A database with one pupil, closed, in its own folder."""
    path = tmp_path / "map" / "pestcli.db"
    with open_store(path) as store:
        add_person(store, "Zwaantje", "Oudewater", class_name="2B")
    return path


def mode(path: Path) -> int:
    """The permission bits of a file or folder."""
    return stat.S_IMODE(path.stat().st_mode)


def agenda(db: Path, capsys) -> tuple[int, str]:
    """``pestcli agenda`` on ``db``: exit code and everything printed."""
    code = main(["agenda", "--db", str(db), *TODAY_ARGS])
    out, err = capsys.readouterr()
    return code, out + err


def test_a_0400_file_is_read_and_stays_0400(filled, capsys):
    """The file is not made writable; agenda reads it; a write gets a read-only message."""
    os.chmod(filled, 0o400)
    code, text = agenda(filled, capsys)
    assert code == 0, text
    assert "beschadigd" not in text
    assert mode(filled) == 0o400
    with open_store(filled) as store:
        assert store.read_only and "alleen-lezen" in store.read_only
        assert [p.first_name for p in find_people(store, "Zwaan")] == ["Zwaantje"]
        with pytest.raises(StoreError, match="kan hier niets opslaan.*alleen-lezen"):
            add_person(store, "Jesse", "Bakker")
    assert mode(filled) == 0o400


def test_a_read_only_folder_is_read_and_left_as_it_is(filled, capsys):
    """A folder without write permission: no lock file made, no mode changed, reads work."""
    folder = filled.parent
    for leftover in folder.glob("pestcli.db*"):
        if leftover != filled:
            leftover.unlink()
    os.chmod(folder, 0o500)
    try:
        code, text = agenda(filled, capsys)
        assert code == 0, text
        with open_store(filled) as store:
            with pytest.raises(StoreError, match="mag niet schrijven in de map"):
                add_person(store, "Jesse", "Bakker")
        assert mode(folder) == 0o500
        assert not (folder / "pestcli.db.lock").exists()
    finally:
        os.chmod(folder, 0o700)


def test_a_read_only_mount_is_not_called_damaged(filled, capsys, monkeypatch):
    """The folder is on a read-only file system (as ``statvfs`` says): reading, and a clear message."""
    real_statvfs = os.statvfs

    class ReadOnlyFs:
        """``statvfs`` of a read-only mount."""

        def __init__(self, real) -> None:
            self._real = real
            self.f_flag = real.f_flag | os.ST_RDONLY

        def __getattr__(self, name):
            return getattr(self._real, name)

    def statvfs(path):
        result = real_statvfs(path)
        return ReadOnlyFs(result) if Path(path) == filled.parent else result

    monkeypatch.setattr(os, "statvfs", statvfs)
    code, text = agenda(filled, capsys)
    assert code == 0, text
    with open_store(filled) as store:
        with pytest.raises(StoreError, match="alleen-lezen schijf") as raised:
            add_person(store, "Jesse", "Bakker")
        assert "beschadigd" not in str(raised.value)


def test_a_file_of_another_user_is_read(filled, capsys, monkeypatch):
    """A file pestcli may not write or chmod (someone else's): the reading commands read it."""
    real_access = os.access

    def access(path, how, *args, **kwargs):
        if Path(path) == filled and how & os.W_OK:
            return False
        return real_access(path, how, *args, **kwargs)

    real_chmod = os.chmod

    def chmod(path, *args, **kwargs):
        if Path(path) == filled:  # only the owner may change a file's mode
            raise PermissionError(1, "Operation not permitted", str(path))
        return real_chmod(path, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "chmod", chmod)
    code, text = agenda(filled, capsys)
    assert code == 0, text
    code = main(["audit", "--db", str(filled)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err and "beschadigd" not in err


def test_a_read_only_file_that_needs_an_update_is_refused_in_dutch(tmp_path):
    """An older schema cannot be brought up to date in a read-only file: said so, nothing changed."""
    path = tmp_path / "oud.db"
    with open_store(path, revision="0009"):
        pass
    os.chmod(path, 0o400)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="moet worden bijgewerkt"):
        open_store(path)
    assert path.read_bytes() == before and mode(path) == 0o400


def test_a_real_read_only_mount(filled, capsys, tmp_path):
    """The real thing where the machine allows it: a read-only bind mount of the folder."""
    if os.geteuid() != 0:
        pytest.skip("a bind mount needs root; the simulated mount test covers the logic")
    target = tmp_path / "alleen-lezen"
    target.mkdir()
    mounted = subprocess.run(["mount", "--bind", "-o", "ro", str(filled.parent), str(target)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("this machine does not allow mounts (a container without the right)")
    try:
        code, text = agenda(target / filled.name, capsys)
        assert code == 0, text
        assert "beschadigd" not in text
    finally:
        subprocess.run(["umount", str(target)], check=True)
