"""R-MAIL-1 on the local store: a message to the user becomes a letter in the outbox (same write as its entry),
and a round hands it to a real SMTP server on loopback over STARTTLS, with `[HL-n]`, a fixed Message-ID and
UTF-8 text. A relay that goes away defers with backoff and the letter goes when it is back; sent is sent once."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from app.api.schemas import NoteIn, StatusIn
from app.backends.local_store import LocalStore
from app.client import HelplineClient
from app.connect import local_client
from app.domain.clock import utcnow
from app.domain.enums import Delivery, EntryKind, Recipients, Status
from app.domain.letters import FIRST_RETRY
from app.mail.settings import MailSettings
from app.seed import seed_demo
from tests.mail_server import HOST, SmtpServer

KARIN = "Karin Dahl <karin.dahl@example.org>"
PER = "Per Holm <per.holm@example.org>"


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[SmtpServer]:
    server = SmtpServer(tmp_path)
    server.start()
    yield server
    server.stop()


def mail_settings(server: SmtpServer, **changes: object) -> MailSettings:
    return MailSettings(from_address="servicedesk@example.org", from_name="Service Desk Øresund",
                        smtp_host=HOST, smtp_port=server.port, smtp_security="starttls", ca_file=server.cert,
                        timeout=5, **changes)  # type: ignore[arg-type]


@pytest.fixture
async def desk(store_dir: Path, smtp: SmtpServer) -> AsyncIterator[HelplineClient]:
    seed_demo(store_dir)
    store = LocalStore(store_dir)
    store.update("HL-2", lambda ticket: (setattr(ticket, "requester", KARIN), setattr(ticket, "requested_for", PER)))
    store.close()
    client = local_client(store_dir, "anna", mail=mail_settings(smtp))
    yield client
    await client.aclose()


async def test_a_message_to_the_user_is_queued_with_its_entry_and_sent_over_starttls(
        desk: HelplineClient, smtp: SmtpServer) -> None:
    """R-MAIL-1, R-TICKET-7: the letter is in the ticket file with the entry, addressed as chosen (both), and the
    relay receives it with [HL-2] in the subject, the queued Message-ID and the text in UTF-8."""
    ticket = await desk.add_entry("HL-2", NoteIn(kind=EntryKind.MESSAGE_TO_USER, to=Recipients.BOTH,
                                                 body="Hej Karin, skrivaren är lagad — prova igen."))
    entry = next(entry for entry in reversed(ticket.journal) if entry.kind is EntryKind.MESSAGE_TO_USER)
    assert entry.to is Recipients.BOTH
    [letter] = ticket.letters
    assert letter.entry == entry.id and letter.delivery is Delivery.QUEUED
    assert letter.to == [KARIN, PER] and letter.subject.startswith("[HL-2] ")
    report = await desk.send_mail()
    assert (report.sent, report.waiting, report.problem) == (1, 0, None)
    [received] = smtp.received
    assert sorted(received.recipients) == ["karin.dahl@example.org", "per.holm@example.org"]
    mail = received.message
    assert mail["Subject"] == letter.subject and mail["Message-ID"] == letter.message_id
    assert mail["From"] == "Service Desk Øresund <servicedesk@example.org>"
    assert mail.get_content().strip() == "Hej Karin, skrivaren är lagad — prova igen."
    stored = await desk.get("HL-2")
    assert stored.letters[0].delivery is Delivery.SENT and stored.letters[0].sent is not None
    assert stored.version == ticket.version, "a delivery is no agent's change: nobody's next write is stale"
    assert (await desk.send_mail()).sent == 0 and len(smtp.received) == 1, "sent once"


async def test_the_resolve_letter_goes_to_the_requested_for_person_when_chosen(
        desk: HelplineClient, smtp: SmtpServer) -> None:
    """R-STATUS-4, R-MAIL-1: the user is told of the solution, by a letter to whom the agent chose."""
    ticket = await desk.get("HL-2")
    if ticket.status is Status.NEW:
        ticket = await desk.begin_work("HL-2", ticket.version)
    resolved = await desk.set_status("HL-2", StatusIn(status=Status.RESOLVED, solution="Replaced the toner.",
                                                      to=Recipients.REQUESTED_FOR), ticket.version)
    [letter] = resolved.letters
    assert letter.to == [PER] and "Replaced the toner." in resolved.journal[letter.entry - 1].body
    assert (await desk.send_mail()).sent == 1
    assert smtp.received[0].recipients == ["per.holm@example.org"]


async def test_a_relay_that_goes_away_defers_with_backoff_and_the_letter_goes_when_it_is_back(
        desk: HelplineClient, smtp: SmtpServer, store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """R-MAIL-1: offline, the letter waits (deferred, with the reason and the next try) and nothing is lost;
    once the relay is back, the next round after the wait delivers it, once."""
    from app.backends import local

    await desk.add_entry("HL-2", NoteIn(kind=EntryKind.MESSAGE_TO_USER, body="We are on it."))
    smtp.stop()
    report = await desk.send_mail()
    assert (report.sent, report.deferred, report.waiting) == (0, 1, 1)
    assert report.problem and f"{HOST} unreachable" in report.problem
    [letter] = (await desk.get("HL-2")).letters
    assert letter.delivery is Delivery.DEFERRED and letter.attempts == 1 and letter.next_try is not None
    assert letter.reason == report.problem
    smtp.start()
    assert (await desk.send_mail()).sent == 0, "not before its next try"
    later = letter.next_try + timedelta(seconds=1)
    monkeypatch.setattr(local, "utcnow", lambda: later)
    report = await desk.send_mail()
    assert (report.sent, report.waiting) == (1, 0) and len(smtp.received) == 1
    assert letter.next_try - letter.queued <= FIRST_RETRY + timedelta(seconds=5)


async def test_a_relay_that_refuses_for_good_fails_the_letter_and_says_why(
        desk: HelplineClient, smtp: SmtpServer) -> None:
    """R-MAIL-1: a 5xx is no reason to try again; the journal shows the letter failed, with the relay's words."""
    smtp.keeper.refuse = "550 5.1.1 No such user here"
    await desk.add_entry("HL-2", NoteIn(kind=EntryKind.MESSAGE_TO_USER, body="Your password was reset."))
    report = await desk.send_mail()
    assert (report.failed, report.waiting) == (1, 0)
    [letter] = (await desk.get("HL-2")).letters
    assert letter.delivery is Delivery.FAILED and "550" in (letter.reason or "") and "No such user" in letter.reason


