"""Issue 19 (finding things): the requester's earlier tickets, in the new-ticket form once the requester is
filled (code, subject, status, newest first, a few) and behind `l` in the journal, whose list opens one."""

from __future__ import annotations

from collections import Counter

from textual.widgets import Input, OptionList

from app.api.backend import TicketQuery
from app.client import HelplineClient
from app.config import Settings
from app.domain.models import TicketRow
from app.tui import HelplineApp
from screens.choose import Choose
from screens.journal import JournalScreen
from screens.new_ticket import NewTicketScreen
from tests.pilot_helpers import open_journal, settle
from widgets.earlier_tickets import EarlierTickets


async def frequent_requester(client: HelplineClient) -> tuple[str, list[TicketRow]]:
    """A requester of the demo with several tickets, and those tickets, newest first."""
    rows = (await client.search(TicketQuery(sort="code", limit=1000))).items
    who = Counter(row.requester for row in rows).most_common(1)[0][0]
    mine = [row for row in rows if who.casefold() in (row.requester.casefold(), (row.requested_for or "").casefold())]
    assert len(mine) >= 3, who
    return who, list(reversed(mine))


async def test_the_form_shows_the_requesters_earlier_tickets_newest_first(client: HelplineClient) -> None:
    who, mine = await frequent_requester(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, NewTicketScreen)
        earlier = app.screen.query_one(EarlierTickets)
        assert not earlier.display, "nothing to show before a requester is given"
        app.screen.query_one("#requester", Input).value = who.upper()  # any case
        await settle(app, pilot)
        shown = str(earlier.render())
        assert earlier.display and f"Earlier tickets of this requester: {len(mine)}, newest first" in shown
        lines = shown.splitlines()[1:]
        assert [line.split()[0] for line in lines] == [row.code for row in mine[:5]]
        assert mine[0].subject in lines[0]
        app.screen.query_one("#requester", Input).value = "Nobody Atall"
        await settle(app, pilot)
        assert not earlier.display


async def test_l_in_the_journal_lists_the_requesters_other_tickets_and_opens_one(client: HelplineClient) -> None:
    who, mine = await frequent_requester(client)
    here, other = mine[-1], mine[0]
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, here.code)
        await pilot.press("l")
        for _ in range(50):  # its worker looks the tickets up, then waits on the list: settle would wait on it too
            await pilot.pause()
            if isinstance(app.screen, Choose):
                break
        assert isinstance(app.screen, Choose)
        assert f"Other tickets of {who}: {len(mine) - 1}, newest first" in app.screen.title_text
        assert app.screen.choices[0][1] == other.code
        assert here.code not in [code for _, code in app.screen.choices]
        app.screen.query_one(OptionList).highlighted = 0
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.screen.code == other.code
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.screen.code == here.code
