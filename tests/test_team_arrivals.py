"""Finding 2 (follow-up and triage), second half: the receiving team's dispatcher is told at once (R-PRIO-4). A
P1 or P2 that lands in my team's queue rings the terminal bell once, named, and the rows new since I last
looked at the team queue (view 3) are marked."""

from __future__ import annotations

import pytest

from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import Impact, Urgency
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from tests.pilot_helpers import notifications, settle
from widgets.ticket_list import TicketList


async def test_a_p1_landing_in_my_team_queue_rings_once_and_is_marked_new_until_i_look(client: HelplineClient
                                                                                      ) -> None:
    rings: list[None] = []
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        app.bell = lambda: rings.append(None)  # type: ignore[method-assign]
        told = notifications(app)
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        assert not rings and not tickets.fresh, "the first look marks nothing: everything would be new"
        p1 = await client.create(NewTicket(subject="Wireless down in the exam hall", requester="Eva Holm",
                                           category="Network", impact=Impact.COMPANY, urgency=Urgency.HIGH))
        await pilot.press("r")  # what the refresh interval does by itself
        await settle(app, pilot)
        assert len(rings) == 1 and any(p1.code in message and "P1" in message for message in told), told
        assert tickets.fresh == {p1.code}
        row = next(row for row in tickets.rows if row and row.code == p1.code)
        assert "N" in "".join(segment.text for segment in tickets._draw(row, 120, False, False, True))
        await pilot.press("r")
        await settle(app, pilot)
        assert len(rings) == 1, "once"
        await pilot.press("1", "3")  # looked, left, and back
        await settle(app, pilot)
        assert not app.screen.query_one(TicketList).fresh


async def test_what_arrived_while_i_was_away_is_marked_at_the_next_start(client: HelplineClient,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        await pilot.press("q")  # looking at the team queue when leaving the app ends the look there
    p2 = await client.create(NewTicket(subject="Payroll export fails for the whole department",
                                       requester="Eva Holm", category="Software", impact=Impact.DEPARTMENT,
                                       urgency=Urgency.HIGH))
    rings: list[None] = []
    monkeypatch.setattr(HelplineApp, "bell", lambda self: rings.append(None))  # before its first load
    again = HelplineApp(Settings(), client=client)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        assert again.screen.query_one(TicketList).fresh == {p2.code}, "view 3 comes back, with what is new"
        assert len(rings) == 1
