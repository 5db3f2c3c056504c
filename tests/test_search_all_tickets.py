"""Queue view 0, "Search all tickets" (issue 16): `/` there looks in every ticket of any status, and in the words
of its journal's notes and messages, which the other views' filter does not."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from app.api.backend import TicketQuery
from app.api.schemas import NoteIn
from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import Status
from app.tui import HelplineApp
from screens.queue import QueueScreen
from tests.pilot_helpers import settle
from widgets.ticket_list import TicketList


async def test_view_0_finds_a_word_of_a_note_on_a_resolved_ticket(client: HelplineClient) -> None:
    resolved = (await client.search(TicketQuery(status=[Status.RESOLVED], limit=1))).items[0]
    await client.add_entry(resolved.code, NoteIn(body="The Brother MFC-9330 had a torn fuser film."))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("1", "slash", *"fuser fil", "enter")
        await settle(app, pilot)
        assert not app.screen.query_one(TicketList).rows, "the open view's filter does not look in the journal"
        await pilot.press("0")
        await settle(app, pilot)
        rows = app.screen.query_one(TicketList).rows
        assert [row.code for row in rows] == [resolved.code]
        assert app.screen.sub_title.startswith("Search all tickets · work order · /fuser fil")
        assert "notes and messages" in str(app.screen.query_one("#filter").placeholder)  # type: ignore[attr-defined]
        await pilot.press("slash", "escape")  # back in the filter, esc clears it
        await settle(app, pilot)
        everything = (await client.search(TicketQuery(limit=1))).total
        assert len(app.screen.query_one(TicketList).rows) == everything, "with nothing typed: every ticket"


async def test_a_filter_typed_in_one_go_lands_in_the_filter_and_fires_no_key(client: HelplineClient) -> None:
    """Found in the tmux check of view 0: `/reinst` sent in one go left the filter empty; the letters after `/`
    were on their way to the list before the filter line had the focus (and r, e, s, t are queue keys); and
    `0/cabl` lost the 0, taken as text by the line once it had the focus."""
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for key, char in [("0", "0"), ("slash", "/"), *((ch, ch) for ch in "reinst")]:
            app.post_message(events.Key(key, char))
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen), "e opened no escalation form, s no status picker"
        assert app.screen.query_one("#filter", Input).value == "reinst"
        assert app.screen.sub_title == "Search all tickets · work order · /reinst", "and 0 chose its view first"
