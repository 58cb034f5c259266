"""Use case: fill an empty database with the fictional demo cases (for a first look)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store
    from pestcli.store.workflow import Rules


def load_demo(store: Store, rules: Rules, today: date) -> int:
    """Write the demo cases (a database with cases is refused, in Dutch); how many were written."""
    from pestcli.store.demo import fill_demo

    return fill_demo(store, today=today, rules=rules).cases
