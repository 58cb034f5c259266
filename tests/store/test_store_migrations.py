"""Migrations: built at the first revision, filled, upgraded, and not one row lost."""

from __future__ import annotations

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from pestcli.store import case_detail, list_backups, open_store
from pestcli.store.backend.backup_checks import verify_backup
from pestcli.store.backend.migrate import current_revision, downgrade_store, head_revision, upgrade_store
from pestcli.store.models import TABLES, metadata

ROWS = 5
#: Tables that later revisions create (0006: parents as people).
TABLES_AFTER_0001 = {"parent_links", "parent_contact_people",
                    # 0008: the class conversation and agreements per class and school year
                    "class_conversations", "class_conversation_items", "class_agreements",
                    "class_agreement_checks"}
#: Columns of the first revision that a later one replaced (0007: severity became
#: parents_informed_after and informing_reason, checked in test_store_informing_migration).
DROPPED = {"cases": {"severity"}}


def kept(table: str, columns: list[str], rows: list[tuple]) -> tuple[list[str], list[tuple]]:
    """The columns still there after the upgrade, and the rows cut to them."""
    keep = [i for i, c in enumerate(columns) if c not in DROPPED.get(table, ())]
    return [columns[i] for i in keep], [tuple(row[i] for i in keep) for row in rows]


def tables_in_order(con: sqlite3.Connection) -> list[str]:
    """Our tables, parents before children."""
    names = [t.__tablename__ for t in TABLES]
    present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return [n for n in names if n in present]


def value_for(column: str, kind: str, i: int, foreign: set[str]) -> object:
    kind = kind.upper()
    if column in foreign or column == "id":
        return i
    if kind == "DATE":
        return f"2026-01-{i:02d}"
    if kind == "DATETIME":
        return f"2026-01-{i:02d} 10:{i:02d}:00.000000"
    if kind in ("INTEGER", "BOOLEAN"):
        return i if kind == "INTEGER" else i % 2
    return f"{column}-{i}"


