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

Screens and widgets may import this module (it holds no screen and no
widget); it imports ``pestcli.app`` for the type checker only, so it adds no
import at run time and no cycle (``pestcli.app`` imports the screens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App

    from pestcli.app import PestApp

__all__ = ("PestAppAccess", "pest_app")


class HasApp(Protocol):
    """Anything that reaches the running app through ``.app`` (every Textual node)."""

    @property
    def app(self) -> App[Any]:
        """The running app."""


def pest_app(node: HasApp) -> PestApp:
    """The running app of ``node`` (a screen or widget), typed as pestcli's :class:`~pestcli.app.PestApp`."""
    return cast("PestApp", node.app)


class PestAppAccess:
    """Mixin for a screen or widget: ``self.pest`` is the running app, typed as ``PestApp``.

    Put it before the Textual base (``class X(PestAppAccess, Screen[None])``);
    ``self.pest.store`` then is a ``Store``, ``self.pest.today()`` a ``date``.
    """

    @property
    def pest(self: HasApp) -> PestApp:
        """The running app, typed as ``PestApp`` (the same object as ``self.app``)."""
        return pest_app(self)
