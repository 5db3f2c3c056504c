"""R-MAIL-2 in the workstation: a user's reply shows with the earlier mail it quotes folded to one line (kept
whole; Q unfolds it), and mail that could not be read is named in the status line for an agent."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

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


async def test_a_weak_subject_from_a_mail_is_marked_and_t_gives_it_a_telling_title(client: HelplineClient,
                                                                                  store_dir: Path) -> None:
    """R-MAIL-2, R-TICKET-5: "help" is kept as the user wrote it and the header says so; T retitles the ticket (a
    weak title refused as on the form), and the mark goes."""
    code = delivered(store_dir, corpus.WEAK_SUBJECT).removeprefix("opened ")
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(140, 40)) as pilot:
        journal = await open_journal(app, pilot, code)
        header = str(journal.query_one("#ticket-header").render())
        assert "help" in header and "T gives it a telling title" in header
        await pilot.press("T")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "Black screen after the update"  # in place of "help"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert journal.ticket is not None and journal.ticket.subject == "Black screen after the update"
        assert not journal.ticket.retitle
        assert "telling title" not in str(journal.query_one("#ticket-header").render())


async def test_a_new_title_is_held_to_the_subject_rules(client: HelplineClient) -> None:
    """R-TICKET-5: a title that says nothing is refused as the form refuses it, and the subject stays."""
    from app.api.schemas import FieldsIn
    from app.errors import Refused

    ticket = await client.get("HL-12")
    with pytest.raises(Refused, match="R-TICKET-5"):
        await client.set_fields("HL-12", FieldsIn(subject="help"), ticket.version)
    assert (await client.get("HL-12")).subject == ticket.subject
