"""Every screen and dialog speaks Dutch: a walk through the app with the demo data (issue 13).

The real app on a real SQLite file filled with the demo, at the design size
80×24, driven by its keys where a mentor would press them. On each screen,
dialog, open Select and in the command palette the visible text is checked
against English words and internal ids (``tests/dutch_check.py``). All
findings are collected and reported together, with where they were seen.
"""

from __future__ import annotations

from ui_helpers import screen_text, wait_for
from textual.command import CommandList
from textual.screen import Screen
from textual.widgets import Select

from pestcli.palette import DutchCommandPalette
from pestcli.screens.case import CaseScreen
from pestcli.store import case_detail, get_case_by_number
from pestcli.widgets.dutch_select import CLOSE_LIST

from dutch_check import not_dutch

#: The design size.
SMALL = (80, 24)


class Walk:
    """The pilot, and what was found where."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.found: list[str] = []
        self.seen: list[str] = []

    async def check(self, where: str, ready=None, extra: str = "") -> str:
        """Wait for ``ready`` (a screen type or a condition), then check what is on screen (and ``extra``)."""
        app = self.app
        if isinstance(ready, type):
            wanted = ready
            await wait_for(self.pilot, lambda: isinstance(app.screen, wanted))
        elif ready is not None:
            await wait_for(self.pilot, ready)
        await self.pilot.pause()
        text = screen_text(app) + "\n" + extra
        self.found += [f"{where}: {problem}" for problem in not_dutch(text)]
        self.seen.append(where)
        return text

    async def leave(self, screen: Screen) -> None:
        """Close ``screen`` (nothing was typed in it) and wait until it is gone."""
        self.app.pop_screen()
        await wait_for(self.pilot, lambda: screen not in self.app.screen_stack)

    async def key(self, key: str, screen_type: type, where: str) -> Screen:
        """Press ``key``, check the screen of ``screen_type`` it opens, return it (still open)."""
        await self.pilot.press(key)
        await self.check(where, screen_type)
        return self.app.screen

    async def palette(self, where: str) -> None:
        """Open the command palette, check every command it offers (also those scrolled out of view)."""
        await self.pilot.press("ctrl+p")
        await wait_for(self.pilot, lambda: isinstance(self.app.screen, DutchCommandPalette))
        palette = self.app.screen
        commands = palette.query_one(CommandList)
        await wait_for(self.pilot, lambda: commands.option_count > 3)
        await self.pilot.pause()
        prompts = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        names = [p.splitlines()[0] for p in prompts]
        doubles = sorted({n for n in names if names.count(n) > 1})
        self.found += [f"{where}: '{name}' twee keer in het palet" for name in doubles]
        await self.check(where, extra="\n".join(prompts))
        await self.pilot.press("escape")
        await wait_for(self.pilot, lambda: palette not in self.app.screen_stack)

    async def open_select(self, select: Select, where: str) -> None:
        """Focus ``select``, open its list with Enter, check (the footer says how to close it), close it."""
        select.focus()
        await self.pilot.pause()
        await self.pilot.press("enter")
        await wait_for(self.pilot, lambda: select.expanded)
        # What the footer shows (a tall dialog may cover the footer itself at 80×24).
        footer = "\n".join(f"{self.app.get_key_display(a.binding)} {a.binding.description}"
                            for a in self.app.screen.active_bindings.values() if a.binding.show)
        await self.check(where, extra=footer)
        escape = self.app.screen.active_bindings.get("escape")
        if escape is None or escape.binding.description != CLOSE_LIST:
            self.found.append(f"{where}: esc heet niet '{CLOSE_LIST}' bij een open keuzelijst")
        await self.pilot.press("escape")
        await wait_for(self.pilot, lambda: not select.expanded)


def case_id(app, number: str) -> int:
    """A demo case's id by its number."""
    return get_case_by_number(app.store, number).id


async def open_case(walk: Walk, number: str) -> CaseScreen:
    """Open a demo case and wait until it shows."""
    walk.app.open_case(case_id(walk.app, number))
    await walk.check(f"casus {number}", lambda: isinstance(walk.app.screen, CaseScreen)
                     and walk.app.screen.detail is not None)
    return walk.app.screen


