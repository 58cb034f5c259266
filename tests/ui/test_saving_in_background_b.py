"""A slow save of the case's dialogs does not freeze the screen (issue 16, part b).

Evidence, a parent contact, a parent, an escalation: each dialog's store
write runs off the main thread. The use case is held back by the test (as a
slow network would): meanwhile the dialog's frame says "Bezig met opslaan…",
the dialog stays open, Ctrl+S only waits, and nothing says "Opgeslagen".
Once the use case returns, the dialog says it and closes. A refused save
(a Dutch StoreError) leaves the dialog open with what was typed.
"""

from __future__ import annotations

import threading

import pestcli.screens.parent_dialog
import pestcli.services.cases
import pestcli.services.parents
from textual.widgets import Input, Label, Select
from ui_helpers import SIZE, screen_text, wait_for

from pestcli.screens.dialog import BUSY
from pestcli.screens.escalation_dialog import EscalationDialog
from pestcli.screens.evidence_dialog import EvidenceDialog
from pestcli.screens.parent_contact_dialog import ParentContactDialog
from pestcli.screens.parent_dialog import ParentDialog
from pestcli.services.errors import StoreError
from pestcli.services.reads import case_detail, followup_context

from test_colleague_conflicts import app, followup  # noqa: F401 - the same case and app, on both backends


def hold(monkeypatch, module, name: str) -> tuple[threading.Event, threading.Event]:
    """Hold ``module.name`` back until the test sets the first event; the second says it was called."""
    release, started = threading.Event(), threading.Event()
    real = getattr(module, name)

    def slow(*args, **kwargs):
        started.set()
        assert release.wait(60), "the test never let the save go"
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)
    return release, started


def case_and_victim(app, followup) -> tuple[int, int]:  # noqa: F811
    """The case of the follow-up, and its victim's id."""
    context = followup_context(app.store, followup)
    victim = context.with_role("gepeste")[0]
    assert context.case.id is not None and victim.id is not None
    return context.case.id, victim.id


def saved_notes(app) -> list[str]:  # noqa: F811 - the app under test
    return [n.message for n in app._notifications if n.message.startswith("Opgeslagen")]


async def slow_save(pilot, app, dialog, release: threading.Event,  # noqa: F811
                    started: threading.Event, saved: str) -> None:
    """Ctrl+S: "bezig" while held, the dialog open, nothing saved yet; let go: saved and closed."""
    await pilot.press("ctrl+s")
    try:
        await wait_for(pilot, lambda: started.is_set() and BUSY in screen_text(app))
        await pilot.press("ctrl+s")  # a second save waits (the key is held while saving)
        await pilot.press("escape")  # waits too: nothing is left half-saved
        await pilot.pause()
        assert app.screen is dialog and dialog.saving
        assert not saved_notes(app)
    finally:
        release.set()  # never leave the save hanging
    await wait_for(pilot, lambda: app.screen is not dialog)
    assert [note for note in saved_notes(app) if note.startswith(saved)], saved_notes(app)
    assert len(saved_notes(app)) == 1  # saved once
    assert BUSY not in screen_text(app)


async def test_slow_evidence_save_shows_bezig(app, followup, monkeypatch):  # noqa: F811
    release, started = hold(monkeypatch, pestcli.services.cases, "add_evidence")
    case_id, _ = case_and_victim(app, followup)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(EvidenceDialog(case_id))
        await wait_for(pilot, lambda: isinstance(app.screen, EvidenceDialog) and app.screen.query("#description"))
        dialog = app.screen
        kinds = [item.id for item in app.protocol.step(1).evidence]
        dialog.query_one("#kind", Select).value = kinds[0]
        dialog.query_one("#description", Input).focus()
        await pilot.press(*"scheldwoorden in de groepsapp")
        await slow_save(pilot, app, dialog, release, started, "Opgeslagen: bewijs bij melding")
    [row] = case_detail(app.store, case_id).evidence
    assert row.description == "scheldwoorden in de groepsapp"


async def test_refused_evidence_save_keeps_the_dialog_and_the_text(app, followup, monkeypatch):  # noqa: F811
    def refuse(*args, **kwargs):
        raise StoreError("De database is even niet bereikbaar; er is niets opgeslagen.")

    monkeypatch.setattr(pestcli.services.cases, "add_evidence", refuse)
    case_id, _ = case_and_victim(app, followup)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(EvidenceDialog(case_id))
        await wait_for(pilot, lambda: isinstance(app.screen, EvidenceDialog) and app.screen.query("#description"))
        dialog = app.screen
        dialog.query_one("#kind", Select).value = app.protocol.step(1).evidence[0].id
        dialog.query_one("#description", Input).focus()
        await pilot.press(*"scheldwoorden")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("niet bereikbaar" in n.message for n in app._notifications))
        await wait_for(pilot, lambda: not dialog.saving)
        assert app.screen is dialog
        assert "niet bereikbaar" in str(dialog.query_one("#err-kind", Label).render())
        assert dialog.query_one("#description", Input).value == "scheldwoorden"
        assert not saved_notes(app)


async def test_slow_parent_contact_save_shows_bezig(app, followup, monkeypatch):  # noqa: F811
    release, started = hold(monkeypatch, pestcli.services.parents, "log_parent_contact")
    case_id, _ = case_and_victim(app, followup)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ParentContactDialog(case_id))
        await wait_for(pilot, lambda: isinstance(app.screen, ParentContactDialog) and app.screen.query("#summary"))
        dialog = app.screen
        assert dialog.query_one("#pupil", Select).value is not Select.NULL  # the victim's parents
        await slow_save(pilot, app, dialog, release, started, "Opgeslagen: oudercontact van")


async def test_slow_parent_save_shows_bezig(app, followup, monkeypatch):  # noqa: F811
    release, started = hold(monkeypatch, pestcli.screens.parent_dialog, "add_parent")
    case_id, victim = case_and_victim(app, followup)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ParentDialog(case_id, victim))
        await wait_for(pilot, lambda: isinstance(app.screen, ParentDialog) and app.screen.query("#first-name"))
        dialog = app.screen
        dialog.query_one("#relation", Select).value = "moeder"
        dialog.query_one("#first-name", Input).focus()
        await pilot.press(*"Wilma")
        await slow_save(pilot, app, dialog, release, started, "Opgeslagen: Wilma (moeder)")


async def test_slow_escalation_save_shows_bezig(app, followup, monkeypatch):  # noqa: F811
    release, started = hold(monkeypatch, pestcli.services.cases, "escalate")
    case_id, _ = case_and_victim(app, followup)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(EscalationDialog(case_id))
        await wait_for(pilot, lambda: isinstance(app.screen, EscalationDialog) and app.screen.query("#reason"))
        dialog = app.screen
        dialog.query_one("#reason", Input).focus()
        await pilot.press(*"afspraken opnieuw gebroken")
        await slow_save(pilot, app, dialog, release, started, "Opgeslagen: geëscaleerd naar")
