"""Dutch catalogue: English text -> Dutch (the desk's Dutch helpdesk manual, ../shared/seeds/, sets the words)."""

from __future__ import annotations

CATALOG: dict[str, str] = {}
