"""A radio button that tells its choice by a sign, not by colour alone."""

from __future__ import annotations

from textual.widgets import RadioButton


class MarkedRadioButton(RadioButton):
    """A radio button whose dot shows only when chosen: the choice is not told by colour alone."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's name
        """The dot when chosen, a blank otherwise."""
        return "●" if self.value else " "
