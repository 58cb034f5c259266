"""The rule a new passphrase must follow, with the Dutch reason when it does not.

A passphrase protects records about minors and cannot be recovered, so a new
one (``pestcli encrypt``, ``pestcli rekey``, any screen where one is chosen)
must:

- have at least ``MIN_PASSPHRASE_LENGTH`` (10) characters, not counting
  spaces at the start or end;
- not consist of spaces only, nor of one character repeated (``aaaaaaaaaa``).

Everything else is allowed (spaces inside, accents, emoji): a sentence of a
few words is a good passphrase. Unlocking never applies the rule: an
existing passphrase is checked against the file only.
"""

from __future__ import annotations

#: The shortest passphrase accepted, not counting spaces at the start or end.
MIN_PASSPHRASE_LENGTH = 10

#: The rule in one Dutch sentence, for prompts and help.
RULE_TEXT = (
    f"Een wachtwoord heeft minstens {MIN_PASSPHRASE_LENGTH} tekens (spaties aan begin en eind "
    "tellen niet mee) en is niet steeds hetzelfde teken. Een korte zin van een paar woorden is goed."
)


def passphrase_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` is too weak, as one Dutch sentence; None when it follows the rule."""
    core = passphrase.strip()
    if not core:
        if passphrase:
            return "Een wachtwoord van alleen spaties is niet veilig."
        return "U heeft geen wachtwoord ingevoerd."
    if len(core) < MIN_PASSPHRASE_LENGTH:
        return (f"Het wachtwoord is te kort: gebruik minstens {MIN_PASSPHRASE_LENGTH} tekens "
                "(spaties aan begin en eind tellen niet mee).")
    if len(set(core)) == 1:
        return "Een wachtwoord van steeds hetzelfde teken is niet veilig."
    return None
