"""Queue screen: filter as you type, jump, sort, marks with bulk actions, views, state across restarts."""

from __future__ import annotations

from datetime import timedelta

from textual.pilot import Pilot

from app.api.backend import TicketQuery
from app.client import HelplineClient
from app.config import Settings
from app.domain.clock import utcnow
from app.domain.enums import PendingReason, Status
from app.domain.escalations import hierarchical_reasons
from app.tui import HelplineApp
from screens.choose import Choose
from screens.confirm import Confirm
from screens.journal import JournalScreen
from screens.queue import QueueScreen
from tests.pilot_helpers import settle as settle_workers
from widgets.ticket_list import TicketList
from widgets.title_line import TitleLine


async def settle(app: HelplineApp, pilot: Pilot[object]) -> TicketList | None:
    """Wait for every worker; the queue's list when the queue is showing."""
    await settle_workers(app, pilot)
    found = app.screen.query(TicketList)
    return found.first() if found else None


async def test_slash_filters_as_you_type_and_esc_clears(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        tickets = await settle(app, pilot)
        everything = len(tickets.rows)
        await pilot.press("slash", *"stads")
        tickets = await settle(app, pilot)
        assert tickets.rows and len(tickets.rows) < everything
        assert all("stads" in row.subject.casefold() for row in tickets.rows)
        await pilot.press("escape")
        tickets = await settle(app, pilot)
        assert len(tickets.rows) == everything


async def test_colon_jumps_to_a_ticket_and_names_an_unknown_one(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon", *"HL-42", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.screen.code == "HL-42"
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("colon", *"HL-9999", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)


async def test_sort_cycles_work_order_age_updated_R_PRIO_3(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        tickets = await settle(app, pilot)
        created = [row.created for row in tickets.rows]
        assert created == sorted(created) and "oldest first" in app.screen.sub_title


async def test_marked_rows_get_the_flag_and_pending_actions_R_FLAG_1_R_STATUS_3(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("4")  # Update flag raised
        tickets = await settle(app, pilot)
        flagged = [row.code for row in tickets.rows[:2]]
        await pilot.press("g", "space", "space")
        assert tickets.marked == set(flagged)
        await pilot.press("u")
        for _ in range(200):  # the action reads the marked tickets, then asks: the demo's users have no answer
            if isinstance(app.screen, Confirm):
                break
            await pilot.pause()
        assert isinstance(app.screen, Confirm) and "2 ticket(s)" in app.screen.question
        await pilot.press("y")
        await settle(app, pilot)
        for code in flagged:
            assert (await client.get(code)).update_flag is None
        await pilot.press("1")
        tickets = await settle(app, pilot)
        new = [row.code for row in tickets.rows if row.status is Status.NEW][:2]
        for code in new:
            tickets._move_to(next(i for i, row in enumerate(tickets.rows) if row.code == code))
            await pilot.press("space")
        await pilot.press("p", "down", "down", "enter")  # Pending approval
        await pilot.pause()  # then the optional message (screens/pending_details.py): none
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    for code in new:
        stored = await client.get(code)
        assert stored.status is Status.PENDING and stored.pending_reason is PendingReason.APPROVAL


async def test_hierarchical_candidates_view_R_ESC_4(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("6")
        tickets = await settle(app, pilot)
        assert tickets.rows
        now = utcnow()
        assert all(hierarchical_reasons(row, now, timedelta(hours=48)) for row in tickets.rows)
        everything = (await client.search(TicketQuery(open=True, limit=1000))).items
        expected = {row.code for row in everything if hierarchical_reasons(row, now, timedelta(hours=48))}
        assert {row.code for row in tickets.rows} == expected


async def test_view_filter_sort_and_cursor_survive_a_restart(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3", "o", "slash", *"printer", "enter")
        tickets = await settle(app, pilot)
        assert len(tickets.rows) >= 2
        await pilot.press("j")
        chosen = tickets.current.code if tickets.current else None
        await pilot.press("q")
    again = HelplineApp(Settings(), client=client)
    async with again.run_test(size=(120, 40)) as pilot:
        tickets = await settle(again, pilot)
        assert again.screen.sub_title.startswith("My team's queue · oldest first · /printer")
        assert tickets.current is not None and tickets.current.code == chosen


async def test_status_change_for_marked_rows_offers_only_common_moves_R_STATUS_2(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        tickets = await settle(app, pilot)
        assert tickets is not None
        pending = [row.code for row in tickets.rows if row.status is Status.PENDING and row.team == "support"][:2]
        for code in pending:
            tickets._move_to(next(i for i, row in enumerate(tickets.rows) if row.code == code))
            await pilot.press("space")
        await pilot.press("s")
        for _ in range(200):  # the action reads the marked tickets, then asks (its worker waits on the answer)
            if isinstance(app.screen, Choose):
                break
            await pilot.pause()
        assert isinstance(app.screen, Choose)
        assert [value for _, value in app.screen.choices] == [Status.IN_PROGRESS, Status.PENDING]
        await pilot.press("enter")
        await settle(app, pilot)
    for code in pending:
        stored = await client.get(code)
        assert stored.status is Status.IN_PROGRESS and stored.pending_reason is None


async def test_a_big_view_loads_only_the_pages_in_sight(client: HelplineClient) -> None:
    """At 100,000 tickets the queue must not fetch (or hold) every row: pages come as they are shown."""
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        tickets.page_size = 10
        await pilot.press("1", "r")
        await settle(app, pilot)
        total = len(tickets.rows)
        assert total > 40 and tickets.rows[:10] == [row for row in tickets.rows[:10] if row is not None]
        assert tickets.rows[-1] is None, "the last page was never in sight"
        await pilot.press("G")
        await settle(app, pilot)
        assert tickets.current is not None and tickets.rows[-1] is not None
        assert sum(row is None for row in tickets.rows) > 0, "pages between were never in sight either"
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.code == tickets.rows[-1].code  # type: ignore[attr-defined]


async def test_the_active_view_is_named_on_screen(client: HelplineClient) -> None:

    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "o")
        await settle(app, pilot)
        shown = str(app.screen.query_one(TitleLine).render())
        assert "My tickets" in shown and "oldest first" in shown
