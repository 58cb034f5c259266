"""A mentor's conversation killed (SIGKILL) at every write moment: no confirmed save is lost.

A scripted case runs through the store's use cases the way the app calls
them: two pupils, the report, stap 2's conversation (items ticked one by one,
a note, an agreement, the end), the step done, the follow-ups planned, one
held, a draft kept and dropped. A child process (forked, so it starts at
once) runs the script and is killed by ``SIGKILL`` at the k-th commit, once
just *before* the database commits and once just *after* (before the call
returns, so before any screen could say "Opgeslagen"), for every k.

After each kill the file is opened again and must pass ``integrity_check``,
and every save the child had confirmed (the use case returned) must be there
with what it saved. The counts are printed in the test summary.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from pestcli.store import open_store

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

DAY = date(2026, 11, 23)

#: One step of the script: its name, what it does (returns facts to remember), what must then be true.
Step = tuple[str, Callable[..., dict], Callable[..., bool]]


def _script(protocol, calendar) -> list[Step]:
    """The steps of the scripted case, each a use case the app calls for one mentor action."""
    from pestcli.store import add_person
    from pestcli.store.agreements import add_agreement, agreements_of_case
    from pestcli.store.conversations import (
        conversation_detail, end_conversation, record_item_state, save_conversation_notes, start_conversation,
    )
    from pestcli.store.drafts import delete_draft, get_draft, save_draft
    from pestcli.store.followups import complete_followup, followups_of_case
    from pestcli.store.people import get_person
    from pestcli.store.cases import get_case
    from pestcli.store.steps import done_steps
    from pestcli.store.workflow import Rules, complete_step, plan_stap5, register_case

    rules = Rules(protocol, calendar)
    guide = protocol.step(2).guides[0]
    items = [item.id for item in protocol.guide(guide).checklist][:5]

    def pupil(first: str, last: str) -> Step:
        return (f"leerling {first}",
                lambda s, f: {f"p_{first}": add_person(s, first, last, class_name="2B").id},
                lambda s, f: get_person(s, f[f"p_{first}"]).last_name == last)

    steps: list[Step] = [
        pupil("Sanne", "de Vries"),
        pupil("Daan", "Jansen"),
        ("melding",
         lambda s, f: {"case": register_case(s, rules, reported_on=DAY, reporter_kind="gepeste",
                                             parents_informed_after="na-stap-3", class_name="2B",
                                             description="Wordt uitgescholden in de klas.",
                                             roles=[(f["p_Sanne"], "gepeste"), (f["p_Daan"], "pester")]).id},
         lambda s, f: get_case(s, f["case"]).description == "Wordt uitgescholden in de klas."),
        ("gesprek gestart",
         lambda s, f: {"talk": start_conversation(s, f["case"], guide, step=2,
                                                  participants=[(f["p_Sanne"], "gepeste")]).id},
         lambda s, f: conversation_detail(s, f["talk"]).conversation.guide_id == guide),
    ]
    for n, item in enumerate(items):
        steps.append((f"punt {n + 1} gedaan",
                      lambda s, f, item=item: (record_item_state(s, f["talk"], item, "done"), {})[1],
                      lambda s, f, item=item: conversation_detail(s, f["talk"]).state_of(item) == "done"))
    steps += [
        ("notitie", lambda s, f: (save_conversation_notes(s, f["talk"], "Sanne vertelt rustig."), {})[1],
         lambda s, f: conversation_detail(s, f["talk"]).conversation.notes == "Sanne vertelt rustig."),
        ("afspraak",
         lambda s, f: {"agreement": add_agreement(s, f["case"], "Daan laat Sanne met rust.", DAY,
                                                  person_id=f["p_Daan"], conversation_id=f["talk"]).id},
         lambda s, f: any(a.agreement.id == f["agreement"] for a in agreements_of_case(s, f["case"]))),
        ("gesprek afgerond", lambda s, f: (end_conversation(s, f["talk"]), {})[1],
         lambda s, f: conversation_detail(s, f["talk"]).conversation.ended_at is not None),
        ("stap 2 gedaan", lambda s, f: (complete_step(s, rules, f["case"], 2, DAY), {})[1],
         lambda s, f: done_steps(s, f["case"]).get(2) == DAY),
        ("vervolg gepland", lambda s, f: {"followup": plan_stap5(s, rules, f["case"], DAY)[0].id},
         lambda s, f: any(x.id == f["followup"] for x in followups_of_case(s, f["case"]))),
        ("vervolg gehouden",
         lambda s, f: (complete_followup(s, f["followup"], DAY, outcome="goed", note="Gaat goed.",
                                         agreement_statuses={f["agreement"]: "kept"}), {})[1],
         lambda s, f: next(x for x in followups_of_case(s, f["case"]) if x.id == f["followup"]).done_on == DAY),
        # The draft is there, unless the next step's delete committed before the kill.
        ("concept", lambda s, f: (save_draft(s, "report", {"description": "half getypt"}), {})[1],
         lambda s, f: get_draft(s, "report") is not None or f.get("later_committed")),
        ("concept weg", lambda s, f: (delete_draft(s, "report"), {})[1],
         lambda s, f: get_draft(s, "report") is None),
    ]
    return steps


def _run_child(path: Path, steps: list[Step], kill_at: int | None, when: str, out: int) -> None:
    """In the forked child: run the script, confirm each step on ``out``, die at the ``kill_at``-th commit."""
    from sqlalchemy.engine.default import DefaultDialect

    commits = 0
    original = DefaultDialect.do_commit

    def do_commit(self, dbapi_connection) -> None:  # noqa: ANN001 - SQLAlchemy's signature
        nonlocal commits
        commits += 1
        if commits == kill_at and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        original(self, dbapi_connection)
        if commits == kill_at and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)

    DefaultDialect.do_commit = do_commit  # type: ignore[method-assign]
    store = open_store(path, daily_backup=False)
    facts: dict = {}
    for index, (_name, action, _check) in enumerate(steps):
        facts.update(action(store, facts))
        os.write(out, (json.dumps({"done": index, "facts": facts, "commits": commits}) + "\n").encode())
    store.close()


def _fork(path: Path, steps: list[Step], kill_at: int | None, when: str) -> tuple[int, list[dict]]:
    """Run the script in a child; its exit status and the saves it confirmed."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        code = 0
        try:
            _run_child(path, steps, kill_at, when, write)
        except BaseException:  # noqa: BLE001 - report any failure as an exit code
            code = 3
        os._exit(code)
    os.close(write)
    data = b""
    while chunk := os.read(read, 65536):
        data += chunk
    os.close(read)
    _, status = os.waitpid(pid, 0)
    return status, [json.loads(line) for line in data.decode().splitlines()]


