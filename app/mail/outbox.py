"""The local store's outbox (R-MAIL-1): letters wait in their tickets' files (queued in the same write as their
journal entry) and the index knows which tickets have one due (rows.mail_due). A round hands the due ones
to the relay, without the store's lock held while the relay talks, then records each outcome.

A letter is sent once: its outcome is recorded as soon as the relay answers. A crash between the relay's
acceptance and that record sends it once more, with the same Message-ID, which mail clients show once.
Core code: no Textual.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime

from app.api.schemas import OutboxReport
from app.backends.local_store import LocalStore
from app.domain.codes import format_code
from app.domain.enums import WAITING_DELIVERIES, Delivery
from app.domain.letters import record_delivery
from app.domain.models import Attachment, Letter, Ticket
from app.errors import HelplineError
from app.mail import relay
from app.mail.letter_mail import mail_of
from app.mail.settings import MailSettings

ROUND = 200  # tickets with letters due, per round: a backlog drains over rounds, never in one long lock


def _files_of(store: LocalStore, ticket: Ticket, letter: Letter) -> list[tuple[Attachment, bytes]]:
    """Issue 19: the files the letter's entry came with, read whole (a letter's are 50 MB together at most)."""
    files = []
    for attachment in ticket.attachments:
        if attachment.entry != letter.entry:
            continue
        listed, fd, size = store.open_attachment(ticket.code, attachment.handle)
        try:
            with os.fdopen(fd, "rb", closefd=False) as stream:
                data = stream.read(size)
        finally:
            os.close(fd)
        files.append((listed, data))
    return files


def deliver_due(store: LocalStore, settings: MailSettings, clock: Callable[[], datetime]) -> OutboxReport:
    """One round: every letter due now, handed to the relay; what each came to, recorded."""
    now = clock()
    numbers = store.query_index(lambda table: table.mail_due(now, ROUND))
    batch: list[tuple[Ticket, Letter, list[tuple[Attachment, bytes]]]] = []
    for number in numbers:
        try:
            ticket = store.get(format_code(number))
        except HelplineError:
            continue  # a damaged file is named where it is read; its letters wait for its repair
        due = [letter for letter in ticket.letters
               if letter.delivery in WAITING_DELIVERIES and letter.next_try and letter.next_try <= now]
        try:
            batch += [(ticket, letter, _files_of(store, ticket, letter)) for letter in due]
        except HelplineError:
            continue  # a file it carries is damaged or gone: the letter waits, never goes without it
    outcomes = relay.send(settings, [mail_of(ticket, letter, settings, files) for ticket, letter, files in batch])
    by_ticket: dict[str, list[tuple[str, relay.Outcome]]] = {}
    for (ticket, letter, _), outcome in zip(batch, outcomes, strict=True):
        by_ticket.setdefault(ticket.code, []).append((letter.message_id, outcome))
    recorded_at = clock()
    for code, results in by_ticket.items():
        def record(ticket: Ticket, results: list[tuple[str, relay.Outcome]] = results) -> None:
            for message_id, outcome in results:
                record_delivery(ticket, message_id, outcome.delivery, recorded_at, outcome.reason)

        store.update(code, record, new_version=False)
    problems = [outcome.reason for outcome in outcomes if outcome.delivery is Delivery.DEFERRED and outcome.reason]
    return OutboxReport(
        sent=sum(outcome.delivery is Delivery.SENT for outcome in outcomes),
        deferred=sum(outcome.delivery is Delivery.DEFERRED for outcome in outcomes),
        failed=sum(outcome.delivery is Delivery.FAILED for outcome in outcomes),
        waiting=store.query_index(lambda table: table.letters_waiting()),
        problem=problems[0] if problems else None,
    )

