"""The same Alembic migrations build pestcli's schema on PostgreSQL (issue 16, the schema's first step).

Against the real throwaway server of the test setup: every revision runs
on PostgreSQL, the result matches the tables in ``store.models`` exactly,
the change counters of revision 0009 (plpgsql triggers there, SQLite
triggers in a file) count the same things, and the way down works too.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, insert, select, text, update

from pestcli.store.backend.migrate import HEAD_REVISION, alembic_config
from pestcli.store.models import Case, FollowUp, StepProgress, metadata


@pytest.fixture
def engine(postgres_database):
    """A SQLAlchemy engine (psycopg 3) on a new database, migrated to head."""
    built = create_engine(postgres_database)
    with built.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    yield built
    built.dispose()


def test_every_revision_runs_and_the_schema_matches_the_models(engine):
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
        differences = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert differences == []


def _case(conn, number: str = "2026-0001") -> int:
    now = datetime(2026, 11, 2, 9, 0)
    return conn.execute(insert(Case.__table__).values(
        number=number, year=2026, seq=1, reported_on=date(2026, 11, 2), reporter_kind="leerling",
        protocol_name="Anti-pestprotocol", protocol_version="2.3", created_at=now, updated_at=now,
    ).returning(Case.__table__.c.id)).scalar_one()


def test_the_change_counters_count_what_they_count_in_a_file(engine):
    """A new date, done, cancelled, and the case closed or reopened each count once; other edits do not."""
    followups, steps, cases = FollowUp.__table__, StepProgress.__table__, Case.__table__
    with engine.begin() as conn:
        case_id = _case(conn)
        followup_id = conn.execute(insert(followups).values(
            case_id=case_id, seq=1, label="na twee dagen", due_on=date(2026, 11, 4),
        ).returning(followups.c.id)).scalar_one()
        conn.execute(insert(steps).values(case_id=case_id, step=2, due_on=date(2026, 11, 9)))

    def counted() -> tuple[int, int]:
        with engine.connect() as conn:
            return (conn.execute(select(followups.c.changes).where(followups.c.id == followup_id)).scalar_one(),
                    conn.execute(select(steps.c.changes).where(steps.c.case_id == case_id)).scalar_one())

    assert counted() == (0, 0)
    with engine.begin() as conn:
        conn.execute(update(followups).where(followups.c.id == followup_id).values(due_on=date(2026, 11, 5)))
    assert counted() == (1, 0)
    with engine.begin() as conn:  # the same date again, and a note: no new version
        conn.execute(update(followups).where(followups.c.id == followup_id)
                     .values(due_on=date(2026, 11, 5), note="Gaat beter."))
    assert counted() == (1, 0)
    with engine.begin() as conn:
        conn.execute(update(steps).where(steps.c.case_id == case_id).values(done_on=date(2026, 11, 6)))
    assert counted() == (1, 1)
    with engine.begin() as conn:  # closing the case: every item of it is a new version
        conn.execute(update(cases).where(cases.c.id == case_id).values(status="closed"))
    assert counted() == (2, 2)
    with engine.begin() as conn:  # reopening counts once more; open to escalated (neither closed) does not
        conn.execute(update(cases).where(cases.c.id == case_id).values(status="open"))
        conn.execute(update(cases).where(cases.c.id == case_id).values(status="escalated"))
    assert counted() == (3, 3)


def test_down_to_nothing_and_up_again(engine):
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with engine.connect() as conn:
        tables = conn.execute(text("SELECT table_name FROM information_schema.tables "
                                   "WHERE table_schema = 'public'")).scalars().all()
        functions = conn.execute(text("SELECT proname FROM pg_proc WHERE proname LIKE 'pestcli_%'")).scalars().all()
    assert tables == ["alembic_version"] and functions == []
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
