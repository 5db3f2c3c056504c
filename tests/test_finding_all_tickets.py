"""Issue 19 (finding things): yesterday's resolved case is found in the app by a word of its journal, in view 0
(every ticket, Resolved and Closed included), after it has left the open views; and `/` matches serial numbers."""

from __future__ import annotations

from app.api.backend import TicketQuery
from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import Status
from app.tui import HelplineApp
from screens.journal import JournalScreen
from screens.letter_preview import LetterPreview
from screens.note_editor import NoteEditor
from screens.queue import QueueScreen
from tests.pilot_helpers import open_journal, settle
from widgets.ticket_list import TicketList


def codes(app: HelplineApp) -> list[str]:
    return [row.code for row in app.screen.query_one(TicketList).rows if row is not None]


async def test_a_ticket_resolved_in_the_app_is_found_in_view_0_by_a_word_of_its_journal(
        client: HelplineClient) -> None:
    target = (await client.search(TicketQuery(open=True, team="support", status=[Status.IN_PROGRESS],
                                              limit=1))).items[0]
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        journal = await open_journal(app, pilot, target.code)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Replaced the quokkafilter cartridge and tested it", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LetterPreview)
        await pilot.press("s")
        await settle(app, pilot)
        assert app.screen is journal and journal.ticket is not None and journal.ticket.status is Status.RESOLVED
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("1", "slash", *target.code, "enter")
        await settle(app, pilot)
        assert codes(app) == [], "a resolved ticket has left the open views"
        await pilot.press("0")
        await settle(app, pilot)
        await pilot.press("slash", "ctrl+u", *"quokkafil", "enter")  # a word of the solution, only begun
        await settle(app, pilot)
        assert codes(app) == [target.code]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.screen.code == target.code
        assert app.screen.ticket is not None and app.screen.ticket.status is Status.RESOLVED


async def test_the_filter_matches_the_serial_number(client: HelplineClient) -> None:
    serial = next(row.serial_number for row in (await client.search(TicketQuery(open=True, limit=500))).items
                  if row.serial_number)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("1", "slash", *serial.lower())
        await settle(app, pilot)
        rows = [row for row in app.screen.query_one(TicketList).rows if row is not None]
        assert rows and all(serial.casefold() in (row.serial_number or "").casefold()
                            or serial.casefold() in row.subject.casefold() for row in rows)
