"""Typed text kept as a draft: saved a moment after the last key, offered back after a crash.

A draft is one row per place (``gesprek:12:notitie`` ...) in the same file as
the cases (encrypted with it), written in its own short transaction so that
typing never waits for a mentor's action. The store's draft module loads no
ORM until a draft is written or read.
"""

from __future__ import annotations

from pestcli.store.drafts import (
    SavedDraft,
    delete_draft,
    draft_places_fast,
    drafts_with_prefix,
    get_draft,
    save_draft,
)

__all__ = ("SavedDraft", "delete_draft", "draft_places_fast", "drafts_with_prefix", "get_draft", "save_draft")
