""""Bedoelt u Sanne de Vries (2B)?": asked before a person is added whose name is already known.

A mentor who types "sanne de vries" next to the known "Sanne de Vries (2B)"
most likely means her; a second person with the same name splits one pupil's
history over two people. The question is a small dialog, keyboard only, that
fits 80×24: ``j`` uses the known person (the highlighted one, when there are
several), ``n`` adds the typed one anyway (a different pupil with the same
name), Esc goes back to the form to change the name. Enter chooses the
highlighted line.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from pestcli.screens.dialog import Dialog
from pestcli.text import plain

#: The dialog's answer "Nee, een andere …: toevoegen" (a person id means "ja, die").
ADD_NEW = 0
#: The option id of "Nee".
_NEW_OPTION = "nieuw"
#: Before the highlighted answer, and before the others.
_MARKER, _UNMARKED = "▶ ", "  "


class SameNameDialog(Dialog[int | None]):
    """Dismisses with a known person's id (ja), ``ADD_NEW`` (nee) or None (Esc: back to the form)."""

    BOX_ID = "same-name"

    BINDINGS = [
        Binding("j", "use_known", "Ja, die", id="same_name_yes"),
        Binding("n", "add_new", "Nee, toevoegen", id="same_name_no"),
        Binding("escape", "cancel", "Terug", id="same_name_back"),
    ]

    def __init__(self, known: Sequence[tuple[int, str]], what: str = "leerling") -> None:
        """``known``: (person id, label such as "Sanne de Vries (2B)"); ``what``: "leerling" or "ouder"."""
        super().__init__()
        self.known = list(known)
        self.what = what

    @property
    def question(self) -> str:
        """"Bedoelt u Sanne de Vries (2B)?" (one known person) or a question about several."""
        if len(self.known) == 1:
            return f"Bedoelt u {self.known[0][1]}?"
        return f"Bedoelt u een van deze {len(self.known)} mensen met dezelfde naam?"

    def compose_dialog(self) -> ComposeResult:
        """The question, why it is asked, and the answers as a list (Ja first)."""
        other = "leerling" if self.what == "leerling" else "ouder of verzorger"
        yield Label(plain(self.question), classes="dialog-title", markup=False)
        yield Label(f"Deze naam staat al in pestcli. j: ja, die bedoel ik · n: nee, een andere {other} "
                    "met dezelfde naam · Esc: terug om de naam te wijzigen.",
                    classes="dialog-text", markup=False)
        self._answers = [f"Ja: {label}" for _, label in self.known]
        self._answers.append(f"Nee, een andere {other}: toch toevoegen")
        ids = [str(person_id) for person_id, _ in self.known] + [_NEW_OPTION]
        yield OptionList(*(Option(plain(f"{_UNMARKED}{text}"), id=option_id)
                           for text, option_id in zip(self._answers, ids, strict=True)),
                         id="same-name-answers", markup=False)

    def on_mount(self) -> None:
        """The answers have the focus, "Ja" highlighted."""
        answers = self.query_one(OptionList)
        answers.highlighted = 0
        answers.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted answer carries ▶ (not colour alone): that is the one Enter or j takes."""
        event.stop()
        answers = event.option_list
        for index, text in enumerate(self._answers):
            marker = _MARKER if index == event.option_index else _UNMARKED
            answers.replace_option_prompt_at_index(index, f"{marker}{text}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a line: that person, or "toch toevoegen"."""
        event.stop()
        option_id = event.option.id
        if option_id is None:  # every answer is added with an id
            return
        self.dismiss(ADD_NEW if option_id == _NEW_OPTION else int(option_id))

    def action_use_known(self) -> None:
        """Ja: the highlighted known person (the first when "Nee" is highlighted)."""
        answers = self.query_one(OptionList)
        index = answers.highlighted if answers.highlighted is not None else 0
        self.dismiss(self.known[min(index, len(self.known) - 1)][0])

    def action_add_new(self) -> None:
        """Nee: add the typed person anyway."""
        self.dismiss(ADD_NEW)

    def action_cancel(self) -> None:
        """Back to the form, nothing added."""
        self.dismiss(None)
