"""A child process that writes to a store and reports each acknowledged write on stdout.

Used by the crash and concurrency tests: `python -m tests.store.writer STORE NAME COUNT CODES...`.
A line "ack CODE BODY" is printed only after the store call returned, i.e. was acknowledged; so are
"status CODE" (or "conflict CODE" for a refused stale one) and "dispatch CODE TEAM N".
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.backends.local_store import LocalStore
from app.domain.clock import utcnow
from app.domain.dispatch import apply_dispatch
from app.domain.enums import EntryKind, PendingReason, Status
from app.domain.journal import append_entry
from app.domain.models import Ticket
from app.errors import Conflict


def _toggle_status(ticket: Ticket) -> None:
    if ticket.status is Status.PENDING:
        ticket.status, ticket.pending_reason = Status.IN_PROGRESS, None
    elif ticket.status in (Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS):
        ticket.status, ticket.pending_reason = Status.PENDING, PendingReason.USER_REPLY


TEAMS = ("infrastructure", "general-apps")
DISPATCH = os.environ.get("WRITER_DISPATCH") == "1"  # the crash test hands over too


def main() -> None:
    root, name, count, *codes = sys.argv[1:]
    store = LocalStore(Path(root))
    for n in range(int(count)):
        code = codes[n % len(codes)]
        body = f"{name} note {n}"
        store.update(code, lambda t, body=body: append_entry(t, EntryKind.INTERNAL_NOTE, name, body, utcnow()))
        print(f"ack {code} {body}", flush=True)
        if n % 5 == 0:  # a status change against the version just read: stale ones must conflict
            version = store.get(code).version
            try:
                store.update(code, _toggle_status, expected_version=version)
                print(f"status {code}", flush=True)
            except Conflict:
                print(f"conflict {code}", flush=True)
        if DISPATCH and n % 7 == 3:  # a hand-over between two second-line teams (R-DISPATCH-1), as the app does
            ticket = store.get(code)
            team = TEAMS[0] if ticket.team != TEAMS[0] else TEAMS[1]
            summary = f"{name} dispatch {n}: printer jams on every job, cleared the paper path already"
            store.update(code, lambda t, team=team, summary=summary: apply_dispatch(
                t, team, teams=store.teams(), agents=store.agents(), actor="anna", summary=summary, now=utcnow(),
                category=t.category or "Printing"))
            print(f"dispatch {code} {team} {n}", flush=True)


if __name__ == "__main__":
    main()
