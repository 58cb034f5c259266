"""The protocol as pages to read and search, for the protocol reader.

Pure text work, no widgets: ``protocol_pages`` turns the loaded protocol
(its reading sections, the six steps, the forms, when the parents are told, the
escalation ladder and sanction phases, the guides and the language hints)
into a tree of ``Page``; ``search_pages`` finds pages by words;
``page_markdown`` renders a page as Markdown with the found words in bold.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from pestcli.protocol.model import Guide, Protocol, Section, Step

#: Kinds of lines: a paragraph, a list item, the guidance under an item,
#: a sub-heading inside the page, and raw Markdown (a table).
PARA, ITEM, GUIDANCE, HEADING, RAW = "p", "li", "sub", "h", "md"
#: A page with more lines than this below it lists its sub-pages instead of showing them.
MAX_INLINE = 80


@dataclass(frozen=True)
class Line:
    """One line of a page; ``plain`` is what search reads (for raw Markdown)."""

    kind: str
    text: str
    plain: str = ""

    @property
    def searchable(self) -> str:
        """The text search looks in."""
        return self.plain or self.text


@dataclass(frozen=True)
class Page:
    """A titled part of the protocol with its lines and sub-pages."""

    id: str
    title: str
    lines: tuple[Line, ...] = ()
    children: tuple[Page, ...] = ()

    def walk(self) -> Iterator[tuple[Page, tuple[str, ...]]]:
        """This page and all below it, each with the titles of its ancestors."""
        stack: list[tuple[Page, tuple[str, ...]]] = [(self, ())]
        while stack:
            page, path = stack.pop()
            yield page, path
            stack.extend((c, (*path, page.title)) for c in reversed(page.children))

    @property
    def text(self) -> str:
        """The page's own text (title and lines), for search."""
        return "\n".join([self.title, *(line.searchable for line in self.lines)])


def fold(text: str) -> str:
    """Lower case without accents, one character for one (so offsets still fit)."""
    return "".join(unicodedata.normalize("NFKD", c)[:1].lower() or c for c in text)


def search_pages(pages: tuple[Page, ...], query: str) -> list[tuple[Page, tuple[str, ...]]]:
    """The pages whose own text holds every word of ``query``, in reading order."""
    words = fold(query).split()
    if not words:
        return []
    return [(page, path) for top in pages for page, path in top.walk()
            if all(w in fold(page.text) for w in words)]


_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def escape(text: str) -> str:
    """Text made safe for Markdown (its own characters are shown as they are)."""
    text = _SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\s*)(\d+)([.)])", r"\1\2\\\3", text).replace("\n", " ")


def mark(text: str, words: list[str]) -> str:
    """``text`` escaped for Markdown, every occurrence of ``words`` in bold."""
    folded, spans = fold(text), []
    for word in words:
        start = folded.find(word)
        while word and start >= 0:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + len(word))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out += [escape(text[pos:start]), "**", escape(text[start:end]), "**"]
        pos = end
    return "".join([*out, escape(text[pos:])])


def size(page: Page) -> int:
    """How many lines a page has with everything below it."""
    return len(page.lines) + sum(size(child) for child in page.children)


def page_markdown(page: Page, query: str = "", level: int = 2, with_children: bool = True,
                  path: tuple[str, ...] = (), only_matching: bool = False) -> str:
    """The page as Markdown, found words in bold.

    ``with_children`` adds the sub-pages (only their titles when they are
    long, ``MAX_INLINE`` lines); ``only_matching`` keeps just the lines that
    hold a word of ``query`` (a search result).
    """
    words = fold(query).split()
    parts = []
    if path:
        parts.append("*" + escape(" › ".join(path)) + "*")
    parts.append("#" * min(level, 6) + " " + mark(page.title, words))
    lines = page.lines
    if only_matching and words:
        lines = tuple(line for line in lines if any(w in fold(line.searchable) for w in words))
    for line in lines:
        if line.kind == PARA:
            parts.append(mark(line.text, words))
        elif line.kind == ITEM:
            parts.append("- " + mark(line.text, words))
        elif line.kind == GUIDANCE:
            parts.append("    - *" + mark(line.text, words) + "*")
        elif line.kind == HEADING:
            parts.append("#" * min(level + 1, 6) + " " + mark(line.text, words))
        else:
            parts.append(line.text)
    if with_children and page.children and size(page) > MAX_INLINE:
        parts.append("Onderdelen (kies ze links in de inhoud):")
        parts += ["- " + mark(child.title, words) for child in page.children]
        return _join(parts)
    text = _join(parts)
    if with_children:
        for child in page.children:
            text += "\n\n" + page_markdown(child, query, level + 1)
    return text


def _join(parts: list[str]) -> str:
    """Markdown blocks: list items stay together, everything else gets a blank line."""
    out = ""
    for part in parts:
        tight = part.lstrip().startswith("- ") and out.rstrip().split("\n")[-1].lstrip().startswith("- ")
        out += ("\n" if tight else "\n\n") + part if out else part
    return out


def _items(items, intro: str = "") -> list[Line]:
    """List items with their guidance, after an optional paragraph."""
    lines = [Line(PARA, intro)] if intro else []
    for item in items:
        lines.append(Line(ITEM, item.text))
        lines += [Line(GUIDANCE, g) for g in item.guidance]
    return lines


def section_page(section: Section) -> Page:
    """A reading section and its sub-sections."""
    lines = [Line(PARA, t) for t in section.text] + _items(section.items)
    return Page(section.id, section.title, tuple(lines), tuple(section_page(s) for s in section.sections))


