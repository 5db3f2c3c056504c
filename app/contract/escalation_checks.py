"""The contract's checks of escalations followed up to their end (R-ESC-5): a handler is a team or an agent
of the desk, an escalation is moved on (in progress, done, withdrawn) with a journal line each time, an ended
one is not moved again, and "Escalations I follow" (`follower`) finds it while it has not ended. Same signature
as the checks of app/contract/checks.py, which this module does not import (as progress_checks.py says why).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

Check = Callable[[httpx.AsyncClient], Awaitable[None]]


async def _post(api: httpx.AsyncClient, ticket: dict[str, Any], path: str, body: dict[str, Any]) -> httpx.Response:
    return await api.post(f"/v1/tickets/{ticket['code']}{path}", json=body,
                          headers={"If-Match": f'"{ticket["version"]}"'})


async def _followed_by(api: httpx.AsyncClient, who: str) -> list[str]:
    response = await api.get("/v1/tickets", params={"follower": who, "limit": "100"})
    assert response.status_code == 200, response.text
    return [row["code"] for row in response.json()["items"]]


async def check_an_escalation_is_followed_up_until_it_ends_R_ESC_5(api: httpx.AsyncClient) -> None:
    response = await api.post("/v1/tickets", json={"subject": "Invoice portal shows someone else's invoices",
                                                   "requester": "Eva Holm", "category": "Software"})
    assert response.status_code == 201, response.text
    made = response.json()
    refused = await _post(api, made, "/escalations", {"kind": "complaint", "handler": "zorro",
                                                      "note": "User complains that nobody called back"})
    assert refused.status_code == 422 and "zorro" in refused.text, "a handler nobody knows is refused"
    raised = await _post(api, made, "/escalations", {"kind": "complaint", "handler": "sofie",
                                                     "note": "User complains that nobody called back"})
    assert raised.status_code == 200, raised.text
    ticket = raised.json()
    number = ticket["escalations"][-1]["number"]
    assert ticket["escalations"][-1]["follow_up"], "someone follows it up"
    assert made["code"] in await _followed_by(api, "sofie"), "its handler follows it"
    moved = await _post(api, ticket, f"/escalations/{number}", {"status": "in_progress"})
    assert moved.status_code == 200, moved.text
    ticket = moved.json()
    assert ticket["escalations"][-1]["status"] == "in_progress"
    lines = [e["body"] for e in ticket["journal"] if e["event"] == "escalation"]
    assert any(number in line and "in progress" in line.casefold() for line in lines), lines
    done = await _post(api, ticket, f"/escalations/{number}", {"status": "withdrawn"})
    assert done.status_code == 200, done.text
    ticket = done.json()
    assert ticket["escalations"][-1]["status"] == "withdrawn"
    again = await _post(api, ticket, f"/escalations/{number}", {"status": "in_progress"})
    assert again.status_code == 422, "an escalation that has ended is not moved again"
    assert made["code"] not in await _followed_by(api, "sofie"), "an ended one is off the list"


ESCALATION_CHECKS: list[Check] = [check_an_escalation_is_followed_up_until_it_ends_R_ESC_5]
