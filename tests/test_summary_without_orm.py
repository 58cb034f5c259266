"""``pestcli summary`` reads and records without the ORM, and says exactly what the ORM read says.

``report.build.read_summary`` reads a case with plain SQL (``store.detail_rows``);
``load_summary`` (the screens') reads it through SQLModel. For every case of
the demo school, made richer below (a parent whose child is in another case,
one person in two roles, an unfinished conversation, an agreement of nobody in
particular, a contact without a pupil, the class's agreements with checks),
both give the same summary, on a file and on a PostgreSQL server. The export
is recorded with plain SQL as the ORM records it. As a process of its own the
command imports no SQLAlchemy, SQLModel or ``store.models``, and fpdf2 only
for a PDF.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import pytest

from pestcli.protocol.calendar import school_year_of
from pestcli.report.build import find_case_id, load_summary, read_summary
from pestcli.report.markdown import render_markdown
from pestcli.store import (
    add_agreement,
    add_person,
    assign_role,
    audit_events,
    case_detail,
    fill_demo,
    get_case_by_number,
    list_cases,
    open_store,
    plan_parent_contact,
    record_item_state,
    start_conversation,
)
from pestcli.store.class_talks import add_class_agreement, record_class_agreement_status, school_year_for_case
from pestcli.store.detail_rows import case_detail_rows, school_year_of_case
from pestcli.store.errors import InvalidValueError, NotFoundError
from pestcli.store.export_record import record_export_plain
from pestcli.store.exports import record_export
from pestcli.text import plain

TODAY = date(2026, 11, 23)
#: Days the summaries are built on: the demo's, one in the next school year, one after every follow-up.
DAYS = (TODAY, date(2027, 9, 1), date(2029, 1, 15))


@pytest.fixture
def school(store_target, protocol):
    """The demo school on the test's backend, with the rarer rows added to its busiest case."""
    store = open_store(store_target, daily_backup=False)
    try:
        fill_demo(store, today=TODAY)
        enrich(store, busiest(store))
        yield store
    finally:
        store.close()


def busiest(store) -> int:
    """The case with the most conversations, escalations and agreements."""
    def weight(case_id: int):
        detail = case_detail(store, case_id)
        return len(detail.conversations), len(detail.escalations), len(detail.agreements)

    return max((c.id for c in list_cases(store)), key=weight)


def enrich(store, case_id: int) -> None:
    """What the demo lacks: the unusual shapes a case can have."""
    detail = case_detail(store, case_id)
    others = [c.id for c in list_cases(store) if c.id != case_id]
    # a parent whose child is in another case only (the pupil is read apart)
    stranger = next(parent for other in others for parent in case_detail(store, other).parents
                    if parent.pupil is not None and parent.pupil.id not in {p.person.id for p in detail.people})
    assign_role(store, case_id, stranger.parent.id, "ouder")
    # one person in two roles
    bully = detail.with_role("pester")[0]
    assign_role(store, case_id, bully.id, "meeloper")
    # an unfinished conversation without a step, a participant without a role of their own
    witness = add_person(store, "Getuige", "Zonder Rol", class_name=detail.case.class_name)
    assign_role(store, case_id, witness.id, "meeloper")
    talk = start_conversation(store, case_id, "bijlage-6", participants=[(witness.id, "")],
                              started_at=datetime(2026, 11, 20, 9, 30))
    record_item_state(store, talk.id, "b6.01", "done", "Zegt wat hij zag.")
    record_item_state(store, talk.id, "b6.02", "skipped")
    # an agreement of nobody in particular, a contact with the parents of no pupil in particular
    add_agreement(store, case_id, "De klas let op elkaar.", date(2026, 11, 20))
    plan_parent_contact(store, case_id, date(2026, 12, 3))
    # the class's agreements for this school year, one revisited twice
    year = school_year_of(TODAY)
    kept = add_class_agreement(store, detail.case.class_name, year, "We lachen niemand uit.", date(2026, 10, 1))
    add_class_agreement(store, detail.case.class_name, year, "Telefoons blijven in de kluis.", date(2026, 10, 2))
    record_class_agreement_status(store, kept.id, "kept", date(2026, 10, 15))
    record_class_agreement_status(store, kept.id, "broken", date(2026, 11, 2), "Weer uitgelachen.")


