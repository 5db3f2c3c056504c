"""R-MAIL-2 from an IMAP mailbox, against a real Dovecot on loopback (STARTTLS): `helpline mail-fetch` stores the
unseen messages and marks each seen only once stored; a seen one is left alone; a crash between fetch and store
leaves the message unseen for the next round, and a store that happened before the crash is not made twice.
The workstation takes the mailbox's mail on its rounds."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backends.local_store import LocalStore
from app.config import Settings
from app.connect import local_client
from app.domain.clock import utcnow
from app.mail import imap_fetch, inbound
from app.mail.imap_fetch import fetch_unseen
from app.mail.settings import MailSettings
from app.seed import seed_demo
from app.tui import HelplineApp
from screens.queue import QueueScreen
from tests.imap_server import PASSWORD, USER, ImapServer, installed
from tests.mail import corpus
from tests.mail_server import HOST, make_certificate
from tests.pilot_helpers import settle
from widgets.ticket_list import TicketList


@pytest.fixture
def imap(tmp_path: Path) -> Iterator[ImapServer]:
    if not installed():
        message = "Dovecot (dovecot-imapd) is not installed, or this is not root: the IMAP tests need it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    cert, key = make_certificate(tmp_path)
    server = ImapServer(cert, key)
    server.start()
    yield server
    server.stop()


def settings_for(server: ImapServer) -> MailSettings:
    return MailSettings(from_address="servicedesk@example.org", smtp_host=HOST, imap_host=HOST,
                        imap_port=server.port, imap_security="starttls", imap_username=USER,
                        imap_password=PASSWORD, ca_file=server.cert, timeout=10)  # type: ignore[arg-type]


def test_unseen_mail_is_stored_and_then_marked_seen(imap: ImapServer, store: LocalStore) -> None:
    """Two unseen messages: a new ticket and a reply to HL-12; both marked seen; the next round stores nothing."""
    imap.append(corpus.PLAIN_NEW)
    imap.append(corpus.reply("HL-12", "imap-reply"))
    before = len(store.rows())
    report = fetch_unseen(store, settings_for(imap), utcnow)
    assert (report.stored, report.refused, report.problem) == (2, 0, None)
    assert len(store.rows()) == before + 1 and imap.unseen() == 0
    assert store.get("HL-12").journal[-1].kind.value in ("message_from_user", "system_event")
    assert fetch_unseen(store, settings_for(imap), utcnow).stored == 0


def test_a_crash_between_fetch_and_store_leaves_the_mail_for_the_next_round(
        imap: ImapServer, store: LocalStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """The process dies after reading the message, before storing it: the message is still unseen, and the next
    round stores it once. Had it died after storing but before marking, the Message-ID stores it once too."""
    imap.append(corpus.PLAIN_NEW)

    def killed(*_: object) -> object:
        raise KeyboardInterrupt  # the process going away mid-message

    monkeypatch.setattr(imap_fetch, "receive", killed)
    with pytest.raises(KeyboardInterrupt):
        fetch_unseen(store, settings_for(imap), utcnow)
    monkeypatch.undo()
    assert imap.unseen() == 1
    before = len(store.rows())
    assert inbound.receive(corpus.PLAIN_NEW, store, settings_for(imap), utcnow).code == 0  # stored, not marked
    report = fetch_unseen(store, settings_for(imap), utcnow)
    assert report.stored == 1 and imap.unseen() == 0
    assert len(store.rows()) == before + 1, "stored once"


def test_mail_over_the_limit_is_refused_marked_seen_and_flagged(imap: ImapServer, store: LocalStore) -> None:
    imap.append(corpus.PLAIN_NEW)
    small = settings_for(imap).model_copy(update={"max_message_bytes": 100})
    report = fetch_unseen(store, small, utcnow)
    assert (report.stored, report.refused) == (0, 1) and imap.unseen() == 0


def test_an_unreachable_server_is_said_in_one_line(store: LocalStore) -> None:
    from tests.mail_server import free_port

    away = MailSettings(from_address="servicedesk@example.org", smtp_host=HOST, imap_host=HOST,
                        imap_port=free_port(), imap_security="none", timeout=2)
    report = fetch_unseen(store, away, utcnow)
    assert report.stored == 0 and report.problem and f"{HOST} unreachable" in report.problem


async def test_the_workstation_takes_the_mailbox_mail_on_its_round(imap: ImapServer, store_dir: Path) -> None:
    """R-MAIL-2: with imap_host set, the queue's round stores the user's mail and the new ticket is in the queue."""
    seed_demo(store_dir)
    settings = settings_for(imap)
    client = local_client(store_dir, "anna", mail=settings)
    app = HelplineApp(Settings(mail=settings), client=client)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(app, pilot)
            queue = app.screen
            assert isinstance(queue, QueueScreen)
            imap.append(corpus.PLAIN_NEW)
            queue.outbox.start_round()
            await settle(app, pilot)
            rows = queue.query_one(TicketList).rows
            assert any(row and row.subject == "Printer on floor 3 prints blank pages" for row in rows)
            assert imap.unseen() == 0
    finally:
        await client.aclose()
