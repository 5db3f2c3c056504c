"""The contract's checks of the progress clock (R-ESC-4): work on a ticket moves it, a flag does not.

Progress is a note, a message, a status change or a hand-over; raising or clearing a flag and assigning are
not. Every ticket and queue row says when it last saw work (`progressed`), which is what the hierarchical
escalation candidates (`stale_hours`) are measured by. Same signature as the checks of app/contract/checks.py,
which this module does not import (checks.py may import PROGRESS_CHECKS without a cycle).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import httpx

Check = Callable[[httpx.AsyncClient], Awaitable[None]]


async def _ticket(api: httpx.AsyncClient, code: str) -> dict[str, Any]:
    response = await api.get(f"/v1/tickets/{code}")
    assert response.status_code == 200, response.text
    ticket: dict[str, Any] = response.json()
    return ticket


async def _write(api: httpx.AsyncClient, ticket: dict[str, Any], path: str, body: dict[str, Any]) -> None:
    response = await api.post(f"/v1/tickets/{ticket['code']}{path}", json=body,
                              headers={"If-Match": f'"{ticket["version"]}"'})
    assert response.status_code == 200, f"{path}: {response.status_code} {response.text}"


async def check_flags_leave_the_progress_clock_and_a_note_moves_it_R_ESC_4(api: httpx.AsyncClient) -> None:
    response = await api.post("/v1/tickets", json={"subject": "Teams drops every call after five minutes",
                                                   "requester": "Eva Holm", "category": "Software"})
    assert response.status_code == 201, response.text
    made = response.json()
    assert made["progressed"], "a new ticket's clock starts at its registration"
    started = made["progressed"]
    await _write(api, made, "/flags", {"attention": True})
    flagged = await _ticket(api, made["code"])
    await _write(api, flagged, "/flags", {"attention": False})
    unflagged = await _ticket(api, made["code"])
    assert unflagged["progressed"] == started, "setting and clearing a flag is no progress"
    rows = (await api.get("/v1/tickets", params={"q": made["code"], "limit": 5})).json()["items"]
    assert [row["progressed"] for row in rows if row["code"] == made["code"]] == [started], "the row says the same"
    noted = await api.post(f"/v1/tickets/{made['code']}/journal",
                           json={"kind": "internal_note", "body": "Reproduced it on a second laptop: same drop."})
    assert noted.status_code in (200, 201), noted.text
    after = await _ticket(api, made["code"])
    note = next(e for e in reversed(after["journal"]) if e["kind"] == "internal_note")
    # RT keeps moments to the second: a note is progress from (at the latest) the second it was written.
    assert datetime.fromisoformat(after["progressed"]) >= datetime.fromisoformat(note["created"]) - timedelta(
        seconds=1), f"a note is progress: {after['progressed']} is before the note of {note['created']}"
    assert datetime.fromisoformat(after["progressed"]) >= datetime.fromisoformat(started)


PROGRESS_CHECKS: list[Check] = [check_flags_leave_the_progress_clock_and_a_note_moves_it_R_ESC_4]
