"""Finding 3 (follow-up and triage): the assign picker listed members with no counts, assigning to an absent
member happened without a word, and no view showed absent members' tickets (R-TEAM-3). Now the picker shows
each member's load and absence, an absent one is asked about first, and view 9 lists their tickets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.api.backend import TicketQuery
from app.api.schemas import AbsenceIn
from app.client import HelplineClient
from app.config import Settings
from app.connect import local_client
from app.errors import Refused
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


async def test_a_dispatcher_marks_a_member_back_and_the_directory_keeps_who_did_it(client: HelplineClient,
                                                                                   store_dir: Path) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("M")
        await pilot.pause()  # the worker waits on the picker it opened
        picker = app.screen
        assert isinstance(picker, Choose)
        jonas = [username for _, username in picker.choices].index("jonas")
        assert "absent: mark back" in picker.choices[jonas][0]
        await pilot.press(*["down"] * jonas, "enter")
        await settle(app, pilot)
        await pilot.press("9")
        await settle(app, pilot)
        assert not [row for row in app.screen.query_one(TicketList).rows if row], "nobody is absent now"
    assert "jonas" not in {t.id: t for t in await client.teams()}["support"].absent
    history = json.loads((store_dir / "directory.json").read_text())["history"]
    assert history[-1]["by"] == "anna" and "jonas back in Service Desk" in history[-1]["what"]
    lars = local_client(store_dir, "lars")
    try:
        with pytest.raises(Refused, match="Only a dispatcher"):
            await lars.set_absence("support", AbsenceIn(agent="maja", absent=True))
    finally:
        await lars.aclose()
