"""The Dutch errors a use case raises, for the screens that catch them.

A screen catches ``StoreError`` (and its kinds) from here, so it never
imports the store; the classes are the store's own.
"""

from __future__ import annotations

from pestcli.store.errors import (
    InvalidValueError,
    NotFoundError,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
)

__all__ = ("InvalidValueError", "NotFoundError", "StoreBusyError", "StoreDamagedError", "StoreError")
