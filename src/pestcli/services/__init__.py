"""The use cases: one function per mentor action, each one transaction.

Screens, widgets, the palette and the commands call these functions (and the
read functions in ``services.reads``); they never touch the store's records
modules or its ORM classes. A use case takes plain values (ids, dates, text),
applies the protocol's rules (``pestcli.protocol``) and makes its writes in
one ``Store.transaction()``: the mentor's action is committed as a whole
before the function returns, or, on any failure, not at all (a Dutch
``StoreError`` then says why). What comes back is a plain read model
(a frozen dataclass), never a live database row.

The actions, by module:

* ``services.reports``: register a report (the case, its pupils, its deadlines);
* ``services.conversations``: finish a conversation (its step, stap 5's
  follow-ups, the end), the participants, discard an empty one;
* ``services.followups``: record a follow-up's outcome, move a follow-up;
* ``services.cases``: mark a step done, escalate, close and reopen a case, add evidence;
* ``services.parents``: log a parent contact (and stap 6 with it);
* ``services.erasure``: keep a case longer, erase a case or a pupil for good.

This package never imports Textual (an import-linter contract in
``pyproject.toml`` holds it).
"""
