"""R-MAIL-2 in the workstation: a user's reply shows with the earlier mail it quotes folded to one line (kept
whole; Q unfolds it), and mail that could not be read is named in the status line for an agent."""

from __future__ import annotations

from pathlib import Path

from app.backends.local_store import LocalStore
from app.client import HelplineClient
from app.config import Settings
from app.domain.clock import utcnow
from app.domain.enums import EntryKind
from app.mail.inbound import receive
from app.tui import HelplineApp
from screens.queue import QueueScreen
from tests.mail import corpus
from tests.mail.test_mail_in import SETTINGS
from tests.pilot_helpers import open_journal, settle
from widgets.journal_view import JournalView
from widgets.status_line import StatusLine


def delivered(store_dir: Path, raw: bytes) -> str:
    store = LocalStore(store_dir)
    try:
        return receive(raw, store, SETTINGS, utcnow).said
    finally:
        store.close()


async def test_quoted_earlier_mail_is_folded_in_the_journal_and_q_unfolds_it(client: HelplineClient,
                                                                            store_dir: Path) -> None:
    assert delivered(store_dir, corpus.reply("HL-12", "folded", "It prints again, thank you!")) == "joined HL-12"
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        journal = await open_journal(app, pilot, "HL-12")
        view = journal.query_one(JournalView)
        reply = next(e for e in reversed(view.entries) if e.kind is EntryKind.MESSAGE_FROM_USER)
        shown = "\n".join(view.entry_lines(reply))
        assert "It prints again, thank you!" in shown and "› 2 quoted lines of earlier mail" in shown
        assert "> Dear user" not in shown and "> Dear user" in reply.body, "folded on screen, kept whole"
        await pilot.press("Q")
        await settle(app, pilot)
        assert "> Dear user" in "\n".join(view.entry_lines(reply))


async def test_unreadable_mail_kept_for_an_agent_is_named_in_the_status_line(client: HelplineClient,
                                                                             store_dir: Path) -> None:
    assert delivered(store_dir, corpus.NO_HEADERS_AT_ALL).startswith("kept for an agent")
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        line = str(app.screen.query_one(StatusLine).render())
        assert "1 unreadable mail(s) kept for an agent in mail-kept" in line