def _check_file(path: Path, steps: list[Step], confirmed: list[dict], later_committed: bool) -> list[str]:
    """What is wrong with the file after a kill: integrity, and every confirmed save.

    ``later_committed``: the kill came after a commit of a step not yet
    confirmed, so that step's change is in the file too (a check may allow it).
    """
    problems = []
    with sqlite3.connect(path) as raw:
        result = raw.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        problems.append(f"integrity_check: {result}")
    if not confirmed:
        return problems
    facts = dict(confirmed[-1]["facts"], later_committed=later_committed)
    store = open_store(path, daily_backup=False)
    try:
        for line in confirmed:
            name, _action, check = steps[line["done"]]
            if not check(store, facts):
                problems.append(f"bevestigd maar weg: {name}")
    finally:
        store.close()
    return problems


def test_a_kill_at_every_write_moment_loses_no_confirmed_save(tmp_path, protocol, counts_report):
    from pestcli.protocol.calendar import SchoolCalendar

    steps = _script(protocol, SchoolCalendar.load(protocol.rules.region))
    assert sum(name.startswith("punt ") for name, _a, _c in steps) == 5
    # A run without a kill: how many commits the script makes, and that it works at all.
    status, confirmed = _fork(tmp_path / "heel.db", steps, None, "never")
    assert status == 0 and len(confirmed) == len(steps), (status, confirmed[-1:] if confirmed else None)
    total_commits = confirmed[-1]["commits"]
    assert total_commits >= len(steps)
    kills, saves_checked, problems = 0, 0, []
    for kill_at in range(1, total_commits + 1):
        for when in ("before", "after"):
            path = tmp_path / f"kill-{kill_at}-{when}.db"
            status, confirmed = _fork(path, steps, kill_at, when)
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (kill_at, when, status)
            kills += 1
            saves_checked += len(confirmed)
            later = when == "after" and bool(confirmed) and kill_at > confirmed[-1]["commits"]
            problems += [f"kill bij commit {kill_at} ({when}): {p}"
                         for p in _check_file(path, steps, confirmed, later)]
            path.unlink()
            for extra in path.parent.glob(path.name + "*"):
                extra.unlink()
    counts_report("crash", f"{kills} keer SIGKILL bij {total_commits} schrijfmomenten (voor en na de commit): "
                           f"{len(problems)} van {saves_checked} bevestigde opslagen verloren of beschadigd")
    assert not problems, "\n".join(problems)
