"""The typed way from a screen or widget to pestcli's app and its context.

Textual types ``self.app`` as a plain ``App``, so ``self.app.store``,
``.today()``, ``.protocol``, ``.calendar`` and ``.rules`` are untyped there
and mypy checks nothing that flows from them. The app is always a
:class:`~pestcli.app.PestApp`, which declares them typed; this module says
so once, as Posting does (``cast("Posting", self.app)``):

- :func:`pest_app` for any node (a screen, a widget, a message handler's
  owner)::

      from pestcli.app_access import pest_app

      store = pest_app(self).store        # Store
      day = pest_app(self).today()        # date

- :class:`PestAppAccess`, a mixin with the same as a ``pest`` property, for
  a class that reaches the app in many places (put it before the Textual
  base)::

      from pestcli.app_access import PestAppAccess

      class CaseScreen(PestAppAccess, Screen[None]):
          def on_mount(self) -> None:
              rules = self.pest.rules     # store.workflow.Rules

Both are a cast, nothing more: no check at run time, so a test's bare
``App`` that carries only the attributes a widget reads keeps working.

What they return is typed as :class:`PestContext`, the part of the app that
screens and widgets use (``PestApp`` has it all), not as ``PestApp`` itself:
the app imports the screens, so a screen that named the app would close an
import cycle (an import-linter contract forbids cycles, also through imports
made for the type checker only).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App

    from pestcli.protocol.calendar import SchoolCalendar
    from pestcli.protocol.model import Protocol as SchoolProtocol
    from pestcli.store.backend.engine import Store
    from pestcli.store.workflow import Rules

__all__ = ("PestAppAccess", "PestContext", "pest_app")


class HasApp(Protocol):
    """Anything that reaches the running app through ``.app`` (every Textual node)."""

    @property
    def app(self) -> App[Any]:
        """The running app."""


class PestContext(Protocol):
    """What screens and widgets use of pestcli's app (``pestcli.app.PestApp`` provides it)."""

    #: The loaded protocol (the school's own or the shipped one).
    protocol: SchoolProtocol
    #: The open store (the database).
    store: Store
    #: The school calendar of the protocol's region.
    calendar: SchoolCalendar
    #: Today (a function, so a test can fix the day).
    today: Callable[[], date]

    @property
    def rules(self) -> Rules:
        """The protocol and the calendar together, for the use cases."""

    def open_case(self, case_id: int) -> None:
        """Show the case screen of ``case_id``."""

    def first_screen_shown(self) -> None:
        """The home screen shows what it read (the app then checks the file and loads the rest)."""

    def action_new_report(self) -> None:
        """Open the form for a new report (melding)."""

    def action_agenda(self) -> None:
        """Open the agenda."""


def pest_app(node: HasApp) -> PestContext:
    """The running app of ``node`` (a screen or widget), typed as :class:`PestContext`."""
    return cast("PestContext", node.app)


class PestAppAccess:
    """Mixin for a screen or widget: ``self.pest`` is the running app, typed as :class:`PestContext`.

    Put it before the Textual base (``class X(PestAppAccess, Screen[None])``);
    ``self.pest.store`` then is a ``Store``, ``self.pest.today()`` a ``date``.
    """

    @property
    def pest(self: HasApp) -> PestContext:
        """The running app, typed (the same object as ``self.app``)."""
        return pest_app(self)
