"""Issue 19 (finding things): `/` folds case and diacritics ("oberg" finds Öberg, "soren" Søren, "praest" Præst)
and matches the requested-for person, the owner, the team and the category, not only code, subject, requester
and serial number."""

from __future__ import annotations

import pytest

from app.client import HelplineClient
from app.config import Settings
from app.tui import HelplineApp
from screens.queue import QueueScreen
from tests.pilot_helpers import settle
from widgets.ticket_list import TicketList


@pytest.mark.parametrize(("typed", "found"), [
    ("oberg", "Ingrid Öberg"), ("soren", "Søren Bæk"), ("praest", "Jens Præst"), ("ÖBERG", "Ingrid Öberg"),
])
async def test_the_filter_folds_case_and_diacritics(client: HelplineClient, typed: str, found: str) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *typed)
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        rows = [row for row in app.screen.query_one(TicketList).rows if row is not None]
        assert rows, f"{typed!r} finds nothing"
        assert all(found in (row.requester, row.requested_for) for row in rows), [row.requester for row in rows]


async def test_the_filter_matches_owner_team_category_and_requested_for(client: HelplineClient) -> None:
    from app.api.backend import TicketQuery

    for typed, field in (("jonas", "owner"), ("infrastructure", "team"), ("printing", "category")):
        page = await client.search(TicketQuery(open=True, q=typed, limit=200))
        assert page.items, typed
        assert all(typed in (getattr(row, field) or "").casefold() or typed in row.subject.casefold()
                   for row in page.items), (typed, [getattr(row, field) for row in page.items])
    karin_for = await client.search(TicketQuery(q="karin dahl", limit=200))
    assert any(row.requested_for == "Karin Dahl" for row in karin_for.items), "the requested-for person"


async def test_an_empty_result_says_so(client: HelplineClient) -> None:
    """Issue 19: nothing matching showed only the column titles; now the list's first line says so."""
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"zzqx")
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        assert tickets.rows == [] and tickets.render_line(0).text.startswith("No tickets match “zzqx” in this view.")