def test_the_plain_read_gives_the_summary_of_the_orm_read(school, protocol):
    cases = list_cases(school)
    assert len(cases) >= 9
    for case in cases:
        for day in DAYS:
            orm = load_summary(school, protocol, case.id, day)
            light = read_summary(school, protocol, case.id, day)
            assert asdict(light) == asdict(orm), (case.number, day)
            assert light == orm and render_markdown(light) == render_markdown(orm)
        assert school_year_of_case(case_detail_rows(school, case.id).case, TODAY) == \
            school_year_for_case(case, TODAY)
    # the comparison covered every part of a case
    rich = read_summary(school, protocol, busiest(school), TODAY)
    assert {p.role_id for p in rich.people} >= {"gepeste", "pester", "meeloper", "ouder"}
    assert any(p.relation for p in rich.people)
    assert any(c.ended_at is None for c in rich.conversations)
    assert any(c.done_items and c.skipped_items for c in rich.conversations)
    assert any(c.notes for c in rich.conversations)
    assert any(a.outcomes for a in rich.agreements) and any(a.person_id is None for a in rich.agreements)
    assert rich.followups and rich.escalations and rich.contacts
    lines = [(line.text, line.status) for line in rich.class_agreements]
    assert ("We lachen niemand uit.", "gebroken") in lines and ("Telefoons blijven in de kluis.", "") in lines
    every = [read_summary(school, protocol, c.id, TODAY) for c in cases]
    assert any(s.evidence for s in every) and any(s.closed_on for s in every)
    assert any(contact.parents for s in every for contact in s.contacts)


def test_the_rows_hold_python_values_not_the_stored_text(school):
    detail = case_detail_rows(school, busiest(school))
    assert type(detail.case.reported_on) is date and isinstance(detail.case.created_at, datetime)
    assert type(detail.case.online) is bool
    assert all(isinstance(c.conversation.started_at, datetime) for c in detail.conversations)
    assert all(type(f.due_on) is date and type(f.cancelled_by_close) is bool for f in detail.followups)
    assert any(e.occurred_at is not None for e in detail.evidence) or not detail.evidence
    orm = case_detail(school, detail.case.id)
    assert [p.person.id for p in detail.people] == [p.person.id for p in orm.people]
    assert [(p.parent.id, p.pupil.id if p.pupil else None, p.relation) for p in detail.parents] == [
        (p.parent.id, p.pupil.id if p.pupil else None, p.relation) for p in orm.parents]


def test_every_light_row_reads_columns_its_table_has():
    """Each light row names columns of its table (a column added later need not be read: the
    summary equality above fails as soon as the summary reads one the light row lacks)."""
    from pestcli.store import detail_rows as rows
    from pestcli.store import models

    pairs = {rows.CaseRow: models.Case, rows.PersonRow: models.Person, rows.CaseRoleRow: models.CaseRole,
             rows.StepRow: models.StepProgress, rows.ConversationRow: models.Conversation,
             rows.ParticipantRow: models.ConversationParticipant, rows.ItemRow: models.ConversationItem,
             rows.AgreementRow: models.Agreement, rows.AgreementCheckRow: models.AgreementCheck,
             rows.FollowUpRow: models.FollowUp, rows.EvidenceRow: models.Evidence,
             rows.ParentContactRow: models.ParentContact, rows.EscalationRow: models.Escalation,
             rows.ClassAgreementRow: models.ClassAgreement, rows.ClassAgreementCheckRow: models.ClassAgreementCheck}
    for row, model in pairs.items():
        assert set(row._fields) <= set(model.__table__.columns.keys()), model.__tablename__
        assert "id" in row._fields


def test_a_case_is_found_by_its_number_without_the_orm(school):
    for case in list_cases(school):
        assert find_case_id(school, f" {case.number} ") == case.id == get_case_by_number(school, case.number).id
    assert find_case_id(school, "2030-0001") is None
    with pytest.raises(NotFoundError, match="Melding 99999 bestaat niet"):
        case_detail_rows(school, 99999)


def _export_event(store, case_id: int):
    """The newest export event of the case."""
    return next(e for e in audit_events(store, case_id=case_id) if e.action == "export")


def test_the_plain_export_record_is_the_orm_record(school):
    case = list_cases(school)[0]
    before = get_case_by_number(school, case.number)
    record_export(school, case.id, "pdf")
    orm = _export_event(school, case.id)
    record_export_plain(school, case.id, "pdf")
    light = _export_event(school, case.id)
    assert light.id != orm.id
    keys = ("os_user", "table_name", "row_id", "action", "summary", "case_id")
    assert {k: getattr(light, k) for k in keys} == {k: getattr(orm, k) for k in keys}
    assert light.summary == f"samenvatting als PDF opgeslagen ({case.number})"
    assert isinstance(light.at, datetime) and light.at >= orm.at and light.at.microsecond == 0
    after = get_case_by_number(school, case.number)
    assert (after.updated_at, after.version) == (before.updated_at, before.version)  # an export changes no case
    with pytest.raises(InvalidValueError):
        record_export_plain(school, case.id, "fax")
    with pytest.raises(NotFoundError):
        record_export_plain(school, 99999, "text")


# --- As a process: what ``python -m pestcli summary`` imports -----------------------------------------

