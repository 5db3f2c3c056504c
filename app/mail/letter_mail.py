"""A queued letter as the mail that leaves (R-MAIL-1, R-TICKET-7): `[HL-n]` in its subject, the Message-ID fixed
when it was queued, In-Reply-To/References of the user's last mail, UTF-8 text. Core code: no Textual."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr

from app.domain.models import Letter, Ticket
from app.mail.settings import MailSettings


def one_line(text: str) -> str:
    """Text from outside (a subject a user wrote) as a header value: never a second header (no line breaks,
    no control characters)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def mail_of(ticket: Ticket, letter: Letter, settings: MailSettings) -> EmailMessage:
    """The letter of `ticket` as it is handed to the relay: the body is the journal entry's text, word for word
    what the agent saw before it went."""
    entry = next(entry for entry in ticket.journal if entry.id == letter.entry)
    message = EmailMessage(policy=SMTP)
    message["From"] = formataddr((one_line(settings.from_name), settings.from_address))
    message["To"] = ", ".join(letter.to)
    message["Subject"] = one_line(letter.subject)
    message["Date"] = format_datetime(letter.queued)
    message["Message-ID"] = letter.message_id
    if letter.in_reply_to:
        message["In-Reply-To"] = letter.in_reply_to
        message["References"] = letter.in_reply_to
    message["X-Helpline-Ticket"] = ticket.code
    message.set_content(entry.body, charset="utf-8")
    return message
