"""Finding 1 (follow-up and triage) in the running app: queue view 8 "Escalations I follow" lists the
escalations an agent raised, handles or follows across tickets, and `m` moves one on, from view 8 and from
the journal (R-ESC-5); the work list shows the real handler (R-LINK-2)."""

from __future__ import annotations

from app.api.backend import TicketQuery
from app.api.schemas import EscalationIn
from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import EscalationKind, EscalationStatus
from app.domain.models import Ticket
from app.tui import HelplineApp
from screens.choose import Choose
from screens.journal import JournalScreen
from tests.pilot_helpers import open_journal, settle
from widgets.escalation_list import EscalationList
from widgets.ticket_list import TicketList


async def _complaint(client: HelplineClient) -> Ticket:
    """A complaint anna raises on an open ticket of hers that has no other escalation, handled by sofie."""
    rows = (await client.search(TicketQuery(open=True, owner="anna", limit=100))).items
    ticket = next(t for t in [await client.get(row.code) for row in rows] if not t.escalations)
    body = EscalationIn(kind=EscalationKind.COMPLAINT, handler="sofie", note="User complains nobody called back")
    return await client.escalate(ticket.code, body, ticket.version)


async def test_view_8_lists_what_i_follow_and_m_moves_it_on_until_it_ends(client: HelplineClient) -> None:
    ticket = await _complaint(client)
    number = ticket.escalations[-1].number
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("8")
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        assert ticket.code in [row.code for row in tickets.rows if row]
        assert app.screen.sub_title.startswith("Escalations I follow")
        tickets.cursor = next(i for i, row in enumerate(tickets.rows) if row and row.code == ticket.code)
        shown = tickets.reason(tickets.rows[tickets.cursor], tickets.now) if tickets.reason else ("", False)
        assert shown[0].startswith("E1 Complaint: Open, Sofie"), shown
        await pilot.press("m")
        await pilot.pause()  # the worker waits on the dialog it opened (tests/pilot_helpers.py)
        assert isinstance(app.screen, Choose)
        await pilot.press("down", "enter")  # In progress, Done, Withdrawn, Another handler…: Done
        await settle(app, pilot)
        assert ticket.code not in [row.code for row in app.screen.query_one(TicketList).rows if row], "it ended"
    stored = await client.get(ticket.code)
    assert stored.escalations[-1].status is EscalationStatus.DONE
    assert any(number in e.body and "Done" in e.body and "by anna" in e.body for e in stored.journal)


async def test_m_in_the_journal_moves_it_on_and_the_work_list_shows_the_handler(client: HelplineClient) -> None:
    ticket = await _complaint(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        journal = await open_journal(app, pilot, ticket.code)
        rows = journal.query_one(EscalationList).rows_text()
        assert rows[-1][2] == "Open" and rows[-1][5] == "Sofie Kjær (sofie)"
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")  # In progress
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        assert app.screen.query_one(EscalationList).rows_text()[-1][2] == "In Progress"
    assert (await client.get(ticket.code)).escalations[-1].status is EscalationStatus.IN_PROGRESS


async def test_the_hierarchical_picker_names_each_persons_roles_and_teams(client: HelplineClient) -> None:
    """Finding 8 (follow-up and triage): the `H` picker listed bare names; it says who each one is (R-ESC-4)."""
    p1 = next(row for row in (await client.search(TicketQuery(open=True, team="support", limit=100))).items
              if row.priority.value == "P1")
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, p1.code)
        await pilot.press("H")
        await pilot.pause()  # the worker waits on the picker it opened
        assert isinstance(app.screen, Choose)
        shown = {username: text for text, username in app.screen.choices}
        assert shown["mikkel"] == "Mikkel Dahl (mikkel) · Dispatcher, Team lead · Infrastructure"
        assert shown["ruben"].startswith("Ruben Visser (ruben) · Process manager")