#: Run ``pestcli`` with the arguments after the script's name; afterwards write which modules were loaded.
RUNNER = """
import runpy, sys
out, sys.argv = sys.argv[1], ["pestcli", *sys.argv[2:]]
try:
    runpy.run_module("pestcli", run_name="__main__", alter_sys=True)
finally:
    with open(out, "w") as f:
        f.write("\\n".join(sorted(sys.modules)))
"""

ORM = ("sqlalchemy", "sqlmodel", "pestcli.store.models", "alembic")


def command(tmp_path: Path, db: Path, *argv: str, stdin: str = "",
            name: str = "summary") -> tuple[subprocess.CompletedProcess, set[str]]:
    """``python -m pestcli --db DB summary ARGV`` in a process of its own: the run and its loaded modules."""
    listing = tmp_path / f"modules-{len(list(tmp_path.glob('modules-*')))}.txt"
    env = {**os.environ, "HOME": str(tmp_path / "home"), "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("PESTCLI_DB", None)
    run = subprocess.run([sys.executable, "-c", RUNNER, str(listing), "--db", str(db), name, *argv],
                         capture_output=True, text=True, env=env, input=stdin, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    return run, set(listing.read_text().split())


def loaded(modules: set[str], *names: str) -> set[str]:
    """Which of ``names`` (or a submodule of one) were loaded."""
    return {m for m in modules for name in names if m == name or m.startswith(f"{name}.")}


@pytest.mark.file_only
def test_the_command_imports_no_orm_and_no_fpdf_without_a_pdf(tmp_path, demo_copy, protocol):
    db = demo_copy(tmp_path / "data" / "pestcli.db")
    days = {date.today()}
    text, modules = command(tmp_path, db, "2026-0007")
    days.add(date.today())  # the command builds the summary for its own today
    assert not loaded(modules, *ORM, "fpdf")
    assert "pestcli.store.detail_rows" in modules
    with open_store(db, daily_backup=False) as store:
        case_id = get_case_by_number(store, "2026-0007").id
        markdown = {render_markdown(load_summary(store, protocol, case_id, day)) for day in days}
        events = [e.summary for e in audit_events(store, case_id=case_id) if e.action == "export"]
    assert text.stdout in {plain(m) for m in markdown}
    assert text.stdout.startswith("# Samenvatting pestmelding 2026-0007\n")
    assert events == ["samenvatting als tekst getoond (2026-0007)"]

    saved, modules = command(tmp_path, db, "2026-0007", "--md", str(tmp_path / "s.md"))
    assert not loaded(modules, *ORM, "fpdf")
    assert saved.stdout.strip() == f"Opgeslagen: {tmp_path / 's.md'}"
    assert (tmp_path / "s.md").read_text() in markdown

    dossier, modules = command(tmp_path, db, "2026-0007", "--for", "zoe")
    assert not loaded(modules, *ORM, "fpdf")
    assert dossier.stdout.startswith("Pestmelding 2026-0007 (vertrouwelijk)")


@pytest.mark.file_only
def test_the_command_loads_fpdf_only_for_a_pdf(tmp_path, demo_copy):
    db = demo_copy(tmp_path / "data" / "pestcli.db")
    run, modules = command(tmp_path, db, "2026-0007", "--pdf", str(tmp_path / "s.pdf"))
    assert loaded(modules, "fpdf") and not loaded(modules, *ORM)
    assert run.stdout.strip() == f"Opgeslagen: {tmp_path / 's.pdf'}"
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    with open_store(db, daily_backup=False) as store:
        case_id = get_case_by_number(store, "2026-0007").id
        assert [e.summary for e in audit_events(store, case_id=case_id) if e.action == "export"] == [
            "samenvatting als PDF opgeslagen (2026-0007)"]


@pytest.mark.file_only
def test_an_encrypted_file_is_read_and_its_export_recorded_without_the_orm(tmp_path, demo_copy):
    db = demo_copy(tmp_path / "data" / "pestcli.db")
    secret = "een lang wachtwoord"
    command(tmp_path, db, stdin=f"{secret}\n{secret}\n", name="encrypt")
    run, modules = command(tmp_path, db, "2026-0007", "--md", str(tmp_path / "s.md"), stdin=f"{secret}\n")
    assert not loaded(modules, *ORM, "fpdf") and "sqlcipher3" in " ".join(modules)
    assert (tmp_path / "s.md").read_text().startswith("# Samenvatting pestmelding 2026-0007")
    with open_store(db, daily_backup=False, passphrase=secret) as store:
        case_id = get_case_by_number(store, "2026-0007").id
        assert [e.summary for e in audit_events(store, case_id=case_id) if e.action == "export"] == [
            "samenvatting als Markdown opgeslagen (2026-0007)"]
