"""How pestcli names a person: the full name, Dutch initials, and Dutch capitals.

One rule for every place that shows initials (agenda, dossier text, access
export), so the same pupil reads the same everywhere; the one wording of
who reported a case (``reporter_line``); and how a new person's typed name is
written (``capitalise_name``: "sanne de vries" -> "Sanne de Vries") and
compared with the names already known (``same_name``). Pure standard library.
"""

from __future__ import annotations

#: Lower-case words of a Dutch surname that are not part of its initial ("van", "de" ...).
TUSSENVOEGSELS = frozenset({
    "van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "op", "la", "le", "d'",
})


def full_name(first_name: str, last_name: str) -> str:
    """``Fenna Kuipers``; only the first name when there is no last name."""
    return f"{first_name} {last_name}".strip()


def initials(first_name: str, last_name: str) -> str:
    """Dutch initials: ``Daan Verbeek`` -> ``D.V.``, ``Jesse van Dongen`` -> ``J.v.D.``."""
    parts = [first_name.strip()[:1].upper()] if first_name.strip() else []
    for word in last_name.split():
        letter = word[:1]
        parts.append(letter.lower() if word.lower() in TUSSENVOEGSELS else letter.upper())
    return "".join(f"{p}." for p in parts if p) or "?"


def reporter_line(kind_label: str, person: str, name: str, relation: str, pupil: str | None) -> str:
    """What the case screen and the summary say after "Gemeld door:".

    ``kind_label`` is the protocol's label of the kind ("Een ouder"),
    ``person`` the kind's person (``gepeste``, ``leerling``, ``ouder``,
    ``medewerker``, ``anoniem``), ``pupil`` the reporting pupil's name (None
    when none is linked). Examples: "Sanne de Vries (de gepeste leerling
    zelf)", "Marieke de Vries, moeder van Sanne (een ouder)", "Anoniem (geen
    naam bewaard)".
    """
    kind = kind_label[:1].lower() + kind_label[1:]
    if person == "anoniem":
        return f"{kind_label} (geen naam bewaard)"
    if pupil:
        return f"{pupil} ({kind})"
    if name:
        return f"{name}, {relation} ({kind})" if relation else f"{name} ({kind})"
    if person in ("gepeste", "leerling"):
        return f"{kind_label} (naam niet vastgelegd of gewist)"
    return f"{kind_label} (naam niet vastgelegd)"


#: Words between a first name and a surname that Dutch writes in lower case
#: ("Sanne de Vries", "Jan van der Berg", "Fleur in 't Veld"). Only these are
#: ever put in lower case; foreign particles ("Da Silva") stay as typed.
NAME_PARTICLES = frozenset({
    "van", "de", "der", "den", "het", "'t", "'s", "ten", "ter", "te", "in", "op", "aan", "bij", "uit",
    "voor", "over", "onder", "tot", "d'",
})
#: Particles of names from other languages ("Noor el Amrani", "Da Silva"): kept as typed, raised nor lowered.
FOREIGN_PARTICLES = frozenset({
    "el", "al", "la", "le", "da", "di", "du", "dos", "das", "del", "della", "von", "zu", "bin", "ben", "abu",
})


def _capitalised(part: str) -> str:
    """One word part with its first letter in upper case; the other letters as typed.

    Dutch "ij" at the start is one letter: ``ijsbrand`` -> ``IJsbrand``. A
    one-letter prefix before an apostrophe is a name of its own:
    ``d'ancona`` -> ``D'Ancona``, ``o'brien`` -> ``O'Brien``.
    """
    if not part:
        return part
    if part[:2] in ("ij", "Ij"):
        return "IJ" + part[2:]
    for quote in ("'", "’"):
        prefix, found, rest = part.partition(quote)
        if found and len(prefix) == 1 and prefix.isalpha() and rest:
            return prefix.upper() + quote + _capitalised(rest)
    index = next((i for i, char in enumerate(part) if char.isalpha()), None)
    if index is None or part[index] == "t" and part[:index] in ("'", "’"):
        return part  # "'t" or a word without letters: as typed
    return part[:index] + part[index].upper() + part[index + 1:]


def _words(text: str) -> list[str]:
    """The words of a name, extra spaces left out."""
    return text.split()


def _hyphen_join(word: str, change) -> str:
    """Apply ``change(part)`` to each part of a hyphenated word."""
    return "-".join(change(part) for part in word.split("-"))


def capitalise_first_name(first_name: str) -> str:
    """A first name as Dutch writes it: ``anne-marie`` -> ``Anne-Marie``, ``jan  willem`` -> ``Jan Willem``.

    Only first letters are raised; a letter typed in upper case is never
    lowered (``McKenzie`` stays).
    """
    return " ".join(_hyphen_join(word, _capitalised) for word in _words(first_name))


def capitalise_last_name(last_name: str) -> str:
    """A surname after a first name, as Dutch writes it.

    Tussenvoegsels in lower case, the name itself capitalised:
    ``de vries`` -> ``de Vries``, ``Van Der Berg`` -> ``van der Berg``,
    ``in 't veld`` -> ``in 't Veld``, ``jansen-de vries`` ->
    ``Jansen-de Vries``. The last word is always the name itself (a surname
    ``Van`` stays ``Van``); a letter typed in upper case inside a word is
    never lowered (``DeVries``, ``McDonald``); a particle of another
    language is kept as typed (``el Amrani``, ``Da Silva``).
    """
    words = _words(last_name)
    # The parts between spaces and hyphens are counted, to know which part is the last.
    total, seen = sum(len(word.split("-")) for word in words), 0
    out = []
    for word in words:
        pieces = []
        for part in word.split("-"):
            seen += 1
            if seen < total and part.lower() in NAME_PARTICLES:
                pieces.append(part.lower())
            elif seen < total and part.lower() in FOREIGN_PARTICLES:
                pieces.append(part)
            else:
                pieces.append(_capitalised(part))
        out.append("-".join(pieces))
    return " ".join(out)


def capitalise_name(first_name: str, last_name: str) -> tuple[str, str]:
    """First name and surname as Dutch names are written (see the two functions above).

    A name typed wholly in capitals (``SANNE DE VRIES``) is kept as typed,
    extra spaces left out: lowering only its tussenvoegsel would read worse.
    """
    whole = f"{first_name}{last_name}"
    if any(char.isalpha() for char in whole) and whole.isupper():
        return " ".join(_words(first_name)), " ".join(_words(last_name))
    return capitalise_first_name(first_name), capitalise_last_name(last_name)


def same_name(first_a: str, last_a: str, first_b: str, last_b: str) -> bool:
    """True when two people have the same full name, ignoring case and extra spaces."""
    def key(first: str, last: str) -> str:
        return " ".join(f"{first} {last}".split()).casefold()

    return key(first_a, last_a) == key(first_b, last_b)
