"""Benchmark stores: the demo desk cloned to N tickets, plus tickets with long journals."""

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
# The tickets whose journal is made this long: the one opened as the short one keeps the demo's few entries.
JOURNALS = {"HL-1": 1000, "HL-2": 10_000}
SHORT_TICKET = "HL-3"


def make_store(root: Path, size: int) -> dict[int, str]:
    """A store of `size` tickets (every status, journals of varied length, Unicode names) at `root`;
    returns the code of a ticket of each journal length (entries: code)."""
    seed_demo(root, extra=max(0, size - DEMO_TICKETS))
    store = LocalStore(root)
    start = utcnow() - timedelta(days=40)

    def lengthen(ticket: Ticket) -> None:
        for n in range(JOURNALS[ticket.code] - len(ticket.journal)):
            kind = EntryKind.INTERNAL_NOTE if n % 3 else EntryKind.MESSAGE_TO_USER
            append_entry(ticket, kind, "anna", f"Entry {n}: called Åsa Wikström back, tried step {n % 7} — ✅",
                         start + timedelta(minutes=n))

    for code in JOURNALS:
        store.update(code, lengthen)
    lengths = {JOURNALS[code]: code for code in JOURNALS}
    lengths[len(store.get(SHORT_TICKET).journal)] = SHORT_TICKET
    # A desk that works daily has its housekeeping done (R-STATUS-6); the clones of the demo's old
    # resolved tickets would otherwise make the first measured start close thousands of them.
    asyncio.run(LocalBackend(store).auto_close("anna"))
    store.close()
    os.sync()  # measure after the seeding's writeback, or every fsync waits behind it
    return lengths
