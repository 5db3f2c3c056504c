"""Empty, whitespace-only, overlong and malformed input in the forms: a clear message at the field, and
everything typed kept."""

from __future__ import annotations

from textual.widgets import Input, Static, TextArea

from app.api.backend import TicketQuery
from app.client import HelplineClient
from app.config import Settings
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from screens.dispatch import DispatchScreen
from screens.escalation_form import EscalationFormScreen
from screens.new_ticket import NewTicketScreen
from tests.pilot_helpers import open_from_journal, settle

OVERLONG = "Printer " * 40  # 320 characters


async def test_new_ticket_whitespace_and_overlong_fields(client: HelplineClient) -> None:
    before = (await client.search(TicketQuery(limit=1))).total
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, NewTicketScreen)
        screen.query_one("#requester", Input).value = "   "
        screen.query_one("#subject", Input).value = OVERLONG
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "R-TICKET-3" in str(screen.query_one("#requester-problem", Static).render())
        assert "120" in str(screen.query_one("#subject-problem", Static).render()), "the limit is named"
        assert screen.query_one("#subject", Input).value == OVERLONG, "nothing typed is lost"
    assert (await client.search(TicketQuery(limit=1))).total == before


async def test_escalation_form_whitespace_and_malformed_fields(client: HelplineClient) -> None:
    ticket = await client.create(NewTicket(subject="Printer on floor 2 jams on every job", requester="Eva Holm"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_from_journal(app, pilot, ticket.code, "e", EscalationFormScreen)
        form.query_one("#requester", Input).value = "  "
        form.query_one("#description", TextArea).text = "   \n  "
        form.query_one("#serial_number", Input).value = "ab cd/../x"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        def problem(letter: str) -> str:
            return str(form.query_one(f"#problem-{letter}", Static).render())

        assert "requester is required" in problem("a") and "R-ESC-1" in problem("c")
        assert "does not look like a serial number" in problem("e")
        assert form.query_one("#serial_number", Input).value == "ab cd/../x"
    assert (await client.get(ticket.code)).version == ticket.version


async def test_dispatch_whitespace_summary_and_empty_category(client: HelplineClient) -> None:
    ticket = await client.create(NewTicket(subject="Printer on floor 2 jams on every job", requester="Eva Holm"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_from_journal(app, pilot, ticket.code, "d", DispatchScreen)
        screen.query_one("#dispatch-summary", TextArea).text = "    "
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "R-JOURNAL-3" in str(screen.query_one("#dispatch-problem", Static).render())
        screen.query_one("#dispatch-summary", TextArea).text = "Printer jams on every job; cleared the paper path."
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "R-DISPATCH-5" in str(screen.query_one("#dispatch-problem", Static).render()), "no category yet"
        assert screen.query_one("#dispatch-summary", TextArea).text.startswith("Printer jams")
    assert (await client.get(ticket.code)).team == ticket.team