async def test_every_screen_and_dialog_shows_no_english(make_app, tmp_path, monkeypatch):
    from pestcli.screens.agenda import AgendaScreen
    from pestcli.screens.agreement_dialog import AgreementDialog
    from pestcli.screens.case_picker import CasePickerScreen
    from pestcli.screens.conversation_summary import EndDialog
    from pestcli.screens.retention_review import RetentionReviewScreen
    from pestcli.screens.audit import AuditScreen
    from pestcli.screens.close_case_dialog import CloseCaseDialog
    from pestcli.screens.conversation import ConversationScreen
    from pestcli.screens.escalation_dialog import EscalationDialog
    from pestcli.screens.evidence_dialog import EvidenceDialog
    from pestcli.screens.followup_dialog import FollowUpDialog
    from pestcli.screens.guide_picker import GuidePicker
    from pestcli.screens.parent_contact_dialog import ParentContactDialog
    from pestcli.screens.parent_dialog import ParentDialog
    from pestcli.screens.protocol_reader import ProtocolReaderScreen
    from pestcli.screens.report_form import ReportFormScreen
    from pestcli.screens.step_done_dialog import StepDoneDialog
    from pestcli.screens.summary_preview import SummaryPreviewScreen

    monkeypatch.setattr("pestcli.report.output.documents_dir", lambda: tmp_path)
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        walk = Walk(pilot)
        home = await walk.check("Vandaag", lambda: "Open meldingen" in screen_text(app))
        assert "Open meldingen" in home
        await walk.palette("opdrachtenpalet op Vandaag")

        # The cases to review for keeping, and the list of open cases.
        app.push_screen(RetentionReviewScreen())
        await walk.check("bewaarbesluiten", RetentionReviewScreen)
        await walk.leave(app.screen)
        app.action_open_case_list()
        picker = await walk.check("open casus kiezen", CasePickerScreen)
        assert picker
        await walk.leave(app.screen)

        # The report form.
        form = await walk.key("ctrl+n", ReportFormScreen, "nieuwe melding")
        await walk.leave(form)

        # The agenda: week and month.
        agenda = await walk.key("a", AgendaScreen, "agenda (week)")
        await wait_for(pilot, lambda: agenda.loaded)
        week = await walk.check("agenda (week), gelezen")
        # The kind filters show their key as a key, not as a count: "1 Stappen", never "Stappen (1)".
        assert " 1  Stappen" in week and "Stappen (1)" not in week
        await pilot.press("m")
        await walk.check("agenda (maand)", lambda: agenda.view == "month" and agenda.loaded)
        await walk.palette("opdrachtenpalet in de agenda")
        await walk.leave(agenda)

        # The protocol reader, a page of it, and the audit trail.
        reader = await walk.key("f1", ProtocolReaderScreen, "protocol lezen")
        await pilot.press("down", "down", "enter")
        await walk.check("protocol lezen, een pagina")
        await walk.leave(reader)
        app.action_audit()
        await wait_for(pilot, lambda: isinstance(app.screen, AuditScreen) and app.screen.loaded)
        rows = "\n".join(" ".join((r.action, r.subject, r.summary)) for r in app.screen.rows)
        audit = await walk.check("logboek (ook de kolommen buiten beeld)", extra=rows)
        # At 80 columns the description is in view, in words: "stap 4 gedaan", not "done".
        assert "Omschrijving" in audit and "gedaan" in audit, audit
        await walk.leave(app.screen)
        assert "gedaan: " in rows and "nagekomen" in rows

        # A case with evidence and parents (stap 6), and each of its dialogs.
        case = await open_case(walk, "2026-0003")
        await walk.palette("opdrachtenpalet op een casus")
        evidence = await walk.key("b", EvidenceDialog, "bewijs vastleggen")
        await walk.open_select(evidence.query_one("#kind", Select), "bewijs vastleggen, open keuzelijst")
        await walk.leave(evidence)
        contact = await walk.key("o", ParentContactDialog, "contact met ouders")
        await walk.open_select(contact.query_one("#how", Select), "contact met ouders, open keuzelijst")
        await walk.leave(contact)
        parent = await walk.key("u", ParentDialog, "ouder toevoegen")
        await walk.open_select(parent.query_one("#relation", Select), "ouder toevoegen, open keuzelijst")
        await walk.leave(parent)
        escalation = await walk.key("e", EscalationDialog, "escaleren")
        await walk.open_select(escalation.query_one("#phase", Select), "escaleren, open keuzelijst")
        await walk.leave(escalation)
        close = await walk.key("s", CloseCaseDialog, "melding sluiten")
        await walk.leave(close)
        done = await walk.key("d", StepDoneDialog, "stap gedaan")
        await walk.leave(done)
        summary = await walk.key("r", SummaryPreviewScreen, "samenvatting")
        await walk.check("samenvatting, gelezen", lambda: "Samenvatting" in screen_text(app)
                         and "Laden" not in screen_text(app))
        await walk.leave(summary)
        await walk.leave(case)

        # A case at stap 2: the guide picker and the conversation screen.
        case = await open_case(walk, "2026-0001")
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, (GuidePicker, ConversationScreen)))
        if isinstance(app.screen, GuidePicker):
            await walk.check("leidraad kiezen")
            await pilot.press("enter")
        talk = await walk.check("gesprek", lambda: isinstance(app.screen, ConversationScreen)
                                and "Laden" not in screen_text(app))
        assert talk
        await walk.palette("opdrachtenpalet in een gesprek")
        conversation = app.screen
        agreement = await walk.key("a", AgreementDialog, "afspraak vastleggen")
        await walk.leave(agreement)
        end = await walk.key("e", EndDialog, "gesprek afronden?")
        await walk.leave(end)
        await walk.leave(conversation)
        await wait_for(pilot, lambda: app.screen is case)
        await walk.leave(case)

        # An escalated case, and a follow-up of a case at stap 5.
        await open_case(walk, "2026-0007")
        await walk.leave(app.screen)
        number = "2026-0005"
        followup = next(f for f in case_detail(app.store, case_id(app, number)).followups
                        if f.done_on is None and f.cancelled_on is None)
        app.push_screen(FollowUpDialog(followup.id))
        dialog = await walk.check("vervolggesprek", FollowUpDialog)
        await walk.leave(app.screen)
        assert dialog

    assert not walk.found, "\n".join(walk.found)
    assert len(walk.seen) >= 25, walk.seen


