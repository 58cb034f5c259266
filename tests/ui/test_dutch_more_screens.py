"""Every screen and dialog speaks Dutch, part two: the screens the first walk does not reach.

``test_dutch_only.py`` walks the everyday screens; this file walks the rest
with the same :class:`Walk`: the idle lock and the passphrase prompt (with
the message after a wrong passphrase, and what the terminal says when an
encrypted file is opened), the damaged-database message, the privacy
screen, the class conversation and its class picker, the draft and
leave-unsaved questions, the report dialogs (new pupil, same name, leave the
report), moving a follow-up, the appointment and participants dialogs, the
save-path dialog and the pupil picker of the summary, throwing away an
empty conversation, the retention dialogs and the welcome. The real app on
a real SQLite file at 80×24, by the keys a mentor presses where that is
short; every open Select is opened; all findings are reported together.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.command import CommandList
from textual.widgets import Input, Select, TextArea

from dutch_check import not_dutch
from test_dutch_only import SMALL, Walk, case_id, open_case
from ui_helpers import TODAY, screen_text, wait_for

from pestcli.app import PestApp
from pestcli.palette import DutchCommandPalette
from pestcli.store import case_detail, open_store


async def open_selects(walk: Walk, where: str) -> None:
    """Open every Select of the current screen (the walk checks each open list)."""
    for n, select in enumerate(walk.app.screen.query(Select)):
        await walk.open_select(select, f"{where}, open keuzelijst {n + 1}")


async def type_keys(pilot, text: str) -> None:
    """Type like a mentor, one key at a time."""
    names = {" ": "space", "-": "minus"}
    await pilot.press(*[names.get(char, char) for char in text])


def keep_notifications(app) -> list[str]:
    """Every notification the app shows from now on (toasts are not in the screen's text), title and message."""
    shown: list[str] = []
    notify = app.notify

    def kept(message, *args, **kwargs):
        shown.append(f"{kwargs.get('title') or ''}\n{message}")
        return notify(message, *args, **kwargs)

    app.notify = kept
    return shown


def report(walk: Walk, minimum: int, notifications: list[str] = ()) -> None:
    """Fail with every finding (also in the notifications shown), and make sure the walk saw what it should."""
    for note in notifications:
        walk.found += [f"melding in een hoek: {problem}" for problem in not_dutch(note)]
    assert not walk.found, "\n".join(walk.found)
    assert len(walk.seen) >= minimum, walk.seen


# --- the idle lock and the passphrase ------------------------------------------------------------


async def test_lock_and_passphrase_screens_show_no_english(protocol, calendar, db_path, monkeypatch):
    from test_passphrase import PASS, drive_idle_lock, encrypted_app

    from pestcli.screens.lock import LockScreen
    from pestcli.screens.passphrase import PassphraseScreen

    monkeypatch.setenv("PESTCLI_LOCK_MINUTES", "10")
    opened: list = []
    app = encrypted_app(protocol, calendar, db_path, opened)
    try:
        async with app.run_test(size=SMALL) as pilot:
            walk = Walk(pilot)
            notes = keep_notifications(app)
            clock = await drive_idle_lock(pilot, app)
            home = app.screen_stack[1]
            clock.now += 600
            lock = await walk.check("vergrendeld (na stilstand)", LockScreen)
            assert "vergrendeld" in lock and "Wachtwoord" in lock
            # The palette is off while locked: Ctrl+P opens nothing.
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert not DutchCommandPalette.is_open(app) and isinstance(app.screen, LockScreen)
            await type_keys(pilot, "fout")
            await pilot.press("enter")
            wrong = await walk.check("vergrendeld, na een onjuist wachtwoord",
                                     lambda: "Onjuist wachtwoord" in screen_text(app))
            assert "Nog 2 pogingen" in wrong
            await type_keys(pilot, PASS)
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen is home)

            # The prompt itself, as it shows with its own words (no check accepts anything).
            app.push_screen(PassphraseScreen(lambda passphrase: False))
            await walk.check("wachtwoordscherm", PassphraseScreen)
            await type_keys(pilot, "fout")
            await pilot.press("enter")
            await walk.check("wachtwoordscherm, na een onjuist wachtwoord",
                             lambda: "Onjuist wachtwoord" in screen_text(app))
            await walk.leave(app.screen)
    finally:
        for store in opened:
            store.close()
    report(walk, 4, notes)


