"""The command palette in Dutch, and a provider that finds pupils and cases.

``DutchCommandPalette`` is Textual's palette with Dutch words (placeholder,
"Niets gevonden", key descriptions). ``SearchProvider`` finds a case by any
part of its number, class or a name in it, and a pupil by any part of their
name, class or pupil number; choosing a pupil opens their newest case. It also
offers "Klassengesprek…" (bijlage 1, asks for the class) and, for a class
typed or found, "Klassengesprek klas 2B".
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.widgets.option_list import Option

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.services.reads import CASE_STATUSES, PERSON_KINDS
from pestcli.text import plain

if TYPE_CHECKING:
    from pestcli.services.reads import Case, Person

PLACEHOLDER = "Zoek een opdracht, leerling of casus…"
NO_MATCHES = "Niets gevonden"
#: Fewer typed characters than this search only the app's commands.
MIN_QUERY = 2
#: At most this many cases and this many people per search.
MAX_HITS = 8
#: The command that opens the class conversation (bijlage 1) for a class.
CLASS_TALK = "Klassengesprek…"
CLASS_TALK_HELP = "Bijlage 1: ‘Omgaan met elkaar’, afspraken maken met een klas (per schooljaar)"


class DutchCommandPalette(CommandPalette):
    """Textual's command palette with every word in Dutch."""

    BINDINGS = [
        Binding("ctrl+end, shift+end", "command_list('last')", "Naar het einde", show=False, id="palette_last"),
        Binding("ctrl+home, shift+home", "command_list('first')", "Naar het begin", show=False,
                id="palette_first"),
        Binding("down", "cursor_down", "Volgende", show=False, id="palette_down"),
        Binding("escape", "escape", "Sluiten", id="palette_close"),
        Binding("pagedown", "command_list('page_down')", "Pagina verder", show=False, id="palette_page_down"),
        Binding("pageup", "command_list('page_up')", "Pagina terug", show=False, id="palette_page_up"),
        Binding("up", "command_list('cursor_up')", "Vorige", show=False, id="palette_up"),
    ]

    def __init__(self, placeholder: str = PLACEHOLDER, **kwargs) -> None:
        """The palette with the Dutch placeholder (other arguments as Textual's)."""
        super().__init__(placeholder=placeholder, **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Show "Niets gevonden" (instead of Textual's English) when a search finds nothing."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES,
                ))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def highlight(text: str, query: str, style) -> Content:
    """``text`` as Content with every occurrence of each word of ``query`` styled (never markup).

    Control characters in a stored name are left out first.
    """
    text = plain(text)
    content = Content(text)
    folded = text.casefold()
    for word in query.casefold().split():
        start = folded.find(word)
        while word and start >= 0:
            content = content.stylize(style, start, start + len(word))
            start = folded.find(word, start + len(word))
    return content


def plain_help(text: str) -> str:
    """A hit's help text shown as it is, never read as markup (a name may hold ``[``).

    Textual types ``Hit.help`` as ``str`` but shows it with ``Content.from_markup``,
    which takes a :class:`Content` as it is; the cast says only that.
    """
    return cast("str", Content(text))


def case_label(case: Case, victims: list[str]) -> str:
    """How a case shows in the palette: number, class and the victims."""
    label = f"Casus {case.number}"
    if case.class_name:
        label += f" · klas {case.class_name}"
    if victims:
        label += " · " + ", ".join(victims)
    return label


def person_label(person: Person) -> str:
    """How a person shows in the palette: name, and class or kind, pupil number, "van school" for a leaver."""
    name = f"{person.first_name} {person.last_name}".strip()
    extra = f"klas {person.class_name}" if person.class_name else PERSON_KINDS.get(person.kind, "")
    if person.pupil_number.strip():
        extra = ", ".join(part for part in (extra, f"nr. {person.pupil_number.strip()}") if part)
    if getattr(person, "left_on", None) is not None:
        extra = ", ".join(part for part in (extra, "van school") if part)
    return f"{name} ({extra})" if extra else name


