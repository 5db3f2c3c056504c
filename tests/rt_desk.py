"""The RT adapter wired to a test RT server: every demo agent logs in with the test password."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import httpx

from app.api import USER_HEADER
from app.api.server import build_app
from app.backends.rt import Desk, RtBackend
from app.backends.rt_client import RtClient
from app.config import BackendSettings, Identity, Settings
from app.connect import rt_desk
from app.domain.clock import utcnow
from tests.rt_server import password_of

SUMMARY = "User cannot print; cleaned rollers, reinstalled driver, still jams on every job."


def demo_desk() -> Desk:
    return rt_desk(None)  # the desk `helpline --backend rt` uses without a desk file


def connect_as_agents(url: str) -> Callable[[str], RtClient]:
    return lambda agent: RtClient(url, ("password", agent, password_of(agent)))


def rt_backend(url: str, clock: Callable[[], datetime] | None = None) -> RtBackend:
    return RtBackend(connect_as_agents(url), demo_desk(), url=url, clock=clock)


def adapter_api(backend: RtBackend, actor: str = "anna") -> httpx.AsyncClient:
    """The adapter API of `backend` over an in-process transport, as the TUI reaches it."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(backend)), base_url="http://rt-adapter",
                             headers={USER_HEADER: actor}, timeout=60)


async def seed_contract_desk(url: str) -> None:
    """What the adapter contract expects of a desk (the local store's demo has it): an open P1, a ticket in
    infrastructure, one pending, one with the update flag up, one resolved 40 days ago (for auto close), one
    closed, and enough tickets to page through. Written through the adapter, with its clock set back."""
    now = utcnow()
    back = {"value": now}
    backend = rt_backend(url, clock=lambda: back["value"])
    async with adapter_api(backend) as api:
        async def new(subject: str, **extra: object) -> str:
            body = {"subject": subject, "requester": "Eva Holm", "category": "Hardware", **extra}
            response = await api.post("/v1/tickets", json=body)
            assert response.status_code == 201, response.text
            return str(response.json()["code"])

        async def post(path: str, body: dict[str, object] | None = None) -> None:
            # A write of a ticket says which version it was made from (If-Match; only a note may omit it).
            headers = {}
            if path.startswith("/v1/tickets/"):
                headers["If-Match"] = (await api.get("/".join(path.split("/")[:4]))).headers["ETag"]
            response = await api.post(path, json=body, headers=headers)
            assert response.status_code == 200, response.text

        await new("Wireless network down during the digital exam", impact="company", urgency="high")
        moved = await new("Switch port on floor 3 keeps flapping")
        await post(f"/v1/tickets/{moved}/dispatch", {"team": "infrastructure", "summary": SUMMARY})
        waiting = await new("New monitor for the reception desk", kind="service_request",
                            impact="should_have", urgency="standard")
        await post(f"/v1/tickets/{waiting}/begin")
        await post(f"/v1/tickets/{waiting}/status", {"status": "pending", "pending_reason": "item_ordered"})
        asked = await new("Outlook asks for the password every hour")
        await post(f"/v1/tickets/{asked}/journal", {"kind": "message_from_user", "body": "Any news?",
                                                    "author": "Eva Holm"})
        for days, subject in ((70, "Printer in room 12 prints blank pages"), (40, "Mouse wheel does not scroll")):
            back["value"] = now - timedelta(days=days)
            done = await new(subject)
            await post(f"/v1/tickets/{done}/status", {"status": "resolved",
                                                      "solution": "Replaced the part and tested it with the user."})
        back["value"] = now - timedelta(days=35)
        await post("/v1/housekeeping/auto-close")  # closes the one resolved 70 days ago
        back["value"] = now
        for n in range(8):
            await new(f"Laptop {n + 1} in the training room will not start")
    await backend.aclose()


def rt_settings(url: str, actor: str = "anna") -> Settings:
    """The settings of a workstation on this RT, acting as `actor`."""
    return Settings(me=Identity(username=actor), backend=BackendSettings(kind="rt", url=url))
