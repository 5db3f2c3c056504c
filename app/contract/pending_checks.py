"""The contract's check of a Pending with a date (R-STATUS-3): a reason that waits for a moment is refused
without one, keeps the one given, sends the words to the user with it, and `pending_due` lists only those whose
moment has come. Same signature as the checks of app/contract/checks.py, which this module does not import (as
progress_checks.py says why)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import httpx

Check = Callable[[httpx.AsyncClient], Awaitable[None]]


async def check_a_dated_pending_keeps_its_moment_and_tells_the_user_R_STATUS_3(api: httpx.AsyncClient) -> None:
    response = await api.post("/v1/tickets", json={"subject": "Docking station to be replaced on site",
                                                   "requester": "Eva Holm", "category": "Hardware"})
    assert response.status_code == 201, response.text
    made = response.json()
    path, headers = f"/v1/tickets/{made['code']}/status", {"If-Match": f'"{made["version"]}"'}
    undated = await api.post(path, json={"status": "pending", "pending_reason": "agreed_appointment"},
                             headers=headers)
    assert undated.status_code == 422 and "date" in undated.text, "an appointment without its moment is refused"
    until = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    dated = await api.post(path, headers=headers, json={
        "status": "pending", "pending_reason": "agreed_appointment", "until": until.isoformat(),
        "message": "A technician brings the new dock on Thursday at nine."})
    assert dated.status_code == 200, dated.text
    stored = (await api.get(f"/v1/tickets/{made['code']}")).json()
    assert datetime.fromisoformat(stored["pending_until"]) == until
    assert any(e["kind"] == "message_to_user" and "Thursday at nine" in e["body"] for e in stored["journal"])
    due = await api.get("/v1/tickets", params={"pending_due": "true", "limit": "100"})
    assert due.status_code == 200, due.text
    assert made["code"] not in [row["code"] for row in due.json()["items"]], "its moment has not come"


PENDING_CHECKS: list[Check] = [check_a_dated_pending_keeps_its_moment_and_tells_the_user_R_STATUS_3]
