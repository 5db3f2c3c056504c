"""Finding 7 (follow-up and triage): a ticket back from second line gave first line no cue. It came back as an
ordinary "In Progress" row and `x` opened an empty solution, though second line's solution note was on it.
Now the row says "returned" before its status and the resolve letter starts from that note (R-DISPATCH-4)."""

from __future__ import annotations

from pathlib import Path

from app.api.backend import TicketQuery
from app.api.schemas import ReturnIn
from app.client import HelplineClient
from app.config import Settings
from app.connect import local_client
from app.tui import HelplineApp
from screens.note_editor import NoteEditor
from tests.domain.factories import SOLUTION
from tests.pilot_helpers import open_journal, settle
from widgets.plain_text_area import PlainTextArea
from widgets.ticket_list import TicketList


async def _returned_by_infrastructure(client: HelplineClient, store_dir: Path) -> str:
    """A ticket of the Service Desk that Infrastructure (mikkel, a member) sends home with its solution."""
    rows = (await client.search(TicketQuery(open=True, team="infrastructure", limit=100))).items
    away = next(row for row in [await client.get(r.code) for r in rows] if row.primary_team == "support")
    mikkel = local_client(store_dir, "mikkel")
    try:
        await mikkel.return_to_primary(away.code, ReturnIn(note=SOLUTION), away.version)
    finally:
        await mikkel.aclose()
    return away.code


async def test_the_row_says_returned_and_the_resolve_letter_starts_from_the_solution(client: HelplineClient,
                                                                                    store_dir: Path) -> None:
    code = await _returned_by_infrastructure(client, store_dir)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")  # back in the Service Desk's queue
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        row = next(row for row in tickets.rows if row and row.code == code)
        assert row.returned
        line = "".join(segment.text for segment in tickets._draw(row, 160, False, False))
        assert "returned · New" in line
        await open_journal(app, pilot, code)
        await pilot.press("x")
        await pilot.pause()  # the worker waits on the editor it opened
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(PlainTextArea).text == SOLUTION
    resolved_row = (await client.search(TicketQuery(q=code, limit=5))).items[0]
    assert resolved_row.returned, "only the resolve clears it, and nothing was resolved yet"


def test_the_cue_goes_when_the_ticket_is_resolved_or_handed_on() -> None:
    from app.domain.dispatch import apply_dispatch, apply_return_to_primary
    from app.domain.enums import Status
    from app.domain.models import Ticket, TicketRow
    from app.domain.status import apply_status_change
    from tests.domain.factories import AGENTS, NOW, SUMMARY, teams, ticket

    def back() -> Ticket:
        away = ticket(team="infrastructure", status=Status.IN_PROGRESS, started=NOW)
        return apply_return_to_primary(away, teams=teams(), agents=AGENTS, actor="sofie", solution_note=SOLUTION,
                                       now=NOW)

    returned = back()
    assert returned.returned_solution == SOLUTION and TicketRow.of(returned).returned
    resolved = apply_status_change(returned, Status.RESOLVED, team=teams()["support"], actor="anna", now=NOW,
                                   solution=SOLUTION)
    assert resolved.returned_solution is None and not TicketRow.of(resolved).returned
    again = apply_dispatch(back(), "infrastructure", teams=teams(), agents=AGENTS, actor="anna", summary=SUMMARY,
                           now=NOW, one_problem=True)
    assert again.returned_solution is None
