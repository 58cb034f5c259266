"""Load and validate a protocol directory (``data/protocol/`` or a school's own copy).

``load_protocol()`` reads every TOML file, checks every field and every
cross-reference (guides named by steps, role ids, unique item ids) and returns
a frozen ``Protocol``. Anything wrong raises ``ProtocolError`` with a Dutch
message naming the file, the line and the field.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from pestcli.protocol import model as m
from pestcli.protocol.errors import ProtocolError
from pestcli.protocol.paths import data_dir
from pestcli.protocol.toml_reader import Table, TomlFile

if TYPE_CHECKING:
    from pestcli.protocol.calendar import SchoolCalendar

_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_ANCHOR = re.compile(r"^(melding|stap-[1-6])$")
#: Part kinds: shown as checklist, shown as guidance, or kept only so old conversations can name
#: an item that moved elsewhere ("vervallen").
_KINDS = ("checklist", "guidance", "vervallen")

#: How deep reading sections may nest (``[[section.sections]]`` inside each other).
MAX_SECTION_DEPTH = 8

#: Environment variable naming a school's own protocol directory.
PROTOCOL_ENV = "PESTCLI_PROTOCOL"


def default_protocol_dir() -> Path:
    """The protocol shipped with pestcli."""
    return data_dir() / "protocol"


def resolve_protocol_dir(cli_value: str | os.PathLike | None = None) -> Path:
    """The protocol directory to use: ``--protocol`` > ``PESTCLI_PROTOCOL`` > shipped."""
    chosen = cli_value or os.environ.get(PROTOCOL_ENV)
    return Path(chosen).expanduser() if chosen else default_protocol_dir()


def load_protocol(directory: str | os.PathLike | None = None) -> m.Protocol:
    """Load, validate and return the protocol in ``directory`` (default: shipped)."""
    root = Path(directory) if directory else default_protocol_dir()
    try:
        found = root.is_dir()
    except OSError as exc:
        raise _path_error(root, exc) from None
    if not found:
        raise ProtocolError(f"de protocolmap {root} bestaat niet.")
    try:
        return _Builder(root).build()
    except RecursionError:
        raise ProtocolError(f"de protocolmap {root} bevat gegevens die te diep in elkaar genest zijn "
                            "om te lezen.") from None
    except OSError as exc:
        raise _path_error(root, exc) from None


def load_protocol_and_calendar(directory: str | os.PathLike | None = None,
                               calendar_dir: Path | None = None) -> tuple[m.Protocol, SchoolCalendar]:
    """The one validation of a protocol folder: the protocol and its region's school calendar.

    ``pestcli protocol`` and the app's start both call this, so a folder the
    check calls "in orde" is one the app starts with. Raises ProtocolError
    (Dutch, naming file, line and field) for anything wrong, including a
    ``[calendar] region`` without a school calendar.
    """
    from pestcli.protocol.calendar import SchoolCalendar
    from pestcli.protocol.errors import CalendarError

    protocol = load_protocol(directory)
    try:
        calendar = SchoolCalendar.load(protocol.rules.region, calendar_dir)
    except RecursionError:
        raise ProtocolError(f"de schoolkalender {protocol.rules.region}.toml is te diep genest om te "
                            "lezen.") from None
    except CalendarError as exc:
        if exc.file:  # the calendar file itself is wrong: it names itself
            raise
        root = Path(directory) if directory else default_protocol_dir()
        line = None
        try:
            line = TomlFile(root / "protocol.toml", display="protocol.toml").line_of(("calendar", "region"))
        except ProtocolError:
            pass
        message = exc.message[:1].lower() + exc.message[1:]  # it follows "veld 'calendar.region': "
        raise ProtocolError(message, file="protocol.toml", line=line, field="calendar.region") from None
    return protocol, calendar


def _path_error(root: Path, exc: OSError) -> ProtocolError:
    """A Dutch ProtocolError for a protocol folder the system cannot look at."""
    if exc.errno == errno.ENAMETOOLONG:
        shown = str(root) if len(str(root)) <= 80 else f"{str(root)[:60]}… ({len(str(root))} tekens)"
        return ProtocolError(f"het pad van de protocolmap is te lang voor het systeem: {shown}.")
    return ProtocolError(f"de protocolmap {root} is niet te lezen ({exc.strerror or 'onbekende fout'}).")


class _Builder:
    """Reads the files of one protocol directory and builds the model."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ids: dict[str, str] = {}

    def file(self, relative: str) -> Table:
        return TomlFile(self.root / relative, display=relative).root()

    def claim(self, table: Table, key: str = "id") -> str:
        """Read an id, check its form and that no other place uses it."""
        value = table.str(key)
        if not _ID.match(value):
            raise table.error(
                "een id bestaat uit kleine letters, cijfers, '.' en '-' "
                f"(niet '{value}').", key,
            )
        if value in self.ids:
            raise table.error(f"id '{value}' staat ook al in {self.ids[value]}.", key)
        self.ids[value] = table.file.name
        return value

    def item(self, table: Table) -> m.Item:
        table.check_keys(("id", "text", "guidance", "appointment_school_days"))
        days = table.int("appointment_school_days", minimum=1) if table.has("appointment_school_days") else None
        return m.Item(id=self.claim(table), text=table.str("text"), guidance=table.strings("guidance"),
                      appointment_school_days=days)

    def items(self, table: Table, key: str, required: bool = False) -> tuple[m.Item, ...]:
        return tuple(self.item(t) for t in table.tables(key, required))

    def labels(self, table: Table, key: str) -> tuple[m.Label, ...]:
        out = []
        for t in table.tables(key, required=True):
            t.check_keys(("id", "label", "description"))
            out.append(m.Label(id=t.str("id"), label=t.str("label"), description=t.str("description", "")))
        return tuple(out)

    # --- files -----------------------------------------------------------
    def build(self) -> m.Protocol:
        top = self.file("protocol.toml")
        if top.has("severity"):
            raise top.error("[[severity]] (licht, gemiddeld, ernstig) staat niet in het protocol en "
                            "bestaat niet meer. Zet daarvoor [informing_parents] in de plaats: wanneer "
                            "de ouders worden ingelicht, na stap 1 of na stap 3 (zie de meegeleverde "
                            "protocol.toml).", "severity")
        top.check_keys(("document", "calendar", "informing_parents", "role", "reporter", "contact",
                        "followups", "escalation", "sanction", "police", "retention"))
        document = self.document(top.table("document"))
        roles = self.labels(top, "role")
        steps, tussenstappen = self.steps(self.file("steps.toml"), {r.id for r in roles})
        guides = self.guides({r.id for r in roles} | {"klas"})
        guide_ids = {g.id for g in guides}
        for step in steps:
            for guide_id in step.guides:
                if guide_id not in guide_ids:
                    raise ProtocolError(f"stap {step.number} noemt gids '{guide_id}', die niet bestaat.",
                                        file="steps.toml", field="guides")
        return m.Protocol(
            document=document,
            steps=steps,
            guides=guides,
            rules=self.rules(top),
            informing_parents=self.informing_parents(top),
            roles=roles,
            reporter_kinds=self.reporter_kinds(top),
            contact_kinds=self.labels(top, "contact"),
            forms=self.forms(self.file("forms.toml")),
            language_hints=self.hints(self.file("language.toml")),
            reading=self.reading(),
            tussenstappen=tussenstappen,
            source_dir=str(self.root),
            retention_months=self.retention_months(top),
        )

    def retention_months(self, top: Table) -> int:
        """``[retention] months``: how long a closed case is kept (default 24)."""
        t = top.table("retention", required=False)
        if t is None:
            return m.DEFAULT_RETENTION_MONTHS
        t.check_keys(("months",))
        return t.int("months", m.DEFAULT_RETENTION_MONTHS, minimum=1)

    def document(self, t: Table) -> m.Document:
        t.check_keys(("name", "organisation", "version", "kenmerk", "source"))
        return m.Document(name=t.str("name"), organisation=t.str("organisation"),
                          version=t.str("version"), kenmerk=t.str("kenmerk"),
                          source=t.str("source", ""))

    def informing_parents(self, top: Table) -> m.InformingParents:
        """``[informing_parents]``: when the parents are told (stap 6), the choice per case."""
        t = top.table("informing_parents")
        t.check_keys(("question", "hint", "choice"))
        choices = []
        for c in t.tables("choice", required=True):
            c.check_keys(("id", "label", "after", "description"))
            after = c.str("after")
            if not _ANCHOR.match(after):
                raise c.error("moet 'melding' of 'stap-1' … 'stap-6' zijn: de stap waarna de "
                              "ouders binnen de termijn van stap 6 worden ingelicht.", "after")
            choices.append(m.InformingChoice(id=self.claim(c), label=c.str("label"), after=after,
                                             description=c.str("description", "")))
        if len(choices) < 2:
            raise t.error("geef minstens twee keuzes ([[informing_parents.choice]]), bijvoorbeeld "
                          "na stap 1 en na stap 3.", "choice")
        return m.InformingParents(question=t.str("question"), hint=t.str("hint", ""), choices=tuple(choices))

    def reporter_kinds(self, top: Table) -> tuple[m.ReporterKind, ...]:
        """``[[reporter]]``: who reports, and which person the report form asks for."""
        out = []
        allowed = ", ".join(f"'{p}'" for p in m.REPORTER_PERSONS)
        for t in top.tables("reporter", required=True):
            t.check_keys(("id", "label", "description", "person"))
            person = t.str("person")
            if person not in m.REPORTER_PERSONS:
                raise t.error(f"moet een van {allowed} zijn (niet '{person}').", "person")
            out.append(m.ReporterKind(id=t.str("id"), label=t.str("label"),
                                      description=t.str("description", ""), person=person))
        return tuple(out)

    def rules(self, top: Table) -> m.Rules:
        fu = top.table("followups")
        fu.check_keys(("after", "slot"))
        anchor = fu.str("after")
        if not _ANCHOR.match(anchor):
            raise fu.error("moet 'melding' of 'stap-1' … 'stap-6' zijn.", "after")
        slots = []
        for t in fu.tables("slot", required=True):
            t.check_keys(("label", "days", "weeks", "months"))
            slot = m.FollowUpSlot(label=t.str("label"), days=t.int("days", 0, minimum=0),
                                  weeks=t.int("weeks", 0, minimum=0), months=t.int("months", 0, minimum=0))
            if not (slot.days or slot.weeks or slot.months):
                raise t.error("geef days, weeks of months op.", "label")
            slots.append(slot)
        esc = top.table("escalation")
        esc.check_keys(("chances_after_broken", "rung"))
        rungs = []
        for t in esc.tables("rung", required=True):
            t.check_keys(("id", "label", "who", "description"))
            rungs.append(m.EscalationRung(id=t.str("id"), label=t.str("label"),
                                          who=t.str("who"), description=t.str("description")))
        rung_ids = {r.id for r in rungs}
        sanctions = []
        for t in top.tables("sanction", required=True):
            t.check_keys(("number", "title", "who", "description"))
            who = t.str("who")
            if who not in rung_ids:
                raise t.error(f"'{who}' is geen trede van de escalatieladder.", "who")
            sanctions.append(m.SanctionPhase(number=t.int("number", minimum=1), title=t.str("title"),
                                             description=t.strings("description", required=True), who=who))
        if [s.number for s in sanctions] != list(range(1, len(sanctions) + 1)):
            raise top.error("de fasen moeten oplopend genummerd zijn vanaf 1.", "sanction")
        calendar = top.table("calendar", required=False)
        region = "zuid"
        if calendar is not None:
            calendar.check_keys(("region",))
            region = calendar.str("region", "zuid")
        police = top.table("police", required=False)
        return m.Rules(
            followups=tuple(slots), followup_anchor=anchor,
            chances_after_broken=esc.int("chances_after_broken", minimum=0),
            escalation=tuple(rungs), sanctions=tuple(sanctions),
            police=police.strings("text") if police else (), region=region,
        )

    def steps(self, t: Table, roles: set[str]) -> tuple[tuple[m.Step, ...], tuple[m.Item, ...]]:
        t.check_keys(("step", "tussenstap"))
        steps = []
        for s in t.tables("step", required=True):
            s.check_keys(("number", "title", "actor", "summary", "text", "guides", "participants",
                          "deadline", "evidence", "notes"))
            deadline = None
            d = s.table("deadline", required=False)
            if d is not None:
                if d.has("after_if_severe"):
                    raise d.error("after_if_severe bestaat niet meer: zet follows_informing_choice = "
                                  "true; de keuze in [informing_parents] bepaalt dan het ankerpunt.",
                                  "after_if_severe")
                d.check_keys(("after", "days", "follows_informing_choice"))
                if not _ANCHOR.match(d.str("after")):
                    raise d.error("moet 'melding' of 'stap-1' … 'stap-6' zijn.", "after")
                deadline = m.Deadline(after=d.str("after"), days=d.int("days", minimum=0),
                                      follows_informing_choice=d.bool("follows_informing_choice"))
            participants = s.strings("participants")
            for p in participants:
                if p not in roles:
                    raise s.error(f"onbekende rol '{p}'.", "participants")
            steps.append(m.Step(
                number=s.int("number", minimum=1), title=s.str("title"), actor=s.str("actor"),
                summary=s.str("summary"), text=s.strings("text", required=True),
                guides=s.strings("guides"), deadline=deadline, participants=participants,
                evidence=self.items(s, "evidence"), notes=s.strings("notes"),
            ))
        if [s.number for s in steps] != list(range(1, len(steps) + 1)):
            raise t.error("de stappen moeten oplopend genummerd zijn vanaf 1.", "step")
        return tuple(steps), self.items(t, "tussenstap")

    def guides(self, roles: set[str]) -> tuple[m.Guide, ...]:
        folder = self.root / "guides"
        files = sorted(folder.glob("*.toml"), key=lambda p: [int(x) if x.isdigit() else x
                                                              for x in re.split(r"(\d+)", p.name)])
        if not files:
            raise ProtocolError("de map guides/ bevat geen gespreksleidraden.", file="guides/")
        return tuple(self.guide(self.file(f"guides/{p.name}"), roles) for p in files)

    def guide(self, top: Table, roles: set[str]) -> m.Guide:
        top.check_keys(("guide",))
        g = top.table("guide")
        g.check_keys(("id", "number", "title", "audience", "purpose", "participants", "parts"))
        guide_id = self.claim(g)
        participants = g.strings("participants")
        for p in participants:
            if p not in roles:
                raise g.error(f"onbekende rol '{p}'.", "participants")
        parts = []
        for part in g.tables("parts", required=True):
            part.check_keys(("id", "title", "kind", "items", "text", "captures_agreements", "plans_followups"))
            kind = part.str("kind")
            if kind not in _KINDS:
                raise part.error("moet 'checklist', 'guidance' of 'vervallen' zijn.", "kind")
            parts.append(m.GuidePart(
                id=self.claim(part), title=part.str("title"), kind=kind,
                items=self.items(part, "items"), text=part.strings("text"),
                captures_agreements=part.bool("captures_agreements"),
                plans_followups=part.bool("plans_followups"),
            ))
        return m.Guide(id=guide_id, number=g.int("number", minimum=1), title=g.str("title"),
                       audience=g.str("audience"), purpose=g.strings("purpose"),
                       participants=participants, parts=tuple(parts))

    def forms(self, top: Table) -> tuple[m.FormGroup, ...]:
        top.check_keys(("group",))
        out = []
        for g in top.tables("group", required=True):
            g.check_keys(("id", "title", "items"))
            out.append(m.FormGroup(id=self.claim(g), title=g.str("title"),
                                   items=self.items(g, "items", required=True)))
        return tuple(out)

    def hints(self, top: Table) -> tuple[m.LanguageHint, ...]:
        top.check_keys(("hint", "judgement"))
        out = []
        for h in top.tables("hint"):
            h.check_keys(("pattern", "kind", "reason"))
            out.append(m.LanguageHint(pattern=h.str("pattern"), kind=h.str("kind"), reason=h.str("reason")))
        for j in top.tables("judgement"):
            j.check_keys(("pattern", "kind", "reason", "subjects", "names", "not_names", "verbs", "fillers",
                          "labels"))
            judgement = m.Judgement(subjects=j.strings("subjects"), verbs=j.strings("verbs"),
                                    fillers=j.strings("fillers"), labels=j.strings("labels"),
                                    names=j.bool("names"), not_names=j.strings("not_names"))
            if not judgement.verbs or not judgement.labels or not (judgement.subjects or judgement.names):
                raise j.error("een oordeel heeft onderwerpen (of names = true), verbs en labels nodig.", "labels")
            out.append(m.LanguageHint(pattern=j.str("pattern"), kind=j.str("kind"), reason=j.str("reason"),
                                      judgement=judgement))
        return tuple(out)

    def reading(self) -> tuple[m.Section, ...]:
        folder = self.root / "reading"
        return tuple(self.section(self.file(f"reading/{p.name}").table("section"))
                     for p in sorted(folder.glob("*.toml")))

    def section(self, t: Table, depth: int = 1) -> m.Section:
        t.check_keys(("id", "title", "text", "items", "sections"))
        if depth > MAX_SECTION_DEPTH:
            raise ProtocolError(f"de hoofdstukken zijn te diep in elkaar genest (hoogstens "
                                f"{MAX_SECTION_DEPTH} niveaus).", file=t.file.name)
        return m.Section(id=self.claim(t), title=t.str("title"), text=t.strings("text"),
                         items=self.items(t, "items"),
                         sections=tuple(self.section(s, depth + 1) for s in t.tables("sections")))
