"""R-MAIL-2 on the local store: `helpline mail-in` stores a user's mail (joining the ticket its subject names,
raising the Update flag, reopening a Resolved one within 30 days; a Closed one gets a new linked ticket; other
mail opens a ticket in the intake team), never starts a loop, stores a Message-ID once, and answers an MTA in
exit codes. A corpus of real shapes goes through without a traceback."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from app.backends.local_store import LocalStore
from app.domain.clock import utcnow
from app.domain.enums import Delivery, EntryKind, LinkKind, Status
from app.domain.letters import queue_letters
from app.domain.models import Ticket
from app.mail.inbound import EX_DATAERR, EX_OK, EX_TEMPFAIL, KEPT_FOLDER, receive
from app.mail.settings import MailSettings
from app.seed import seed_demo
from tests.mail import corpus

SETTINGS = MailSettings(from_address="servicedesk@example.org", smtp_host="127.0.0.1", intake_team="support")


def deliver(store: LocalStore, raw: bytes, settings: MailSettings = SETTINGS) -> tuple[int, str]:
    verdict = receive(raw, store, settings, utcnow)
    return verdict.code, verdict.said


def newest(store: LocalStore) -> Ticket:
    return store.get(max(store.rows(), key=lambda row: row["id"])["code"])


def test_a_mail_naming_no_ticket_opens_one_in_the_intake_team_with_the_sender_as_requester(
        store: LocalStore) -> None:
    """R-MAIL-2: other mail opens a new ticket; the sender is the requester, the text the user's message, and the
    Update flag says a reaction is due."""
    code, said = deliver(store, corpus.PLAIN_NEW)
    assert code == EX_OK and said.startswith("opened HL-")
    made = newest(store)
    assert made.team == "support" and made.requester == "Karin Dahl <karin.dahl@example.org>"
    assert made.subject == "Printer on floor 3 prints blank pages" and not made.retitle
    message = [e for e in made.journal if e.kind is EntryKind.MESSAGE_FROM_USER]
    assert message[0].author == made.requester and message[0].recorded_by == "mail"
    assert "blank pages since this morning" in message[0].body
    assert made.update_flag is not None


def test_the_same_message_id_delivered_twice_is_stored_once(store: LocalStore) -> None:
    """R-MAIL-2: an MTA that retries after a lost answer does not make a second ticket."""
    before = len(store.rows())
    assert deliver(store, corpus.PLAIN_NEW)[0] == EX_OK
    code, said = deliver(store, corpus.PLAIN_NEW)
    assert code == EX_OK and said.startswith("already stored with HL-")
    assert len(store.rows()) == before + 1


def test_a_reply_joins_its_ticket_and_raises_the_update_flag(store: LocalStore) -> None:
    """R-MAIL-2, R-FLAG-1, R-TICKET-7: the code in the subject finds the ticket; the reply is the user's message
    with its Message-ID, whole (the quoted letter kept)."""
    store.update("HL-12", lambda ticket: setattr(ticket, "update_flag", None))
    code, said = deliver(store, corpus.reply("HL-12", "reply-12"))
    assert (code, said) == (EX_OK, "joined HL-12")
    ticket = store.get("HL-12")
    entry = ticket.journal[-2] if ticket.journal[-1].kind is EntryKind.SYSTEM_EVENT else ticket.journal[-1]
    assert entry.kind is EntryKind.MESSAGE_FROM_USER and entry.message_id == "<reply-12@mail.example.org>"
    assert "It prints again" in entry.body and "> Dear user" in entry.body
    assert ticket.update_flag is not None


def test_a_reply_to_a_resolved_ticket_within_30_days_reopens_it(store: LocalStore) -> None:
    """R-STATUS-6: HL-55 was resolved today; the user's answer reopens it to In Progress, said in the journal."""
    assert store.get("HL-55").status is Status.RESOLVED
    assert deliver(store, corpus.reply("HL-55", "reply-55", "Still broken."))[1] == "joined HL-55"
    ticket = store.get("HL-55")
    assert ticket.status is Status.IN_PROGRESS and ticket.update_flag is not None
    assert any("Reopened" in e.body and "answered by mail" in e.body for e in ticket.journal)


def test_a_reply_to_a_closed_ticket_opens_a_new_one_linked_both_ways(store: LocalStore) -> None:
    """R-STATUS-6, R-MAIL-2: Closed is final; the mail opens a new ticket that follows the closed one up."""
    code, said = deliver(store, corpus.reply("HL-72", "reply-72", "The problem is back."))
    assert code == EX_OK and said.endswith("following up HL-72")
    made = newest(store)
    assert link_kinds(made) == {("HL-72", LinkKind.FOLLOWS_UP)}
    assert (made.code, LinkKind.FOLLOWED_UP_BY) in link_kinds(store.get("HL-72"))
    assert store.get("HL-72").status is Status.CLOSED


def link_kinds(ticket: Ticket) -> set[tuple[str, LinkKind]]:
    return {(link.code, link.kind) for link in ticket.links}


