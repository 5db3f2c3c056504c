"""Why a row is in the view that asks a question of it: the last column of views 4 and 6 says it in words.

View 4 (Update flag raised, R-FLAG-1) tells a flag up too long from a fresh one; view 6 (hierarchical
escalation candidates, R-ESC-4) gives each ticket its reason, so the dispatcher need not open it to see why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from app.domain.clock import span
from app.domain.escalations import hierarchical_reasons
from app.domain.flags import update_flag_overdue
from app.domain.models import TicketRow
from app.i18n import t

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
