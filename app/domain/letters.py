"""Letters to the user (R-MAIL-1): a message to the user in the journal becomes a letter with its recipients,
subject and delivery, kept with the ticket by a backend that does not mail by itself (the local store).

Which people a letter goes to is the agent's choice (the entry's `to`); their addresses come from how the
ticket names them ("Karin Dahl <karin.dahl@example.org>" or a bare address). A letter to nobody with an
address is recorded as not sent, never silently dropped. Core code: no Textual, no network.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from email.utils import parseaddr

from app.domain.codes import tag_subject
from app.domain.enums import WAITING_DELIVERIES, Delivery, EntryKind, Recipients
from app.domain.models import JournalEntry, Letter, Ticket
from app.i18n import t

FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=1)  # the longest wait between two tries
GIVE_UP_AFTER = timedelta(days=5)  # as mail servers do: then the letter has failed, and the agent is shown why
NO_MAIL_CONFIGURED = "no mail configured"


def address_of(name: str | None) -> str | None:
    """The mail address in how a ticket names a person, or None when it holds none."""
    if not name:
        return None
    _, address = parseaddr(name)
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain or any(ch.isspace() or not ch.isprintable() for ch in address):
        return None
    return address


def person(name: str, address: str) -> str:
    """How the desk writes a person with an address: "Karin Dahl <karin.dahl@example.org>", the name in
    quotes when it holds a comma or the like ("Holm, Per"), never encoded (the mail's headers are, when sent)."""
    shown = " ".join("".join(ch for ch in name if ch.isprintable() or ch.isspace()).replace('"', "'").split())
    if not shown:
        return address
    if any(ch in shown for ch in '()<>@,;:\\.[]'):
        shown = f'"{shown}"'
    return f"{shown} <{address}>"


def display_name(name: str) -> str:
    """The person's name without the address ("Karin Dahl"), or the name as written."""
    shown, address = parseaddr(name)
    return shown or (name if not address_of(name) else address)


def people_for(ticket: Ticket, to: Recipients | None) -> list[str]:
    """R-MAIL-1: the people a letter goes to, as the ticket names them. Without a requested-for person every
    choice is the requester."""
    other = ticket.requested_for
    if to is Recipients.REQUESTED_FOR and other:
        return [other]
    if to is Recipients.BOTH and other:
        return [ticket.requester, other]
    return [ticket.requester]


def without_address(ticket: Ticket, to: Recipients | None) -> list[str]:
    """Who of the chosen people no letter can reach (said before it is sent)."""
    return [name for name in people_for(ticket, to) if address_of(name) is None]


def last_user_mail(ticket: Ticket) -> str | None:
    """The Message-ID of the user's last mail, which a letter answers (In-Reply-To)."""
    return next((entry.message_id for entry in reversed(ticket.journal)
                 if entry.kind is EntryKind.MESSAGE_FROM_USER and entry.message_id), None)


def new_message_id(code: str, domain: str) -> str:
    """Fixed when a letter is queued: a repeat after a crash carries the same one, and a reply names it."""
    return f"<{uuid.uuid4().hex}.{code.lower()}@{domain}>"


def queue_letters(ticket: Ticket, after_entry: int, now: datetime, mail_domain: str | None) -> list[Letter]:
    """A letter for each message to the user written after entry `after_entry`, added to the ticket in the
    same write (so a crash loses neither). `mail_domain`: of the desk's address; None when no mail is
    configured, and the letter is then recorded as not sent."""
    written = []  # from the end: entries are only appended, and a 10,000-entry journal is written to often
    for entry in reversed(ticket.journal):
        if entry.id <= after_entry:
            break
        written.append(entry)
    made = [_letter(ticket, entry, now, mail_domain) for entry in reversed(written)
            if entry.kind is EntryKind.MESSAGE_TO_USER]
    ticket.letters.extend(made)
    return made


def _letter(ticket: Ticket, entry: JournalEntry, now: datetime, mail_domain: str | None) -> Letter:
    names = people_for(ticket, entry.to)
    to = [person(display_name(name) if display_name(name) != address else "", address)
          for name in names if (address := address_of(name))]
    letter = Letter(entry=entry.id, message_id=new_message_id(ticket.code, mail_domain or "helpline.invalid"),
                    to=to, names=names, subject=tag_subject(ticket.subject, ticket.code),
                    in_reply_to=last_user_mail(ticket), queued=now, next_try=now)
    if mail_domain is None:
        return _ended(letter, Delivery.NOT_SENT, t(NO_MAIL_CONFIGURED))
    if not to:
        return _ended(letter, Delivery.NOT_SENT, t("{names}: no mail address", names=", ".join(
            display_name(name) for name in names)))
    return letter


def _ended(letter: Letter, delivery: Delivery, reason: str) -> Letter:
    return letter.model_copy(update={"delivery": delivery, "reason": reason, "next_try": None})


def record_delivery(ticket: Ticket, message_id: str, delivery: Delivery, now: datetime,
                    reason: str | None = None) -> Letter | None:
    """What a try to send the letter came to, or its bounce (FAILED after SENT). A deferred one is tried again
    after a wait that doubles up to LAST_RETRY, and has failed once it has waited GIVE_UP_AFTER; a letter that
    has ended stays as it ended (sent twice after a crash: the first end stands)."""
    index = next((n for n, letter in enumerate(ticket.letters) if letter.message_id == message_id), None)
    if index is None:
        return None
    letter = ticket.letters[index]
    bounced = letter.delivery is Delivery.SENT and delivery is Delivery.FAILED
    if letter.delivery not in WAITING_DELIVERIES and not bounced:
        return letter
    update: dict[str, object] = {"delivery": delivery, "reason": reason, "next_try": None}
    if not bounced:
        update["attempts"] = letter.attempts + 1
    if delivery is Delivery.SENT:
        update["sent"] = now
    elif delivery is Delivery.DEFERRED and now - letter.queued >= GIVE_UP_AFTER:
        update["delivery"] = Delivery.FAILED
        update["reason"] = t("{reason}; given up after {days} days", reason=reason or "", days=GIVE_UP_AFTER.days)
    elif delivery is Delivery.DEFERRED:
        update["next_try"] = now + min(FIRST_RETRY * 2 ** letter.attempts, LAST_RETRY)
    ticket.letters[index] = letter.model_copy(update=update)
    return ticket.letters[index]
