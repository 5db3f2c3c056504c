"""The contract's checks of If-Match: a change of a ticket must name the version it was made from.

A write that could overwrite what someone else did since the ticket was read is refused with 428 (RFC 6585) and
a problem document when it comes without If-Match, before the adapter does anything; appending a note conflicts
with nothing and may come without it. Same signature as the checks of app/contract/checks.py, which this module
does not import, so that checks.py can import PRECONDITION_CHECKS without a cycle.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

Check = Callable[[httpx.AsyncClient], Awaitable[None]]
SUMMARY = "User cannot print; cleaned rollers, reinstalled driver, still jams on every job."
# Writes that would each succeed on a new ticket with its version: (path under the ticket, body).
STATE_WRITES: tuple[tuple[str, dict[str, Any] | None], ...] = (
    ("/status", {"status": "in_progress"}),
    ("/begin", None),
    ("/priority", {"impact": "company", "urgency": "high"}),
    ("/flags", {"attention": True}),
    ("/fields", {"external_ref": "NC-20417"}),
    ("/dispatch", {"team": "infrastructure", "summary": SUMMARY}),
    ("/escalations", {"kind": "complaint", "note": "User complains about waiting three days", "handler": "mikkel",
                      "priority": 2}),
)


async def _new_ticket(api: httpx.AsyncClient) -> dict[str, Any]:
    response = await api.post("/v1/tickets", json={"subject": "Docking station gives no picture",
                                                   "requester": "Eva Holm", "category": "Hardware"})
    assert response.status_code == 201, response.text
    made: dict[str, Any] = response.json()
    return made


async def check_state_writes_without_if_match_are_refused_428(api: httpx.AsyncClient) -> None:
    made = await _new_ticket(api)
    code = made["code"]
    for path, body in STATE_WRITES:
        response = await api.post(f"/v1/tickets/{code}{path}", json=body)
        where = f"POST {path} without If-Match"
        assert response.status_code == 428, f"{where}: expected 428, got {response.status_code}: {response.text[:200]}"
        assert response.headers["content-type"].startswith("application/problem+json"), (
            f"{where}: a 428 must be an RFC 9457 problem document")
        problem = response.json()
        assert problem["type"] == "precondition-required" and problem["status"] == 428, f"{where}: {problem}"
        assert "If-Match" in problem["detail"], f"{where}: the detail must say to send If-Match: {problem['detail']}"
    after = await api.get(f"/v1/tickets/{code}")
    ticket = after.json()
    assert ticket["version"] == made["version"] and after.headers["etag"] == f'"{made["version"]}"', (
        f"refused writes changed {code}: version {made['version']} became {ticket['version']}")
    assert (ticket["status"], ticket["team"], ticket["priority"], ticket["attention"], ticket["external_ref"],
            ticket["escalations"]) == (made["status"], made["team"], made["priority"], made["attention"],
                                       made["external_ref"], made["escalations"])


async def check_a_note_without_if_match_is_accepted(api: httpx.AsyncClient) -> None:
    made = await _new_ticket(api)
    noted = await api.post(f"/v1/tickets/{made['code']}/journal", json={"body": "Called the user, no answer"})
    assert noted.status_code == 200, f"a note needs no If-Match, got {noted.status_code}: {noted.text[:200]}"
    ticket = noted.json()
    assert ticket["version"] > made["version"] and ticket["journal"][-1]["body"] == "Called the user, no answer"


PRECONDITION_CHECKS: tuple[Check, ...] = (
    check_state_writes_without_if_match_are_refused_428,
    check_a_note_without_if_match_is_accepted,
)
