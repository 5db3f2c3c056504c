"""Issue 19 (finding things): a new ticket's likely duplicates include the same subject from another requester
and a resolved twin, and the dialog offers "open it" (the draft stays), "add this call to it" (no new ticket:
the user's words join the twin, R-JOURNAL-6, R-FLAG-1; a resolved twin is reopened, R-STATUS-6) and "save
anyway" (tests/test_new_ticket_screen.py)."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, TextArea

from app.api.backend import TicketQuery
from app.client import HelplineClient
from app.config import Settings
from app.domain.clock import utcnow
from app.domain.duplicates import Likeness, duplicates
from app.domain.enums import EntryKind, Status
from app.domain.models import TicketRow
from app.tui import HelplineApp
from screens.duplicate_choice import DuplicateChoice
from screens.journal import JournalScreen
from screens.new_ticket import NewTicketScreen
from screens.queue import QueueScreen
from tests.pilot_helpers import settle

CALLER = "Oskar Lind <oskar.lind@example.org>"


async def total(client: HelplineClient) -> int:
    return (await client.search(TicketQuery(limit=1))).total


async def form_with(app: HelplineApp, pilot: object, requester: str, subject: str, description: str) -> None:
    await settle(app, pilot)  # type: ignore[arg-type]
    await pilot.press("c")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, NewTicketScreen)
    app.screen.query_one("#requester", Input).value = requester
    app.screen.query_one("#subject", Input).value = subject
    app.screen.query_one("#description", TextArea).text = description
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]


def test_duplicates_of_another_requester_and_a_resolved_twin() -> None:
    now = utcnow()
    base = dict(kind="incident", team="support", priority="P3", created=now, updated=now, version=1)
    rows = [
        TicketRow(id=1, code="HL-1", subject="Wireless network down on floor 3", requester="Eva Holm",
                  status=Status.IN_PROGRESS, **base),
        TicketRow(id=2, code="HL-2", subject="Wireless network down on floor 3", requester="Per Ek",
                  status=Status.NEW, **base),
        TicketRow(id=3, code="HL-3", subject="Wireless network down floor 3", requester="Eva Holm",
                  status=Status.RESOLVED, resolved_at=now - timedelta(days=1), **base),
        TicketRow(id=4, code="HL-4", subject="Wireless network down floor 3", requester="Eva Holm",
                  status=Status.RESOLVED, resolved_at=now - timedelta(days=40), **base),
        TicketRow(id=5, code="HL-5", subject="Wireless network down floor 3", requester="Per Ek",
                  status=Status.RESOLVED, resolved_at=now - timedelta(days=1), **base),
        TicketRow(id=6, code="HL-6", subject="Keyboard misses a key", requester="Per Ek",
                  status=Status.NEW, **base),
    ]
    found = [(each.row.code, each.likeness) for each in duplicates("Wireless network down, floor 3", "eva holm",
                                                                   rows, now)]
    assert found == [("HL-1", Likeness.SAME_REQUESTER), ("HL-3", Likeness.RESOLVED_TWIN),
                     ("HL-2", Likeness.OTHER_REQUESTER)]


async def test_open_it_shows_another_requesters_twin_and_the_draft_is_kept(client: HelplineClient) -> None:
    twin = next(row for row in (await client.search(TicketQuery(open=True, limit=200))).items
                if len(row.subject.split()) >= 3)
    before = await total(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        await form_with(app, pilot, CALLER, twin.subject, "Same here since this morning.")
        assert isinstance(app.screen, DuplicateChoice)
        shown = {each.row.code: each.likeness for each in app.screen.found}
        assert shown.get(twin.code) is Likeness.OTHER_REQUESTER, shown
        app.screen.query_one("OptionList").highlighted = list(shown).index(twin.code)  # type: ignore[attr-defined]
        await pilot.press("o")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.screen.code == twin.code
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, NewTicketScreen)
        assert app.screen.query_one("#requester", Input).value == CALLER
        assert app.screen.query_one("#description", TextArea).text == "Same here since this morning."
    assert await total(client) == before


async def test_add_this_call_to_another_requesters_twin_makes_no_new_ticket(client: HelplineClient) -> None:
    twin = next(row for row in (await client.search(TicketQuery(open=True, limit=200))).items
                if len(row.subject.split()) >= 3)
    before = await total(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        await form_with(app, pilot, CALLER, twin.subject, "Same here since this morning.")
        assert isinstance(app.screen, DuplicateChoice)
        app.screen.query_one("OptionList").highlighted = [  # type: ignore[attr-defined]
            each.row.code for each in app.screen.found].index(twin.code)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    assert await total(client) == before, "no new ticket"
    stored = await client.get(twin.code)
    words = stored.journal[-1] if stored.journal[-1].kind is EntryKind.MESSAGE_FROM_USER else next(
        e for e in reversed(stored.journal) if e.kind is EntryKind.MESSAGE_FROM_USER)
    assert words.body == "Same here since this morning." and words.author == CALLER  # R-JOURNAL-6
    assert stored.update_flag is not None, "R-FLAG-1: the user wrote"


async def test_add_this_call_to_a_resolved_twin_reopens_it(client: HelplineClient) -> None:
    now = utcnow()
    twin = next(row for row in (await client.search(TicketQuery(status=[Status.RESOLVED], limit=200))).items
                if row.resolved_at and now - row.resolved_at < timedelta(days=29) and len(row.subject.split()) >= 2)
    before = await total(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        await form_with(app, pilot, twin.requester, twin.subject, "It is broken again.")
        assert isinstance(app.screen, DuplicateChoice)
        shown = {each.row.code: each.likeness for each in app.screen.found}
        assert shown.get(twin.code) is Likeness.RESOLVED_TWIN, shown
        app.screen.query_one("OptionList").highlighted = list(shown).index(twin.code)  # type: ignore[attr-defined]
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    assert await total(client) == before
    stored = await client.get(twin.code)
    assert stored.status is Status.IN_PROGRESS and stored.update_flag is not None  # R-STATUS-6
    assert stored.journal[-1].kind is EntryKind.MESSAGE_FROM_USER and stored.journal[-1].body == "It is broken again."