def test_a_reply_without_a_code_joins_the_ticket_whose_letter_it_answers(store: LocalStore) -> None:
    """R-MAIL-2: a client that rewrote the subject still says In-Reply-To our letter's Message-ID."""
    store.update("HL-12", a_letter)
    answered = store.get("HL-12").letters[-1].message_id
    raw = corpus.PLAIN_NEW.replace(b"Message-ID: <plain-new-1@", b"In-Reply-To: " + answered.encode()
                                   + b"\r\nMessage-ID: <other@")
    assert deliver(store, raw)[1] == "joined HL-12"


def a_letter(ticket: Ticket) -> None:
    """A message to Karin Dahl, queued as the local store queues one."""
    from app.domain.journal import append_entry

    ticket.requester = "Karin Dahl <karin.dahl@example.org>"
    entry = append_entry(ticket, EntryKind.MESSAGE_TO_USER, "jonas", "Try the other tray.", utcnow())
    queue_letters(ticket, entry.id - 1, utcnow(), "example.org")


def test_a_weak_subject_is_kept_and_marked_for_the_agent_to_retitle(store: LocalStore) -> None:
    """R-MAIL-2, R-TICKET-5: a user's mail is never refused for its subject."""
    assert deliver(store, corpus.WEAK_SUBJECT)[0] == EX_OK
    made = newest(store)
    assert made.subject == "help" and made.retitle


@pytest.mark.parametrize("raw", [corpus.AUTO_REPLY, corpus.BULK, corpus.FROM_THE_DESK, corpus.MAILER_DAEMON],
                         ids=["auto-reply", "bulk", "from the desk", "mailer-daemon"])
def test_no_mail_loop_can_start(store: LocalStore, raw: bytes) -> None:
    """R-MAIL-2: automatic replies, bulk mail, the desk's own letters and mailer-daemons never open a ticket nor
    join one (an out-of-office naming HL-12 leaves it as it was)."""
    before, twelve = len(store.rows()), store.get("HL-12")
    code, said = deliver(store, raw)
    assert code == EX_OK and said.startswith("dropped: ")
    assert len(store.rows()) == before and store.get("HL-12") == twelve


def test_a_bounce_marks_the_letter_it_bounces_as_failed(store: LocalStore) -> None:
    """R-MAIL-2: a delivery report opens no ticket; the letter it names is failed, with the report's reason."""
    store.update("HL-12", a_letter)
    letter = store.get("HL-12").letters[-1]
    store.update("HL-12", lambda ticket: _sent(ticket, letter.message_id), new_version=False)
    before = len(store.rows())
    code, said = deliver(store, corpus.bounce(letter.message_id))
    assert code == EX_OK and "as failed" in said and len(store.rows()) == before
    failed = store.get("HL-12").letters[-1]
    assert failed.delivery is Delivery.FAILED and "550 5.1.1" in (failed.reason or "")


def _sent(ticket: Ticket, message_id: str) -> None:
    from app.domain.letters import record_delivery

    record_delivery(ticket, message_id, Delivery.SENT, utcnow())


@pytest.mark.parametrize("name", list(corpus.STORED_SHAPES))
def test_every_shape_of_real_mail_is_stored_or_kept_never_a_traceback(store: LocalStore, name: str) -> None:
    """R-MAIL-2: each shape opens a ticket whose message is readable text, or is kept whole for an agent."""
    raw = corpus.STORED_SHAPES[name]
    before = len(store.rows())
    code, said = deliver(store, raw)
    assert code == EX_OK, said
    if said.startswith("kept"):
        kept = list((store.root / KEPT_FOLDER).iterdir())
        assert [path.read_bytes() for path in kept] == [raw]
        return
    assert said.startswith("opened") and len(store.rows()) == before + 1
    text = next(e.body for e in newest(store).journal if e.kind is EntryKind.MESSAGE_FROM_USER)
    assert text.strip() and "<" not in text.replace("<https://", "").split("\n")[0], text


def test_the_shapes_read_as_their_senders_wrote_them(store: LocalStore) -> None:
    """Encoded headers decoded, HTML made text (no script, no style, the link kept), charsets honoured."""
    deliver(store, corpus.ALTERNATIVE_QP)
    soren = newest(store)
    assert soren.requester == "Søren Bæk <soren.baek@example.org>"
    assert soren.subject == "VPN forbinder ikke fra hjemmekontoret – fejl 809"
    assert "også efter genstart" in soren.journal[-2].body or "også efter genstart" in soren.description
    deliver(store, corpus.HTML_ONLY_1252)
    femke = newest(store).description
    assert "Outlook crasht zodra ik het open." in femke and "Café & €" in femke
    assert "alert" not in femke and "color:red" not in femke and "<https://x.example/log>" in femke
    deliver(store, corpus.EIGHT_BIT_UNDECLARED)
    assert "Skärmen flimrar när jag kopplar in dockan." in newest(store).description
    deliver(store, corpus.MIXED_NESTED)
    assert newest(store).description.startswith("Is this mail real?")


