"""Dutch capitals in a new person's name (``pestcli.names.capitalise_name``) and the same-name check."""

from __future__ import annotations

import pytest

from pestcli.names import capitalise_first_name, capitalise_last_name, capitalise_name, same_name


@pytest.mark.parametrize(("first", "last", "expected"), [
    ("sanne", "de vries", ("Sanne", "de Vries")),
    ("Sanne", "De Vries", ("Sanne", "de Vries")),
    ("jesse", "van dongen", ("Jesse", "van Dongen")),
    ("jan", "van der berg", ("Jan", "van der Berg")),
    ("Jan", "Van Den Bosch", ("Jan", "van den Bosch")),
    ("lotte", "ter horst", ("Lotte", "ter Horst")),
    ("bram", "uit den bogaard", ("Bram", "uit den Bogaard")),
    ("fleur", "in 't veld", ("Fleur", "in 't Veld")),
    ("noor", "'t hart", ("Noor", "'t Hart")),
    ("mila", "van 't hof", ("Mila", "van 't Hof")),
    ("daan", "op de beek", ("Daan", "op de Beek")),
    ("tess", "aan de stegge", ("Tess", "aan de Stegge")),
    ("ruben", "ten cate", ("Ruben", "ten Cate")),
    ("anne-marie", "jansen-de vries", ("Anne-Marie", "Jansen-de Vries")),
    ("jan willem", "de boer", ("Jan Willem", "de Boer")),
    ("  jan   willem ", " van   den  bosch ", ("Jan Willem", "van den Bosch")),
    ("ijsbrand", "ijzerman", ("IJsbrand", "IJzerman")),
    ("lisa", "d'ancona", ("Lisa", "D'Ancona")),
    ("sean", "o'brien", ("Sean", "O'Brien")),
    ("Kees", "McDonald", ("Kees", "McDonald")),  # an upper-case letter inside a word stays
    ("piet", "DeVries", ("Piet", "DeVries")),
    ("kees", "mcdonald", ("Kees", "Mcdonald")),  # only first letters are raised
    ("ahmed", "van", ("Ahmed", "Van")),  # the last word is the surname itself
    ("mo", "el amrani", ("Mo", "el Amrani")),  # a particle of another language: as typed
    ("Mo", "El Amrani", ("Mo", "El Amrani")),
    ("joão", "da silva", ("João", "da Silva")),
    ("Sanne", "de Vries", ("Sanne", "de Vries")),  # already right: unchanged
    ("SANNE", "DE VRIES", ("SANNE", "DE VRIES")),  # all capitals: as typed
    ("émilie", "de wit", ("Émilie", "de Wit")),
    ("fenna", "", ("Fenna", "")),
])
def test_a_new_name_is_written_as_dutch_names_are(first, last, expected):
    assert capitalise_name(first, last) == expected


def test_the_parts_on_their_own():
    assert capitalise_first_name("anne-sophie") == "Anne-Sophie"
    assert capitalise_last_name("van der velde-de jong") == "van der Velde-de Jong"
    assert capitalise_last_name("") == ""


@pytest.mark.parametrize(("a", "b", "same"), [
    (("sanne", "de vries"), ("Sanne", "de Vries"), True),
    (("Sanne", "de  Vries "), ("Sanne", "de Vries"), True),
    (("Sanne de", "Vries"), ("Sanne", "de Vries"), True),  # the same full name, split elsewhere
    (("Sanne", "de Vries"), ("Sanne", "Vries"), False),
    (("Sanna", "de Vries"), ("Sanne", "de Vries"), False),
])
def test_same_name_ignores_case_and_spaces(a, b, same):
    assert same_name(*a, *b) is same