def fill_every_table(path) -> tuple[dict[str, list[tuple]], dict[str, list[str]]]:
    """Put ROWS rows in every table with plain SQL; return what was written."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    written = {}
    for table in tables_in_order(con):
        info = con.execute(f'PRAGMA table_info("{table}")').fetchall()
        foreign = {r[3] for r in con.execute(f'PRAGMA foreign_key_list("{table}")')}
        columns = [r[1] for r in info]
        for i in range(1, ROWS + 1):
            values = [value_for(c, r[2], i, foreign) for c, r in zip(columns, info)]
            marks = ", ".join("?" for _ in columns)
            con.execute(f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks})', values)
        written[table] = columns
    con.commit()
    snapshot = {t: con.execute(f'SELECT {", ".join(c)} FROM "{t}" ORDER BY rowid').fetchall()
                for t, c in written.items()}
    con.close()
    return snapshot, written


def test_upgrade_from_the_first_revision_keeps_every_row(db_path):
    store = open_store(db_path, revision="0001")
    assert current_revision(store) == "0001"
    store.close()
    before, columns = fill_every_table(db_path)
    # every table of the first revision has rows (the tables added later are filled by their revision)
    assert set(before) == {t.__tablename__ for t in TABLES} - TABLES_AFTER_0001

    store = open_store(db_path)  # migrates to head, after a backup
    assert current_revision(store) == head_revision()
    con = sqlite3.connect(db_path)
    for table, rows in before.items():
        names, rows = kept(table, columns[table], rows)
        after = con.execute(f'SELECT {", ".join(names)} FROM "{table}" ORDER BY rowid').fetchall()
        assert after == rows, table
    assert con.execute("SELECT count(*) FROM cases WHERE closed_reason IS NULL").fetchone()[0] == ROWS
    assert con.execute("SELECT count(*) FROM followups WHERE moved_from IS NULL AND moved_reason = ''"
                       ).fetchone()[0] == ROWS
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()

    detail = case_detail(store, 1)  # the ORM reads the migrated rows
    assert detail.case.number == "number-1" and detail.steps and detail.followups
    store.close()

    backups = [b for b in list_backups(db_path) if b.reason == "voor-migratie"]
    assert len(backups) == 1
    counts = verify_backup(backups[0].path)
    assert all(counts[t] == ROWS for t in before)
    con = sqlite3.connect(backups[0].path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()


def test_foreign_keys_are_back_on_after_a_migration(db_path):
    store = open_store(db_path, revision="0001")
    upgrade_store(store)
    for _ in range(3):
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_downgrade_and_upgrade_again_keep_the_rows(db_path):
    open_store(db_path, revision="0001").close()
    before, columns = fill_every_table(db_path)
    store = open_store(db_path)
    downgrade_store(store, "0001")
    assert current_revision(store) == "0001"
    con = sqlite3.connect(db_path)  # at 0001 every column is back, severity too (from 0007's reason)
    for table, rows in before.items():
        assert con.execute(f'SELECT {", ".join(columns[table])} FROM "{table}" ORDER BY rowid').fetchall() == rows
    con.close()
    upgrade_store(store)
    store.close()
    con = sqlite3.connect(db_path)
    for table, rows in before.items():
        names, rows = kept(table, columns[table], rows)
        assert con.execute(f'SELECT {", ".join(names)} FROM "{table}" ORDER BY rowid').fetchall() == rows
    con.close()


def test_no_backup_for_a_brand_new_database(db_path):
    open_store(db_path).close()
    assert [b for b in list_backups(db_path) if b.reason == "voor-migratie"] == []


def test_the_migrations_match_the_models(store):
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_constraints_have_conventional_names(db_path, store):
    con = sqlite3.connect(db_path)
    sql = " ".join(r[0] for r in con.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
    con.close()
    assert "CONSTRAINT fk_case_roles_case_id_cases FOREIGN KEY" in sql
    assert "CONSTRAINT uq_cases_school_id_number UNIQUE" in sql
    assert "ON DELETE CASCADE" in sql


def test_upgrade_from_0002_to_0003_keeps_every_follow_up(db_path):
    store = open_store(db_path, revision="0002")
    store.close()
    before, columns = fill_every_table(db_path)
    store = open_store(db_path, revision="0003")
    assert current_revision(store) == "0003"
    store.close()
    con = sqlite3.connect(db_path)
    for table, rows in before.items():
        after = con.execute(f'SELECT {", ".join(columns[table])} FROM "{table}" ORDER BY rowid').fetchall()
        assert after == rows, table
    moved = con.execute("SELECT moved_from, moved_reason FROM followups").fetchall()
    assert moved == [(None, "")] * ROWS
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_downgrade_from_0003_drops_only_the_move_columns(db_path):
    open_store(db_path, revision="0003").close()  # later revisions add columns of their own
    before, columns = fill_every_table(db_path)
    store = open_store(db_path)
    downgrade_store(store, "0002")
    assert current_revision(store) == "0002"
    store.close()
    con = sqlite3.connect(db_path)
    names = [r[1] for r in con.execute('PRAGMA table_info("followups")')]
    assert "moved_from" not in names and "moved_reason" not in names
    kept = [c for c in columns["followups"] if c not in ("moved_from", "moved_reason")]
    rows = con.execute(f'SELECT {", ".join(kept)} FROM followups ORDER BY rowid').fetchall()
    assert rows == [tuple(v for c, v in zip(columns["followups"], r) if c in kept)
                    for r in before["followups"]]
    con.close()


def test_the_head_constant_matches_alembic():
    from pestcli.store.backend.migrate import HEAD_REVISION, head_revision

    assert HEAD_REVISION == head_revision()


def test_an_up_to_date_database_opens_without_importing_alembic(tmp_path):
    import subprocess
    import sys

    from pestcli.store import open_store

    db = tmp_path / "p.db"
    open_store(db).close()
    code = (
        "import sys\nfrom pestcli.store import open_store\n"
        f"open_store({str(db)!r}, daily_backup=False).close()\n"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