def test_opening_an_encrypted_file_asks_and_refuses_in_dutch(protocol, calendar, db_path, monkeypatch, capsys):
    """An encrypted database asks its passphrase in the terminal before the app starts (three tries)."""
    from test_passphrase import PASS

    import pestcli.commands.unlock as unlock
    from pestcli.store.backend.cipher import WrongPassphraseError

    open_store(db_path, passphrase=PASS).close()
    prompts: list[str] = []

    def wrong(prompt: str) -> str:
        prompts.append(prompt)
        return "fout-wachtwoord"

    monkeypatch.setattr(unlock, "read_passphrase", wrong)
    with pytest.raises(WrongPassphraseError) as refused:
        unlock.open_cli_store(str(db_path))
    said = "\n".join(prompts) + "\n" + capsys.readouterr().err + "\n" + str(refused.value)
    assert len(prompts) == 3 and "Nog 1 poging" in said, said
    assert not not_dutch(said), not_dutch(said)


# --- the damaged database ------------------------------------------------------------------------


async def test_damaged_database_screen_shows_no_english(protocol, calendar, db_path, demo_copy):
    from test_damaged import damage_tables

    demo_copy(db_path)
    damage_tables(db_path)
    store = open_store(db_path, check="beside", daily_backup=False)
    app = PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: TODAY)
    try:
        async with app.run_test(size=SMALL) as pilot:
            walk = Walk(pilot)
            notes = keep_notifications(app)
            text = await walk.check("database beschadigd", lambda: app.screen.id == "damaged")
            assert "De database is beschadigd" in text
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.return_code == 2)
    finally:
        store.close()
    report(walk, 1, notes)


# --- the demo: privacy, class conversation, conversation dialogs, summary, follow-ups, report ----


