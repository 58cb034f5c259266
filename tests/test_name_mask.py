"""``pestcli.name_mask``: one compiled pattern for thousands of names, usernames and URLs untouched."""

from __future__ import annotations

import random
import re

import pytest

from pestcli.name_mask import NameMask, starts_sentence, trie_pattern


def test_the_trie_matches_exactly_the_words_longest_first():
    pattern = re.compile(rf"(?:{trie_pattern(['sem', 'sem de jong', 'sanne', 'san'])})$")
    assert trie_pattern(["sem", "sem de jong", "sanne"]) == r"s(?:anne|em(?:\ de\ jong)?)"
    for word in ("sem", "sem de jong", "sanne", "san"):
        assert pattern.match(word)
    for word in ("se", "sem de", "sann", "s", ""):
        assert not pattern.match(word)
    assert re.match(trie_pattern(["sem", "sem de jong"]), "sem de jong").group(0) == "sem de jong"
    assert not re.search(trie_pattern([]), "wat dan ook")


MASK = NameMask({"sanne": "de gepeste (S.d.V.)", "sanne de vries": "de gepeste (S.d.V.)",
                 "daan": "de pester (D.K.)", "roos": "een leerling (R.B.)", "lisa": None},
                capitalised_only={"roos"})


@pytest.mark.parametrize("text, expected", [
    ("Zij zei dat @sanne.de.loser haar volgde.", "Zij zei dat @sanne.de.loser haar volgde."),
    ("Account (@Sanne_de_Vries) en sanne@school.nl.", "Account (@Sanne_de_Vries) en sanne@school.nl."),
    ("Zie https://x.nl/sanne en www.sanne.nl of HTTP://daan.nl, ftp://daan", "Zie https://x.nl/sanne en www.sanne.nl "
     "of HTTP://daan.nl, ftp://daan"),
    ("Link: “https://insta.com/daan”.", "Link: “https://insta.com/daan”."),
    ("sanne zei: daan lachte.", "De gepeste (S.d.V.) zei: de pester (D.K.) lachte."),
    ("Wat zei Sanne? daan! Niks.\nsanne de vries huilde", "Wat zei de gepeste (S.d.V.)? De pester (D.K.)! Niks.\n"
     "De gepeste (S.d.V.) huilde"),
    ("“sanne bleef thuis”", "“De gepeste (S.d.V.) bleef thuis”"),
    ("Ze kreeg een roos van Roos.", "Ze kreeg een roos van een leerling (R.B.)."),
    ("Lisa zag Sanne de Vries.", "Lisa zag de gepeste (S.d.V.)."),
    ("Sannes fiets; Daan-Jan; daandag", "Sannes fiets; de pester (D.K.)-Jan; daandag"),
])
def test_names_are_replaced_but_never_inside_usernames_urls_or_mail(text, expected):
    assert MASK(text) == expected


def test_an_empty_mask_and_empty_text():
    assert NameMask({})("Sanne") == "Sanne"
    assert MASK("") == "" and MASK(None) == ""


def test_sentence_starts():
    text = "Eerst. “Dan\nnu"
    assert starts_sentence(text, 0) and starts_sentence(text, text.index("Dan"))
    assert starts_sentence(text, text.index("nu")) and not starts_sentence("en dan", 3)


def generated_names(count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` distinct invented (first, last) names: letters only, 3 to 12 letters each."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzéë"
    seen: set[str] = set()
    names = []
    while len(names) < count:
        first = "".join(rng.choice(letters) for _ in range(rng.randint(3, 9))).capitalize()
        last = "".join(rng.choice(letters) for _ in range(rng.randint(4, 12))).capitalize()
        if first.lower() in seen or last.lower() in seen:
            continue
        seen |= {first.lower(), last.lower()}
        names.append((first, last))
    return names


def test_thousands_of_names_are_one_pattern_and_every_one_is_found():
    names = generated_names(3000, seed=12)
    replacements = {}
    for index, (first, last) in enumerate(names):
        for key in (f"{first} {last}", first, last):
            replacements[key.lower()] = f"<{index}>"
    mask = NameMask(replacements)
    assert mask.pattern is not None and mask.pattern.pattern.count("(?P<") == 2  # one pattern
    rng = random.Random(7)
    chosen = rng.sample(range(len(names)), 400)
    parts = []
    for index in chosen:
        first, last = names[index]
        form = rng.choice([f"{first} {last}", first, last.lower(), f"{first.upper()}"])
        parts.append(f"Toen zei {form} iets, en @{first.lower()}{last.lower()} keek via https://x.nl/{last}.")
    out = mask(" ".join(parts))
    expected = " ".join(f"Toen zei <{index}> iets, en @{names[index][0].lower()}{names[index][1].lower()} "
                        f"keek via https://x.nl/{names[index][1]}." for index in chosen)
    assert out == expected
    assert mask("Toen zei niemand iets.") == "Toen zei niemand iets."