def test_the_check_finds_what_issue_13_saw():
    """The check itself: each English text the issue quotes is found; Dutch text passes."""
    for text in ("esc Dismiss menu", "Copy selected text", "Focus Next", "Focus Previous",
                 "punt b1.afspraken.19: done", "afspraak 6: kept", "vervolggesprek 2 gehouden (gebroken-escalatie)",
                 "database disk image is malformed", "bewijs bewijs.schermafdruk"):
        assert not_dutch(text), text
    for text in ("esc Lijst sluiten", "Open meldingen", "afspraak nr. 6: nagekomen", "Filter op naam",
                 "Agenda · week 48", "Ouders informeren (stap 6)", "gedaan: Afspraken maken (bijlage 1)"):
        assert not not_dutch(text), (text, not_dutch(text))


async def test_evidence_kind_is_a_label_and_its_instruction_a_hint(make_app, protocol):
    """Issue 13: "Schermafdruk (via print screen of maak een foto)" used an instruction as a label."""
    from pestcli.screens.evidence_dialog import EvidenceDialog
    from textual.widgets import Label

    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        walk = Walk(pilot)
        await open_case(walk, "2026-0003")
        dialog = await walk.key("b", EvidenceDialog, "bewijs vastleggen")
        kind = dialog.query_one("#kind", Select)
        assert app.focused is kind
        await pilot.press("enter")
        await wait_for(pilot, lambda: kind.expanded)
        kinds = protocol.step(1).evidence
        await pilot.press(*["down"] * len(kinds), "enter")  # the last kind: Schermafdruk
        await wait_for(pilot, lambda: kind.value == "bewijs.schermafdruk")
        hint = dialog.query_one("#kind-hint", Label)
        await wait_for(pilot, lambda: hint.display and "Via print screen of maak een foto." in screen_text(app))
        text = screen_text(app)
        assert "Schermafdruk" in text and "Schermafdruk (via" not in text


async def test_the_first_start_with_an_empty_database_shows_no_english(make_app):
    """The welcome of an empty database, its palette and the report form it offers."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        walk = Walk(pilot)
        text = await walk.check("welkom", lambda: "Er staan nog geen meldingen in" in screen_text(app))
        assert "Er staan nog geen meldingen in" in text
        await walk.palette("opdrachtenpalet bij de eerste start")
    assert not walk.found, "\n".join(walk.found)
