"""Issue 19: a Swedish agent reads the journal's system events in Swedish, status names included."""

from __future__ import annotations

from app.api.schemas import StatusIn
from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import EntryKind, Status
from app.domain.tickets import NewTicket
from app.i18n import set_language
from app.tui import HelplineApp
from tests.pilot_helpers import open_journal
from widgets.journal_view import JournalView


async def test_a_status_change_reads_in_swedish(client: HelplineClient) -> None:
    made = await client.create(NewTicket(subject="Laptop fan is very loud", requester="Karin Dahl"))
    await client.set_status(made.code, StatusIn(status=Status.IN_PROGRESS), made.version)
    set_language("sv")  # as app/cli.py does from the config's language (conftest.py sets English back)
    app = HelplineApp(Settings(language="sv"), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot, made.code)
        view = screen.query_one(JournalView)
        events = [" ".join(view.entry_lines(e)) for e in view.entries if e.kind is EntryKind.SYSTEM_EVENT]
        assert any("Status: Ny → Pågår, av anna" in text for text in events), events
        assert any("Registrerat av anna i" in text for text in events), events
        assert not any("Registered by" in text or "In Progress" in text for text in events), events
    stored = next(e for e in (await client.get(made.code)).journal if e.event == "status")
    assert stored.body == "Status: New → In Progress, by anna", "the English words stay for mail and older clients"