def deadline_text(step: Step) -> str:
    """The step's deadline rule in words, e.g. 'binnen 7 dagen na stap 2'."""
    rule = step.deadline
    if rule is None:
        return "bij de melding" if step.number == 1 else "volgens het schema van stap 5"
    anchor = "de melding" if rule.after == "melding" else rule.after.replace("-", " ")
    text = f"binnen {rule.days} dagen na {anchor}"
    if rule.follows_informing_choice:
        text += " (of na een andere stap: de keuze bij de melding, afhankelijk van de ernst)"
    return text


class _Labels:
    """Dutch labels of the ids steps and phases refer to."""

    def __init__(self, protocol: Protocol) -> None:
        self.who = {r.id: r.label for r in protocol.rules.escalation}
        self.roles = {r.id: r.label for r in protocol.roles}
        self.guides = {g.id: f"bijlage {g.number}: {g.title}" for g in protocol.guides}
        self.numbers = {g.id: g.number for g in protocol.guides}


def steps_page(protocol: Protocol) -> Page:
    """The six steps: a table at a glance, each step, and the tussenstappen."""
    labels = _Labels(protocol)
    table = ["| Stap | Wat | Wie | Termijn | Leidraad |", "|---|---|---|---|---|"]
    plain = []
    for step in protocol.steps:
        guides = ", ".join(f"bijlage {labels.numbers[g]}" for g in step.guides if g in labels.numbers) or "—"
        cells = (str(step.number), step.title, labels.who.get(step.actor, step.actor), deadline_text(step), guides)
        table.append("| " + " | ".join(escape(c) for c in cells) + " |")
        plain.append(" ".join(cells))
    children = [_step_page(step, labels, protocol) for step in protocol.steps]
    if protocol.tussenstappen:
        children.append(Page("stappen.tussenstappen", "Tussenstappen", tuple(_items(protocol.tussenstappen))))
    lines = (Line(PARA, "Wat er na een melding gebeurt, wie het doet en wanneer."),
             Line(RAW, "\n".join(table), "\n".join(plain)))
    return Page("stappen", "Het stappenplan in zes stappen", lines, tuple(children))


def _step_page(step: Step, labels: _Labels, protocol: Protocol) -> Page:
    """One step: who, when, the text, the guides, the evidence list and the notes."""
    lines = [Line(PARA, f"Wie: {labels.who.get(step.actor, step.actor)}. Termijn: {deadline_text(step)}.")]
    lines += [Line(PARA, t) for t in step.text]
    if step.participants:
        names = ", ".join(labels.roles.get(r, r) for r in step.participants)
        lines.append(Line(PARA, f"Wie doen mee: {names}."))
    if step.guides:
        lines += [Line(HEADING, "Leidraad")] + [Line(ITEM, labels.guides.get(g, g)) for g in step.guides]
    if step.evidence:
        lines += [Line(HEADING, "Bewijs verzamelen bij online pesten"), *_items(step.evidence)]
    if step.notes:
        lines += [Line(HEADING, "Let op")] + [Line(ITEM, n) for n in step.notes]
    if step.number == 1 and protocol.rules.police:
        lines += [Line(HEADING, "Strafbare feiten")] + [Line(ITEM, t) for t in protocol.rules.police]
    return Page(f"stappen.{step.number}", f"Stap {step.number}: {step.title}", tuple(lines))


def guide_page(guide: Guide, labels: _Labels) -> Page:
    """A conversation guide (bijlage): purpose, who takes part, and its parts."""
    lines = [Line(PARA, t) for t in guide.purpose]
    if guide.participants:
        lines.append(Line(PARA, "Wie doen mee: " + ", ".join(labels.roles.get(r, r) for r in guide.participants) + "."))
    for part in guide.parts:
        if part.kind == "vervallen":  # kept only to name items of old conversations
            continue
        lines.append(Line(HEADING, part.title))
        lines += [Line(PARA, t) for t in part.text] + _items(part.items)
    return Page(guide.id, f"Bijlage {guide.number}: {guide.title}", tuple(lines))


def protocol_pages(protocol: Protocol) -> tuple[Page, ...]:
    """Every page of the reader, in reading order."""
    labels = _Labels(protocol)
    forms = tuple(Page(f"vormen.{g.id}", g.title, tuple(_items(g.items))) for g in protocol.forms)
    informing = protocol.informing_parents
    parents = (Line(PARA, informing.hint), *(Line(ITEM, f"{c.label}: {c.description}") for c in informing.choices),
               Line(PARA, "De mentor kiest dit bij de melding en schrijft kort op waarom."))
    ladder = [Line(HEADING, "Wie heeft de regie")]
    ladder += [Line(ITEM, f"{r.label}: {r.description}") for r in protocol.rules.escalation]
    phases = tuple(
        Page(f"fasen.{p.number}", p.title,
             (*(Line(PARA, t) for t in p.description), Line(PARA, f"Besluit: {labels.who.get(p.who, p.who)}.")))
        for p in protocol.rules.sanctions
    )
    hints = tuple(Line(ITEM, f"“{h.pattern}” — {h.reason}") for h in protocol.language_hints)
    return (
        *(section_page(s) for s in protocol.reading),
        steps_page(protocol),
        Page("vormen", "Vormen van pesten (checklist)", (), forms),
        Page("ouders", informing.question, parents),
        Page("escalatie", "Escalatie en sanctiefasen", tuple(ladder), phases),
        Page("bijlagen", "Gespreksleidraden (bijlagen)", (),
             tuple(guide_page(g, labels) for g in protocol.guides)),
        Page("taal", "Taal zonder schuldvraag", (Line(PARA, "Woorden die het gesprek zonder schuldvraag "
                                                          "vermijdt, met de reden uit het protocol."), *hints)),
    )
