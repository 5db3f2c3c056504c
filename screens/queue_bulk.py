"""What the queue's bulk actions (over marked rows) report: finding 4 (follow-up and triage) found "2 ticket(s)
changed" when one had not changed, so a ticket that is so already is counted apart, and a refused one is named
with its reason (and keeps its mark, screens/queue.py report_bulk)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.enums import PendingReason, Status
from app.domain.models import Ticket
from app.i18n import t


@dataclass
class BulkOutcome:
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # so already: nothing to do
    refused: list[str] = field(default_factory=list)  # "HL-4: why"

    def message(self) -> str:
        said = t("{n} ticket(s) changed", n=len(self.changed))
        if self.unchanged:
            said += "; " + t("{n} already so: {codes}", n=len(self.unchanged), codes=", ".join(self.unchanged))
        return "\n".join([said, *self.refused])


def already(ticket: Ticket, *, update: bool | None = None, attention: bool | None = None,
            pending: PendingReason | None = None, status: Status | None = None, until: datetime | None = None
            ) -> bool:
    """Whether `ticket` is already as the bulk action would make it."""
    if pending is not None:
        return ticket.status is Status.PENDING and ticket.pending_reason is pending and ticket.pending_until == until
    if status is not None:
        return ticket.status is status
    if attention is not None and ticket.attention != attention:
        return False
    if update is not None and (ticket.update_flag is not None) != update:
        return False
    return attention is not None or update is not None
