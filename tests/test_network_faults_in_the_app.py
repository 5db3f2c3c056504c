"""A server that stops answering mid-session (for any adapter at a URL): the app stays
responsive, says what happened and which server, and an unsent note is kept, also across a restart."""

from __future__ import annotations

from pathlib import Path

import httpx
from textual.widgets import TextArea

from app.api.server import build_app
from app.backends.local import LocalBackend
from app.client import HelplineClient
from app.config import Settings
from app.seed import seed_demo
from app.tui import HelplineApp
from screens.journal import JournalScreen
from screens.note_editor import NoteEditor
from tests.pilot_helpers import open_journal, settle

SERVER = "http://helpdesk.example:8765"
NOTE = "Called Eva back: the printer jams only on duplex jobs."


class Flaky(httpx.AsyncBaseTransport):
    """The adapter, behind a connection that can go down for writes."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.down = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.down and request.method == "POST":
            raise httpx.ConnectError("connection refused", request=request)
        return await self.inner.handle_async_request(request)


async def test_an_unsent_note_is_kept_across_a_restart_and_the_server_is_named(store_dir: Path) -> None:
    seed_demo(store_dir)
    flaky = Flaky(httpx.ASGITransport(app=build_app(LocalBackend.open(store_dir))))
    client = HelplineClient(httpx.AsyncClient(transport=flaky, base_url=SERVER), "anna", SERVER)
    messages: list[str] = []
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        journal = await open_journal(app, pilot, "HL-5")
        before = len(journal.ticket.journal)  # type: ignore[union-attr]
        flaky.down = True
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*NOTE, "ctrl+s")
        await settle(app, pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any(SERVER in message and "cannot reach" in message for message in messages), messages
        assert isinstance(app.screen, JournalScreen), "the app goes on"
        await pilot.press("r")  # reading still works: the app stays responsive
        await settle(app, pilot)
        assert len(journal.ticket.journal) == before  # type: ignore[union-attr]
    flaky.down = False
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, "HL-5")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == NOTE, "the unsent note came back after the restart"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    stored = await client.get("HL-5")
    assert stored.journal[-1].body == NOTE
    await client.aclose()
