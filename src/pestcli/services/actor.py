"""Who is recorded as having done something (``done_by``, ``held_by``, ``escalated_by``, ...).

In a mentor's own file that is what the screen gives (the case's mentor).
On the school's server it is the person logged in, whoever's case it is:
the APC who records a follow-up of a mentor's case is named, not the
mentor (issue 17: "records them on everything they do").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store


def acting(store: Store, given: str) -> str:
    """The name to record: the logged-in person's on the school's server, else ``given``."""
    staff = getattr(store, "staff", None)
    return staff.name if staff is not None else given
