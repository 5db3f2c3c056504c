"""A user's mail in the desk (R-MAIL-2): it joins the ticket its subject names, or opens a new one.

Joining raises the Update flag (R-FLAG-1) and reopens a Resolved ticket within its 30 days (R-STATUS-6); a
Closed one (or one past its 30 days) gets a new ticket that follows it up. A user's mail is never refused for
its subject: a weak one is kept and the ticket marked for the agent to retitle (R-TICKET-5). Core code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.codes import format_code
from app.domain.enums import EntryKind, Kind, LinkKind, Status
from app.domain.flags import set_update_flag
from app.domain.journal import append_entry, record_event
from app.domain.limits import MAX_ENTRY_CHARS
from app.domain.models import Link, Team, Ticket
from app.domain.priority import default_impact_urgency, priority_for
from app.domain.status import apply_status_change, within_reopen_window
from app.domain.text_quality import MAX_SUBJECT_CHARS, subject_problems
from app.i18n import t

MAIL_ACTOR = "mail"  # who records a user's mail (R-JOURNAL-6): no agent typed it in
NO_SUBJECT = "(no subject)"


@dataclass(frozen=True)
class UserMail:
    """What the desk keeps of one inbound mail."""

    sender: str  # "Karin Dahl <karin.dahl@example.org>"
    subject: str
    text: str
    message_id: str | None


def _body(mail: UserMail) -> str:
    text = mail.text.strip() or t("(the mail had no text)")
    return text if len(text) <= MAX_ENTRY_CHARS else text[: MAX_ENTRY_CHARS - 1] + "…"


def can_join(ticket: Ticket, now: datetime) -> bool:
    """Whether a mail naming `ticket` joins it (else it opens a new ticket that follows it up)."""
    return ticket.status is not Status.CLOSED and (ticket.status is not Status.RESOLVED
                                                   or within_reopen_window(ticket, now))


def join(ticket: Ticket, mail: UserMail, team: Team, now: datetime) -> None:
    """The mail as the user's message on `ticket`, in place: reopened if Resolved, the Update flag raised."""
    if ticket.status is Status.RESOLVED:
        apply_status_change(ticket, Status.IN_PROGRESS, team=team, actor=MAIL_ACTOR, now=now,
                            reason=t("the user answered by mail: {subject}", subject=mail.subject or NO_SUBJECT))
    entry = append_entry(ticket, EntryKind.MESSAGE_FROM_USER, mail.sender, _body(mail), now,
                         recorded_by=MAIL_ACTOR)
    entry.message_id = mail.message_id
    set_update_flag(ticket, True, actor=MAIL_ACTOR, now=now, reason=t("the user wrote"))


def ticket_of_mail(number: int, mail: UserMail, team: Team, now: datetime, follows: Ticket | None = None) -> Ticket:
    """A new ticket in the intake `team` from a mail: the sender is the requester, the mail the first message;
    `follows`: the Closed ticket the mail named, linked both ways by the caller."""
    # A user's words, kept, but never a control character in a title every list shows.
    subject = " ".join("".join(ch for ch in mail.subject if ch.isprintable() or ch.isspace()).split())
    subject = subject[:MAX_SUBJECT_CHARS] or NO_SUBJECT
    impact, urgency = default_impact_urgency(Kind.INCIDENT)
    ticket = Ticket(id=number, code=format_code(number), kind=Kind.INCIDENT, subject=subject,
                    description=_body(mail), requester=mail.sender, team=team.id,
                    primary_team=team.id if team.primary else None, impact=impact, urgency=urgency,
                    priority=priority_for(Kind.INCIDENT, impact, urgency), created=now, updated=now,
                    retitle=bool(subject_problems(subject)))
    record_event(ticket, "created", {"event": "registered_from_mail", "sender": mail.sender, "team": team.name}, now,
                 actor=MAIL_ACTOR)
    if follows is not None:
        ticket.links.append(Link(code=follows.code, kind=LinkKind.FOLLOWS_UP))
    entry = append_entry(ticket, EntryKind.MESSAGE_FROM_USER, mail.sender, _body(mail), now, recorded_by=MAIL_ACTOR)
    entry.message_id = mail.message_id
    set_update_flag(ticket, True, actor=MAIL_ACTOR, now=now, reason=t("the user wrote"))
    return ticket


def followed_up(closed: Ticket, newer: Ticket, now: datetime) -> None:
    """The Closed ticket leads to the one its user's mail opened (R-STATUS-6)."""
    closed.links.append(Link(code=newer.code, kind=LinkKind.FOLLOWED_UP_BY))
    record_event(closed, "link", {"event": "followed_up_by_mail", "code": newer.code}, now, actor=MAIL_ACTOR)
