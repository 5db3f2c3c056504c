"""Update and Attention flags (R-FLAG-1, R-FLAG-2)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.journal import system_event
from app.domain.models import Ticket
from app.i18n import t

DEFAULT_OVERDUE_AFTER = timedelta(hours=24)


def update_flag_overdue(update_flag: datetime | None, now: datetime, threshold: timedelta) -> bool:
    """R-FLAG-1: a flag left up longer than the threshold is overdue."""
    return update_flag is not None and now - update_flag > threshold


def set_update_flag(ticket: Ticket, raised: bool, *, actor: str, now: datetime) -> Ticket:
    """R-FLAG-1: raised when someone writes and a reaction is due; cleared once the user has an answer."""
    if raised == (ticket.update_flag is not None):
        return ticket
    ticket.update_flag = now if raised else None
    text = t("Update flag raised by {actor}") if raised else t("Update flag cleared by {actor}")
    system_event(ticket, "flag", text.format(actor=actor), now, actor=actor)
    return ticket


def set_attention(ticket: Ticket, on: bool, *, actor: str, now: datetime) -> Ticket:
    """R-FLAG-2: "Demands attention", an agent's own marker."""
    if on == ticket.attention:
        return ticket
    ticket.attention = on
    text = t("Attention flag set by {actor}") if on else t("Attention flag cleared by {actor}")
    system_event(ticket, "flag", text.format(actor=actor), now, actor=actor)
    return ticket
