"""The queue at start: its view is loaded once, and the status line's three counts are asked together,
each the adapter's own total (so the overdue count is the desk's, never capped at a page)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from app.api.backend import TicketQuery
from app.api.server import build_app
from app.backends.local import LocalBackend
from app.backends.local_store import LocalStore
from app.client import HelplineClient
from app.config import Settings
from app.seed import seed_demo
from app.tui import HelplineApp
from tests.pilot_helpers import settle
from widgets.status_line import StatusLine


class Recording(httpx.AsyncBaseTransport):
    """The local store's adapter in-process, with every search it is asked. The status line's counts (limit 1)
    are held until all three have come, so counts asked one after another would never finish."""

    def __init__(self, store: Path) -> None:
        self.inner = httpx.ASGITransport(app=build_app(LocalBackend(LocalStore(store))))
        self.searches: list[httpx.QueryParams] = []
        self.counts_in_flight = 0
        self.all_counts_asked = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path == "/v1/tickets":
            self.searches.append(request.url.params)
            if request.url.params.get("limit") == "1":
                self.counts_in_flight += 1
                if self.counts_in_flight == 4:
                    self.all_counts_asked.set()
                await asyncio.wait_for(self.all_counts_asked.wait(), timeout=20)
        return await self.inner.handle_async_request(request)


async def test_the_view_loads_once_and_the_counts_are_asked_together(store_dir: Path) -> None:
    seed_demo(store_dir)
    # Housekeeping that closes tickets reloads the view it changed; here it finds nothing left to close.
    await LocalBackend(LocalStore(store_dir)).auto_close("anna")
    recording = Recording(store_dir)
    client = HelplineClient(httpx.AsyncClient(transport=recording, base_url="http://local"), "anna", "local store")
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # Not the status line's scans beside it: the team queue for new P1/P2 (a team) and the pending due.
        view_loads = [params for params in recording.searches if params.get("limit") != "1"
                      and "team" not in params and "pending_due" not in params]
        assert len(view_loads) == 1, view_loads
        assert recording.all_counts_asked.is_set(), "the four counts were in flight at once"
        line = str(app.screen.query_one(StatusLine).render())
    hours = Settings().update_flag_overdue_hours
    mine = (await client.search(TicketQuery(flag_older_than_hours=hours, owner="anna", limit=1))).total
    team = (await client.search(TicketQuery(flag_older_than_hours=hours, team="support", limit=1))).total
    desk = (await client.search(TicketQuery(flag_older_than_hours=hours, limit=1))).total
    assert team > 0 and f"Update flags overdue: mine {mine}, team {team}" in line, line
    assert desk > team, "the demo desk has overdue flags in other teams, which are not this agent's count"
    await client.aclose()

