"""What the home screen asks of the school's team: what waits for the person logged in.

Apart from ``services.team`` so that the home screen, in a mentor's own file,
paints before the ORM is loaded: with no one logged in (``store.staff`` is
None) the answer comes without importing the store's team module; on the
school's server that module is imported on the first call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store
    from pestcli.store.team import WaitingItem as WaitingItem  # for the screens' annotations

__all__ = ["waiting_for_me"]


def waiting_for_me(store: Store) -> list[WaitingItem]:
    """What waits for the person's role (escalated to the APC, a sanction to decide); empty in a file."""
    if getattr(store, "staff", None) is None:
        return []
    from pestcli.services.team import waiting_for_me as read

    return read(store)
