"""Benchmark stores: the demo desk cloned to N tickets, plus one ticket with a long journal."""

from __future__ import annotations

import asyncio
import os
from datetime import timedelta
from pathlib import Path

from app.backends.local import LocalBackend
from app.backends.local_store import LocalStore
from app.domain.clock import utcnow
from app.domain.enums import EntryKind
from app.domain.journal import append_entry
from app.domain.models import Ticket
from app.seed import seed_demo

DEMO_TICKETS = 74
LONG_JOURNAL = 1000


def make_store(root: Path, size: int) -> str:
    """A store of `size` tickets (every status, journals of varied length, Unicode names) at `root`;
    returns the code of its ticket with LONG_JOURNAL entries."""
    seed_demo(root, extra=max(0, size - DEMO_TICKETS))
    store = LocalStore(root)
    code = "HL-1"
    start = utcnow() - timedelta(days=40)

    def lengthen(ticket: Ticket) -> None:
        for n in range(LONG_JOURNAL - len(ticket.journal)):
            kind = EntryKind.INTERNAL_NOTE if n % 3 else EntryKind.MESSAGE_TO_USER
            append_entry(ticket, kind, "anna", f"Entry {n}: called Åsa Wikström back, tried step {n % 7} — ✅",
                         start + timedelta(minutes=n))

    store.update(code, lengthen)
    # A desk that works daily has its housekeeping done (R-STATUS-6); the clones of the demo's old
    # resolved tickets would otherwise make the first measured start close thousands of them.
    asyncio.run(LocalBackend(store).auto_close("anna"))
    store.close()
    os.sync()  # measure after the seeding's writeback, or every fsync waits behind it
    return code
