"""How pestcli names a person: the full name, or Dutch initials for data minimisation.

One rule for every place that shows initials (agenda, dossier text, access
export), so the same pupil reads the same everywhere; and the one wording of
who reported a case (``reporter_line``). Pure standard library.
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