def test_a_mail_over_the_limit_is_refused_with_65(store: LocalStore) -> None:
    small = SETTINGS.model_copy(update={"max_message_bytes": 100})
    code, said = deliver(store, corpus.PLAIN_NEW, small)
    assert code == EX_DATAERR and "more than the limit of 100" in said


def run_mail_in(store_dir: Path, raw: bytes, config: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "HELPLINE_CONFIG_DIR": str(config.parent)}
    return subprocess.run([sys.executable, "-m", "app.cli", "--store", str(store_dir), "mail-in"], input=raw,
                          capture_output=True, env=env, timeout=60)


def test_mail_in_as_an_mta_runs_it_answers_in_exit_codes(store_dir: Path, tmp_path: Path) -> None:
    """The process an MTA pipes into: 0 stored; 75 when it cannot be stored now (no [mail], a store it cannot
    open), so the MTA keeps the mail and tries again; one line on standard error, never a traceback."""
    seed_demo(store_dir)
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    config.write_text('[mail]\nfrom_address = "servicedesk@example.org"\nsmtp_host = "127.0.0.1"\n')
    stored = run_mail_in(store_dir, corpus.PLAIN_NEW, config)
    assert stored.returncode == EX_OK and b"opened HL-75" in stored.stderr
    config.write_text("")
    unconfigured = run_mail_in(store_dir, corpus.PLAIN_NEW, config)
    assert unconfigured.returncode == EX_TEMPFAIL and b"no [mail]" in unconfigured.stderr
    assert b"Traceback" not in unconfigured.stderr + stored.stderr


def test_a_reopen_window_past_30_days_opens_a_new_ticket(store: LocalStore) -> None:
    """R-STATUS-6: HL-60 was resolved over 30 days ago (not yet closed by the housekeeping): a new ticket."""
    resolved_at = store.get("HL-60").resolved_at
    assert resolved_at is not None and utcnow() - resolved_at > timedelta(days=30)
    assert deliver(store, corpus.reply("HL-60", "reply-60"))[1].endswith("following up HL-60")


def test_attachments_are_stored_with_the_ticket_within_the_stores_limits(
        store: LocalStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """R-MAIL-2: a mail's files (a forwarded message among them) are kept with its ticket, as the escalation
    form's are; those over the store's limits are named as not kept, never silently dropped."""
    from app.mail import inbound

    assert deliver(store, corpus.MIXED_NESTED)[0] == EX_OK
    made = newest(store)
    assert sorted(a.name for a in made.attachments) == ["forwarded-message.eml", "scan.pdf"]
    pdf = store.attachment_path(made.code, "scan.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-1.4")
    assert b"Click here to keep your account." in store.attachment_path(made.code,
                                                                         "forwarded-message.eml").read_bytes()
    monkeypatch.setattr(inbound, "MAX_ATTACHMENTS", 1)
    assert deliver(store, corpus.MIXED_NESTED.replace(b"<mixed-4@", b"<mixed-5@"))[0] == EX_OK
    second = newest(store)
    assert len(second.attachments) == 1
    assert any("1 attachment(s) of the mail not kept" in e.body for e in second.journal)


def test_control_characters_of_a_hostile_mail_never_reach_a_title_or_a_name(store: LocalStore) -> None:
    """Text from outside: an escape sequence or a bidi override in From or Subject is dropped from the ticket's
    requester and subject (the body keeps what was sent and is shown literally, app/plain_text.py)."""
    raw = (b"From: =?utf-8?b?" + base64.b64encode("Mallory \x1b]52;c;aGk=\x07 \u202eevil".encode())
           + b"?= <mallory@example.org>\r\nSubject: =?utf-8?b?"
           + base64.b64encode("Printer \x1b[2J on fire \u202e".encode())
           + b"?=\r\nMessage-ID: <hostile-1@example.org>\r\n\r\nHello\r\n")
    assert deliver(store, raw)[0] == EX_OK
    made = newest(store)
    assert made.subject == "Printer [2J on fire" and made.requester.endswith("<mallory@example.org>")
    assert not any(not ch.isprintable() for ch in made.subject + made.requester)


def test_a_mail_that_breaks_while_it_is_stored_is_kept_for_an_agent(store: LocalStore,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Never lost, never a traceback: a mail whose routing fails in a way nobody foresaw (a header that only
    breaks when read) is kept whole for an agent, and the MTA is told it was taken."""
    from app.domain import mail_in

    def broken(*_: object) -> None:
        raise ValueError("a header that cannot be read")

    monkeypatch.setattr(mail_in, "join", broken)
    code, said = deliver(store, corpus.reply("HL-12", "breaks"))
    assert code == EX_OK and said.startswith("kept for an agent") and "a header that cannot be read" in said
    assert [path.read_bytes() for path in (store.root / KEPT_FOLDER).iterdir()] == [corpus.reply("HL-12", "breaks")]