async def test_a_letter_to_nobody_with_an_address_is_recorded_as_not_sent(desk: HelplineClient) -> None:
    """R-MAIL-1: a requester without an address (most of the demo's callers) gets no letter, and the entry says
    so rather than pretending the user was told."""
    ticket = await desk.add_entry("HL-1", NoteIn(kind=EntryKind.MESSAGE_TO_USER, body="Noted, thanks."))
    [letter] = ticket.letters
    assert letter.delivery is Delivery.NOT_SENT and letter.to == []
    assert "no mail address" in (letter.reason or "")
    assert (await desk.send_mail()).waiting == 0


async def test_without_mail_configured_letters_are_recorded_as_not_sent(store_dir: Path) -> None:
    """R-MAIL-1: no `[mail]`, no relay: the letter is kept as not sent, with that reason, and the outbox says so."""
    seed_demo(store_dir)
    client = local_client(store_dir, "anna")
    try:
        ticket = await client.add_entry("HL-1", NoteIn(kind=EntryKind.MESSAGE_TO_USER, body="Noted."))
        assert ticket.letters[0].delivery is Delivery.NOT_SENT and ticket.letters[0].reason == "no mail configured"
        report = await client.send_mail()
        assert report.problem == "no mail configured" and report.waiting == 0
    finally:
        await client.aclose()


async def test_a_crash_after_the_relay_took_a_letter_repeats_it_once_with_the_same_message_id(
        desk: HelplineClient, smtp: SmtpServer, store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """R-MAIL-1: the relay accepted the letter, then the process died before the store recorded it: the next round
    sends it again, once, with the Message-ID it got when queued (a mail client shows the two as one)."""
    from app.mail import outbox

    await desk.add_entry("HL-2", NoteIn(kind=EntryKind.MESSAGE_TO_USER, body="The new laptop is ready."))

    def crashed(*_: object, **__: object) -> None:
        raise KeyboardInterrupt  # the process going away between the relay's answer and the record of it

    monkeypatch.setattr(LocalStore, "update", crashed)
    with pytest.raises(KeyboardInterrupt):
        outbox.deliver_due(LocalStore(store_dir), mail_settings(smtp), utcnow)
    monkeypatch.undo()
    assert (await desk.send_mail()).sent == 1
    assert (await desk.send_mail()).sent == 0
    first, again = smtp.received
    assert first.message["Message-ID"] == again.message["Message-ID"]



async def test_a_letters_files_go_with_it_as_attachments_of_the_mail(desk: HelplineClient, smtp: SmtpServer) -> None:
    """Issue 19: a file attached to a message to the user reaches the user with the letter, named harmlessly."""
    import base64

    from app.api.schemas import AttachmentIn

    await desk.add_entry("HL-2", NoteIn(kind=EntryKind.MESSAGE_TO_USER, body="Hej Karin, the guide is attached.",
                                        files=[AttachmentIn(name="../guide\x1b.pdf", content_type="application/pdf",
                                                            data=base64.b64encode(b"%PDF guide"))]))
    assert (await desk.send_mail()).sent == 1
    [received] = smtp.received
    (part,) = list(received.message.iter_attachments())
    assert part.get_filename() == "guide.pdf" and part.get_content_type() == "application/pdf"
    assert part.get_content() == b"%PDF guide"
