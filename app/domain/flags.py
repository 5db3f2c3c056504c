"""Update and Attention flags (R-FLAG-1, R-FLAG-2)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.enums import EntryKind
from app.domain.journal import record_event
from app.domain.models import Ticket

DEFAULT_OVERDUE_AFTER = timedelta(hours=24)


def update_flag_overdue(update_flag: datetime | None, now: datetime, threshold: timedelta) -> bool:
    """R-FLAG-1: a flag left up longer than the threshold is overdue."""
    return update_flag is not None and now - update_flag > threshold


def user_answered_since_flag(ticket: Ticket) -> bool:
    """R-FLAG-1: whether the user has had an answer since the Update flag went up: a message to the user written
    at or after the flag's time. True when no flag is up (nobody is waiting). Only the entries the ticket holds
    are seen: a window of the newest ones that begins after the flag may miss an older answer (False then)."""
    raised = ticket.update_flag
    if raised is None:
        return True
    return any(entry.kind is EntryKind.MESSAGE_TO_USER and entry.created >= raised for entry in ticket.journal)


def _unanswered_for_sure(ticket: Ticket) -> bool:
    """No answer since the flag went up, and the entries held reach back to the flag (nothing older unseen)."""
    raised = ticket.update_flag
    if raised is None or user_answered_since_flag(ticket):
        return False
    return ticket.journal_complete or any(entry.created <= raised for entry in ticket.journal)


def set_update_flag(ticket: Ticket, raised: bool, *, actor: str, now: datetime, reason: str | None = None
                    ) -> Ticket:
    """R-FLAG-1: raised when someone writes and a reaction is due; cleared once the user has an answer.

    The journal event names who raised or cleared it (R-JOURNAL-6) and, given one, why ("reopened", "answered the
    user"); a flag cleared with no answer since it went up says so."""
    if raised == (ticket.update_flag is not None):
        return ticket
    said: dict[str, object] = {"event": "update_flag_raised" if raised else "update_flag_cleared", "actor": actor}
    if reason:
        said["reason"] = reason
    elif not raised and _unanswered_for_sure(ticket):
        said["unanswered"] = True
    ticket.update_flag = now if raised else None
    record_event(ticket, "flag", said, now, actor=actor)
    return ticket


def set_attention(ticket: Ticket, on: bool, *, actor: str, now: datetime) -> Ticket:
    """R-FLAG-2: "Demands attention", an agent's own marker."""
    if on == ticket.attention:
        return ticket
    ticket.attention = on
    record_event(ticket, "flag", {"event": "attention_set" if on else "attention_cleared", "actor": actor}, now,
                 actor=actor)
    return ticket
