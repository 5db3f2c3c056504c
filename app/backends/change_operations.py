"""The write operations every adapter answers the same way: load, apply a shared change, store.

An adapter mixes this in and supplies `changes` (app.backends.changes) and `_change`, its own way of
loading a ticket, applying a change at its clock's time and storing the result under If-Match. Which
operations these are is not written here: the server routes every operation of the table
(app/api/routes.py) that the adapter has no method of its own for to `apply_change`, which finds the change
of the same name. A new write operation is a schema, a change, one table row and one use-case method.
"""

from __future__ import annotations

from typing import Any

from app.backends.changes import Change, Changes
from app.domain.models import Ticket


class ChangeOperations:
    changes: Changes

    async def _change(self, actor: str, code: str, version: int | None, change: Change) -> Ticket:
        raise NotImplementedError  # each adapter stores a change its own way

    def has_change(self, name: str) -> bool:
        return callable(getattr(self.changes, name, None))

    async def apply_change(self, name: str, actor: str, code: str, *args: Any) -> Ticket:
        """`args`: the path's further values and the body, then the version. The change is made before
        anything is read, so a refusal by rule (an agent as dispatch target, R-DISPATCH-6) sends nothing."""
        *values, version = args
        change = getattr(self.changes, name)(actor, *values)
        return await self._change(actor, code, version, change)
