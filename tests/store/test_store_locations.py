"""Where the database is: --db, then PESTCLI_DB, then the user data directory."""

from __future__ import annotations

from pathlib import Path

from pestcli.locations import data_dir, default_db_path, resolve_db_path


def test_default_is_in_the_user_data_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("PESTCLI_DB", raising=False)
    assert data_dir() == tmp_path / "pestcli"
    assert default_db_path() == tmp_path / "pestcli" / "pestcli.db"
    assert resolve_db_path(None) == default_db_path()
    assert not (tmp_path / "pestcli").exists()  # asking does not create anything


def test_environment_then_command_line(monkeypatch, tmp_path):
    monkeypatch.setenv("PESTCLI_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(None) == tmp_path / "env.db"
    assert resolve_db_path(str(tmp_path / "cli.db")) == tmp_path / "cli.db"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_db_path("~/x.db") == Path(tmp_path) / "x.db"
