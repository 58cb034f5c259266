"""Passphrase rules: an empty entry is asked again, weak new passphrases are refused in Dutch.

The rule (``pestcli.store.backend.passphrase_rule``): at least 10 characters not
counting spaces at the ends, not only spaces, not one character repeated.
"""

from __future__ import annotations

import io
import sys

import pytest
from textual.widgets import Static

from pestcli.app import PestApp
from pestcli.cli import main
from pestcli.screens.lock import LockScreen, lock_app
from pestcli.screens.passphrase import EMPTY_MESSAGE
from pestcli.store import add_person, open_store
from pestcli.store.backend.cipher import is_encrypted
from pestcli.store.backend.passphrase_rule import passphrase_problem
from ui_helpers import TODAY, screen_text, wait_for

PASS = "geheim-wachtwoord"


def run_main(monkeypatch, capsys, argv: list[str], stdin: str) -> tuple[int, str]:
    """``pestcli ARGV`` in this process with ``stdin`` as standard input; exit code and stderr."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("weak", ["", " " * 8, " " * 20, "kort", "  negen-tk  ", "a" * 12])
def test_weak_passphrases_are_refused_with_a_dutch_reason(weak):
    """Empty, spaces only, short (also when padded with spaces), one repeated character."""
    problem = passphrase_problem(weak)
    assert problem and problem.endswith(".")


@pytest.mark.parametrize("good", ["tien-tekens", "een zin van woorden", "wachtwoord😀"])
def test_good_passphrases_pass(good):
    """Ten characters or more, spaces inside and emoji allowed."""
    assert passphrase_problem(good) is None


def test_encrypt_asks_again_after_a_weak_passphrase(db_path, monkeypatch, capsys):
    """Eight spaces, then a short one, then a good one typed twice: encrypted with the good one."""
    with open_store(db_path) as store:
        add_person(store, "Zwaantje", "Oudewater", class_name="2B")
    code, err = run_main(monkeypatch, capsys, ["encrypt", "--db", str(db_path)],
                         f"{' ' * 8}\nkort\n{PASS}\n{PASS}\n")
    assert code == 0, err
    assert "alleen spaties is niet veilig" in err and "te kort" in err
    assert is_encrypted(db_path)
    with open_store(db_path, passphrase=PASS, daily_backup=False):
        pass


def test_encrypt_stops_after_three_weak_passphrases_and_changes_nothing(db_path, monkeypatch, capsys):
    """Three weak tries: exit code 1, a Dutch message, the file stays plain."""
    with open_store(db_path):
        pass
    code, err = run_main(monkeypatch, capsys, ["encrypt", "--db", str(db_path)], "\n        \nkort\n")
    assert code == 1
    assert "Er is niets veranderd" in err and "Traceback" not in err
    assert not is_encrypted(db_path)


def test_rekey_refuses_a_weak_new_passphrase(db_path, monkeypatch, capsys):
    """rekey: the new passphrase follows the same rule; the old one keeps working."""
    with open_store(db_path):
        pass
    assert run_main(monkeypatch, capsys, ["encrypt", "--db", str(db_path)], f"{PASS}\n{PASS}\n")[0] == 0
    code, err = run_main(monkeypatch, capsys, ["rekey", "--db", str(db_path)], f"{PASS}\n{' ' * 8}\n")
    assert code == 1 and "alleen spaties" in err
    with open_store(db_path, passphrase=PASS, daily_backup=False):
        pass


def test_an_empty_entry_when_unlocking_is_asked_again_not_called_damaged(db_path, monkeypatch, capsys):
    """Enter alone at the passphrase prompt: asked again, no 'beschadigd', no try used up."""
    with open_store(db_path) as store:
        add_person(store, "Zwaantje", "Oudewater", class_name="2B")
    assert run_main(monkeypatch, capsys, ["encrypt", "--db", str(db_path)], f"{PASS}\n{PASS}\n")[0] == 0
    code, err = run_main(monkeypatch, capsys, ["audit", "--db", str(db_path)], f"\n\nfout-wachtwoord\n{PASS}\n")
    assert code == 0, err
    assert "beschadigd" not in err
    assert "U heeft niets ingevoerd" in err and "Nog 2 pogingen" in err


async def test_the_lock_screen_asks_again_on_an_empty_entry(protocol, calendar, db_path):
    """In the app: Enter on the empty field uses no try; three empty entries never stop the app."""
    store = open_store(db_path, passphrase=PASS)
    try:
        add_person(store, "Zwaantje", "Oudewater", class_name="2B")
        app = PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: len(app.screen_stack) >= 2)
            assert lock_app(app)
            await wait_for(pilot, lambda: isinstance(app.screen, LockScreen))
            for _ in range(3):
                await pilot.press("enter")
            message = app.screen.query_one("#passphrase-message", Static)
            await wait_for(pilot, lambda: str(message.content) == EMPTY_MESSAGE)
            assert "niets ingevoerd" in screen_text(app)
            assert isinstance(app.screen, LockScreen) and app.screen.failures == 0
            assert app.return_code is None
            for char in PASS:
                await pilot.press(char if char != "-" else "minus")
            await pilot.press("enter")
            await wait_for(pilot, lambda: not isinstance(app.screen, LockScreen))
    finally:
        store.close()
