"""Finding 4 (follow-up and triage): bulk triage over marked rows. `A` assigned the cursor row, not the marked
ones (it assigns them all now, by the dispatcher of their one team: R-DISPATCH-3); an esc in a bulk dispatch
dropped every mark (R-DISPATCH-1: each keeps its own summary, one after the other); bulk `a` said "2 ticket(s)
changed" when one had not."""

from __future__ import annotations

from app.api.backend import TicketQuery
from app.api.schemas import FlagsIn
from app.client import HelplineClient
from app.config import Settings
from app.domain.models import TicketRow
from app.tui import HelplineApp
from screens.choose import Choose
from screens.dispatch import DispatchScreen
from screens.queue import QueueScreen
from tests.pilot_helpers import notifications, settle
from widgets.ticket_list import TicketList


async def _mark(app: HelplineApp, pilot: object, rows: list[TicketRow]) -> TicketList:
    """Mark `rows` in the list on screen with space, as the agent does."""
    tickets = app.screen.query_one(TicketList)
    for row in rows:
        tickets.cursor = next(i for i, shown in enumerate(tickets.rows) if shown and shown.code == row.code)
        await pilot.press("space")  # type: ignore[attr-defined]
    return tickets


async def _unassigned_of_support(client: HelplineClient, n: int) -> list[TicketRow]:
    rows = [row for row in (await client.search(TicketQuery(open=True, team="support", owner="none", limit=100))).items
            if not row.attention]
    assert len(rows) >= n
    return list(rows[:n])


async def test_A_assigns_every_marked_row_not_the_cursor_row(client: HelplineClient) -> None:
    marked = await _unassigned_of_support(client, 2)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")  # my team's queue: anna dispatches Service Desk
        await settle(app, pilot)
        tickets = await _mark(app, pilot, marked)
        tickets.cursor = next(i for i, row in enumerate(tickets.rows)
                              if row and row.code not in tickets.marked and row.owner != "lars")
        cursor_code = tickets.current.code if tickets.current else None
        await pilot.press("A")
        await pilot.pause()  # the worker waits on the picker it opened
        assert isinstance(app.screen, Choose) and "2 tickets" in app.screen.title_text
        lars = next(i for i, (_, username) in enumerate(app.screen.choices) if username == "lars")
        await pilot.press(*["down"] * lars, "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen) and not app.screen.tickets.marked
    assert [(await client.get(row.code)).owner for row in marked] == ["lars", "lars"]
    assert (await client.get(str(cursor_code))).owner != "lars", "the cursor row was not marked"


async def test_marks_survive_an_esc_in_a_bulk_dispatch(client: HelplineClient) -> None:
    marked = await _unassigned_of_support(client, 2)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        await _mark(app, pilot, marked)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DispatchScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        assert app.screen.tickets.marked == {row.code for row in marked}


async def test_bulk_attention_counts_only_what_changed(client: HelplineClient) -> None:
    first, second = await _unassigned_of_support(client, 2)
    already = await client.get(second.code)
    await client.set_flags(already.code, FlagsIn(attention=True), already.version)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        told = notifications(app)
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        tickets = await _mark(app, pilot, [second, first])
        tickets.cursor = next(i for i, row in enumerate(tickets.rows) if row and row.code == first.code)
        await pilot.press("a")  # the cursor row has no Attention: `a` raises it on every marked row
        await settle(app, pilot)
    assert any(message.startswith(f"1 ticket(s) changed; 1 already so: {second.code}") for message in told), (
        told, first.code, second.code)
    assert (await client.get(first.code)).attention