async def test_more_screens_and_dialogs_of_the_demo_show_no_english(make_app, tmp_path_factory, monkeypatch):
    from pestcli.screens.agreement_dialog import AgreementDialog
    from pestcli.screens.appointment_dialog import AppointmentDialog
    from pestcli.screens.conversation_summary import EndDialog
    from pestcli.screens.class_conversation import ClassConversationScreen
    from pestcli.screens.class_picker import ClassPicker
    from pestcli.screens.conversation import ConversationScreen
    from pestcli.screens.discard_conversation import ConfirmDiscard
    from pestcli.screens.drafts import LeaveUnsavedDialog
    from pestcli.screens.followup_dialog import FollowUpDialog
    from pestcli.screens.guide_picker import GuidePicker
    from pestcli.screens.move_followup_dialog import MoveFollowupDialog
    from pestcli.screens.participants_dialog import ParticipantsDialog
    from pestcli.screens.privacy import PrivacyScreen
    from pestcli.screens.report_dialogs import LeaveReportDialog, NewPupilDialog
    from pestcli.screens.report_form import ReportFormScreen
    from pestcli.screens.same_name_dialog import SameNameDialog
    from pestcli.screens.summary_dialogs import DossierScreen, PupilPicker, SavePathDialog
    from pestcli.screens.summary_preview import SummaryPreviewScreen
    from pestcli.store.pupil_names import known_pupils
    from pestcli.widgets.pupil_picker import PupilPicker as FormPupilPicker

    # A folder whose path holds no English (the test's own tmp_path is named after the test).
    documents = tmp_path_factory.mktemp("documenten")
    monkeypatch.setattr("pestcli.report.output.documents_dir", lambda: documents)
    app = make_app(demo=True)
    async with app.run_test(size=SMALL) as pilot:
        walk = Walk(pilot)
        notes = keep_notifications(app)
        await walk.check("Vandaag", lambda: "Open meldingen" in screen_text(app))
        home = app.screen

        # The privacy screen: Ctrl+B hides everything, Ctrl+B brings it back.
        await walk.key("ctrl+b", PrivacyScreen, "scherm verborgen")
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: app.screen is home)

        # The class picker, from the command palette ("Klassengesprek…"), and its error line.
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, DutchCommandPalette))
        await type_keys(pilot, "klassengesprek")
        commands = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: commands.highlighted_option is not None
                       and str(commands.highlighted_option.prompt).startswith("Klassengesprek…"))
        await pilot.press("enter")
        picker = await walk.check("klas kiezen (klassengesprek)", ClassPicker)
        assert "met welke klas" in picker
        app.screen.query_one("#class-name", Input).focus()
        await type_keys(pilot, "   ")
        await pilot.press("enter")
        await walk.check("klas kiezen, lege klasnaam", lambda: app.screen.query_one("#class-error").has_class("shown"))
        await walk.leave(app.screen)

        # The class conversation of a case's class (k), with its palette.
        case = await open_case(walk, "2026-0001")
        assert case.detail.case.class_name.strip()
        await pilot.press("k")
        await walk.check("klassengesprek", lambda: isinstance(app.screen, ClassConversationScreen)
                         and app.screen.conversation_id is not None and "Laden" not in screen_text(app))
        await walk.palette("opdrachtenpalet in het klassengesprek")
        talk = app.screen
        await walk.key("a", AgreementDialog, "afspraak van de klas vastleggen")
        await open_selects(walk, "afspraak van de klas vastleggen")
        await walk.leave(app.screen)
        await walk.key("e", EndDialog, "klassengesprek afronden?")
        await walk.leave(app.screen)
        await wait_for(pilot, lambda: app.screen is talk)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is case)

        # A conversation of stap 2: who takes part (p), the appointment question, and leaving it empty.
        await pilot.press("2", "g")
        await wait_for(pilot, lambda: isinstance(app.screen, (GuidePicker, ConversationScreen)))
        if isinstance(app.screen, GuidePicker):
            await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationScreen)
                       and app.screen.conversation_id is not None and "Laden" not in screen_text(app))
        conversation = app.screen
        await walk.key("p", ParticipantsDialog, "deelnemers kiezen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is conversation)
        # Reached by keys only at the one guide point that plans an appointment: pushed here.
        app.push_screen(AppointmentDialog(TODAY + timedelta(days=14), 10))
        await walk.check("vervolgafspraak plannen?", AppointmentDialog)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is conversation)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is case and case.detail.unfinished_conversation is not None)
        await walk.key("x", ConfirmDiscard, "leeg gesprek weggooien?")
        await pilot.press("j")
        await wait_for(pilot, lambda: app.screen is case and any("Weggegooid" in note for note in notes))
        await walk.leave(case)

        # The summary: the save-path dialog (p, m), the pupil picker and the dossier text (d).
        case = await open_case(walk, "2026-0003")
        # Every list of the parents' dialogs (the first walk opens only one of each).
        for key, where in (("o", "contact met ouders"), ("u", "ouder toevoegen")):
            await pilot.press(key)
            await wait_for(pilot, lambda: app.screen is not case and app.screen.query(Select))
            await open_selects(walk, where)
            await walk.leave(app.screen)
        summary = await walk.key("r", SummaryPreviewScreen, "samenvatting")
        await wait_for(pilot, lambda: "Samenvatting" in screen_text(app) and "Laden" not in screen_text(app))
        for key, where in (("p", "PDF opslaan"), ("m", "Markdown opslaan")):
            dialog = await walk.key(key, SavePathDialog, f"{where}: bestandsnaam")
            await open_selects(walk, where)
            await pilot.press("escape")
            await wait_for(pilot, lambda: dialog not in app.screen_stack)
        await walk.key("d", PupilPicker, "dossiertekst: leerling kiezen")
        await pilot.press("enter")
        await walk.check("dossiertekst", DossierScreen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is summary)
        await walk.leave(summary)
        await walk.leave(case)

        # Moving a follow-up (the agenda's v), and leaving a typed follow-up note.
        followup = next(f for f in case_detail(app.store, case_id(app, "2026-0005")).followups
                        if f.done_on is None and f.cancelled_on is None)
        app.push_screen(MoveFollowupDialog(followup.id))
        move = await walk.check("vervolggesprek verzetten", MoveFollowupDialog)
        assert "verzetten" in move
        await open_selects(walk, "vervolggesprek verzetten")
        await pilot.press("ctrl+s")  # no date, no reason: the errors
        await walk.check("vervolggesprek verzetten, zonder datum en reden")
        await walk.leave(app.screen)
        app.push_screen(FollowUpDialog(followup.id))
        dialog = await walk.check("vervolggesprek", lambda: isinstance(app.screen, FollowUpDialog)
                                  and app.screen.query("#note"))
        dialog = app.screen
        dialog.query_one("#note", Input).focus()
        await type_keys(pilot, "zit weer naast")
        await pilot.press("escape")
        await walk.check("notitie niet opslaan?", LeaveUnsavedDialog)
        await pilot.press("j")
        await wait_for(pilot, lambda: app.screen is home)

        # The report form: a new pupil (Ctrl+O), a known name (same name), leaving the form, Ctrl+Q.
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen) and app.focused is not None)
        form = app.screen
        victim = form.query_one("#role-gepeste", FormPupilPicker)
        victim.query_input.focus()
        await wait_for(pilot, lambda: app.focused is victim.query_input)
        _, first, last = known_pupils(app.store)[0]
        await type_keys(pilot, f"{first} {last}")
        await pilot.press("ctrl+o")
        await walk.check("nieuwe leerling", NewPupilDialog)
        await pilot.press("enter")  # the class left empty: is it the known pupil?
        same = await walk.check("dezelfde naam", SameNameDialog)
        assert "Bedoelt u" in same
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, NewPupilDialog))
        app.screen.query_one("#new-pupil-name", Input).value = ""
        await pilot.press("enter")  # no name: the error line
        await walk.check("nieuwe leerling, zonder naam",
                         lambda: app.screen.query_one("#new-pupil-error").has_class("shown"))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is form)
        form.query_one("#description", TextArea).focus()
        await type_keys(pilot, "Wordt uitgescholden")
        await pilot.press("escape")
        await walk.check("melding niet opslaan?", LeaveReportDialog)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is form)
        await pilot.press("ctrl+q")
        await walk.check("toch stoppen?", lambda: isinstance(app.screen, LeaveUnsavedDialog))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is form)
    report(walk, 20, notes)


