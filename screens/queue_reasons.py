"""Why a row is in the view that asks a question of it: the last column of views 4, 6 and 8 says it in words.

View 4 (Update flag raised, R-FLAG-1) tells a flag up too long from a fresh one; view 6 (hierarchical
escalation candidates, R-ESC-4) gives each ticket its reason, so the dispatcher need not open it to see why;
view 8 (Escalations I follow, R-ESC-5) where each of the ticket's escalations stands and who handles it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime, timedelta

from app.domain.clock import span
from app.domain.enums import EscalationStatus
from app.domain.escalations import hierarchical_reasons
from app.domain.flags import update_flag_overdue
from app.domain.models import TicketRow
from app.i18n import label, t

# The text of the row's last column and whether it is urgent (drawn as an overdue flag is).
Reason = Callable[[TicketRow, datetime], tuple[str, bool]]


def flag_age(overdue_after: timedelta) -> Reason:
    def reason(row: TicketRow, now: datetime) -> tuple[str, bool]:
        if row.update_flag is None:
            return "", False
        if update_flag_overdue(row.update_flag, now, overdue_after):
            return t("overdue: up {span}", span=span(now - row.update_flag)), True
        return t("up {span}", span=span(now - row.update_flag)), False

    return reason


def candidate_reasons(stale_after: timedelta) -> Reason:
    def reason(row: TicketRow, now: datetime) -> tuple[str, bool]:
        reasons = hierarchical_reasons(row, now, stale_after)
        return ", ".join(reasons), bool(reasons)

    return reason


def escalation_states(parties: Collection[str], who: Callable[[str | None], str]) -> Reason:
    """Each escalation of the row `parties` (the agent and the agent's teams) is party to: number, status and
    handler; urgent while one is still open (nobody has taken it on)."""
    def reason(row: TicketRow, now: datetime) -> tuple[str, bool]:
        mine = [e for e in row.escalations if {e.created_by, e.handler, e.follow_up} & set(parties)]
        text = "; ".join(f"{e.number.removeprefix(row.code + '-')} {label(e.kind)}: {label(e.status)}, "
                         f"{who(e.handler)}" for e in mine)
        return text, any(e.status is EscalationStatus.OPEN for e in mine)

    return reason
