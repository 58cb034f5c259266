"""The access overview of one pupil (``pestcli export --pupil``) as Markdown or PDF.

The record comes from :func:`pestcli.store.access.pupil_record` (Dutch keys,
nested dicts and lists); both renderings walk it the same way: a heading per
case and per section, a line per field. The PDF reuses the dossier page
(fonts, margins, "Vertrouwelijk", page numbers). fpdf2 is imported only
when a PDF is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pestcli.protocol.model import Protocol

TITLE = "Inzageoverzicht pestcli"

#: Record keys that hold a list of sub-records, with their Dutch section title.
SECTIONS = {
    "stappen": "Stappen", "gesprekken": "Gesprekken", "punten": "Besproken punten",
    "afspraken": "Afspraken", "nagevraagd": "Nagevraagd", "vervolggesprekken": "Vervolggesprekken",
    "oudercontacten": "Contacten met ouders", "bewijs": "Bewijs", "escalaties": "Escalaties",
}


def readable(record: dict[str, Any], protocol: Protocol | None = None) -> dict[str, Any]:
    """A copy of the record with the app's codes in words, for the text and the PDF.

    The JSON keeps the stored values (``na-stap-3``, ``done``, ``bijlage-2``,
    ``bewijs.schermafdruk``); a person reading the text or the PDF reads
    "Na stap 3", "gedaan", "bijlage 2: ...", "Schermafdruk" (issue 13: no
    internal ids shown to a person). With the protocol the labels are the
    school's own (forms of bullying, guide items, rungs, kinds of evidence
    and contact, roles).
    """
    from pestcli.store.audit_words import AuditWords
    from pestcli.store.values import (AGREEMENT_STATUSES, CASE_STATUSES, CONTACT_PURPOSES, FOLLOWUP_OUTCOMES,
                                      ITEM_STATES)

    words = AuditWords(protocol)
    states = {**ITEM_STATES, **AGREEMENT_STATUSES}

    def informing(code: str) -> str:
        if protocol is not None:
            for choice in protocol.informing_parents.choices:
                if choice.id == code:
                    return choice.label
        return code.replace("-", " ").capitalize()

    def form(code: str) -> str:
        try:
            return protocol.form_label(code).rstrip(".") if protocol is not None else code
        except KeyError:
            return code

    def guide(code: str) -> str:
        try:
            found = protocol.guide(code) if protocol is not None else None
        except KeyError:
            found = None
        return f"bijlage {found.number}: {found.title}" if found else words.guide(code)

    def item(code: str) -> str:
        found = words.items.get(code)
        return found[1] if found else words.item(code)

    def roles(text: str) -> str:
        return ", ".join(words.role(r.strip()) for r in text.split(",")) if text else text

    def other(entry: str) -> str:
        role, _, initials = entry.partition(" ")
        return f"{words.role(role)} {initials}".strip()

    def word(table: dict[str, str], code: Any) -> Any:
        return table[code].lower() if isinstance(code, str) and code in table else code

    change = {
        "status": lambda v: word(CASE_STATUSES, v), "stand": lambda v: word(states, v),
        "ouders_inlichten": informing, "vormen": lambda v: [form(c) for c in v],
        "uitkomst": lambda v: word(FOLLOWUP_OUTCOMES, v), "doel": lambda v: word(CONTACT_PURPOSES, v),
        "hoe": lambda v: words.contact(v) if v else v, "soort": words.evidence, "naar": words.rung,
        "leidraad": guide, "punt": item, "rol": roles, "andere_betrokkenen": lambda v: [other(e) for e in v],
    }

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list) and key not in change:
            return [walk(v) for v in value]
        if key in change and value not in (None, ""):
            return change[key](value)
        return value

    return walk(record)


def label(key: str) -> str:
    """A record key as a Dutch label: ``gemeld_op`` -> ``Gemeld op``."""
    text = key.replace("_", " ")
    return text[:1].upper() + text[1:]


def value_text(value: Any) -> str:
    """A field value as text: lists joined, booleans as ja/nee, None as a dash."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    if value is None or value == "":
        return "–"
    return str(value)


