"""A queued letter as the mail that leaves (R-MAIL-1, R-TICKET-7): `[HL-n]` in its subject, the Message-ID fixed
when it was queued, In-Reply-To/References of the user's last mail, UTF-8 text. Core code: no Textual."""

from __future__ import annotations

import re
from collections.abc import Sequence
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr

from app.domain.models import Attachment, Letter, Ticket
from app.mail.settings import MailSettings


def one_line(text: str) -> str:
    """Text from outside (a subject a user wrote) as a header value: never a second header (no line breaks,
    no control characters)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


_MIME_TYPE = re.compile(r"^([a-z0-9][a-z0-9!#$&^_.+-]{0,63})/([a-z0-9][a-z0-9!#$&^_.+-]{0,63})$")


def mail_of(ticket: Ticket, letter: Letter, settings: MailSettings,
            files: Sequence[tuple[Attachment, bytes]] = ()) -> EmailMessage:
    """The letter of `ticket` as it is handed to the relay: the body is the journal entry's text, word for word
    what the agent saw before it went; `files`: the entry's own files (issue 19), attached."""
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
    for attachment, data in files:
        # The declared type only when it is one (a sender's "text/html; x" is none): else plain bytes.
        kind = _MIME_TYPE.match(attachment.content_type.lower())
        main, sub = kind.groups() if kind else ("application", "octet-stream")
        message.add_attachment(data, maintype=main, subtype=sub, filename=one_line(attachment.name))
    return message
