"""The queue reloads by itself while on screen, so what other agents change shows up (a shared RT or store):
the cursor stays on its ticket, marks stay, and a failing reload is said once in the title, not as a
stream of notices."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from textual.pilot import Pilot

from app.api.server import build_app
from app.backends.local import LocalBackend
from app.client import HelplineClient
from app.config import Settings
from app.connect import local_client
from app.domain.tickets import NewTicket
from app.seed import seed_demo
from app.tui import HelplineApp
from screens.queue import QueueScreen
from tests.pilot_helpers import settle
from tests.test_network_faults_in_the_app import Flaky
from widgets.ticket_list import TicketList

QUICK = Settings(refresh_seconds=0.3)


def codes(app: HelplineApp) -> list[str]:
    return [row.code for row in app.screen.query_one(TicketList).rows if row is not None]


class ReloadsByItself:
    """Counts the queue's reloads by its own timer, so a test waits on them happening, never on a clock."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        self.happened = asyncio.Event()
        original = QueueScreen._refresh_by_itself

        def counted(screen: QueueScreen) -> None:
            original(screen)
            self.count += 1
            self.happened.set()

        monkeypatch.setattr(QueueScreen, "_refresh_by_itself", counted)

    async def wait(self, app: HelplineApp, pilot: Pilot[object], times: int = 1) -> None:
        """Until the timer has reloaded `times` more times, and those reloads are done."""
        target = self.count + times
        while self.count < target:
            self.happened.clear()
            await asyncio.wait_for(self.happened.wait(), timeout=30)
            await settle(app, pilot)  # type: ignore[arg-type]


async def test_another_agents_new_ticket_appears_without_a_key_and_cursor_and_marks_stay(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reloads = ReloadsByItself(monkeypatch)
    seed_demo(store_dir)
    mine, theirs = local_client(store_dir, "anna"), local_client(store_dir, "lars")
    app = HelplineApp(QUICK, client=mine)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        await pilot.press("down", "down", "space")
        on, marked = tickets.current.code, set(tickets.marked)  # type: ignore[union-attr]
        made = await theirs.create(NewTicket(subject="Projector in room 2.04 shows no picture",
                                             requester="Bram Smit"))
        assert made.code not in codes(app)
        await reloads.wait(app, pilot)  # type: ignore[arg-type]
        assert made.code in codes(app), "the new ticket showed up by itself"
        assert tickets.current.code == on and tickets.marked == marked  # type: ignore[union-attr]
    await mine.aclose()
    await theirs.aclose()


async def test_a_failing_reload_by_itself_says_so_in_the_title_once(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reloads = ReloadsByItself(monkeypatch)
    seed_demo(store_dir)
    flaky = Flaky(httpx.ASGITransport(app=build_app(LocalBackend.open(store_dir))))
    flaky_get = flaky.handle_async_request

    async def down_for_reads(request: httpx.Request) -> httpx.Response:
        if flaky.down:
            raise httpx.ConnectError("connection refused", request=request)
        return await flaky_get(request)

    flaky.handle_async_request = down_for_reads  # type: ignore[method-assign]
    client = HelplineClient(httpx.AsyncClient(transport=flaky, base_url="http://rt.example:80"), "anna",
                            "http://rt.example:80")
    app = HelplineApp(QUICK, client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        shown = codes(app)
        flaky.down = True
        await reloads.wait(app, pilot, times=3)  # type: ignore[arg-type]
        assert isinstance(app.screen, QueueScreen)
        assert "not refreshed" in str(app.screen.sub_title) and "http://rt.example:80" in str(app.screen.sub_title)
        notices = [str(n.message) for n in app._notifications if "rt.example" in str(n.message)]
        assert notices == [], "no stream of notices while the server is away"
        assert codes(app) == shown, "the rows shown stay"
        flaky.down = False
        await reloads.wait(app, pilot)  # type: ignore[arg-type]
        assert "not refreshed" not in str(app.screen.sub_title)
    await client.aclose()