class SearchProvider(Provider):
    """Finds cases and pupils by a fragment of a name, class or case number."""

    def _find(self, query: str) -> tuple[list[tuple[Case, list[str]]], list[tuple[Person, Case | None]]]:
        """The matching cases (with victims) and people (with their newest case); runs in a thread."""
        from pestcli.services.reads import cases_of_person, find_people, people_in_case, search_cases

        store = pest_app(self).store
        found_cases: list[tuple[Case, list[str]]] = []
        for case in search_cases(store, query, limit=MAX_HITS):
            assert case.id is not None  # read from the database
            found_cases.append((case, [f"{p.person.first_name} {p.person.last_name}".strip()
                                       for p in people_in_case(store, case.id) if p.role == "gepeste"]))
        found_people: list[tuple[Person, Case | None]] = []
        for person in find_people(store, query, limit=MAX_HITS):
            assert person.id is not None  # read from the database
            theirs = cases_of_person(store, person.id)
            found_people.append((person, theirs[0][0] if theirs else None))
        return found_cases, found_people

    async def discover(self) -> Hits:
        """Before anything is typed: the class conversation."""
        yield DiscoveryHit(CLASS_TALK, self.ask_class, help=CLASS_TALK_HELP)
        from pestcli.screens.erase_pupil import ERASE_PUPIL, ERASE_PUPIL_HELP, open_erase_pupil

        yield DiscoveryHit(ERASE_PUPIL, lambda: open_erase_pupil(self.app), help=ERASE_PUPIL_HELP)

    def ask_class(self) -> None:
        """Ask which class, then open its class conversation."""
        from pestcli.protocol.calendar import school_year_of
        from pestcli.screens.class_conversation import open_class_conversation
        from pestcli.screens.class_picker import ClassPicker
        from pestcli.services.class_talks import known_classes

        app = self.app
        pest = pest_app(self)

        def chosen(name: str | None) -> None:
            if name:
                open_class_conversation(app, name)

        app.push_screen(ClassPicker(known_classes(pest.store), school_year_of(pest.today())), chosen)

    def _class_talk_hits(self, query: str) -> list[tuple[str, Callable[[], None]]]:
        """"Klassengesprek…" when the words match it; "Klassengesprek klas X" for each class named."""
        from pestcli.services.class_talks import known_classes

        words = query.casefold().split()
        asked = [w for w in words if "klassengesprek".startswith(w) or w.startswith("klassengesprek")]
        rest = [w for w in words if w not in asked and w != "klas"]
        hits: list[tuple[str, Callable[[], None]]] = []
        if asked and not rest:
            hits.append((CLASS_TALK, self.ask_class))
        if asked or (len(words) == 1 and rest):
            for name in known_classes(pest_app(self).store):
                if rest and not all(w == name.casefold() for w in rest):
                    continue
                hits.append((f"Klassengesprek klas {name}", self._class_opener(name)))
        return hits[:MAX_HITS]

    def _class_opener(self, name: str) -> Callable[[], None]:
        """The callback that opens the class conversation of class ``name``."""
        from pestcli.screens.class_conversation import open_class_conversation

        return lambda: open_class_conversation(self.app, name)

    async def search(self, query: str) -> Hits:
        """Cases and people that contain the typed text; the class conversation."""
        query = query.strip()
        if len(query) < MIN_QUERY:
            return
        style = self.match_style
        try:
            class_hits = await asyncio.to_thread(self._class_talk_hits, query)
        except Exception:  # noqa: BLE001 - a failed search shows no hits, never a traceback
            class_hits = []
        for label, callback in class_hits:  # "Klassengesprek…" (asks for the class) above the classes
            yield Hit(0.98 if label == CLASS_TALK else 0.97, highlight(label, query, style), callback, text=label,
                      help=plain_help(CLASS_TALK_HELP))
        from pestcli.screens.erase_pupil import ERASE_PUPIL, ERASE_PUPIL_HELP, open_erase_pupil

        if any(w in ("wis", "wissen", "avg") or w.startswith("wis") for w in query.casefold().split()):
            yield Hit(0.96, highlight(ERASE_PUPIL, query, style), lambda: open_erase_pupil(self.app),
                      text=ERASE_PUPIL, help=plain_help(ERASE_PUPIL_HELP))
        try:
            found_cases, found_people = await asyncio.to_thread(self._find, query)
        except Exception:  # noqa: BLE001 - a failed search shows no hits, never a traceback
            return
        style = self.match_style
        for person, newest in found_people:
            label = person_label(person)
            if newest is None:
                help_text = "Staat nog in geen enkele melding"
            else:
                help_text = f"Leerling · opent de nieuwste casus {newest.number} ({format_date(newest.reported_on)})"
            yield Hit(0.95, highlight(label, query, style), self._opener(newest, label), text=label,
                      help=plain_help(help_text))
        for case, victims in found_cases:
            label = case_label(case, victims)
            status = CASE_STATUSES.get(case.status, case.status)
            help_text = f"Melding van {format_date(case.reported_on)} · {status}"
            yield Hit(0.9, highlight(label, query, style), self._opener(case, label), text=label,
                      help=plain_help(help_text))

    def _opener(self, case: Case | None, label: str) -> Callable[[], None]:
        """The callback that opens ``case`` (or says there is none)."""
        if case is None:
            return lambda: self.app.notify(f"{label} staat nog in geen enkele melding.",
                                           title="Geen casus")
        case_id = case.id
        assert case_id is not None  # read from the database
        return lambda: pest_app(self).open_case(case_id)
