"""Finding 3 (follow-up and triage): the assign picker listed members with no counts, assigning to an absent
member happened without a word, and no view showed absent members' tickets (R-TEAM-3). Now the picker shows
each member's load and absence, an absent one is asked about first, and view 9 lists their tickets."""

from __future__ import annotations

from app.api.backend import TicketQuery
from app.client import HelplineClient
from app.config import Settings
from app.tui import HelplineApp
from screens.choose import Choose
from screens.confirm import Confirm
from screens.queue import QueueScreen
from tests.pilot_helpers import settle
from widgets.ticket_list import TicketList


async def _to_unassigned_of_support(app: HelplineApp, pilot: object, client: HelplineClient) -> str:
    code = (await client.search(TicketQuery(open=True, team="support", owner="none", limit=1))).items[0].code
    await pilot.press("3")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]
    tickets = app.screen.query_one(TicketList)
    tickets.cursor = next(i for i, row in enumerate(tickets.rows) if row and row.code == code)
    return code


async def test_the_picker_shows_each_members_load_and_asks_before_an_absent_one(client: HelplineClient) -> None:
    lars_open = (await client.search(TicketQuery(open=True, owner="lars", limit=1))).total
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        code = await _to_unassigned_of_support(app, pilot, client)
        await pilot.press("A")
        await pilot.pause()  # the worker waits on the picker it opened
        picker = app.screen
        assert isinstance(picker, Choose)
        lines = {username: text for text, username in picker.choices}
        assert f"Lars Nygaard (lars) · {lars_open} open, " in lines["lars"] and "overdue flags" in lines["lars"]
        assert lines["jonas"].endswith("· absent") and not lines["lars"].endswith("absent")
        jonas = [username for _, username in picker.choices].index("jonas")
        await pilot.press(*["down"] * jonas, "enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "absent" in app.screen.question  # type: ignore[attr-defined]
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    assert (await client.get(code)).owner is None, "not assigned without a yes"


async def test_view_9_lists_the_absent_members_tickets(client: HelplineClient) -> None:
    expected = {row.code for row in (await client.search(TicketQuery(open=True, owner="jonas", limit=100))).items}
    assert expected, "the demo's absent member holds tickets"
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("9")
        await settle(app, pilot)
        assert app.screen.sub_title.startswith("Absent members' tickets")
        assert {row.code for row in app.screen.query_one(TicketList).rows if row} == expected
