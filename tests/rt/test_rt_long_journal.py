"""A long journal on RT opens with what the first screen shows: the newest entries, the user's first report
and the pinned notes first, the rest on `o` (RT spends about 1.7 ms on each transaction it lists)."""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest

from app.api.schemas import NoteIn
from app.backends.rt_client import RtClient
from app.client import HelplineClient
from app.domain.enums import EntryKind
from app.tui import HelplineApp
from screens.journal import JournalScreen
from tests.pilot_helpers import settle
from tests.rt_desk import rt_settings
from tests.rt_server import RtServer, password_of
from widgets.journal_view import JournalView

NOTES = 130  # more than one page of RT's history


async def _fill(url: str) -> str:
    raw = RtClient(url, ("password", "anna", password_of("anna")))
    made = await raw.create("/ticket", {"Queue": "support", "Subject": "Plotter prints streaks",
                                        "Requestor": "eva@example.org", "Content": "Streaks on every print",
                                        "ContentType": "text/plain"})
    for n in range(NOTES):
        await raw.message(int(made["id"]), "comment", {"Content": f"Step {n}", "ContentType": "text/plain"})
    await raw.aclose()
    return f"HL-{made['id']}"


@pytest.fixture(scope="module")
def long_ticket(rt_fresh: RtServer) -> str:
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # its own loop: the tests' loops are per test
        return pool.submit(asyncio.run, _fill(rt_fresh.url)).result()


def bodies(entries: object) -> list[str]:
    return [e.body.strip() for e in entries if e.kind is not EntryKind.SYSTEM_EVENT]  # type: ignore[attr-defined]


async def test_the_newest_entries_come_first_with_the_first_report_and_the_pinned_ones(
    long_ticket: str, desk: HelplineClient
) -> None:
    whole = await desk.get(long_ticket)
    assert whole.journal_complete and bodies(whole.journal)[:2] == ["Streaks on every print", "Step 0"]
    step_3 = next(e for e in whole.journal if e.body.strip() == "Step 3")
    await desk.pin(long_ticket, step_3.id, True, whole.version)
    newest = await desk.get(long_ticket, latest=20)
    assert not newest.journal_complete
    shown = bodies(newest.journal)
    assert 20 <= len(shown) < NOTES, len(shown)
    assert shown[-1] == f"Step {NOTES - 1}" and "Streaks on every print" in shown and "Step 3" in shown
    assert "Step 10" not in shown, "older unpinned entries wait for o"
    assert newest.description == "Streaks on every print"
    noted = await desk.add_entry(long_ticket, NoteIn(body="Replaced the print head"), newest.version)
    assert bodies(noted.journal)[-1] == "Replaced the print head" and not noted.journal_complete
    assert any(e.pinned and e.body == "Step 3" for e in noted.journal), "a write keeps the pins in view"
    unpinned = await desk.pin(long_ticket, step_3.id, False, noted.version)
    assert unpinned.journal_complete, "a pin reads the whole journal"


async def test_the_journal_screen_opens_the_newest_entries_and_o_brings_the_rest(
    rt_fresh: RtServer, long_ticket: str, desk: HelplineClient
) -> None:
    app = HelplineApp(rt_settings(rt_fresh.url), client=desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_ticket(long_ticket)  # type: ignore[attr-defined]
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, JournalScreen) and screen.ticket is not None
        assert not screen.ticket.journal_complete
        view = screen.query_one(JournalView)
        assert "earlier entries" in (view.earlier or "")
        await pilot.press("o")
        await settle(app, pilot)
        assert screen.ticket.journal_complete, [str(n.message) for n in app._notifications]
        shown = ["\n".join(view.entry_lines(entry)) for entry in view.entries]
        assert any("Step 10" in text for text in shown)
