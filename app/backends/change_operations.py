"""The write operations every adapter answers the same way: load, apply a shared change, store.

An adapter mixes this in and supplies `changes` (app.backends.changes) and `_change`, its own way of
loading a ticket, applying a change at its clock's time and storing the result under If-Match.
"""

from __future__ import annotations

from app.api.schemas import (
    AssignIn,
    DispatchIn,
    EscalationIn,
    EscalationUpdateIn,
    FieldsIn,
    FlagsIn,
    HandoverIn,
    NoteIn,
    PinIn,
    PriorityIn,
    ReturnIn,
    StatusIn,
)
from app.backends.changes import Change, Changes
from app.domain.models import Ticket


class ChangeOperations:
    changes: Changes

    async def _change(self, actor: str, code: str, version: int | None, change: Change) -> Ticket:
        raise NotImplementedError

    async def add_entry(self, actor: str, code: str, body: NoteIn, version: int | None) -> Ticket:
        return await self._change(actor, code, version, self.changes.add_entry(actor, body))

    async def pin(self, actor: str, code: str, entry: int, body: PinIn, version: int | None) -> Ticket:
        return await self._change(actor, code, version, self.changes.pin(actor, entry, body))

    async def set_status(self, actor: str, code: str, body: StatusIn, version: int | None) -> Ticket:
        return await self._change(actor, code, version, self.changes.set_status(actor, body))

    async def begin_work(self, actor: str, code: str, version: int | None) -> Ticket:
        return await self._change(actor, code, version, self.changes.begin_work(actor))

    async def set_priority(self, actor: str, code: str, body: PriorityIn, version: int | None) -> Ticket:
        return await self._change(actor, code, version, self.changes.set_priority(actor, body))

    async def set_flags(self, actor: str, code: str, body: FlagsIn, version: int | None) -> Ticket:
        return await self._change(actor, code, version, self.changes.set_flags(actor, body))

    async def set_fields(self, actor: str, code: str, body: FieldsIn, version: int | None) -> Ticket:
        return await self._change(actor, code, version, self.changes.set_fields(actor, body))

    async def dispatch(self, actor: str, code: str, body: DispatchIn, version: int | None) -> Ticket:
        # changes.dispatch refuses an agent target (R-DISPATCH-6) before anything is read or sent.
        return await self._change(actor, code, version, self.changes.dispatch(actor, body))

    async def handover(self, actor: str, code: str, body: HandoverIn, version: int | None) -> Ticket:
        return await self._change(actor, code, version, self.changes.handover(actor, body))

    async def assign(self, actor: str, code: str, body: AssignIn, version: int | None) -> Ticket:
        return await self._change(actor, code, version, self.changes.assign(actor, body))

    async def return_to_primary(self, actor: str, code: str, body: ReturnIn, version: int | None) -> Ticket:
        return await self._change(actor, code, version, self.changes.return_to_primary(actor, body))

    async def escalate(self, actor: str, code: str, body: EscalationIn, version: int | None) -> Ticket:
        return await self._change(actor, code, version, self.changes.escalate(actor, body))

    async def update_escalation(
        self, actor: str, code: str, number: str, body: EscalationUpdateIn, version: int | None
    ) -> Ticket:
        return await self._change(actor, code, version, self.changes.update_escalation(actor, number, body))
