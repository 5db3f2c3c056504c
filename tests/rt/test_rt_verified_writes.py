"""Every write is read back (httpx.MockTransport as an RT whose 200 is not what it did): RT's messages are
no contract, so a dispatch RT did not carry out writes nothing more, no letter to the user included."""

from __future__ import annotations

import json
from typing import Any

import httpx

from app.api import USER_HEADER
from app.api.server import build_app
from app.backends.rt import RtBackend
from tests.rt.test_rt_faults import URL, client
from tests.rt_desk import SUMMARY, demo_desk

TICKET: dict[str, Any] = {
    "id": 7, "Subject": "Switch port flaps", "Status": "new", "Queue": {"id": "1"}, "Owner": {"id": "Nobody"},
    "Requestor": [{"id": "eva@example.org"}], "Priority": "50", "CustomFields": [],
    "Created": "2026-11-30T08:00:00Z", "LastUpdated": "2026-11-30T08:00:00Z",
}


class LyingRt:
    """Answers every PUT with a message that says the change was made, and makes none."""

    def __init__(self) -> None:
        self.sent: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/REST/2.0")
        if request.method == "PUT" or path.endswith(("/comment", "/correspond")):
            self.sent.append(request)  # every write
        if request.method == "PUT":
            return httpx.Response(200, json=["Ticket 7: Queue changed from support to infrastructure"])
        if path == "/ticket/7":
            return httpx.Response(200, json=TICKET, headers={"ETag": '"41"'})
        if path == "/queues/all":
            return httpx.Response(200, json={"items": [{"id": "1", "Name": "support"},
                                                       {"id": "2", "Name": "infrastructure"}]})
        if path == "/ticket/7/history" and request.method == "POST":
            return httpx.Response(200, json={"items": [{"id": "40", "Type": "Create", "Creator": {"id": "anna"},
                                                        "Created": "2026-11-30T08:00:00Z", "ObjectId": "7"}]})
        if path.startswith("/user/"):
            return httpx.Response(200, json={"Name": path.removeprefix("/user/"), "Privileged": 0})
        return httpx.Response(200, json={"items": []})


async def test_a_dispatch_rt_answers_200_to_but_did_not_make_writes_nothing_more_R_DISPATCH_1() -> None:
    rt = LyingRt()
    backend = RtBackend(lambda actor: client(rt), demo_desk(), url=URL)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(backend)), base_url="http://rt-adapter",
                                 headers={USER_HEADER: "anna"}) as api:
        version = (await api.get("/v1/tickets/HL-7")).headers["ETag"]
        refused = await api.post("/v1/tickets/HL-7/dispatch", headers={"If-Match": version},
                                 json={"team": "infrastructure", "summary": SUMMARY, "category": "Network"})
    assert refused.status_code == 400 and refused.json()["type"] == "invalid", refused.text
    assert "Queue is still 'support'" in refused.json()["detail"]
    assert [r.method for r in rt.sent] == ["PUT"], "the move alone was tried; no note, no letter to the user"
    assert "Queue" in json.loads(rt.sent[0].content) and set(json.loads(rt.sent[0].content)) <= {"Queue", "Owner"}
    await backend.aclose()
