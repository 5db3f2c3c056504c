"""One write through the adapter API as shipped (in-process httpx transport, fsync): a note, a status
change and a dispatch, each repeated, on the given store."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from app.api.schemas import DispatchIn, NoteIn, StatusIn
from app.connect import local_client
from app.domain.enums import PendingReason, Status
from app.domain.tickets import NewTicket
from bench.ui import stats

SUMMARY = "Printer jams on every job; cleared the paper path and power-cycled it, still jams in tray 2."


async def writes(store: Path, repeat: int) -> dict[str, Any]:
    client, henrik = local_client(store, "anna"), local_client(store, "henrik")
    try:
        ticket = await client.create(NewTicket(subject="Benchmark printer on floor 2 jams", requester="Eva Holm",
                                               category="Printing"))
        ticket = await client.begin_work(ticket.code, ticket.version)
        notes, statuses, dispatches = [], [], []
        for n in range(repeat):
            start = time.perf_counter()
            ticket = await client.add_entry(ticket.code, NoteIn(body=f"bench note {n}: called the user back"))
            notes.append(time.perf_counter() - start)
            pending = ticket.status is not Status.PENDING
            body = StatusIn(status=Status.PENDING, pending_reason=PendingReason.USER_REPLY) if pending \
                else StatusIn(status=Status.IN_PROGRESS)
            start = time.perf_counter()
            ticket = await client.set_status(ticket.code, body, ticket.version)
            statuses.append(time.perf_counter() - start)
        moving = await client.create(NewTicket(subject="Benchmark laptop dock gives no picture", requester="Eva Holm",
                                               category="Hardware"))
        moving = await client.dispatch(moving.code, DispatchIn(team="infrastructure", summary=SUMMARY), moving.version)
        # R-DISPATCH-7: only the holding team hands over; henrik is in Infrastructure and Security, so he can
        # move the ticket between the two again and again.
        teams = ["security", "infrastructure"]
        for n in range(repeat):
            start = time.perf_counter()
            moving = await henrik.dispatch(moving.code, DispatchIn(team=teams[n % 2], summary=SUMMARY),
                                           moving.version)
            dispatches.append(time.perf_counter() - start)
    finally:
        await client.aclose()
        await henrik.aclose()
    return {"note": stats(notes), "status": stats(statuses), "dispatch": stats(dispatches)}
