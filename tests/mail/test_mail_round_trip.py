"""The whole round trip on the local store against a real SMTP server (R-MAIL-1/2, issue 18's "done when"): a
user's mail opens a ticket (`helpline mail-in`), the agent answers from the journal while the relay is away
(the letter is queued, shown deferred, the status line says what waits), the relay comes back and receives it
with [HL-n], and the user's reply joins the ticket with the Update flag, seen in the open journal on refresh."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app.backends import local
from app.backends.local_store import LocalStore
from app.config import Settings
from app.connect import local_client
from app.domain.clock import utcnow
from app.domain.enums import Delivery, EntryKind
from app.mail.inbound import receive
from app.seed import seed_demo
from app.tui import HelplineApp
from screens.journal import JournalScreen
from screens.queue import QueueScreen
from tests.mail import corpus
from tests.mail.test_outbox import mail_settings
from tests.mail_server import SmtpServer
from tests.pilot_helpers import notifications, open_journal, settle
from widgets.journal_view import JournalView
from widgets.status_line import StatusLine


def mail_in(store_dir: Path, raw: bytes, settings: object) -> str:
    store = LocalStore(store_dir)
    try:
        verdict = receive(raw, store, settings, utcnow)  # type: ignore[arg-type]
    finally:
        store.close()
    assert verdict.code == 0, verdict.said
    return verdict.said


async def test_a_mail_is_answered_from_the_journal_and_the_reply_joins_the_ticket(
        store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    smtp = SmtpServer(tmp_path)
    settings = mail_settings(smtp)
    seed_demo(store_dir)
    opened = mail_in(store_dir, corpus.PLAIN_NEW, settings)
    code = opened.removeprefix("opened ")
    client = local_client(store_dir, "anna", mail=settings)
    app = HelplineApp(Settings(mail=settings), client=client)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            journal = await open_journal(app, pilot, code)
            await pilot.press("R", *"We replaced the drum: please try again.", "ctrl+s")
            await pilot.pause()
            await pilot.press("s")  # from the letter's preview, to Karin Dahl <karin.dahl@example.org>
            await settle(app, pilot)  # the outbox's round ran at once, with the relay away
            [letter] = journal.ticket.letters if journal.ticket else []
            stored = LocalStore(store_dir)
            assert stored.get(code).letters[0].delivery is Delivery.DEFERRED
            stored.close()
            queue = next(screen for screen in app.screen_stack if isinstance(screen, QueueScreen))
            waiting = str(queue.query_one(StatusLine).render())
            assert "1 letter(s) waiting: 127.0.0.1 unreachable (Connection refused) since " in waiting
            await pilot.press("r")  # the journal read again shows the delivery under the message
            await settle(app, pilot)
            view = journal.query_one(JournalView)
            message = next(e for e in view.entries if e.kind is EntryKind.MESSAGE_TO_USER)
            assert "deferred" in view.entry_lines(message)[-1] and "karin.dahl@example.org" in view.entry_lines(
                message)[-1]

            smtp.start()  # the relay is back; the next try is due a minute later
            later = utcnow() + timedelta(minutes=2)
            monkeypatch.setattr(local, "utcnow", lambda: later)
            queue.outbox.start_round()
            await settle(app, pilot)
            [received] = smtp.received
            assert received.message["Subject"] == f"[{code}] Printer on floor 3 prints blank pages"
            assert received.recipients == ["karin.dahl@example.org"]
            assert "waiting" not in str(queue.query_one(StatusLine).render())

            told = notifications(app)
            mail_in(store_dir, corpus.reply(code, "reply-round-trip", "It prints again."), settings)
            await pilot.press("r")
            await settle(app, pilot)
            assert isinstance(app.screen, JournalScreen) and app.screen.ticket is not None
            reloaded = app.screen.ticket
            assert reloaded.update_flag is not None and reloaded.journal[-2].body.startswith("It prints again.")
            assert reloaded.letters[0].delivery is Delivery.SENT
            assert not told
            assert letter.message_id == reloaded.letters[0].message_id
    finally:
        smtp.stop()
        await client.aclose()