# --- retention, a draft offered back, and the welcome --------------------------------------------


async def test_retention_dialogs_and_draft_restore_show_no_english(make_app, db_path):
    from test_retention_review import open_review, seed

    from pestcli.screens.drafts import RestoreDraftDialog
    from pestcli.screens.report_form import ReportFormScreen
    from pestcli.screens.retention_dialogs import EraseDialog, KeepDialog
    from pestcli.store.drafts import save_draft

    seed(db_path)
    with open_store(db_path, daily_backup=False) as store:
        save_draft(store, "report", {"location": "fietsenstalling", "description": "Tas in de sloot gegooid"})
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        walk = Walk(pilot)
        notes = keep_notifications(app)
        await walk.check("Vandaag, met een bewaarbesluit", lambda: "bewaarbesluit" in screen_text(app))
        review = await open_review(pilot)
        await walk.check("bewaarbesluiten, met een melding")
        keep = await walk.key("b", KeepDialog, "melding bewaren")
        await open_selects(walk, "melding bewaren")
        await pilot.press("ctrl+s")  # no reason: refused, with a message
        await walk.check("melding bewaren, zonder reden", lambda: app.screen is keep)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is review)
        await walk.key("w", EraseDialog, "melding wissen?")
        await type_keys(pilot, "1999-9999")
        await pilot.press("enter")  # a wrong number: refused, with a message
        await wait_for(pilot, lambda: any("Typ precies" in note for note in notes))
        await walk.check("melding wissen?, verkeerd nummer")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is review)
        await walk.leave(review)

        # The report form's draft, offered back.
        await pilot.press("ctrl+n")
        draft = await walk.check("concept terugzetten?", RestoreDraftDialog)
        assert "Tas in de sloot gegooid" in draft
        await pilot.press("escape")  # later
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
    report(walk, 7, notes)


async def test_welcome_and_class_picker_of_an_empty_database_show_no_english(make_app):
    from pestcli.protocol.calendar import school_year_of
    from pestcli.screens.class_picker import ClassPicker

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        walk = Walk(pilot)
        notes = keep_notifications(app)
        text = await walk.check("welkom", lambda: "Welkom bij pestcli" in screen_text(app))
        assert "Demo-casussen laden" in text
        # Without any class known the picker is only a field.
        app.push_screen(ClassPicker([], school_year_of(TODAY)))
        await walk.check("klas kiezen, nog geen klassen", ClassPicker)
        await walk.leave(app.screen)
    report(walk, 2, notes)