def parent_text(parent: dict[str, Any]) -> str:
    """``Kees Jansen (vader), telefoon 06-12345678, e-mail kees@example.nl``."""
    text = f"{parent['naam']} ({parent['relatie']})"
    for key, word in (("telefoon", "telefoon"), ("e-mail", "e-mail")):
        if parent.get(key):
            text += f", {word} {parent[key]}"
    return text


def split_fields(record: dict[str, Any]) -> tuple[list[tuple[str, str]], list[tuple[str, list]]]:
    """The plain fields of a record and its sub-record lists."""
    fields, lists = [], []
    for key, value in record.items():
        if isinstance(value, list) and (not value or isinstance(value[0], dict)) and key in SECTIONS:
            lists.append((key, value))
        elif not isinstance(value, dict):
            fields.append((label(key), value_text(value)))
    return fields, lists


def render_markdown(record: dict[str, Any]) -> str:
    """The whole overview as Markdown text."""
    pupil = record["leerling"]
    lines = [f"# {TITLE}: {pupil['voornaam']} {pupil['achternaam']}".rstrip(), "",
             record["toelichting"], "", f"Gemaakt op: {record['gemaakt_op']}", "", "## Leerling", ""]
    lines += [f"- **{label(k)}:** {value_text(v)}" for k, v in pupil.items()]
    if record.get("ouders"):
        lines += ["", "## Ouders en verzorgers", ""]
        lines += [f"- {parent_text(p)}" for p in record["ouders"]]
    if not record["meldingen"]:
        lines += ["", "Er staan geen meldingen over deze leerling in pestcli."]
    for case in record["meldingen"]:
        lines += ["", f"## Melding {case['nummer']}", ""]
        lines += _markdown_block(case, 3)
    return "\n".join(lines) + "\n"


def _markdown_block(record: dict[str, Any], level: int) -> list[str]:
    """One record's fields as a list, then its sub-lists under headings."""
    fields, lists = split_fields(record)
    lines = [f"- **{name}:** {text}" for name, text in fields]
    for key, rows in lists:
        lines += ["", f"{'#' * level} {SECTIONS[key]}", ""]
        if not rows:
            lines.append("Geen.")
        for index, row in enumerate(rows, 1):
            lines += ["", f"{'#' * (level + 1)} {SECTIONS[key]} {index}", ""]
            lines += _markdown_block(row, level + 2)
    return lines


def pdf_bytes(record: dict[str, Any]) -> bytes:
    """The overview as the bytes of an A4 PDF."""
    from pestcli.report.pdf_layout import DossierPDF

    pupil = record["leerling"]
    name = f"{pupil['voornaam']} {pupil['achternaam']}".strip()
    pdf = DossierPDF("inzage", f"Vertrouwelijk · inzageoverzicht · gemaakt {record['gemaakt_op'][:10]}")
    pdf.set_title(f"{TITLE}: {name}")
    pdf.set_creator("pestcli")
    pdf.set_lang("nl-NL")
    pdf.add_page()
    pdf.title_block(f"{TITLE}: {name}", [record["toelichting"]])
    pdf.heading("Leerling")
    pdf.fields([(label(k), value_text(v)) for k, v in pupil.items()])
    if record.get("ouders"):
        pdf.heading("Ouders en verzorgers")
        for parent in record["ouders"]:
            pdf.paragraph(parent_text(parent))
    if not record["meldingen"]:
        pdf.paragraph("Er staan geen meldingen over deze leerling in pestcli.")
    for case in record["meldingen"]:
        pdf.heading(f"Melding {case['nummer']}")
        _pdf_block(pdf, case)
    return bytes(pdf.output())


def _pdf_block(pdf, record: dict[str, Any]) -> None:
    """One record's fields, then its sub-lists with subheadings."""
    fields, lists = split_fields(record)
    if fields:
        pdf.fields(fields)
    for key, rows in lists:
        pdf.subheading(SECTIONS[key])
        if not rows:
            pdf.paragraph("Geen.", size=9, muted=True)
        for row in rows:
            _pdf_block(pdf, row)
            pdf.ln(1)
