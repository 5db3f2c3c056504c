"""The queue rules as plain Python over rows: the oracle the SQLite index (app/backends/store_rows.py) is
checked against, query by query (tests/store/test_queue_index.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from app.api.backend import TicketQuery
from app.api.schemas import Sort
from app.domain.enums import OPEN_STATUSES
from app.domain.escalations import hierarchical_reasons
from app.domain.models import TicketRow
from app.domain.priority import WORK_RANK

_RANK = {priority.value: rank for priority, rank in WORK_RANK.items()}
_OPEN = {s.value for s in OPEN_STATUSES}


def _moment(value: datetime | str) -> datetime:
    """A row's time: a datetime, or its ISO text as rows read from the index keep it."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value.replace("Z", "+00:00"))


def filter_rows(rows: list[dict[str, Any]], query: TicketQuery, now: datetime) -> list[dict[str, Any]]:
    """Apply a TicketQuery to raw queue rows (plain dicts, for speed), sorted as asked."""
    selected = rows
    if query.team is not None:
        selected = [r for r in selected if r["team"] == query.team]
    if query.owner is not None:
        owner = None if query.owner == "none" else query.owner
        selected = [r for r in selected if r["owner"] == owner]
    if query.status:
        wanted = {s.value for s in query.status}
        selected = [r for r in selected if r["status"] in wanted]
    if query.open is not None:
        selected = [r for r in selected if (r["status"] in _OPEN) == query.open]
    if query.update_flag is not None:
        selected = [r for r in selected if (r["update_flag"] is not None) == query.update_flag]
    if query.flag_older_than_hours is not None:
        raised_before = now - timedelta(hours=query.flag_older_than_hours)
        selected = [r for r in selected if r["update_flag"] is not None
                    and _moment(r["update_flag"]) < raised_before]
    if query.attention is not None:
        selected = [r for r in selected if r["attention"] == query.attention]
    if query.advice_team is not None:
        selected = [r for r in selected if r.get("advice_team") == query.advice_team]
    if query.requester is not None:
        who = query.requester.strip().casefold()
        selected = [r for r in selected if who in (r["requester"].casefold(), (r["requested_for"] or "").casefold())]
    if query.q:
        needle = query.q.casefold()
        selected = [
            r for r in selected
            if needle in r["code"].casefold() or needle in r["subject"].casefold()
            or needle in r["requester"].casefold() or needle in (r["serial_number"] or "").casefold()
        ]
    if query.stale_hours is not None:
        stale_after = timedelta(hours=query.stale_hours)
        selected = [r for r in selected if r["status"] in _OPEN
                    and hierarchical_reasons(TicketRow.model_validate(r), now, stale_after)]
    keys: dict[Sort, Callable[[dict[str, Any]], Any]] = {
        Sort.WORK: lambda r: (_RANK[r["priority"]], r["created"], r["id"]),
        Sort.AGE: lambda r: (r["created"], r["id"]),
        Sort.UPDATED: lambda r: (r["updated"], r["id"]),
        Sort.CODE: lambda r: r["id"],
    }
    return sorted(selected, key=keys[query.sort])
