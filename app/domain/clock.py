"""One notion of "now" for the rules: aware UTC datetimes only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def utcnow() -> datetime:
    return datetime.now(UTC)


def span(elapsed: timedelta) -> str:
    """How long, in the one unit a queue reads at a glance: 45m, 7h, 3d (never negative)."""
    seconds = max(0, int(elapsed.total_seconds()))
    if seconds < 3600:
        return f"{seconds // 60}m"
    if seconds < 86400:
        return f"{seconds // 3600}h"
    return f"{seconds // 86400}d"
