"""Faults against a live RT 5: a server restart mid-session, a password changed under a running session,
and hostile text that arrives from RT itself (groups 4 and 6)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from textual.widgets import TextArea

from app.api.schemas import NoteIn
from app.backends.rt_client import RtClient
from app.client import HelplineClient
from app.connect import rt_client
from app.errors import Unauthorized
from app.tui import HelplineApp
from screens.journal import JournalScreen
from screens.note_editor import NoteEditor
from tests.pilot_helpers import open_journal, settle
from tests.rt.test_rt_live import settings_for
from tests.rt_desk import connect_as_agents, demo_desk
from tests.rt_server import RtServer, password_of
from widgets.ticket_list import TicketList

NOTE = "Called Eva back: the printer jams only on duplex jobs."
HOSTILE = "[bold red]Alarm[/] [@click=app.quit]quit[/] [link=file:///etc/passwd]x[/link] \x1b[31mred\x1b[0m æøå 😀"


@pytest.fixture
def server(rt_fresh: RtServer) -> RtServer:
    return rt_fresh


@pytest.fixture
async def desk(server: RtServer) -> AsyncIterator[HelplineClient]:
    client = rt_client(settings_for(server.url), demo_desk(), connect=connect_as_agents(server.url))
    yield client
    await client.aclose()


async def raw_ticket(server: RtServer, subject: str, content: str) -> str:
    raw = RtClient(server.url, ("password", "anna", password_of("anna")))
    made = await raw.create("/ticket", {"Queue": "support", "Subject": subject, "Content": content,
                                        "ContentType": "text/plain"})
    await raw.aclose()
    return f"HL-{made['id']}"


async def test_rt_restarting_mid_session_keeps_the_unsent_note_and_names_the_server(
    server: RtServer, desk: HelplineClient
) -> None:
    code = await raw_ticket(server, "Printer on floor 2 jams on every job", "It jams.")
    app = HelplineApp(settings_for(server.url), client=desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, code)
        server.stop()
        try:
            await pilot.press("n")
            await pilot.pause()
            await pilot.press(*NOTE, "ctrl+s")
            await settle(app, pilot)
            messages = [str(n.message) for n in app._notifications]
            assert any("Request Tracker at" in m and server.url in m for m in messages), messages
            assert isinstance(app.screen, JournalScreen), "the app goes on"
        finally:
            server.start()
    # The app closed with the note unsent; opened again, the draft is there and goes to the restarted RT.
    app = HelplineApp(settings_for(server.url), client=desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, code)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == NOTE
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert [e.body for e in (await desk.get(code)).journal].count(NOTE) == 1


async def test_a_password_changed_under_a_running_session_is_unauthorized_without_the_secret(
    server: RtServer,
) -> None:
    lars = RtClient(server.url, ("password", "lars", password_of("lars")))
    assert (await lars.get("/queues/all"))["items"]
    server.set_password("lars", "changed-by-the-admin-42")
    lars.http.cookies.clear()  # the session ends (it expires, or RT's sessions are cleared)
    with pytest.raises(Unauthorized) as caught:
        await lars.get("/queues/all")
    assert "lars" in caught.value.message and password_of("lars") not in caught.value.message
    await lars.aclose()
    server.set_password("lars", password_of("lars"))


async def test_hostile_text_from_rt_is_shown_literally_and_read_back_byte_identical(
    server: RtServer, desk: HelplineClient
) -> None:
    code = await raw_ticket(server, HOSTILE, HOSTILE)
    ticket = await desk.add_entry(code, NoteIn(body=HOSTILE))
    assert (ticket.subject, ticket.description, ticket.journal[-1].body) == (HOSTILE, HOSTILE, HOSTILE)
    app = HelplineApp(settings_for(server.url), client=desk)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(app, pilot)
        rows = app.screen.query_one(TicketList)
        assert any(row is not None and row.code == code for row in rows.rows)
        journal = await open_journal(app, pilot, code)
        shown = "\n".join(str(widget.render()) for widget in journal.query("*") if hasattr(widget, "render"))
        assert "[bold red]Alarm[/]" in shown and "[@click=app.quit]quit[/]" in shown
        assert "\x1b" not in shown, "an escape sequence from RT never reaches the terminal"
        assert app.is_running, "no markup ran as an action"
